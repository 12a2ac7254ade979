//! `PaymentRepo` for [`Store`]: a settlement is one conditional UPDATE (`… WHERE status =
//! <from>`) in one transaction with the wallet credit under `payment:<id>:credit` and the
//! notices, so however many copies of a callback race, exactly one credits.

use async_trait::async_trait;
use kernel::{Currency, Money, OrderId, Page, PageRequest, StorageError, TelegramId, UserId};
use members::NewAuditEntry;
use notify::NewNotice;
use payments::{
    Charge, NewPayment, PayerDirectory, Payment, PaymentId, PaymentQuery, PaymentRepo, PaymentStatus,
    PaymentTransition, Provider, SettleOutcome, Transition,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
};
use time::OffsetDateTime;
use wallet::Movement;

use crate::Store;
use crate::entity::payments::gateway_payment as row;
use crate::error::{corrupt, db_err};
use crate::repo::ledger::{self, LedgerWriteError};
use crate::repo::outbox;
use crate::time_ms::{from_ms, to_ms};
use crate::tx::retry_on_conflict;

fn to_payment(m: row::Model) -> Result<Payment, StorageError> {
    let id = m.id;
    let bad = |what: &str| corrupt("gateway_payment", id, what);
    let currency = Currency::from_code(&m.charge_currency).map_err(|_| bad("unknown currency"))?;
    Ok(Payment {
        id: PaymentId::new(id),
        user: UserId::new(m.user_id),
        provider: Provider::parse(&m.provider).ok_or_else(|| bad("unknown provider"))?,
        amount: Money::from_minor(m.amount).map_err(|e| corrupt("gateway_payment", id, e))?,
        charge: Charge::new(m.charge_minor, currency).map_err(|e| corrupt("gateway_payment", id, e))?,
        status: PaymentStatus::parse(&m.status).ok_or_else(|| bad("unknown status"))?,
        provider_ref: m.provider_ref,
        pay_url: m.pay_url,
        order: m.order_id.map(OrderId::new),
        created_at: from_ms(m.created_at)?,
        updated_at: from_ms(m.updated_at)?,
    })
}

async fn find<C: ConnectionTrait>(conn: &C, id: PaymentId) -> Result<Option<Payment>, StorageError> {
    row::Entity::find_by_id(id.get())
        .one(conn)
        .await
        .map_err(db_err)?
        .map(to_payment)
        .transpose()
}

/// The ledger movement of a settlement.
fn credit(t: &PaymentTransition) -> Result<Option<(Movement, &kernel::TrackingCode)>, StorageError> {
    match &t.change {
        Transition::Settle {
            user,
            amount,
            key,
            tracking,
        } => {
            let note = Some(format!("payment {}", t.payment));
            let movement = Movement::deposit(*user, *amount, key.clone(), note)
                .map_err(|e| StorageError::Other(format!("payment {}: {e}", t.payment)))?;
            Ok(Some((movement, tracking)))
        }
        Transition::Refund {
            user,
            amount,
            key,
            tracking,
        } => {
            let reason = format!("payment {} refunded to the payer", t.payment);
            let movement = Movement::adjustment(*user, -amount.minor(), key.clone(), &reason)
                .map_err(|e| StorageError::Other(format!("payment {}: {e}", t.payment)))?;
            Ok(Some((movement, tracking)))
        }
        Transition::Fail | Transition::Expire => Ok(None),
    }
}

async fn apply(store: &Store, t: &PaymentTransition) -> Result<SettleOutcome, StorageError> {
    retry_on_conflict(|| async {
        let txn = crate::tx::begin(store.db()).await?;
        let mut update = row::Entity::update_many()
            .col_expr(row::Column::Status, Expr::value(t.to.code()))
            .col_expr(row::Column::UpdatedAt, Expr::value(to_ms(t.at)));
        if let Some(reference) = &t.provider_ref {
            update = update.col_expr(row::Column::ProviderRef, Expr::value(reference.clone()));
        }
        let done = update
            .filter(row::Column::Id.eq(t.payment.get()))
            .filter(row::Column::Status.eq(t.from.code()))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if done.rows_affected != 1 {
            txn.rollback().await.map_err(db_err)?;
            return Ok(match find(store.db(), t.payment).await? {
                Some(p) => SettleOutcome::Refused(p),
                None => SettleOutcome::NotFound,
            });
        }
        if let Some((movement, tracking)) = credit(t)? {
            match ledger::write(&txn, &movement, tracking, t.at).await {
                Ok(_) => {}
                Err(LedgerWriteError::Storage(e)) => return Err(e),
                Err(LedgerWriteError::Insufficient { balance }) => {
                    txn.rollback().await.map_err(db_err)?;
                    return Ok(SettleOutcome::BalanceTooLow(balance));
                }
                Err(refusal) => return Err(refusal.into_storage(&format!("payment {}", t.payment))),
            }
        }
        outbox::enqueue(&txn, &t.notices, t.at).await?;
        if let Some(entry) = &t.audit {
            crate::repo::members::write_audit(&txn, entry).await?;
        }
        let payment = find(&txn, t.payment)
            .await?
            .ok_or_else(|| StorageError::Other(format!("payment {} vanished while settled", t.payment)))?;
        txn.commit().await.map_err(db_err)?;
        Ok(SettleOutcome::Applied(payment))
    })
    .await
}

