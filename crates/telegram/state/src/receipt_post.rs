//! Where the bot posted each receipt for review, so every post can be edited to the
//! receipt's current state (approved by whom, rejected why, expired, cancelled).

use async_trait::async_trait;
use kernel::{ReceiptId, StorageError};
use time::OffsetDateTime;

use crate::ChatKey;

/// One review post: the text message with the receipt's details and buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiptPost {
    /// The receipt.
    pub receipt: ReceiptId,
    /// The channel (or chat) it was posted to.
    pub chat: ChatKey,
    /// The message id there.
    pub message_id: i32,
}

/// Storage of review posts: one per receipt and chat.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ReceiptPostRepo: Send + Sync {
    /// Remembers a post. A second post of the same receipt in the same chat replaces the
    /// first (the newer one is the one to keep editing).
    async fn record(&self, post: ReceiptPost, at: OffsetDateTime) -> Result<(), StorageError>;

    /// Every post of `receipt`, oldest first.
    async fn posts(&self, receipt: ReceiptId) -> Result<Vec<ReceiptPost>, StorageError>;
}
