//! Applying the domain's order changes ([`OrderChange`]): each is one transaction, re-run once
//! on a lost race, that first moves the order with a conditional UPDATE on the status the
//! change moves it from and, only when that moved the row, applies what the change carries:
//! - pay: discount use (counted, and recorded in `discount_use` under the buyer's limit) + test claim + wallet debit `order:<id>:debit` + the admins' "new order"
//!   alert;
//! - fulfil: client account stored (or its limits updated) + notice, and the low-balance
//!   notice when the balance left is below what the order cost ([`notify::low_balance`]); a
//!   new account is stored just before the move, which names it in the same UPDATE (if the
//!   move then finds nothing, the transaction takes the row back; if storing it clashes with
//!   the account another run stored, the answer is where that run left the order);
//! - fail: for a paid order the refund `order:<id>:refund` + discount use (count and record)
//!   and test claim given back + notice, and the admins' notice when the change says so;
//! - expire: nothing else;
//! - and, when the change carries one (a superadmin's refund), its audit entry.
//!
//! The conditional UPDATE returns the moved row (`RETURNING`; MySQL reads it back inside the
//! transaction), which is the answer: nothing is read again after the commit. A move that
//! closes the order also lets go of its delivery run (`delivery_owner`/`delivery_until`).
//!
//! A second caller finds nothing to move and gets the order's status now; nothing of its
//! change is written. The store decides no transition and no amount of its own.

use kernel::{ClientAccountId, StorageError, TrackingCode, TrackingKind};
use notify::{NewNotice, Notice};
use orders::{Charge, Delivered, Failure, Order, OrderChange, OrderEffect, OrderKind, OrderWriteError, Payment};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, ExprTrait, NotSet, QueryFilter, Set};
use wallet::Movement;

use super::discount_uses;
use super::order_repo::current;
use super::rows::order_from_row;
use crate::Store;
use crate::entity::orders::{discount_code, order, test_account_log};
use crate::error::db_err;
use crate::repo::ledger::{self, LedgerWriteError};
use crate::repo::members::write_audit;
use crate::repo::outbox;
use crate::time_ms::to_ms;
use crate::tx::{MaybeConflict, retry_on_conflict};

impl MaybeConflict for OrderWriteError {
    fn is_conflict(&self) -> bool {
        matches!(self, Self::Storage(StorageError::Conflict(_)))
    }
}

/// How a refused ledger movement of an order step reads in logs.
const ORDER_LEDGER_REFUSED: &str = "order ledger movement refused";

/// See `OrderRepo::apply`.
pub(super) async fn apply(store: &Store, change: &OrderChange) -> Result<Order, OrderWriteError> {
    retry_on_conflict(|| apply_once(store, change)).await
}

async fn apply_once(store: &Store, change: &OrderChange) -> Result<Order, OrderWriteError> {
    let id = change.order();
    let txn = crate::tx::begin(store.db()).await?;
    // The account a fulfilment names is known before the move (a new one is stored first), so
    // the move's UPDATE names it too; the transaction undoes the new row if the move fails.
    let account = match change.effect() {
        OrderEffect::Fulfil(Delivered::Account(new)) => {
            match crate::repo::inventory::insert_client_account_for_order(&txn, new, id).await {
                Ok(stored) => Some(stored.id),
                Err(e) => {
                    txn.rollback().await.map_err(db_err)?;
                    return Err(lost_race_or(store, change, e).await);
                }
            }
        }
        OrderEffect::Fulfil(Delivered::Renewal { snapshot, .. }) => Some(snapshot.id),
        _ => None,
    };
    let Some(row) = move_order(&txn, change, account).await? else {
        txn.rollback().await.map_err(db_err)?;
        // Read outside the failed transaction, so MySQL's snapshot does not hide the winner.
        let now = current(store, id).await?;
        return Err(OrderWriteError::WrongStatus { current: now.status });
    };
    match change.effect() {
        OrderEffect::Pay(payment) => pay(&txn, change, payment).await?,
        OrderEffect::Fulfil(delivered) => fulfil(&txn, change, delivered, account).await?,
        OrderEffect::Fail(failure) => fail(&txn, change, failure).await?,
        OrderEffect::Expire => {}
    }
    if let Some(entry) = change.audit() {
        write_audit(&txn, entry).await?;
    }
    txn.commit().await.map_err(db_err)?;
    Ok(order_from_row(row)?)
}

