//! `impl AccountRepo for Store`: client accounts, their usage, keys, extensions and transfers.

use async_trait::async_trait;
use inventory::{
    AccountCounts, AccountRepo, AccountStatus, AccountTransfer, ClientAccount, ExtendedLimits, NewClientAccount,
    NewTransfer, Provisioned, UsageUpdate,
};
use kernel::{ClientAccountId, CountLimit, PanelId, StorageError, TransferId, UserId};
use time::OffsetDateTime;

use super::{accounts, convert, extend, insert_client_account, transfers, usage};
use crate::Store;
use crate::error::db_err;

#[async_trait]
impl AccountRepo for Store {
    async fn insert_account(&self, account: &NewClientAccount) -> Result<ClientAccount, StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let stored = insert_client_account(&txn, account).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(stored)
    }

    async fn account(&self, id: ClientAccountId) -> Result<ClientAccount, StorageError> {
        accounts::find(self.read(), id).await?.try_into()
    }

    async fn accounts_of(&self, user: UserId) -> Result<Vec<ClientAccount>, StorageError> {
        accounts::of_user(self.read(), user).await
    }

    async fn account_ip_limit(&self, id: ClientAccountId) -> Result<CountLimit, StorageError> {
        convert::ip_limit(&accounts::find(self.db(), id).await?)
    }

    async fn extend_account(
        &self,
        snapshot: &ClientAccount,
        limits: &ExtendedLimits,
        notice: &notify::NewNotice,
        audit: &members::NewAuditEntry,
        at: OffsetDateTime,
    ) -> Result<Option<ClientAccount>, StorageError> {
        extend::extend(self.db(), snapshot, limits, notice, audit, at).await
    }

    async fn record_usage(
        &self,
        id: ClientAccountId,
        used_bytes: u64,
        status: AccountStatus,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError> {
        accounts::record_usage(self.db(), id, used_bytes, status, at).await
    }

    async fn set_account_status(
        &self,
        id: ClientAccountId,
        status: AccountStatus,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError> {
        accounts::set_status(self.db(), id, status, at).await
    }

    async fn replace_account_key(
        &self,
        id: ClientAccountId,
        client_uuid: &str,
        links: &Provisioned,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError> {
        accounts::replace_key(self.db(), id, client_uuid, links, at).await
    }

    async fn complete_transfer(
        &self,
        transfer: &NewTransfer,
    ) -> Result<(AccountTransfer, ClientAccount), StorageError> {
        transfers::complete(self.db(), transfer).await
    }

    async fn pending_old_client_removals(
        &self,
        limit: u64,
    ) -> Result<Vec<(TransferId, ClientAccountId)>, StorageError> {
        transfers::pending_removals(self.db(), limit).await
    }

    async fn mark_old_client_removed(&self, id: TransferId, at: OffsetDateTime) -> Result<(), StorageError> {
        transfers::mark_removed(self.db(), id, at).await
    }

    async fn record_usages(&self, updates: &[UsageUpdate], at: OffsetDateTime) -> Result<(), StorageError> {
        usage::record(self.db(), updates, at).await
    }

    async fn accounts_of_panel(&self, id: PanelId) -> Result<Vec<ClientAccount>, StorageError> {
        usage::accounts_of_panel(self.db(), id).await
    }

    async fn panel_account_counts(&self, id: PanelId) -> Result<AccountCounts, StorageError> {
        usage::counts_on(self.db(), id).await
    }
}
