//! `editMessageText`, `editMessageCaption`, `editMessageReplyMarkup`, `deleteMessage(s)`.
//! Editing without `reply_markup` removes the inline keyboard, as on Telegram; an edit that
//! changes nothing is refused with "message is not modified".

use serde_json::Value;

use crate::telegram::envelope::ApiError;
use crate::telegram::model::Message;
use crate::telegram::state::State;
use crate::telegram::text::{self, Formatted, Kind};
use crate::telegram::validate::Params;

const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply markup are exactly the \
                            same as a current content and reply markup of the message";

/// What an edit changes.
enum Change {
    Text(Formatted, String),
    Caption(Formatted, String),
    MarkupOnly,
}

pub(crate) fn edit_text(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let target = target(st, p)?;
    let raw = p.str("text").unwrap_or_default();
    let formatted = text::format(raw, p.str("parse_mode"), p.value("entities"), Kind::Text)?;
    apply(st, target, Change::Text(formatted, raw.to_owned()), p)
}

pub(crate) fn edit_caption(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let target = target(st, p)?;
    let raw = p.str("caption").unwrap_or_default();
    let formatted = text::format(raw, p.str("parse_mode"), p.value("caption_entities"), Kind::Caption)?;
    apply(st, target, Change::Caption(formatted, raw.to_owned()), p)
}

pub(crate) fn edit_reply_markup(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let target = target(st, p)?;
    apply(st, target, Change::MarkupOnly, p)
}

pub(crate) fn delete_message(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let chat = st.chat_for_edit(p)?;
    let id = p
        .i64("message_id")
        .ok_or_else(|| ApiError::bad("message identifier is not specified"))?;
    let message = st
        .chat_mut(chat)
        .live_mut(id)
        .ok_or_else(|| ApiError::bad("message to delete not found"))?;
    message.deleted = true;
    st.touch();
    Ok(Value::Bool(true))
}

pub(crate) fn delete_messages(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let chat = st.chat_for_edit(p)?;
    let ids: Vec<i64> = p
        .value("message_ids")
        .and_then(Value::as_array)
        .map(|ids| ids.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    if ids.is_empty() || ids.len() > 100 {
        return Err(ApiError::bad("message identifiers are not specified"));
    }
    let chat = st.chat_mut(chat);
    for id in ids {
        if let Some(message) = chat.live_mut(id) {
            message.deleted = true;
        }
    }
    st.touch();
    Ok(Value::Bool(true))
}

/// The chat and message an edit targets.
fn target(st: &State, p: &Params) -> Result<(i64, i64), ApiError> {
    if p.value("chat_id").is_none() && p.str("inline_message_id").is_some() {
        return Err(ApiError::bad("inline messages are not simulated by FakeTelegram"));
    }
    let chat = st.chat_for_edit(p)?;
    let id = p
        .i64("message_id")
        .ok_or_else(|| ApiError::bad("message identifier is not specified"))?;
    Ok((chat, id))
}

fn apply(st: &mut State, (chat_id, id): (i64, i64), change: Change, p: &Params) -> Result<Value, ApiError> {
    let date = st.unix_now();
    let markup = p.value("reply_markup").cloned();
    let message = st
        .chat_mut(chat_id)
        .live_mut(id)
        .ok_or_else(|| ApiError::bad("message to edit not found"))?;
    if !message.from_bot {
        return Err(ApiError::bad("message can't be edited"));
    }
    let same_markup = inline(message.markup.as_ref()) == inline(markup.as_ref());
    match &change {
        Change::Text(formatted, _) => {
            if message.has_caption_slot() || message.text.is_none() {
                return Err(ApiError::bad("there is no text in the message to edit"));
            }
            if same_markup && same_text(message, formatted) {
                return Err(ApiError::bad(NOT_MODIFIED));
            }
        }
        Change::Caption(formatted, _) => {
            if !message.has_caption_slot() {
                return Err(ApiError::bad("there is no caption in the message to edit"));
            }
            if same_markup && same_text(message, formatted) {
                return Err(ApiError::bad(NOT_MODIFIED));
            }
        }
        Change::MarkupOnly if same_markup => return Err(ApiError::bad(NOT_MODIFIED)),
        Change::MarkupOnly => {}
    }
    match change {
        Change::Text(formatted, raw) | Change::Caption(formatted, raw) => {
            message.text = Some(formatted.text);
            message.entities = formatted.entities;
            message.raw_text = Some(raw);
        }
        Change::MarkupOnly => {}
    }
    message.markup = markup;
    message.edit_date = Some(date);
    st.touch();
    Ok(st.message_json(chat_id, id))
}

fn same_text(message: &Message, formatted: &Formatted) -> bool {
    message.text.as_deref().unwrap_or("") == formatted.text && message.entities == formatted.entities
}

/// Only an inline keyboard counts as a message's markup once sent.
fn inline(markup: Option<&Value>) -> Option<&Value> {
    markup
        .and_then(|m| m.get("inline_keyboard"))
        .filter(|rows| rows.as_array().is_some_and(|r| !r.is_empty()))
}