/// Why storing a fulfilment's new account failed: the order's current status when another run
/// already moved it (its account is then stored under the same name, a unique clash), else
/// `error` itself.
async fn lost_race_or(store: &Store, change: &OrderChange, error: StorageError) -> OrderWriteError {
    match current(store, change.order()).await {
        Ok(now) if now.status != change.from() => OrderWriteError::WrongStatus { current: now.status },
        _ => error.into(),
    }
}

/// The conditional UPDATE: `status = to` (with the step's timestamps and failure reason, and
/// the `account` a fulfilment names) `WHERE id AND status = from`; the row as it moved, `None`
/// when it did not. An order that closes is no longer held by a delivery run.
async fn move_order(
    txn: &DatabaseTransaction,
    change: &OrderChange,
    account: Option<ClientAccountId>,
) -> Result<Option<order::Model>, StorageError> {
    let at = to_ms(change.at());
    let mut row = order::ActiveModel {
        status: Set(change.to().as_str().to_owned()),
        updated_at: Set(at),
        ..Default::default()
    };
    match change.effect() {
        OrderEffect::Pay(_) => row.paid_at = Set(Some(at)),
        OrderEffect::Fail(failure) => {
            row.failure = Set(Some(failure.reason.clone()));
            row.closed_at = Set(Some(at));
        }
        OrderEffect::Fulfil(_) | OrderEffect::Expire => row.closed_at = Set(Some(at)),
    }
    if let Some(account) = account {
        row.account_id = Set(Some(account.get()));
    }
    if change.to().is_final() {
        row.delivery_owner = Set(None);
        row.delivery_until = Set(None);
    }
    let id = change.order().get();
    let moved = order::Entity::update_many()
        .set(row)
        .filter(order::Column::Id.eq(id))
        .filter(order::Column::Status.eq(change.from().as_str()));
    crate::returning::update_one(txn, id, moved).await
}

/// Writes a charge the change carries as a ledger movement built by `movement`.
async fn write_charge(
    txn: &DatabaseTransaction,
    change: &OrderChange,
    movement: Result<Movement, wallet::WalletError>,
) -> Result<(), LedgerWriteError> {
    let movement =
        movement.map_err(|e| LedgerWriteError::Storage(StorageError::Other(format!("{ORDER_LEDGER_REFUSED}: {e}"))))?;
    let tracking = TrackingCode::random(TrackingKind::Transaction, change.at());
    // The order's guarded move makes its debit and refund keys unique: no lookup first.
    ledger::write_new(txn, &movement, &tracking, change.at())
        .await
        .map(|_| ())
}

