//! `sendMessage`, and the plain message other `send…` methods leave in the chat.

use serde_json::Value;

use crate::telegram::envelope::ApiError;
use crate::telegram::model::{Content, Message};
use crate::telegram::state::State;
use crate::telegram::text::{self, Formatted, Kind};
use crate::telegram::validate::Params;

/// What a new bot message holds.
pub(crate) struct Outgoing {
    pub(crate) content: Content,
    pub(crate) formatted: Option<Formatted>,
    pub(crate) raw_text: Option<String>,
    pub(crate) markup: Option<Value>,
}

/// Stores a bot message in `chat` and returns its `Message` object.
pub(crate) fn store(st: &mut State, chat_id: i64, out: Outgoing) -> Value {
    let date = st.unix_now();
    let bot = st.bot.clone();
    st.touch();
    let chat = st.chat_mut(chat_id);
    let id = chat.next_id();
    let mut message = Message::new(id, true, date, out.content);
    if let Some(formatted) = out.formatted {
        message.text = Some(formatted.text);
        message.entities = formatted.entities;
    }
    message.raw_text = out.raw_text;
    message.markup = out.markup;
    let json = message.to_json(&chat.person, &bot);
    chat.messages.push(message);
    json
}

pub(crate) fn send_message(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let chat = st.chat_for_send(p)?;
    let raw = p.str("text").unwrap_or_default();
    let formatted = text::format(raw, p.str("parse_mode"), p.value("entities"), Kind::Text)?;
    st.throttle(chat)?;
    Ok(store(
        st,
        chat,
        Outgoing {
            content: Content::Text,
            formatted: Some(formatted),
            raw_text: Some(raw.to_owned()),
            markup: p.value("reply_markup").cloned(),
        },
    ))
}

/// A `send…` method without a model (`sendLocation`, `sendSticker`, …): recorded in the chat
/// as a message of that kind, with its caption if it has one.
pub(crate) fn send_other(st: &mut State, method: &str, p: &Params) -> Result<Value, ApiError> {
    let chat = st.chat_for_send(p)?;
    let caption = p.str("caption").map(str::to_owned);
    let formatted = caption
        .as_deref()
        .map(|c| text::format(c, p.str("parse_mode"), p.value("caption_entities"), Kind::Caption))
        .transpose()?;
    st.throttle(chat)?;
    Ok(store(
        st,
        chat,
        Outgoing {
            content: Content::Other {
                method: method.to_owned(),
            },
            formatted,
            raw_text: caption,
            markup: p.value("reply_markup").cloned(),
        },
    ))
}
