//! Parameters checked against the Bot API spec, with Telegram's wording.

use serde_json::json;

use crate::helpers::{call_form, fails, fake, ok};

#[tokio::test]
async fn missing_required_parameters_are_named() {
    let fake = fake().await;
    assert_eq!(
        fails(&fake, "sendMessage", json!({"text": "x"}), 400).await,
        "Bad Request: chat_id is empty"
    );
    assert_eq!(
        fails(&fake, "sendMessage", json!({"chat_id": 1}), 400).await,
        "Bad Request: message text is empty"
    );
    assert_eq!(
        fails(&fake, "answerCallbackQuery", json!({}), 400).await,
        "Bad Request: parameter \"callback_query_id\" is required"
    );
}

#[tokio::test]
async fn null_where_an_object_is_expected_is_refused() {
    let fake = fake().await;
    fake.user(1).send_text("hi");
    assert_eq!(
        fails(
            &fake,
            "sendMessage",
            json!({"chat_id": 1, "text": "x", "reply_markup": null}),
            400
        )
        .await,
        "Bad Request: object expected as reply markup"
    );
}

#[tokio::test]
async fn ill_typed_nested_fields_are_refused() {
    let fake = fake().await;
    fake.user(1).send_text("hi");
    let bad_button = json!({"chat_id": 1, "text": "x",
        "reply_markup": {"inline_keyboard": [[{"text": "Buy", "callback_data": {"plan": 1}}]]}});
    assert_eq!(
        fails(&fake, "sendMessage", bad_button, 400).await,
        "Bad Request: can't parse inline keyboard button: Field \"callback_data\" must be of type String"
    );
    let flat_rows = json!({"chat_id": 1, "text": "x",
        "reply_markup": {"inline_keyboard": [{"text": "Buy", "callback_data": "buy"}]}});
    assert_eq!(
        fails(&fake, "sendMessage", flat_rows, 400).await,
        "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays"
    );
    let no_text = json!({"chat_id": 1, "text": "x",
        "reply_markup": {"inline_keyboard": [[{"callback_data": "buy"}]]}});
    assert_eq!(
        fails(&fake, "sendMessage", no_text, 400).await,
        "Bad Request: can't parse inline keyboard button: Can't find field \"text\""
    );
    let bad_bool = json!({"chat_id": 1, "text": "x", "disable_notification": "maybe"});
    assert_eq!(
        fails(&fake, "sendMessage", bad_bool, 400).await,
        "Bad Request: parameter \"disable_notification\" must be a Boolean"
    );
}

#[tokio::test]
async fn keyboard_limits_are_enforced() {
    let fake = fake().await;
    fake.user(1).send_text("hi");
    let long_data = "пакет-".repeat(6); // 66 bytes
    let markup = json!({"inline_keyboard": [[{"text": "Buy", "callback_data": long_data}]]});
    assert_eq!(
        fails(
            &fake,
            "sendMessage",
            json!({"chat_id": 1, "text": "x", "reply_markup": markup}),
            400
        )
        .await,
        "Bad Request: BUTTON_DATA_INVALID"
    );
    let local = json!({"inline_keyboard": [[{"text": "Pay", "url": "http://localhost:8080/pay"}]]});
    let description = fails(
        &fake,
        "sendMessage",
        json!({"chat_id": 1, "text": "x", "reply_markup": local}),
        400,
    )
    .await;
    assert!(description.contains("Wrong HTTP URL"), "{description}");
    let public = json!({"inline_keyboard": [[{"text": "Pay", "url": "https://pay.example.com/o/1"}]]});
    ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 1, "text": "x", "reply_markup": public}),
    )
    .await;
}

#[tokio::test]
async fn markup_serialised_into_a_form_field_is_read() {
    let fake = fake().await;
    let user = fake.user(1);
    user.send_text("hi");
    let markup = r#"{"inline_keyboard":[[{"text":"One","callback_data":"1"}]]}"#;
    let (status, body) = call_form(
        &fake,
        "sendMessage",
        &[("chat_id", "1"), ("text", "pick"), ("reply_markup", markup)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(user.last_bot_message().expect("message").button_texts(), ["One"]);
    let (status, body) = call_form(
        &fake,
        "sendMessage",
        &[("chat_id", "1"), ("text", "pick"), ("reply_markup", "{oops")],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["description"],
        json!("Bad Request: can't parse reply keyboard markup JSON object")
    );
}

#[tokio::test]
async fn unescaped_html_is_refused_and_escaped_html_shown_plainly() {
    let fake = fake().await;
    let user = fake.user(1);
    user.send_text("hi");
    let description = fails(
        &fake,
        "sendMessage",
        json!({"chat_id": 1, "text": "Plan <Gold> for 5$", "parse_mode": "HTML"}),
        400,
    )
    .await;
    assert_eq!(
        description,
        "Bad Request: can't parse entities: Unsupported start tag \"gold\" at byte offset 5"
    );
    let unclosed = fails(
        &fake,
        "sendMessage",
        json!({"chat_id": 1, "text": "<b>Total", "parse_mode": "HTML"}),
        400,
    )
    .await;
    assert_eq!(
        unclosed,
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
    );
    let sent = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 1, "text": "<b>Plan</b> &lt;Gold&gt; &amp; more", "parse_mode": "HTML"}),
    )
    .await;
    assert_eq!(sent["text"], json!("Plan <Gold> & more"));
    assert_eq!(sent["entities"], json!([{"type": "bold", "offset": 0, "length": 4}]));
    let entry = user.last_bot_message().expect("message");
    assert_eq!(entry.text_or_empty(), "Plan <Gold> & more");
    assert_eq!(entry.raw_text.as_deref(), Some("<b>Plan</b> &lt;Gold&gt; &amp; more"));
}

#[tokio::test]
async fn markdown_v2_needs_escaped_reserved_characters() {
    let fake = fake().await;
    fake.user(1).send_text("hi");
    let description = fails(
        &fake,
        "sendMessage",
        json!({"chat_id": 1, "text": "Balance: 10.50", "parse_mode": "MarkdownV2"}),
        400,
    )
    .await;
    assert_eq!(
        description,
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"
    );
    ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 1, "text": "*Balance:* 10\\.50", "parse_mode": "MarkdownV2"}),
    )
    .await;
}

#[tokio::test]
async fn text_length_counts_characters_after_parsing() {
    let fake = fake().await;
    fake.user(1).send_text("hi");
    let exactly = format!("<b>{}</b>", "ж".repeat(4096));
    ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 1, "text": exactly, "parse_mode": "HTML"}),
    )
    .await;
    assert_eq!(
        fails(
            &fake,
            "sendMessage",
            json!({"chat_id": 1, "text": "ж".repeat(4097)}),
            400
        )
        .await,
        "Bad Request: message is too long"
    );
    assert_eq!(
        fails(&fake, "sendMessage", json!({"chat_id": 1, "text": " \n "}), 400).await,
        "Bad Request: message text is empty"
    );
}

#[tokio::test]
async fn an_unknown_chat_is_not_found() {
    let fake = fake().await;
    assert_eq!(
        fails(&fake, "sendMessage", json!({"chat_id": 999, "text": "x"}), 400).await,
        "Bad Request: chat not found"
    );
}