async fn pay(txn: &DatabaseTransaction, change: &OrderChange, payment: &Payment) -> Result<(), OrderWriteError> {
    if let Some(used) = &payment.discount_use {
        let code = used.code;
        let counted = discount_code::Entity::update_many()
            .col_expr(
                discount_code::Column::UsedCount,
                Expr::col(discount_code::Column::UsedCount).add(1),
            )
            .filter(discount_code::Column::Id.eq(code.get()))
            .filter(discount_code::Column::Status.eq("active"))
            .filter(
                Condition::any()
                    .add(discount_code::Column::UsageLimit.is_null())
                    .add(Expr::col(discount_code::Column::UsedCount).lt(Expr::col(discount_code::Column::UsageLimit))),
            )
            .exec(txn)
            .await
            .map_err(db_err)?;
        if counted.rows_affected == 0 {
            return Err(OrderWriteError::DiscountUnavailable);
        }
        discount_uses::record(txn, used, change.order(), change.at()).await?;
    }
    if let Some(claim) = payment.test_claim {
        let claimed = test_account_log::ActiveModel {
            id: NotSet,
            user_id: Set(claim.user.get()),
            plan_id: Set(claim.plan.get()),
            order_id: Set(change.order().get()),
            created_at: Set(to_ms(change.at())),
        }
        .insert(txn)
        .await
        .map_err(db_err);
        match claimed {
            Ok(_) => {}
            Err(StorageError::Conflict(_)) => return Err(OrderWriteError::TestAlreadyClaimed),
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(Charge {
        user,
        amount,
        key,
        note,
    }) = &payment.debit
    {
        let debit = Movement::purchase(*user, *amount, key.clone(), Some(note.clone()));
        match write_charge(txn, change, debit).await {
            Ok(()) => {}
            Err(LedgerWriteError::Insufficient { balance }) => {
                return Err(OrderWriteError::InsufficientFunds {
                    needed: *amount,
                    balance,
                });
            }
            Err(e) => return Err(e.into_storage(ORDER_LEDGER_REFUSED).into()),
        }
    }
    if payment.alert_admins {
        let alert = NewNotice::to_admins(Notice::OrderPaid {
            order: change.order(),
            tracking: change.tracking().to_owned(),
            amount: change.amount(),
            renewal: matches!(change.kind(), OrderKind::Renew { .. }),
        });
        outbox::enqueue(txn, &[alert], change.at()).await?;
    }
    Ok(())
}

/// Stores the rest of what was delivered (a renewal's new limits; a new account is already
/// stored, as `account`) and its notices.
async fn fulfil(
    txn: &DatabaseTransaction,
    change: &OrderChange,
    delivered: &Delivered,
    account: Option<ClientAccountId>,
) -> Result<(), OrderWriteError> {
    let id = change.order();
    if let Delivered::Renewal { snapshot, limits } = delivered
        && !crate::repo::inventory::renew_client_limits(txn, snapshot, limits, change.at()).await?
    {
        return Err(OrderWriteError::Stale);
    }
    let account = account.ok_or_else(|| StorageError::Other(format!("order {id}: fulfilled without an account")))?;
    let user = change.buyer();
    let mut notices = vec![NewNotice::to_user(
        user,
        Notice::OrderFulfilled {
            order: id,
            account,
            tracking: Some(change.tracking().to_owned()),
        },
    )];
    if !change.amount().is_zero() {
        let (balance, muted) = crate::repo::reminders::balance_and_mutes(txn, user).await?;
        notices.extend(notify::low_balance(user, balance, change.amount(), &muted));
    }
    outbox::enqueue(txn, &notices, change.at()).await?;
    Ok(())
}

async fn fail(txn: &DatabaseTransaction, change: &OrderChange, failure: &Failure) -> Result<(), OrderWriteError> {
    let id = change.order();
    let tracking = Some(change.tracking().to_owned());
    let mut notices = Vec::new();
    if let Some(refund) = &failure.refund {
        if let Some(Charge {
            user,
            amount,
            key,
            note,
        }) = &refund.credit
        {
            let credit = Movement::refund(*user, *amount, key.clone(), Some(note.clone()));
            write_charge(txn, change, credit)
                .await
                .map_err(|e| e.into_storage(ORDER_LEDGER_REFUSED))?;
        }
        if let Some(code) = refund.discount_return {
            discount_code::Entity::update_many()
                .col_expr(
                    discount_code::Column::UsedCount,
                    Expr::col(discount_code::Column::UsedCount).sub(1),
                )
                .filter(discount_code::Column::Id.eq(code.get()))
                .filter(discount_code::Column::UsedCount.gt(0))
                .exec(txn)
                .await
                .map_err(db_err)?;
            discount_uses::give_back(txn, id).await?;
        }
        if refund.free_test_claim {
            test_account_log::Entity::delete_many()
                .filter(test_account_log::Column::OrderId.eq(id.get()))
                .exec(txn)
                .await
                .map_err(db_err)?;
        }
        notices.push(NewNotice::to_user(
            change.buyer(),
            Notice::OrderRefunded {
                order: id,
                tracking: tracking.clone(),
                amount: refund.amount,
                reason: failure.reason.clone(),
            },
        ));
    }
    if failure.tell_admins {
        notices.push(NewNotice::to_admins(Notice::OrderNeedsAttention {
            order: id,
            tracking,
            reason: failure.reason.clone(),
        }));
    }
    outbox::enqueue(txn, &notices, change.at()).await?;
    Ok(())
}
