//! Sending, editing, deleting; photos and files; callback answers.

use std::time::Duration;

use serde_json::json;
use testkit::telegram::{EntryKind, Sender};

use crate::helpers::{call_multipart, client, fails, fake, ok, png};

fn keyboard(buttons: &[(&str, &str)]) -> serde_json::Value {
    let row: Vec<_> = buttons
        .iter()
        .map(|(text, data)| json!({"text": text, "callback_data": data}))
        .collect();
    json!({ "inline_keyboard": [row] })
}

#[tokio::test]
async fn an_identical_edit_is_not_modified_and_an_edit_without_markup_drops_the_keyboard() {
    let fake = fake().await;
    let user = fake.user(5);
    user.send_text("/start");
    let sent = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 5, "text": "Menu", "reply_markup": keyboard(&[("Buy", "buy")])}),
    )
    .await;
    let id = sent["message_id"].as_i64().expect("message_id");
    let same = json!({"chat_id": 5, "message_id": id, "text": "Menu", "reply_markup": keyboard(&[("Buy", "buy")])});
    let description = fails(&fake, "editMessageText", same, 400).await;
    assert!(
        description.starts_with("Bad Request: message is not modified"),
        "{description}"
    );
    let edited = ok(
        &fake,
        "editMessageText",
        json!({"chat_id": 5, "message_id": id, "text": "Menu"}),
    )
    .await;
    assert!(edited.get("reply_markup").is_none());
    assert!(edited["edit_date"].is_i64());
    let entry = user.last_bot_message().expect("message");
    assert!(entry.edited);
    assert!(
        entry.buttons.is_empty(),
        "editing without reply_markup removes the keyboard"
    );
}

#[tokio::test]
async fn edits_and_deletes_of_missing_or_foreign_messages_are_refused() {
    let fake = fake().await;
    let user = fake.user(5);
    let user_message = user.send_text("hello");
    assert_eq!(
        fails(
            &fake,
            "editMessageText",
            json!({"chat_id": 5, "message_id": user_message, "text": "x"}),
            400
        )
        .await,
        "Bad Request: message can't be edited"
    );
    assert_eq!(
        fails(
            &fake,
            "editMessageText",
            json!({"chat_id": 5, "message_id": 99, "text": "x"}),
            400
        )
        .await,
        "Bad Request: message to edit not found"
    );
    let sent = ok(&fake, "sendMessage", json!({"chat_id": 5, "text": "bye"})).await;
    let id = sent["message_id"].clone();
    assert_eq!(
        ok(&fake, "deleteMessage", json!({"chat_id": 5, "message_id": id})).await,
        json!(true)
    );
    assert_eq!(
        fails(&fake, "deleteMessage", json!({"chat_id": 5, "message_id": id}), 400).await,
        "Bad Request: message to delete not found"
    );
    let transcript = user.transcript();
    assert!(transcript[1].deleted);
    assert!(user.last_bot_message().is_none());
}

#[tokio::test]
async fn message_ids_count_up_across_both_directions() {
    let fake = fake().await;
    let user = fake.user(5);
    assert_eq!(user.send_text("one"), 1);
    let sent = ok(&fake, "sendMessage", json!({"chat_id": 5, "text": "two"})).await;
    assert_eq!(sent["message_id"], json!(2));
    assert_eq!(user.send_text("three"), 3);
}

#[tokio::test]
async fn a_callback_query_is_answered_once_within_its_lifetime() {
    let fake = fake().await;
    let user = fake.user(5);
    user.send_text("/start");
    ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 5, "text": "Menu", "reply_markup": keyboard(&[("Buy", "buy"), ("Help", "help")])}),
    )
    .await;
    let first = user.tap_button("Buy");
    assert_eq!(user.unanswered_callbacks(), std::slice::from_ref(&first));
    ok(
        &fake,
        "answerCallbackQuery",
        json!({"callback_query_id": first, "text": "Done"}),
    )
    .await;
    let too_old = "Bad Request: query is too old and response timeout expired or query ID is invalid";
    assert_eq!(
        fails(&fake, "answerCallbackQuery", json!({"callback_query_id": first}), 400).await,
        too_old
    );
    assert_eq!(user.answered_callbacks(), [(first, Some("Done".to_owned()))]);

    let second = user.tap_button("Help");
    assert_eq!(
        fails(
            &fake,
            "answerCallbackQuery",
            json!({"callback_query_id": second, "text": "x".repeat(201)}),
            400
        )
        .await,
        "Bad Request: MESSAGE_TOO_LONG"
    );
    fake.advance_clock(Duration::from_secs(16));
    assert_eq!(
        fails(&fake, "answerCallbackQuery", json!({"callback_query_id": second}), 400).await,
        too_old
    );
}

