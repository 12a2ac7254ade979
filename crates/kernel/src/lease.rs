//! The `JobLease` port: a background job runs on exactly one instance at a time.

use async_trait::async_trait;
use time::{Duration, OffsetDateTime};

use crate::StorageError;

/// Named, time-limited leases shared by every MoonVPN instance on one database. A job runs
/// only while its instance holds the lease; a crashed holder's lease simply runs out.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait JobLease: Send + Sync {
    /// Takes the lease `job` for `holder` until `now + ttl` when it is free, expired or
    /// already `holder`'s (then it is renewed). Returns whether `holder` now holds it.
    async fn try_acquire(
        &self,
        job: &str,
        holder: &str,
        now: OffsetDateTime,
        ttl: Duration,
    ) -> Result<bool, StorageError>;

    /// Gives the lease up before it runs out (no-op when `holder` doesn't hold it).
    async fn release(&self, job: &str, holder: &str) -> Result<(), StorageError>;
}
