//! `ReceiptRepo` for [`Store`]: submitting and reading receipts, card loads. The decisions
//! (approve, reject, expire) live in `decisions.rs`.

use std::collections::BTreeMap;

use async_trait::async_trait;
use kernel::{BankCardId, Money, Page, PageRequest, ReceiptId, StorageError, TrackingCode, UserId};
use notify::{NewNotice, Notice};
use receipts::{
    ApproveReceipt, CardLoad, DecisionOutcome, ExpireReceipt, NewReceipt, PhotoFileId, Receipt, ReceiptProof,
    ReceiptQuery, ReceiptRepo, ReceiptStatus, ReceiptText, RejectReason, RejectReceipt,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, NotSet, QueryFilter, QueryOrder,
    QuerySelect, Select, Set, TransactionTrait,
};
use time::OffsetDateTime;

use super::decisions;
use crate::Store;
use crate::entity::receipts::receipt_log;
use crate::error::{corrupt, db_err};
use crate::repo::outbox;
use crate::time_ms::{from_ms, to_ms};

/// Converts a `receipt_log` row.
pub fn receipt_from_row(row: receipt_log::Model) -> Result<Receipt, StorageError> {
    let id = row.id;
    let bad = |what: String| corrupt("receipt_log", id, what);
    let text = match row.text.as_deref() {
        Some(t) => ReceiptText::new(t).map_err(|e| bad(e.to_string()))?,
        None => None,
    };
    let photo = row
        .photo_file_id
        .as_deref()
        .map(PhotoFileId::new)
        .transpose()
        .map_err(|e| bad(e.to_string()))?;
    Ok(Receipt {
        id: ReceiptId::new(id),
        user: UserId::new(row.user_id),
        card: BankCardId::new(row.card_id),
        amount: Money::from_minor(row.amount).map_err(|e| bad(e.to_string()))?,
        proof: ReceiptProof::new(text, photo).map_err(|e| bad(e.to_string()))?,
        status: ReceiptStatus::from_code(&row.status).ok_or_else(|| bad(format!("status {:?}", row.status)))?,
        tracking: TrackingCode::parse(&row.tracking_code).map_err(|e| bad(e.to_string()))?,
        submitted_at: from_ms(row.submitted_at)?,
        expires_at: from_ms(row.expires_at)?,
        decided_by: row.decided_by.map(UserId::new),
        decided_at: row.decided_at.map(from_ms).transpose()?,
        reject_reason: row
            .reject_reason
            .as_deref()
            .map(RejectReason::new)
            .transpose()
            .map_err(|e| bad(e.to_string()))?,
    })
}

/// The receipt with this id as `conn` sees it.
pub(super) async fn find<C: ConnectionTrait>(conn: &C, id: ReceiptId) -> Result<Option<Receipt>, StorageError> {
    receipt_log::Entity::find_by_id(id.get())
        .one(conn)
        .await
        .map_err(db_err)?
        .map(receipt_from_row)
        .transpose()
}

fn filtered(query: ReceiptQuery) -> Select<receipt_log::Entity> {
    let mut select = receipt_log::Entity::find();
    if let Some(status) = query.status {
        select = select.filter(receipt_log::Column::Status.eq(status.code()));
    }
    if let Some(user) = query.user {
        select = select.filter(receipt_log::Column::UserId.eq(user.get()));
    }
    if let Some(card) = query.card {
        select = select.filter(receipt_log::Column::CardId.eq(card.get()));
    }
    select
}

/// `(card, count)` of the receipts matching `select`, grouped by card.
async fn count_by_card(store: &Store, select: Select<receipt_log::Entity>) -> Result<Vec<(i64, i64)>, StorageError> {
    select
        .select_only()
        .column(receipt_log::Column::CardId)
        .column_as(Expr::col(receipt_log::Column::Id).count(), "n")
        .group_by(receipt_log::Column::CardId)
        .into_tuple::<(i64, i64)>()
        .all(store.db())
        .await
        .map_err(db_err)
}

