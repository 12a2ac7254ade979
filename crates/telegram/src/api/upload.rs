//! `sendPhoto` and `sendDocument` from bytes: a multipart form on frankenstein's own reqwest
//! client.

use frankenstein::client_reqwest::Bot;
use frankenstein::reqwest::multipart::{Form, Part};
use frankenstein::response::{ErrorResponse, MethodResponse};
use frankenstein::types::{Message, ReplyMarkup};

use super::ApiError;
use crate::keyboard::Keyboard;

/// Uploads `png` to `chat`; returns the new message's id.
pub async fn send_photo(
    bot: &Bot,
    chat: i64,
    png: Vec<u8>,
    caption: Option<&str>,
    keyboard: Option<&Keyboard>,
) -> Result<i32, ApiError> {
    let network = |e: frankenstein::reqwest::Error| ApiError::Network(e.without_url().to_string());
    let photo = Part::bytes(png)
        .file_name("qr.png")
        .mime_str("image/png")
        .map_err(network)?;
    let mut form = Form::new().text("chat_id", chat.to_string()).part("photo", photo);
    if let Some(caption) = caption {
        form = form.text("caption", caption.to_owned()).text("parse_mode", "HTML");
    }
    if let Some(keyboard) = keyboard {
        let markup = ReplyMarkup::InlineKeyboardMarkup(keyboard.to_markup());
        let json = serde_json::to_string(&markup).map_err(|e| ApiError::BadRequest(e.to_string()))?;
        form = form.text("reply_markup", json);
    }
    post(bot, "sendPhoto", form).await
}

/// Uploads `bytes` to `chat` as a document named `file_name`; returns the new message's id.
pub async fn send_document(
    bot: &Bot,
    chat: i64,
    bytes: Vec<u8>,
    file_name: &str,
    caption: Option<&str>,
) -> Result<i32, ApiError> {
    let network = |e: frankenstein::reqwest::Error| ApiError::Network(e.without_url().to_string());
    let document = Part::bytes(bytes)
        .file_name(file_name.to_owned())
        .mime_str("application/octet-stream")
        .map_err(network)?;
    let mut form = Form::new().text("chat_id", chat.to_string()).part("document", document);
    if let Some(caption) = caption {
        form = form.text("caption", caption.to_owned()).text("parse_mode", "HTML");
    }
    post(bot, "sendDocument", form).await
}

async fn post(bot: &Bot, method: &str, form: Form) -> Result<i32, ApiError> {
    let network = |e: frankenstein::reqwest::Error| ApiError::Network(e.without_url().to_string());
    let response = bot
        .client
        .post(format!("{}/{method}", bot.api_url))
        .multipart(form)
        .send()
        .await
        .map_err(network)?;
    let success = response.status().is_success();
    let body = response.text().await.map_err(network)?;
    if success {
        let sent: MethodResponse<Message> =
            serde_json::from_str(&body).map_err(|e| ApiError::Network(format!("undecodable answer: {e}")))?;
        Ok(sent.result.message_id)
    } else {
        let failed: ErrorResponse =
            serde_json::from_str(&body).map_err(|e| ApiError::Network(format!("undecodable error answer: {e}")))?;
        Err(ApiError::from_response(&failed))
    }
}
