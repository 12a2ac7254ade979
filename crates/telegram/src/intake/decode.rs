//! One raw update at a time: an update kind this client does not know (Telegram adds them
//! with every Bot API release) is skipped alone instead of failing the whole batch.

use frankenstein::updates::Update;
use serde_json::Value;

/// Why a raw update was skipped.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// Not even an `update_id`: not an update at all.
    #[error("not a Telegram update (no update_id)")]
    NotAnUpdate,
    /// A kind or shape the client cannot read; `update_id` lets the offset move past it.
    #[error("update {update_id} cannot be read: {reason}")]
    Unreadable {
        /// Its id.
        update_id: i64,
        /// What the decoder said.
        reason: String,
    },
}

impl DecodeError {
    /// The update's id, if it had one.
    pub fn update_id(&self) -> Option<i64> {
        match self {
            Self::NotAnUpdate => None,
            Self::Unreadable { update_id, .. } => Some(*update_id),
        }
    }
}

/// Decodes one update.
pub fn decode(mut raw: Value) -> Result<Update, DecodeError> {
    let update_id = raw
        .get("update_id")
        .and_then(Value::as_i64)
        .ok_or(DecodeError::NotAnUpdate)?;
    repair(&mut raw);
    serde_json::from_value(raw).map_err(|e| DecodeError::Unreadable {
        update_id,
        reason: e.to_string(),
    })
}

/// Fills in what the client requires but a Bot API server may leave out, so the update is
/// not lost: `until_date` of a `kicked` member (0 means "forever"; without it a user
/// unblocking the bot would go unnoticed).
fn repair(raw: &mut Value) {
    let key = if raw.get("my_chat_member").is_some() {
        "my_chat_member"
    } else {
        "chat_member"
    };
    let Some(change) = raw.get_mut(key) else {
        return;
    };
    for side in ["old_chat_member", "new_chat_member"] {
        if let Some(member) = change.get_mut(side).and_then(Value::as_object_mut)
            && member.get("status").and_then(Value::as_str) == Some("kicked")
            && !member.contains_key("until_date")
        {
            member.insert("until_date".to_owned(), Value::from(0));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::testing::text_update_json;

    #[test]
    fn a_message_decodes() {
        let update = decode(text_update_json(5, 42, "/start")).unwrap();
        assert_eq!(update.update_id, 5);
    }

    #[test]
    fn a_kicked_member_without_until_date_still_decodes() {
        let raw = json!({"update_id": 7, "my_chat_member": {
            "chat": {"id": 5, "type": "private"},
            "from": {"id": 5, "is_bot": false, "first_name": "A"},
            "date": 1,
            "old_chat_member": {"status": "kicked", "user": {"id": 1, "is_bot": true, "first_name": "B"}},
            "new_chat_member": {"status": "member", "user": {"id": 1, "is_bot": true, "first_name": "B"}}
        }});
        assert_eq!(decode(raw).unwrap().update_id, 7);
    }

    #[test]
    fn an_unknown_kind_is_refused_alone_with_its_id() {
        let raw = json!({"update_id": 6, "some_future_update": {"x": 1}});
        let err = decode(raw).unwrap_err();
        assert_eq!(err.update_id(), Some(6));
        assert!(matches!(decode(json!({"hello": 1})), Err(DecodeError::NotAnUpdate)));
    }
}
