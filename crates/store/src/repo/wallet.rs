//! `WalletRepo` for [`Store`].

use async_trait::async_trait;
use kernel::{IdempotencyKey, Money, Page, PageRequest, StorageError, TrackingCode, UserId};
use members::NewAuditEntry;
use notify::NewNotice;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;
use wallet::{LedgerEntry, Movement, MovementOutcome, Recent, WalletError, WalletRepo};

use crate::Store;
use crate::entity::wallet::transaction;
use crate::error::db_err;
use crate::repo::members::audit as members_repo;
use crate::repo::{ledger, outbox};

#[async_trait]
impl WalletRepo for Store {
    async fn apply(
        &self,
        movement: &Movement,
        tracking: &TrackingCode,
        at: OffsetDateTime,
        notices: &[NewNotice],
        audit: Option<NewAuditEntry>,
    ) -> Result<MovementOutcome, WalletError> {
        let txn = crate::tx::begin(self.db()).await?;
        let outcome = ledger::write(&txn, movement, tracking, at)
            .await
            .map_err(|e| e.into_wallet(movement))?;
        if outcome.is_applied() {
            outbox::enqueue(&txn, notices, at).await?;
            if let Some(entry) = &audit {
                members_repo::write_audit(&txn, entry).await?;
            }
            txn.commit().await.map_err(db_err)?;
        } else {
            txn.rollback().await.map_err(db_err)?;
        }
        Ok(outcome)
    }

    async fn balance(&self, user: UserId) -> Result<Money, WalletError> {
        ledger::current_balance(self.read(), user).await.map_err(|e| match e {
            StorageError::NotFound(_) => WalletError::UnknownUser(user),
            e => WalletError::Storage(e),
        })
    }

    async fn recent(&self, user: UserId, count: u64) -> Result<Recent, StorageError> {
        let mut entries = transaction::Entity::find()
            .filter(transaction::Column::UserId.eq(user.get()))
            .order_by_desc(transaction::Column::Id)
            .limit(count.saturating_add(1))
            .all(self.read())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(ledger::entry_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let balance = entries.first().map_or(Money::ZERO, |newest| newest.balance_after);
        let more = entries.len() as u64 > count;
        entries.truncate(usize::try_from(count).unwrap_or(usize::MAX));
        Ok(Recent { balance, entries, more })
    }

    async fn history(&self, user: UserId, page: PageRequest) -> Result<Page<LedgerEntry>, StorageError> {
        let query = transaction::Entity::find().filter(transaction::Column::UserId.eq(user.get()));
        crate::paging::fetch_page(
            self.read(),
            query.order_by_desc(transaction::Column::Id),
            page,
            ledger::entry_from_row,
        )
        .await
    }

    async fn find_by_key(&self, key: &IdempotencyKey) -> Result<Option<LedgerEntry>, StorageError> {
        ledger::find_by_key(self.db(), key).await
    }

    async fn find_by_tracking(&self, code: &TrackingCode) -> Result<Option<LedgerEntry>, StorageError> {
        ledger::find_by_tracking(self.db(), code).await
    }
}
