//! What the admin menu waits for from a chat, stored inside
//! [`Conversation::Admin`](crate::bot::Conversation::Admin).

use serde::{Deserialize, Serialize};

/// A question the admin menu asked. Stored as JSON: variants may be added, never renamed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminStep {
    /// A user to find: Telegram id, @username or tracking code.
    FindUser,
    /// The amount to add to (`+`) or take from (`-`) user `user`'s balance.
    AdjustAmount {
        /// The user (id).
        user: i64,
    },
    /// Why user `user`'s balance changes by `delta_minor`.
    AdjustReason {
        /// The user (id).
        user: i64,
        /// Signed amount in minor units.
        delta_minor: i64,
    },
    /// An adjustment shown for confirmation; `request` makes its idempotency key.
    AdjustConfirm {
        /// The user (id).
        user: i64,
        /// Signed amount in minor units.
        delta_minor: i64,
        /// The reason given.
        reason: String,
        /// Random per confirmation: a second tap on it replays, never adds again.
        request: u64,
    },
}
