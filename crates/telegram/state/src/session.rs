//! The start of every update: who sent it and what their chat is in the middle of, read
//! together.

use async_trait::async_trait;
use kernel::{StorageError, TelegramId};
use members::User;

use crate::{ChatKey, StoredConversation};

/// A registered sender and their chat's saved state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The sender.
    pub user: User,
    /// The chat's saved state, if any.
    pub conversation: Option<StoredConversation>,
}

/// Reads the sender and the chat state in one query (instead of one each), for an update
/// from a registered user.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait SessionRepo: Send + Sync {
    /// The registered user with Telegram id `sender` and the saved state of `chat`; `None`
    /// when nobody with that Telegram id is registered (the caller registers them).
    async fn open(&self, sender: TelegramId, chat: ChatKey) -> Result<Option<Session>, StorageError>;
}