#[async_trait]
impl PayerDirectory for Store {
    async fn telegram_id(&self, user: UserId) -> Result<Option<TelegramId>, StorageError> {
        let found = crate::entity::members::user::Entity::find_by_id(user.get())
            .one(self.db())
            .await
            .map_err(db_err)?;
        found
            .map(|u| TelegramId::new(u.telegram_id).map_err(|e| corrupt("user", u.id, e)))
            .transpose()
    }
}

#[async_trait]
impl PaymentRepo for Store {
    async fn create(&self, p: &NewPayment) -> Result<Payment, StorageError> {
        let at = to_ms(p.created_at);
        let model = row::ActiveModel {
            id: NotSet,
            user_id: Set(p.user.get()),
            provider: Set(p.provider.as_str().to_owned()),
            amount: Set(p.amount.minor()),
            charge_minor: Set(p.charge.minor()),
            charge_currency: Set(p.charge.currency().code().to_owned()),
            status: Set(PaymentStatus::Created.code().to_owned()),
            provider_ref: Set(None),
            pay_url: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
            order_id: Set(p.order.map(OrderId::get)),
            order_done_at: Set(None),
        }
        .insert(self.db())
        .await
        .map_err(db_err)?;
        to_payment(model)
    }

    async fn set_checkout(
        &self,
        id: PaymentId,
        provider_ref: Option<String>,
        pay_url: &str,
    ) -> Result<Payment, StorageError> {
        row::Entity::update_many()
            .col_expr(row::Column::ProviderRef, Expr::value(provider_ref))
            .col_expr(row::Column::PayUrl, Expr::value(pay_url.to_owned()))
            .filter(row::Column::Id.eq(id.get()))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        find(self.db(), id)
            .await?
            .ok_or_else(|| StorageError::NotFound(format!("payment {id}")))
    }

    async fn get(&self, id: PaymentId) -> Result<Option<Payment>, StorageError> {
        find(self.db(), id).await
    }

    async fn find_by_ref(&self, provider: Provider, provider_ref: &str) -> Result<Option<Payment>, StorageError> {
        row::Entity::find()
            .filter(row::Column::Provider.eq(provider.as_str()))
            .filter(row::Column::ProviderRef.eq(provider_ref))
            .one(self.db())
            .await
            .map_err(db_err)?
            .map(to_payment)
            .transpose()
    }

    async fn list(&self, query: PaymentQuery, page: PageRequest) -> Result<Page<Payment>, StorageError> {
        let mut select = row::Entity::find();
        if let Some(status) = query.status {
            select = select.filter(row::Column::Status.eq(status.code()));
        }
        if let Some(provider) = query.provider {
            select = select.filter(row::Column::Provider.eq(provider.as_str()));
        }
        if let Some(user) = query.user {
            select = select.filter(row::Column::UserId.eq(user.get()));
        }
        crate::paging::fetch_page(self.db(), select.order_by_desc(row::Column::Id), page, to_payment).await
    }

    async fn open_before(&self, before: OffsetDateTime, limit: u64) -> Result<Vec<Payment>, StorageError> {
        row::Entity::find()
            .filter(row::Column::Status.eq(PaymentStatus::Created.code()))
            .filter(row::Column::CreatedAt.lte(to_ms(before)))
            .order_by_asc(row::Column::CreatedAt)
            .limit(limit)
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(to_payment)
            .collect()
    }

    async fn apply(&self, transition: &PaymentTransition) -> Result<SettleOutcome, StorageError> {
        apply(self, transition).await
    }

    async fn orders_to_pay(&self, before: OffsetDateTime, limit: u64) -> Result<Vec<Payment>, StorageError> {
        row::Entity::find()
            .filter(row::Column::Status.eq(PaymentStatus::Paid.code()))
            .filter(row::Column::OrderId.is_not_null())
            .filter(row::Column::OrderDoneAt.is_null())
            .filter(row::Column::UpdatedAt.lte(to_ms(before)))
            .order_by_asc(row::Column::UpdatedAt)
            .limit(limit)
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(to_payment)
            .collect()
    }

    async fn finish_order(
        &self,
        id: PaymentId,
        notices: &[NewNotice],
        at: OffsetDateTime,
    ) -> Result<bool, StorageError> {
        retry_on_conflict(|| async {
            let txn = crate::tx::begin(self.db()).await?;
            let done = row::Entity::update_many()
                .col_expr(row::Column::OrderDoneAt, Expr::value(to_ms(at)))
                .filter(row::Column::Id.eq(id.get()))
                .filter(row::Column::OrderDoneAt.is_null())
                .exec(&txn)
                .await
                .map_err(db_err)?;
            if done.rows_affected != 1 {
                txn.rollback().await.map_err(db_err)?;
                return Ok(false);
            }
            outbox::enqueue(&txn, notices, at).await?;
            txn.commit().await.map_err(db_err)?;
            Ok(true)
        })
        .await
    }

    async fn record(
        &self,
        notices: &[NewNotice],
        audit: Option<NewAuditEntry>,
        at: OffsetDateTime,
    ) -> Result<(), StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        outbox::enqueue(&txn, notices, at).await?;
        if let Some(entry) = &audit {
            crate::repo::members::write_audit(&txn, entry).await?;
        }
        txn.commit().await.map_err(db_err)
    }
}
