//! `ReceiptRepo` for [`Store`]: submitting and reading receipts, card loads. The decisions
//! (approve, reject, expire) live in `decisions.rs`.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use kernel::{BankCardId, Money, Page, PageRequest, ReceiptId, StorageError, TrackingCode, UserId};
use members::NewAuditEntry;
use receipts::{
    AttachProof, CardLoad, DecisionOutcome, NewReceipt, PhotoFileId, Receipt, ReceiptFlags, ReceiptProof, ReceiptQuery,
    ReceiptRepo, ReceiptStatus, ReceiptText, ReceiptTransition, RejectReason,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Select,
    Set,
};
use time::OffsetDateTime;

use super::decisions;
use crate::Store;
use crate::entity::receipts::receipt_log;
use crate::error::{corrupt, db_err};
use crate::repo::members::write_audit;
use crate::time_ms::{from_ms, to_ms};

/// Converts a `receipt_log` row.
pub fn receipt_from_row(row: receipt_log::Model) -> Result<Receipt, StorageError> {
    let id = row.id;
    let bad = |what: String| corrupt("receipt_log", id, what);
    let text = match row.text.as_deref() {
        Some(t) => ReceiptText::new(t).map_err(|e| bad(e.to_string()))?,
        None => None,
    };
    let photo_of = |id: Option<&str>| id.map(PhotoFileId::new).transpose().map_err(|e| bad(e.to_string()));
    let photo = photo_of(row.photo_file_id.as_deref())?;
    let money = |minor: i64| Money::from_minor(minor).map_err(|e| bad(e.to_string()));
    let amount = money(row.amount)?;
    Ok(Receipt {
        id: ReceiptId::new(id),
        user: UserId::new(row.user_id),
        card: BankCardId::new(row.card_id),
        requested: row.requested_amount.map(money).transpose()?.unwrap_or(amount),
        amount,
        proof: (text.is_some() || photo.is_some())
            .then(|| ReceiptProof::new(text, photo))
            .transpose()
            .map_err(|e| bad(e.to_string()))?,
        photo_unique: photo_of(row.photo_unique_id.as_deref())?,
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
        credited: row.credited_amount.map(money).transpose()?,
        flags: ReceiptFlags::parse(&row.flags).map_err(|e| bad(e.to_string()))?,
        order: row.order_id.map(kernel::OrderId::new),
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
    if let Some(amount) = query.amount {
        select = select.filter(receipt_log::Column::Amount.eq(amount.minor()));
    }
    if query.for_orders {
        select = select.filter(receipt_log::Column::OrderId.is_not_null());
    }
    if let Some(since) = query.decided_since {
        select = select.filter(receipt_log::Column::DecidedAt.gte(to_ms(since)));
    }
    select
}

/// What each card received since `month_since` (and since `day_since`): pending amounts plus
/// approved credits. Summed here rather than in SQL, where SUM's type differs per backend.
async fn received(
    store: &Store,
    day_since: OffsetDateTime,
    month_since: OffsetDateTime,
) -> Result<BTreeMap<i64, (i64, i64)>, StorageError> {
    let rows: Vec<(i64, String, i64, Option<i64>, i64)> = receipt_log::Entity::find()
        .select_only()
        .column(receipt_log::Column::CardId)
        .column(receipt_log::Column::Status)
        .column(receipt_log::Column::Amount)
        .column(receipt_log::Column::CreditedAmount)
        .column(receipt_log::Column::SubmittedAt)
        .filter(receipt_log::Column::SubmittedAt.gte(to_ms(month_since)))
        .filter(receipt_log::Column::Status.is_in([ReceiptStatus::Pending.code(), ReceiptStatus::Approved.code()]))
        .into_tuple()
        .all(store.db())
        .await
        .map_err(db_err)?;
    let day_ms = to_ms(day_since);
    let mut totals: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for (card, status, amount, credited, submitted) in rows {
        let value = if status == ReceiptStatus::Approved.code() {
            credited.unwrap_or(amount)
        } else {
            amount
        };
        let (day, month) = totals.entry(card).or_default();
        *month = month.saturating_add(value);
        if submitted >= day_ms {
            *day = day.saturating_add(value);
        }
    }
    Ok(totals)
}

#[async_trait]
impl ReceiptRepo for Store {
    async fn open(&self, receipt: &NewReceipt) -> Result<Receipt, StorageError> {
        let row = receipt_log::ActiveModel {
            id: NotSet,
            user_id: Set(receipt.user.get()),
            card_id: Set(receipt.card.get()),
            amount: Set(receipt.amount.minor()),
            text: Set(None),
            photo_file_id: Set(None),
            status: Set(ReceiptStatus::Pending.code().to_owned()),
            tracking_code: Set(receipt.tracking.as_str().to_owned()),
            submitted_at: Set(to_ms(receipt.submitted_at)),
            expires_at: Set(to_ms(receipt.expires_at)),
            decided_by: Set(None),
            decided_at: Set(None),
            reject_reason: Set(None),
            requested_amount: Set(Some(receipt.requested.minor())),
            credited_amount: Set(None),
            flags: Set(receipt.flags.code()),
            photo_unique_id: Set(None),
            open_amount: Set(Some(receipt.amount.minor())),
            order_id: Set(receipt.order.map(|o| o.get())),
        }
        .insert(self.db())
        .await
        .map_err(db_err)?;
        receipt_from_row(row)
    }

    async fn open_amounts(&self) -> Result<BTreeSet<Money>, StorageError> {
        let amounts: Vec<Option<i64>> = receipt_log::Entity::find()
            .select_only()
            .column(receipt_log::Column::OpenAmount)
            .filter(receipt_log::Column::OpenAmount.is_not_null())
            .into_tuple()
            .all(self.db())
            .await
            .map_err(db_err)?;
        amounts
            .into_iter()
            .flatten()
            .map(|m| Money::from_minor(m).map_err(|e| StorageError::Other(format!("open amount {m}: {e}"))))
            .collect()
    }

    async fn attach_proof(&self, command: &AttachProof) -> Result<DecisionOutcome, StorageError> {
        decisions::attach_proof(self, command).await
    }

    async fn photo_used_elsewhere(&self, unique: &PhotoFileId, except: ReceiptId) -> Result<bool, StorageError> {
        Ok(receipt_log::Entity::find()
            .filter(receipt_log::Column::PhotoUniqueId.eq(unique.as_str()))
            .filter(receipt_log::Column::Id.ne(except.get()))
            .one(self.db())
            .await
            .map_err(db_err)?
            .is_some())
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

    async fn apply(&self, transition: &ReceiptTransition) -> Result<DecisionOutcome, StorageError> {
        decisions::apply(self, transition).await
    }

    async fn set_flags(
        &self,
        id: ReceiptId,
        flags: &ReceiptFlags,
        audit: NewAuditEntry,
    ) -> Result<DecisionOutcome, StorageError> {
        decisions::set_flags(self, id, flags, &audit).await
    }

    async fn record_audit(&self, entry: NewAuditEntry) -> Result<(), StorageError> {
        write_audit(self.db(), &entry).await.map(|_| ())
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

    async fn card_loads(
        &self,
        day_since: OffsetDateTime,
        month_since: OffsetDateTime,
    ) -> Result<Vec<CardLoad>, StorageError> {
        let money = |minor: i64| Money::from_minor(minor).map_err(|e| StorageError::Other(format!("card load: {e}")));
        received(self, day_since, month_since)
            .await?
            .into_iter()
            .map(|(card, (day, month))| {
                Ok(CardLoad {
                    card: BankCardId::new(card),
                    day: money(day)?,
                    month: money(month)?,
                })
            })
            .collect()
    }
}