#[tokio::test]
#[should_panic(expected = "has no button with callback_data \"sell\"")]
async fn tapping_a_button_the_message_does_not_have_fails_the_test() {
    let fake = fake().await;
    let user = fake.user(5);
    user.send_text("/start");
    let sent = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 5, "text": "Menu", "reply_markup": keyboard(&[("Buy", "buy")])}),
    )
    .await;
    user.tap(sent["message_id"].as_i64().expect("id"), "sell");
}

#[tokio::test]
async fn an_uploaded_png_becomes_a_photo_the_user_sees() {
    let fake = fake().await;
    let user = fake.user(5);
    user.send_text("/start");
    let (status, body) = call_multipart(
        &fake,
        "sendPhoto",
        &[("chat_id", "5"), ("caption", "Your <b>QR</b>"), ("parse_mode", "HTML")],
        ("photo", "qr.png", "image/png", png()),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["caption"], json!("Your QR"));
    let file_id = body["result"]["photo"][0]["file_id"]
        .as_str()
        .expect("file_id")
        .to_owned();
    let entry = user.last_bot_message().expect("photo");
    assert_eq!(
        entry.kind,
        EntryKind::Photo {
            file_id: file_id.clone()
        }
    );
    assert_eq!(entry.text.as_deref(), Some("Your QR"));
    assert_eq!(fake.file_bytes(&file_id), Some(png()));
    assert_eq!(
        fake.calls()[0].params["photo"],
        json!({"file_name": "qr.png", "size": png().len(), "mime": "image/png"})
    );
    // The same file_id can be sent again without uploading.
    ok(&fake, "sendPhoto", json!({"chat_id": 5, "photo": file_id})).await;
}

#[tokio::test]
async fn uploads_that_are_not_images_or_have_long_captions_are_refused() {
    let fake = fake().await;
    fake.user(5).send_text("/start");
    let (status, body) = call_multipart(
        &fake,
        "sendPhoto",
        &[("chat_id", "5")],
        ("photo", "qr.svg", "image/svg+xml", b"<svg/>".to_vec()),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["description"], json!("Bad Request: IMAGE_PROCESS_FAILED"));
    let caption = "c".repeat(1025);
    let (status, body) = call_multipart(
        &fake,
        "sendPhoto",
        &[("chat_id", "5"), ("caption", &caption)],
        ("photo", "qr.png", "image/png", png()),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["description"], json!("Bad Request: message caption is too long"));
    assert_eq!(
        fails(&fake, "sendPhoto", json!({"chat_id": 5, "photo": "AgACnope"}), 400).await,
        "Bad Request: wrong file identifier/HTTP URL specified"
    );
    assert_eq!(
        fails(&fake, "sendPhoto", json!({"chat_id": 5}), 400).await,
        "Bad Request: there is no photo in the request"
    );
}

#[tokio::test]
async fn a_users_photo_can_be_fetched_downloaded_and_forwarded() {
    let fake = fake().await;
    let user = fake.user(5);
    let admin = fake.user(6);
    admin.send_text("/start");
    let file_id = user.send_photo(Some("receipt #42"));
    let file = ok(&fake, "getFile", json!({"file_id": file_id})).await;
    let path = file["file_path"].as_str().expect("file_path");
    let url = format!("{}/file/bot{}/{path}", fake.api_url(), fake.token());
    let bytes = client()
        .get(url)
        .send()
        .await
        .expect("download")
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(bytes.to_vec(), fake.file_bytes(&file_id).expect("stored"));
    ok(
        &fake,
        "sendPhoto",
        json!({"chat_id": 6, "photo": file_id, "caption": "Receipt from user 5"}),
    )
    .await;
    assert_eq!(
        admin.last_bot_message().expect("forwarded").kind,
        EntryKind::Photo {
            file_id: file_id.clone()
        }
    );
    assert_eq!(
        fails(&fake, "sendDocument", json!({"chat_id": 6, "document": file_id}), 400).await,
        "Bad Request: can't use file of type Photo as Document"
    );
    let entry = &user.transcript()[0];
    assert_eq!(entry.from, Sender::User);
    assert_eq!(entry.text.as_deref(), Some("receipt #42"));
}

#[tokio::test]
async fn documents_keep_their_name() {
    let fake = fake().await;
    let user = fake.user(5);
    user.send_text("/start");
    let (status, body) = call_multipart(
        &fake,
        "sendDocument",
        &[("chat_id", "5")],
        ("document", "config.json", "application/json", b"{}".to_vec()),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["document"]["file_name"], json!("config.json"));
    match user.last_bot_message().expect("document").kind {
        EntryKind::Document { file_name, .. } => assert_eq!(file_name.as_deref(), Some("config.json")),
        other => panic!("expected a document, got {other:?}"),
    }
}
