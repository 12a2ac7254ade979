//! Which chat an update belongs to (its ordering key).

use frankenstein::types::MaybeInaccessibleMessage;
use frankenstein::updates::{Update, UpdateContent};

/// The chat whose queue `update` joins; `None` for updates that must not wait in a queue
/// (pre-checkout queries) or belong to no chat.
pub fn chat_of(update: &Update) -> Option<i64> {
    match &update.content {
        UpdateContent::Message(m) | UpdateContent::EditedMessage(m) => Some(m.chat.id),
        UpdateContent::CallbackQuery(q) => Some(match &q.message {
            Some(MaybeInaccessibleMessage::Message(m)) => m.chat.id,
            Some(MaybeInaccessibleMessage::InaccessibleMessage(m)) => m.chat.id,
            None => i64::try_from(q.from.id).unwrap_or(i64::MAX),
        }),
        UpdateContent::MyChatMember(m) => Some(m.chat.id),
        _ => None,
    }
}
