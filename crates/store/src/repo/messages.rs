//! `MessageRepo` for [`Store`]: an admin's message to one user is queued in the outbox with
//! its audit entry, in one transaction.

use async_trait::async_trait;
use kernel::StorageError;
use members::NewAuditEntry;
use notify::NewNotice;
use notify::message::MessageRepo;

use crate::Store;
use crate::error::db_err;
use crate::repo::members::audit::write_audit;
use crate::repo::outbox;

#[async_trait]
impl MessageRepo for Store {
    async fn queue_message(&self, notice: &NewNotice, audit: &NewAuditEntry) -> Result<(), StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        outbox::enqueue(&txn, std::slice::from_ref(notice), audit.at).await?;
        write_audit(&txn, audit).await?;
        txn.commit().await.map_err(db_err)
    }
}
