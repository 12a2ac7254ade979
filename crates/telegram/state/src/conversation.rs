//! Conversation state per chat, with a version for compare-and-set.

use async_trait::async_trait;
use kernel::StorageError;
use time::OffsetDateTime;

/// A Telegram chat id (for a private chat, the user's Telegram id). Any non-zero `i64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChatKey(i64);

impl ChatKey {
    /// Wraps a chat id.
    pub const fn new(raw: i64) -> Self {
        Self(raw)
    }

    /// The raw chat id.
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl std::fmt::Display for ChatKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A chat's saved state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConversation {
    /// The chat.
    pub chat: ChatKey,
    /// The state as JSON text (the bot decides its shape).
    pub state: String,
    /// Bumped by every save; a save naming an older version is refused.
    pub version: i64,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
}

/// What a compare-and-set save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Saved; this is the new version.
    Saved(i64),
    /// Someone saved in between (another instance); nothing was written.
    Stale,
}

/// Storage of conversation state, one row per chat.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ConversationRepo: Send + Sync {
    /// The chat's saved state, if any.
    async fn load(&self, chat: ChatKey) -> Result<Option<StoredConversation>, StorageError>;

    /// Saves `state` if the stored version is still `expected` (`None`: no row yet).
    /// Returns the new version, or [`SaveOutcome::Stale`] when the row changed meanwhile.
    async fn save(
        &self,
        chat: ChatKey,
        state: &str,
        expected: Option<i64>,
        at: OffsetDateTime,
    ) -> Result<SaveOutcome, StorageError>;

    /// Forgets the chat's state (back to idle). Doing it twice is harmless.
    async fn clear(&self, chat: ChatKey) -> Result<(), StorageError>;
}
