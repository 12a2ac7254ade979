//! A session driven by frankenstein 0.52.1 (the client the bot uses): every answer the fake
//! gives must decode into frankenstein's types.

use frankenstein::AsyncTelegramApi;
use frankenstein::client_reqwest::Bot;
use frankenstein::input_file::{FileUpload, InputFile};
use frankenstein::methods::{
    AnswerCallbackQueryParams, AnswerPreCheckoutQueryParams, EditMessageTextParams, GetFileParams, GetUpdatesParams,
    SendInvoiceParams, SendMessageParams, SendPhotoParams,
};
use frankenstein::payments::LabeledPrice;
use frankenstein::types::{
    AllowedUpdate, InlineKeyboardButton, InlineKeyboardMarkup, MaybeInaccessibleMessage, ReplyMarkup,
};
use frankenstein::updates::{Update, UpdateContent};
use frankenstein::{Error, ParseMode};

use crate::helpers::{fake, png};

async fn next_updates(bot: &Bot, offset: &mut i64) -> Vec<Update> {
    let params = GetUpdatesParams::builder()
        .offset(*offset)
        .timeout(5)
        .allowed_updates(vec![
            AllowedUpdate::Message,
            AllowedUpdate::CallbackQuery,
            AllowedUpdate::PreCheckoutQuery,
            AllowedUpdate::MyChatMember,
        ])
        .build();
    let updates = bot.get_updates(&params).await.expect("getUpdates").result;
    if let Some(last) = updates.last() {
        *offset = i64::from(last.update_id) + 1;
    }
    updates
}

#[tokio::test]
async fn a_frankenstein_bot_runs_a_whole_session() {
    let fake = fake().await;
    let bot = Bot::new_url(format!("{}/bot{}", fake.api_url(), fake.token()));
    let user = fake.user_with(77, "Ali", Some("ali"), "fa");
    let me = bot.get_me().await.expect("getMe").result;
    assert_eq!(me.username.as_deref(), Some(fake.bot_username().as_str()));

    user.send_text("/start");
    let mut offset = 0;
    let updates = next_updates(&bot, &mut offset).await;
    let UpdateContent::Message(start) = &updates[0].content else {
        panic!("expected a message, got {:?}", updates[0].content);
    };
    assert_eq!(start.text.as_deref(), Some("/start"));

    let keyboard = InlineKeyboardMarkup::builder()
        .inline_keyboard(vec![vec![
            InlineKeyboardButton::builder()
                .text("Buy")
                .callback_data("buy:1")
                .build(),
        ]])
        .build();
    let sent = bot
        .send_message(
            &SendMessageParams::builder()
                .chat_id(77)
                .text("<b>Menu</b>")
                .parse_mode(ParseMode::Html)
                .reply_markup(ReplyMarkup::InlineKeyboardMarkup(keyboard))
                .build(),
        )
        .await
        .expect("sendMessage")
        .result;
    assert_eq!(sent.text.as_deref(), Some("Menu"));

    user.tap_button("Buy");
    let updates = next_updates(&bot, &mut offset).await;
    let UpdateContent::CallbackQuery(query) = &updates[0].content else {
        panic!("expected a callback query, got {:?}", updates[0].content);
    };
    assert_eq!(query.data.as_deref(), Some("buy:1"));
    assert!(matches!(query.message, Some(MaybeInaccessibleMessage::Message(_))));
    bot.answer_callback_query(
        &AnswerCallbackQueryParams::builder()
            .callback_query_id(query.id.clone())
            .text("OK")
            .build(),
    )
    .await
    .expect("answerCallbackQuery");
    bot.edit_message_text(
        &EditMessageTextParams::builder()
            .chat_id(77)
            .message_id(sent.message_id)
            .text("Paying…")
            .build(),
    )
    .await
    .expect("editMessageText");

    let path = std::env::temp_dir().join(format!("moonvpn-fake-telegram-{}.png", std::process::id()));
    std::fs::write(&path, png()).expect("temp file");
    let photo = bot
        .send_photo(
            &SendPhotoParams::builder()
                .chat_id(77)
                .photo(FileUpload::InputFile(InputFile { path: path.clone() }))
                .caption("QR")
                .build(),
        )
        .await
        .expect("sendPhoto")
        .result;
    let _ = std::fs::remove_file(&path);
    let file_id = photo
        .photo
        .as_ref()
        .and_then(|p| p.last())
        .map(|p| p.file_id.clone())
        .expect("photo");
    let file = bot
        .get_file(&GetFileParams::builder().file_id(file_id).build())
        .await
        .expect("getFile")
        .result;
    assert!(file.file_path.is_some());

    let invoice = bot
        .send_invoice(
            &SendInvoiceParams::builder()
                .chat_id(77)
                .title("Gold")
                .description("1 month")
                .payload("order:9")
                .currency("XTR")
                .prices(vec![LabeledPrice::builder().label("Gold").amount(100).build()])
                .build(),
        )
        .await
        .expect("sendInvoice")
        .result;
    user.pay_invoice(i64::from(invoice.message_id));
    let updates = next_updates(&bot, &mut offset).await;
    let UpdateContent::PreCheckoutQuery(pre_checkout) = &updates[0].content else {
        panic!("expected a pre-checkout query, got {:?}", updates[0].content);
    };
    bot.answer_pre_checkout_query(
        &AnswerPreCheckoutQueryParams::builder()
            .pre_checkout_query_id(pre_checkout.id.clone())
            .ok(true)
            .build(),
    )
    .await
    .expect("answerPreCheckoutQuery");
    let updates = next_updates(&bot, &mut offset).await;
    let UpdateContent::Message(paid) = &updates[0].content else {
        panic!("expected the payment message, got {:?}", updates[0].content);
    };
    let payment = paid.successful_payment.as_ref().expect("successful_payment");
    assert_eq!(payment.total_amount, 100);

    user.block_bot();
    let updates = next_updates(&bot, &mut offset).await;
    assert!(matches!(updates[0].content, UpdateContent::MyChatMember(_)));
    let refused = bot
        .send_message(&SendMessageParams::builder().chat_id(77).text("promo").build())
        .await;
    match refused {
        Err(Error::Api(e)) => {
            assert_eq!(e.error_code, 403);
            assert_eq!(e.description, "Forbidden: bot was blocked by the user");
        }
        other => panic!("expected 403, got {other:?}"),
    }
}

#[tokio::test]
async fn frankenstein_sees_retry_after_on_429() {
    let fake = fake().await;
    let bot = Bot::new_url(format!("{}/bot{}", fake.api_url(), fake.token()));
    fake.user(5).send_text("/start");
    fake.set_rate_limit_with_burst(1, 1, 30);
    let send = SendMessageParams::builder().chat_id(5).text("x").build();
    bot.send_message(&send).await.expect("first message");
    match bot.send_message(&send).await {
        Err(Error::Api(e)) => {
            assert_eq!(e.error_code, 429);
            assert_eq!(e.parameters.and_then(|p| p.retry_after), Some(1));
        }
        other => panic!("expected 429, got {other:?}"),
    }
}
