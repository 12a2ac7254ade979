//! The saga's multi-table steps, each one transaction re-run once on a lost race:
//! - pay: order `Pending → Paid` + discount use + test claim + wallet debit `order:<id>:debit`
//!   + the admins' "new order" alert (a paid one, not a free test);
//! - fulfil: client account stored (or its limits updated) + `Paid → Fulfilled` + notice, and
//!   the low-balance notice when the balance left is below what the order cost
//!   ([`notify::low_balance`]);
//! - fail: `→ Failed`, and for a paid order refund `order:<id>:refund` + discount use and test
//!   claim given back + notice.
//!
//! Every step first moves the order with a conditional UPDATE on its current status, so a
//! second caller finds nothing to move and reports the winner's result instead.

use inventory::{ClientAccount, ClientLimits, NewClientAccount};
use kernel::{ClientAccountId, IdempotencyKey, Money, OrderId, StorageError, TrackingCode, TrackingKind, UserId};
use notify::{NewNotice, Notice};
use orders::{Order, OrderStatus, OrderWriteError, PayError};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, ExprTrait, NotSet, QueryFilter, Set,
    TransactionTrait,
};
use time::OffsetDateTime;
use wallet::Movement;

use super::order_repo::{current, load, status_of};
use super::rows::order_from_row;
use crate::Store;
use crate::entity::orders::{discount_code, order, test_account_log};
use crate::error::db_err;
use crate::repo::ledger::{self, LedgerWriteError};
use crate::repo::outbox;
use crate::time_ms::to_ms;
use crate::tx::{MaybeConflict, retry_on_conflict};

impl MaybeConflict for PayError {
    fn is_conflict(&self) -> bool {
        matches!(self, Self::Storage(StorageError::Conflict(_)))
    }
}

impl MaybeConflict for OrderWriteError {
    fn is_conflict(&self) -> bool {
        matches!(self, Self::Storage(StorageError::Conflict(_)))
    }
}

/// Moves the order from `from` with `change`; `false` when it was no longer `from`.
async fn move_order(
    txn: &DatabaseTransaction,
    id: OrderId,
    from: OrderStatus,
    change: order::ActiveModel,
) -> Result<bool, StorageError> {
    let moved = order::Entity::update_many()
        .set(change)
        .filter(order::Column::Id.eq(id.get()))
        .filter(order::Column::Status.eq(from.as_str()))
        .exec(txn)
        .await
        .map_err(db_err)?;
    Ok(moved.rows_affected == 1)
}

fn order_key(id: OrderId, step: &str) -> Result<IdempotencyKey, StorageError> {
    IdempotencyKey::for_step("order", id, step).map_err(|e| StorageError::Other(e.to_string()))
}

/// How a refused ledger movement of an order step reads in logs.
const ORDER_LEDGER_REFUSED: &str = "order ledger movement refused";

fn wallet_storage(e: wallet::WalletError) -> StorageError {
    StorageError::Other(format!("{ORDER_LEDGER_REFUSED}: {e}"))
}

async fn reload(store: &Store, id: OrderId) -> Result<Order, StorageError> {
    let row = load(store.db(), id)
        .await?
        .ok_or_else(|| StorageError::NotFound(format!("order {id}")))?;
    order_from_row(row)
}

/// See `OrderRepo::pay`.
pub(super) async fn pay(store: &Store, id: OrderId, at: OffsetDateTime) -> Result<Order, PayError> {
    retry_on_conflict(|| pay_once(store, id, at)).await
}

