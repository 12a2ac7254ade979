//! Processed Telegram updates: each `update_id` is taken once.

use async_trait::async_trait;
use kernel::StorageError;
use time::OffsetDateTime;

/// What claiming an update found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateClaim {
    /// First time: handle it.
    First,
    /// Seen before (redelivery after a crash, or another instance has it): skip it.
    Duplicate,
}

/// Storage of the update ids already taken.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait UpdateLog: Send + Sync {
    /// Records `update_id` as taken at `at`. Race-safe: of two concurrent claims of one id,
    /// exactly one gets [`UpdateClaim::First`].
    async fn claim(&self, update_id: i64, at: OffsetDateTime) -> Result<UpdateClaim, StorageError>;

    /// Claims several ids at once (one `getUpdates` batch), answering in the same order, with
    /// the same race safety as [`UpdateLog::claim`]. A store does it in one transaction; this
    /// default claims them one by one.
    async fn claim_all(&self, update_ids: &[i64], at: OffsetDateTime) -> Result<Vec<UpdateClaim>, StorageError> {
        let mut claims = Vec::with_capacity(update_ids.len());
        for id in update_ids {
            claims.push(self.claim(*id, at).await?);
        }
        Ok(claims)
    }

    /// Forgets ids taken before `before` (Telegram keeps updates for at most 24 hours);
    /// returns how many were removed.
    async fn prune(&self, before: OffsetDateTime) -> Result<u64, StorageError>;
}
