//! Photos already on Telegram's servers, sent on by `file_id` (a payer's receipt photo posted
//! to a review channel). Goes through the same retry policy as every other call.

use frankenstein::AsyncTelegramApi;
use frankenstein::ParseMode;
use frankenstein::input_file::FileUpload;
use frankenstein::methods::SendPhotoParams;
use frankenstein::types::ReplyMarkup;

use super::{ApiError, BotApi, SentMessage};
use crate::keyboard::Keyboard;

impl BotApi {
    /// Sends the photo Telegram knows as `file_id` to `chat` with an HTML caption.
    pub async fn send_photo_id(
        &self,
        chat: i64,
        file_id: &str,
        caption: Option<&str>,
        keyboard: Option<&Keyboard>,
    ) -> Result<SentMessage, ApiError> {
        let params = SendPhotoParams::builder()
            .chat_id(chat)
            .photo(FileUpload::String(file_id.to_owned()))
            .maybe_caption(caption.map(str::to_owned))
            .parse_mode(ParseMode::Html)
            .maybe_reply_markup(keyboard.map(|k| ReplyMarkup::InlineKeyboardMarkup(k.to_markup())))
            .build();
        let sent = self
            .call_client("sendPhoto", super::Cost::Message(chat), || self.bot.send_photo(&params))
            .await?;
        Ok(SentMessage {
            chat,
            message_id: sent.result.message_id,
        })
    }
}