async fn pay_once(store: &Store, id: OrderId, at: OffsetDateTime) -> Result<Order, PayError> {
    let txn = store.db().begin().await.map_err(db_err)?;
    let row = load(&txn, id).await?.ok_or(PayError::NotFound)?;
    match status_of(&row)? {
        OrderStatus::Pending => {}
        OrderStatus::Paid | OrderStatus::Fulfilled => return Ok(order_from_row(row)?),
        current => return Err(PayError::WrongStatus { current }),
    }
    let change = order::ActiveModel {
        status: Set(OrderStatus::Paid.as_str().to_owned()),
        paid_at: Set(Some(to_ms(at))),
        updated_at: Set(to_ms(at)),
        ..Default::default()
    };
    if !move_order(&txn, id, OrderStatus::Pending, change).await? {
        drop(txn);
        let now = reload(store, id).await?;
        return match now.status {
            s if s.holds_money() => Ok(now),
            current => Err(PayError::WrongStatus { current }),
        };
    }
    if let Some(code) = row.discount_code_id {
        let used = discount_code::Entity::update_many()
            .col_expr(
                discount_code::Column::UsedCount,
                Expr::col(discount_code::Column::UsedCount).add(1),
            )
            .filter(discount_code::Column::Id.eq(code))
            .filter(discount_code::Column::Status.eq("active"))
            .filter(
                Condition::any()
                    .add(discount_code::Column::UsageLimit.is_null())
                    .add(Expr::col(discount_code::Column::UsedCount).lt(Expr::col(discount_code::Column::UsageLimit))),
            )
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if used.rows_affected == 0 {
            return Err(PayError::DiscountUnavailable);
        }
    }
    if row.is_test {
        let claim = test_account_log::ActiveModel {
            id: NotSet,
            user_id: Set(row.user_id),
            plan_id: Set(row.plan_id),
            order_id: Set(row.id),
            created_at: Set(to_ms(at)),
        }
        .insert(&txn)
        .await
        .map_err(db_err);
        if let Err(e) = claim {
            return Err(match e {
                StorageError::Conflict(_) => PayError::TestAlreadyClaimed,
                other => other.into(),
            });
        }
    }
    if row.amount > 0 {
        let amount = Money::from_minor(row.amount).map_err(|e| StorageError::Other(e.to_string()))?;
        let debit = Movement::purchase(
            UserId::new(row.user_id),
            amount,
            order_key(id, "debit")?,
            Some(format!("order {}", row.tracking)),
        )
        .map_err(wallet_storage)?;
        let tracking = TrackingCode::random(TrackingKind::Transaction, at);
        match ledger::write(&txn, &debit, &tracking, at).await {
            Ok(_) => {}
            Err(LedgerWriteError::Insufficient { balance }) => {
                return Err(PayError::InsufficientFunds {
                    needed: amount,
                    balance,
                });
            }
            Err(e) => return Err(e.into_storage(ORDER_LEDGER_REFUSED).into()),
        }
        if !row.is_test {
            let alert = NewNotice::to_admins(Notice::OrderPaid {
                order: id,
                tracking: row.tracking.clone(),
                amount,
                renewal: row.renew_account_id.is_some(),
            });
            outbox::enqueue(&txn, &[alert], at).await?;
        }
    }
    txn.commit().await.map_err(db_err)?;
    Ok(reload(store, id).await?)
}

/// See `OrderRepo::fulfil_purchase`.
pub(super) async fn fulfil_purchase(
    store: &Store,
    id: OrderId,
    account: &NewClientAccount,
    at: OffsetDateTime,
) -> Result<Order, OrderWriteError> {
    retry_on_conflict(|| async {
        let txn = begin_paid(store, id).await?;
        let stored = crate::repo::inventory::insert_client_account_for_order(&txn, account, id).await?;
        fulfil(store, txn, id, stored.id, at).await
    })
    .await
}

/// See `OrderRepo::fulfil_renewal`.
pub(super) async fn fulfil_renewal(
    store: &Store,
    id: OrderId,
    account: &ClientAccount,
    limits: &ClientLimits,
    at: OffsetDateTime,
) -> Result<Order, OrderWriteError> {
    retry_on_conflict(|| async {
        let txn = begin_paid(store, id).await?;
        if !crate::repo::inventory::renew_client_limits(&txn, account, limits, at).await? {
            return Err(OrderWriteError::Stale);
        }
        fulfil(store, txn, id, account.id, at).await
    })
    .await
}

/// Opens the fulfilment transaction of an order that must be paid.
async fn begin_paid(store: &Store, id: OrderId) -> Result<DatabaseTransaction, OrderWriteError> {
    let txn = store.db().begin().await.map_err(db_err)?;
    let row = load(&txn, id).await?.ok_or(OrderWriteError::NotFound)?;
    match status_of(&row)? {
        OrderStatus::Paid => Ok(txn),
        current => Err(OrderWriteError::WrongStatus { current }),
    }
}

