//! What the admin menu waits for from a chat, stored inside
//! [`Conversation::Admin`](crate::bot::Conversation::Admin).

use serde::{Deserialize, Serialize};

/// A question the admin menu asked. Stored as JSON: variants may be added, never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminStep {
    /// A user to find: Telegram id, @username or tracking code.
    FindUser,
}
