//! Helpers for tests of this crate and of code built on it: raw updates as Telegram sends
//! them, and an in-memory [`UpdateLog`] and [`ConversationRepo`].

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use async_trait::async_trait;
use frankenstein::updates::Update;
use kernel::StorageError;
use serde_json::{Value, json};
use telegram_state::{ChatKey, ConversationRepo, SaveOutcome, StoredConversation, UpdateClaim, UpdateLog};
use time::OffsetDateTime;

/// A private-chat text message from user `user` as Telegram sends it.
pub fn text_update_json(update_id: i64, user: i64, text: &str) -> Value {
    let mut message = json!({
        "message_id": update_id,
        "from": {"id": user, "is_bot": false, "first_name": format!("User{user}"), "language_code": "en"},
        "chat": {"id": user, "type": "private", "first_name": format!("User{user}")},
        "date": 1_763_726_400,
        "text": text,
    });
    if text.starts_with('/') {
        let len = text.split_whitespace().next().map_or(0, |c| c.encode_utf16().count());
        message["entities"] = json!([{"type": "bot_command", "offset": 0, "length": len}]);
    }
    json!({"update_id": update_id, "message": message})
}

/// A tap on a button with `data` under message `message_id` in `user`'s private chat.
pub fn callback_update_json(update_id: i64, user: i64, message_id: i64, data: &str) -> Value {
    json!({
        "update_id": update_id,
        "callback_query": {
            "id": format!("cq{update_id}"),
            "from": {"id": user, "is_bot": false, "first_name": format!("User{user}"), "language_code": "en"},
            "message": {
                "message_id": message_id,
                "from": {"id": 1, "is_bot": true, "first_name": "MoonVPN"},
                "chat": {"id": user, "type": "private"},
                "date": 1_763_726_400,
                "text": "menu"
            },
            "chat_instance": "1",
            "data": data
        }
    })
}

/// Decodes a raw update (panics on bad JSON: tests only).
pub fn update(raw: Value) -> Update {
    serde_json::from_value(raw).expect("a valid update")
}

/// An in-memory [`UpdateLog`].
#[derive(Debug, Default)]
pub struct MemoryUpdateLog {
    seen: Mutex<HashSet<i64>>,
}

#[async_trait]
impl UpdateLog for MemoryUpdateLog {
    async fn claim(&self, update_id: i64, _at: OffsetDateTime) -> Result<UpdateClaim, StorageError> {
        let mut seen = self.seen.lock().map_err(|e| StorageError::Other(e.to_string()))?;
        Ok(if seen.insert(update_id) {
            UpdateClaim::First
        } else {
            UpdateClaim::Duplicate
        })
    }

    async fn prune(&self, _before: OffsetDateTime) -> Result<u64, StorageError> {
        Ok(0)
    }
}

/// An in-memory [`ConversationRepo`].
#[derive(Debug, Default)]
pub struct MemoryConversations {
    rows: Mutex<HashMap<ChatKey, StoredConversation>>,
}

#[async_trait]
impl ConversationRepo for MemoryConversations {
    async fn load(&self, chat: ChatKey) -> Result<Option<StoredConversation>, StorageError> {
        let rows = self.rows.lock().map_err(|e| StorageError::Other(e.to_string()))?;
        Ok(rows.get(&chat).cloned())
    }

    async fn save(
        &self,
        chat: ChatKey,
        state: &str,
        expected: Option<i64>,
        at: OffsetDateTime,
    ) -> Result<SaveOutcome, StorageError> {
        let mut rows = self.rows.lock().map_err(|e| StorageError::Other(e.to_string()))?;
        let current = rows.get(&chat).map(|r| r.version);
        if current != expected {
            return Ok(SaveOutcome::Stale);
        }
        let version = current.unwrap_or(0) + 1;
        rows.insert(
            chat,
            StoredConversation {
                chat,
                state: state.to_owned(),
                version,
                updated_at: at,
            },
        );
        Ok(SaveOutcome::Saved(version))
    }

    async fn clear(&self, chat: ChatKey) -> Result<(), StorageError> {
        let mut rows = self.rows.lock().map_err(|e| StorageError::Other(e.to_string()))?;
        rows.remove(&chat);
        Ok(())
    }
}