async fn fulfil(
    store: &Store,
    txn: DatabaseTransaction,
    id: OrderId,
    account: ClientAccountId,
    at: OffsetDateTime,
) -> Result<Order, OrderWriteError> {
    let change = order::ActiveModel {
        status: Set(OrderStatus::Fulfilled.as_str().to_owned()),
        account_id: Set(Some(account.get())),
        closed_at: Set(Some(to_ms(at))),
        updated_at: Set(to_ms(at)),
        ..Default::default()
    };
    if !move_order(&txn, id, OrderStatus::Paid, change).await? {
        drop(txn);
        let current = current(store, id).await?.status;
        return Err(OrderWriteError::WrongStatus { current });
    }
    let row = load(&txn, id).await?.ok_or(OrderWriteError::NotFound)?;
    let user = UserId::new(row.user_id);
    let notice = NewNotice::to_user(
        user,
        Notice::OrderFulfilled {
            order: id,
            account,
            tracking: Some(row.tracking.clone()),
        },
    );
    let mut notices = vec![notice];
    let price = Money::from_minor(row.amount).map_err(|e| StorageError::Other(e.to_string()))?;
    if !price.is_zero() {
        let balance = ledger::current_balance(&txn, user).await?;
        let muted = crate::repo::reminders::muted_kinds(&txn, user).await?;
        notices.extend(notify::low_balance(user, balance, price, &muted));
    }
    outbox::enqueue(&txn, &notices, at).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(reload(store, id).await?)
}

/// See `OrderRepo::fail` (`tell_admins: false`) and `OrderRepo::give_up` (`true`).
pub(super) async fn fail(
    store: &Store,
    id: OrderId,
    reason: &str,
    at: OffsetDateTime,
    tell_admins: bool,
) -> Result<Order, OrderWriteError> {
    retry_on_conflict(|| fail_once(store, id, reason, at, tell_admins)).await
}

async fn fail_once(
    store: &Store,
    id: OrderId,
    reason: &str,
    at: OffsetDateTime,
    tell_admins: bool,
) -> Result<Order, OrderWriteError> {
    let txn = store.db().begin().await.map_err(db_err)?;
    let row = load(&txn, id).await?.ok_or(OrderWriteError::NotFound)?;
    let from = status_of(&row)?;
    match from {
        OrderStatus::Pending | OrderStatus::Paid => {}
        OrderStatus::Failed => return Ok(order_from_row(row)?),
        current => return Err(OrderWriteError::WrongStatus { current }),
    }
    let change = order::ActiveModel {
        status: Set(OrderStatus::Failed.as_str().to_owned()),
        failure: Set(Some(reason.to_owned())),
        closed_at: Set(Some(to_ms(at))),
        updated_at: Set(to_ms(at)),
        ..Default::default()
    };
    if !move_order(&txn, id, from, change).await? {
        drop(txn);
        let now = current(store, id).await?;
        return match now.status {
            OrderStatus::Failed => Ok(now),
            current => Err(OrderWriteError::WrongStatus { current }),
        };
    }
    if from == OrderStatus::Paid {
        compensate(&txn, &row, reason, at).await?;
    }
    if tell_admins {
        let notice = NewNotice::to_admins(Notice::OrderNeedsAttention {
            order: id,
            tracking: Some(row.tracking.clone()),
            reason: reason.to_owned(),
        });
        outbox::enqueue(&txn, &[notice], at).await?;
    }
    txn.commit().await.map_err(db_err)?;
    Ok(reload(store, id).await?)
}

/// Undoes what paying did: money back, discount use back, test claim freed, buyer told.
async fn compensate(
    txn: &DatabaseTransaction,
    row: &order::Model,
    reason: &str,
    at: OffsetDateTime,
) -> Result<(), StorageError> {
    let id = OrderId::new(row.id);
    let user = UserId::new(row.user_id);
    let amount = Money::from_minor(row.amount).map_err(|e| StorageError::Other(e.to_string()))?;
    if !amount.is_zero() {
        let refund = Movement::refund(
            user,
            amount,
            order_key(id, "refund")?,
            Some(format!("order {}: {reason}", row.tracking)),
        )
        .map_err(wallet_storage)?;
        let tracking = TrackingCode::random(TrackingKind::Transaction, at);
        ledger::write(txn, &refund, &tracking, at)
            .await
            .map_err(|e| e.into_storage(ORDER_LEDGER_REFUSED))?;
    }
    if let Some(code) = row.discount_code_id {
        discount_code::Entity::update_many()
            .col_expr(
                discount_code::Column::UsedCount,
                Expr::col(discount_code::Column::UsedCount).sub(1),
            )
            .filter(discount_code::Column::Id.eq(code))
            .filter(discount_code::Column::UsedCount.gt(0))
            .exec(txn)
            .await
            .map_err(db_err)?;
    }
    if row.is_test {
        test_account_log::Entity::delete_many()
            .filter(test_account_log::Column::OrderId.eq(row.id))
            .exec(txn)
            .await
            .map_err(db_err)?;
    }
    let notice = NewNotice::to_user(
        user,
        Notice::OrderRefunded {
            order: id,
            tracking: Some(row.tracking.clone()),
            amount,
            reason: reason.to_owned(),
        },
    );
    outbox::enqueue(txn, &[notice], at).await
}