#[async_trait]
impl ReceiptRepo for Store {
    async fn submit(&self, receipt: &NewReceipt) -> Result<Receipt, StorageError> {
        let txn = self.db().begin().await.map_err(db_err)?;
        let row = receipt_log::ActiveModel {
            id: NotSet,
            user_id: Set(receipt.user.get()),
            card_id: Set(receipt.card.get()),
            amount: Set(receipt.amount.minor()),
            text: Set(receipt.proof.text().map(|t| t.as_str().to_owned())),
            photo_file_id: Set(receipt.proof.photo().map(|p| p.as_str().to_owned())),
            status: Set(ReceiptStatus::Pending.code().to_owned()),
            tracking_code: Set(receipt.tracking.as_str().to_owned()),
            submitted_at: Set(to_ms(receipt.submitted_at)),
            expires_at: Set(to_ms(receipt.expires_at)),
            decided_by: Set(None),
            decided_at: Set(None),
            reject_reason: Set(None),
        }
        .insert(&txn)
        .await
        .map_err(db_err)?;
        let stored = receipt_from_row(row)?;
        let notice = NewNotice::to_admins(Notice::ReceiptSubmitted {
            receipt: stored.id,
            tracking: stored.tracking.to_string(),
            amount: stored.amount,
        });
        outbox::enqueue(&txn, &[notice], receipt.submitted_at).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(stored)
    }

    async fn get(&self, id: ReceiptId) -> Result<Option<Receipt>, StorageError> {
        find(self.db(), id).await
    }

    async fn find_by_tracking(&self, code: &TrackingCode) -> Result<Option<Receipt>, StorageError> {
        receipt_log::Entity::find()
            .filter(receipt_log::Column::TrackingCode.eq(code.as_str()))
            .one(self.db())
            .await
            .map_err(db_err)?
            .map(receipt_from_row)
            .transpose()
    }

    async fn list(&self, query: ReceiptQuery, page: PageRequest) -> Result<Page<Receipt>, StorageError> {
        let select = filtered(query);
        crate::paging::fetch_page(
            self.db(),
            select.order_by_desc(receipt_log::Column::Id),
            page,
            receipt_from_row,
        )
        .await
    }

    async fn approve(&self, command: &ApproveReceipt) -> Result<DecisionOutcome, StorageError> {
        decisions::approve(self, command).await
    }

    async fn reject(&self, command: &RejectReceipt) -> Result<DecisionOutcome, StorageError> {
        decisions::reject(self, command).await
    }

    async fn due_for_expiry(&self, now: OffsetDateTime, limit: u64) -> Result<Vec<Receipt>, StorageError> {
        receipt_log::Entity::find()
            .filter(receipt_log::Column::Status.eq(ReceiptStatus::Pending.code()))
            .filter(receipt_log::Column::ExpiresAt.lte(to_ms(now)))
            .order_by_asc(receipt_log::Column::ExpiresAt)
            .order_by_asc(receipt_log::Column::Id)
            .limit(limit)
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(receipt_from_row)
            .collect()
    }

    async fn expire(&self, command: &ExpireReceipt) -> Result<DecisionOutcome, StorageError> {
        decisions::expire(self, command).await
    }

    async fn card_loads(&self, since: OffsetDateTime) -> Result<Vec<CardLoad>, StorageError> {
        let pending = count_by_card(
            self,
            receipt_log::Entity::find().filter(receipt_log::Column::Status.eq(ReceiptStatus::Pending.code())),
        )
        .await?;
        let recent = count_by_card(
            self,
            receipt_log::Entity::find().filter(receipt_log::Column::SubmittedAt.gte(to_ms(since))),
        )
        .await?;
        let mut loads: BTreeMap<i64, CardLoad> = BTreeMap::new();
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        for (card, n) in pending {
            loads.entry(card).or_insert_with(|| idle(card)).pending = count(n);
        }
        for (card, n) in recent {
            loads.entry(card).or_insert_with(|| idle(card)).recent = count(n);
        }
        Ok(loads.into_values().collect())
    }
}

fn idle(card: i64) -> CardLoad {
    CardLoad {
        card: BankCardId::new(card),
        pending: 0,
        recent: 0,
    }
}
