//! Deciding receipts: each decision is one conditional UPDATE (`… WHERE status = 'pending'
//! AND <deadline check>`) in one transaction with its side effects, so however many admins
//! press Approve at once, exactly one of them changes the row and credits the wallet.

use kernel::{ReceiptId, StorageError, TrackingCode, TrackingKind};
use receipts::{ApproveReceipt, DecisionOutcome, ExpireReceipt, ReceiptStatus, RejectReceipt};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, TransactionTrait};
use time::OffsetDateTime;
use wallet::Movement;

use super::receipt_log::find;
use crate::Store;
use crate::entity::receipts::receipt_log;
use crate::error::db_err;
use crate::repo::ledger;
use crate::repo::{members::write_audit, outbox};
use crate::time_ms::to_ms;
use crate::tx::retry_on_conflict;

/// Which side of the deadline a decision needs.
enum Deadline {
    /// Not yet passed: `expires_at > at` (approve, reject).
    Ahead,
    /// Passed: `expires_at <= at` (expire).
    Passed,
}

/// Moves a pending receipt to `status` inside `txn` if the deadline is on the right side of
/// `at`; whether a row changed.
async fn transition(
    txn: &DatabaseTransaction,
    id: ReceiptId,
    status: ReceiptStatus,
    at: OffsetDateTime,
    deadline: Deadline,
    extra: Vec<(receipt_log::Column, SimpleExpr)>,
) -> Result<bool, StorageError> {
    let at_ms = to_ms(at);
    let mut update = receipt_log::Entity::update_many()
        .col_expr(receipt_log::Column::Status, Expr::value(status.code()))
        .col_expr(receipt_log::Column::DecidedAt, Expr::value(at_ms));
    for (column, value) in extra {
        update = update.col_expr(column, value);
    }
    let deadline = match deadline {
        Deadline::Ahead => receipt_log::Column::ExpiresAt.gt(at_ms),
        Deadline::Passed => receipt_log::Column::ExpiresAt.lte(at_ms),
    };
    let done = update
        .filter(receipt_log::Column::Id.eq(id.get()))
        .filter(receipt_log::Column::Status.eq(ReceiptStatus::Pending.code()))
        .filter(deadline)
        .exec(txn)
        .await
        .map_err(db_err)?;
    Ok(done.rows_affected == 1)
}

/// The answer when no row changed: the receipt as it is now (read after rolling back, so it
/// shows what the winner committed), or `NotFound`.
async fn refused(store: &Store, txn: DatabaseTransaction, id: ReceiptId) -> Result<DecisionOutcome, StorageError> {
    txn.rollback().await.map_err(db_err)?;
    Ok(match find(store.db(), id).await? {
        Some(receipt) => DecisionOutcome::Refused(receipt),
        None => DecisionOutcome::NotFound,
    })
}

pub(super) async fn approve(store: &Store, command: &ApproveReceipt) -> Result<DecisionOutcome, StorageError> {
    retry_on_conflict(|| async {
        let txn = store.db().begin().await.map_err(db_err)?;
        let decided_by = vec![(receipt_log::Column::DecidedBy, Expr::value(command.admin.get()))];
        let id = command.receipt;
        if !transition(
            &txn,
            id,
            ReceiptStatus::Approved,
            command.at,
            Deadline::Ahead,
            decided_by,
        )
        .await?
        {
            return refused(store, txn, id).await;
        }
        let receipt = find(&txn, id)
            .await?
            .ok_or_else(|| StorageError::Other(format!("receipt {id} vanished while approved")))?;
        let movement = Movement::deposit(
            receipt.user,
            receipt.amount,
            command.key.clone(),
            Some(format!("receipt {}", receipt.tracking)),
        )
        .map_err(|e| StorageError::Other(format!("receipt {id} cannot be credited: {e}")))?;
        let tracking = TrackingCode::random(TrackingKind::Transaction, command.at);
        ledger::write(&txn, &movement, &tracking, command.at)
            .await
            .map_err(|e| e.into_storage("receipt credit refused by the ledger"))?;
        outbox::enqueue(&txn, &command.notices, command.at).await?;
        write_audit(&txn, &command.audit).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(DecisionOutcome::Applied(receipt))
    })
    .await
}

pub(super) async fn reject(store: &Store, command: &RejectReceipt) -> Result<DecisionOutcome, StorageError> {
    let txn = store.db().begin().await.map_err(db_err)?;
    let extra = vec![
        (receipt_log::Column::DecidedBy, Expr::value(command.admin.get())),
        (receipt_log::Column::RejectReason, Expr::value(command.reason.as_str())),
    ];
    let id = command.receipt;
    if !transition(&txn, id, ReceiptStatus::Rejected, command.at, Deadline::Ahead, extra).await? {
        return refused(store, txn, id).await;
    }
    let receipt = find(&txn, id)
        .await?
        .ok_or_else(|| StorageError::Other(format!("receipt {id} vanished while rejected")))?;
    outbox::enqueue(&txn, &command.notices, command.at).await?;
    write_audit(&txn, &command.audit).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(DecisionOutcome::Applied(receipt))
}

pub(super) async fn expire(store: &Store, command: &ExpireReceipt) -> Result<DecisionOutcome, StorageError> {
    let txn = store.db().begin().await.map_err(db_err)?;
    let id = command.receipt;
    if !transition(
        &txn,
        id,
        ReceiptStatus::Expired,
        command.at,
        Deadline::Passed,
        Vec::new(),
    )
    .await?
    {
        return refused(store, txn, id).await;
    }
    let receipt = find(&txn, id)
        .await?
        .ok_or_else(|| StorageError::Other(format!("receipt {id} vanished while expiring")))?;
    outbox::enqueue(&txn, &command.notices, command.at).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(DecisionOutcome::Applied(receipt))
}
