//! `TrackingOwners` for [`Store`]: whose ledger row a tracking code names.

use async_trait::async_trait;
use kernel::{StorageError, TrackingCode, UserId};
use members::TrackingOwners;

use crate::Store;
use crate::repo::ledger;

#[async_trait]
impl TrackingOwners for Store {
    async fn owner_of(&self, code: &TrackingCode) -> Result<Option<UserId>, StorageError> {
        Ok(ledger::find_by_tracking(self.read(), code)
            .await?
            .map(|entry| entry.user))
    }
}
