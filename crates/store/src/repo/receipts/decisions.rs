//! Applying the domain's receipt transitions: each is one conditional UPDATE (`… WHERE
//! status = <from> AND <deadline guard>`) in one transaction with its money effect, notices
//! and audit entry, so however many admins press Approve at once, exactly one of them changes
//! the row and credits the wallet. The others get the receipt as the winner left it.

use kernel::{ReceiptId, StorageError, TrackingCode, TrackingKind};
use members::NewAuditEntry;
use receipts::{AttachProof, DeadlineGuard, DecisionOutcome, MoneyEffect, ReceiptFlags, ReceiptTransition};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use wallet::Movement;

use super::receipt_log::find;
use crate::Store;
use crate::entity::receipts::receipt_log;
use crate::error::db_err;
use crate::repo::ledger::{self, LedgerWriteError};
use crate::repo::{members::write_audit, outbox};
use crate::time_ms::to_ms;
use crate::tx::retry_on_conflict;

/// The answer when no row changed: the receipt as it is now (read after rolling back, so it
/// shows what the winner committed), or `NotFound`.
async fn refused(store: &Store, txn: DatabaseTransaction, id: ReceiptId) -> Result<DecisionOutcome, StorageError> {
    txn.rollback().await.map_err(db_err)?;
    Ok(match find(store.db(), id).await? {
        Some(receipt) => DecisionOutcome::Refused(receipt),
        None => DecisionOutcome::NotFound,
    })
}

/// The conditional UPDATE of `t`; whether it changed the row.
async fn transition(txn: &DatabaseTransaction, t: &ReceiptTransition) -> Result<bool, StorageError> {
    let at_ms = to_ms(t.at());
    let mut update = receipt_log::Entity::update_many()
        .col_expr(receipt_log::Column::Status, Expr::value(t.to().code()))
        .col_expr(receipt_log::Column::DecidedAt, Expr::value(at_ms))
        .col_expr(receipt_log::Column::OpenAmount, Expr::value(Option::<i64>::None));
    let mut extra: Vec<(receipt_log::Column, SimpleExpr)> = Vec::new();
    if let Some(by) = t.decided_by() {
        extra.push((receipt_log::Column::DecidedBy, Expr::value(by.get())));
    }
    if let Some(reason) = t.reject_reason() {
        extra.push((receipt_log::Column::RejectReason, Expr::value(reason.as_str())));
    }
    if let Some(credited) = t.credited() {
        extra.push((receipt_log::Column::CreditedAmount, Expr::value(credited.minor())));
    }
    for (column, value) in extra {
        update = update.col_expr(column, value);
    }
    update = update
        .filter(receipt_log::Column::Id.eq(t.receipt().get()))
        .filter(receipt_log::Column::Status.eq(t.from().code()));
    update = match t.deadline() {
        DeadlineGuard::Ahead => update.filter(receipt_log::Column::ExpiresAt.gt(at_ms)),
        DeadlineGuard::Passed => update.filter(receipt_log::Column::ExpiresAt.lte(at_ms)),
        DeadlineGuard::Any => update,
    };
    let done = update.exec(txn).await.map_err(db_err)?;
    Ok(done.rows_affected == 1)
}

/// The ledger movement of a transition's money effect, if any.
fn movement(t: &ReceiptTransition, tracking: &TrackingCode) -> Result<Option<Movement>, StorageError> {
    let id = t.receipt();
    let bad = |e: wallet::WalletError| StorageError::Other(format!("receipt {id}: {e}"));
    Ok(match t.money() {
        MoneyEffect::None => None,
        MoneyEffect::Credit {
            user,
            requested,
            credited,
            key,
        } => Some(
            Movement::deposit(
                *user,
                *credited,
                key.clone(),
                Some(format!(
                    "receipt {tracking}: requested {}, credited {}",
                    requested.minor(),
                    credited.minor()
                )),
            )
            .map_err(bad)?,
        ),
        MoneyEffect::Reverse { user, amount, key } => {
            let reason = format!("receipt {tracking}: approval overridden, {} taken back", amount.minor());
            Some(Movement::adjustment(*user, -amount.minor(), key.clone(), &reason).map_err(bad)?)
        }
    })
}

/// Applies `t` (see [`receipts::ReceiptRepo::apply`]).
pub(super) async fn apply(store: &Store, t: &ReceiptTransition) -> Result<DecisionOutcome, StorageError> {
    retry_on_conflict(|| async {
        let txn = crate::tx::begin(store.db()).await?;
        let id = t.receipt();
        if !transition(&txn, t).await? {
            return refused(store, txn, id).await;
        }
        let receipt = find(&txn, id)
            .await?
            .ok_or_else(|| StorageError::Other(format!("receipt {id} vanished while decided")))?;
        if let Some(movement) = movement(t, &receipt.tracking)? {
            let tracking = TrackingCode::random(TrackingKind::Transaction, t.at());
            match ledger::write(&txn, &movement, &tracking, t.at()).await {
                Ok(_) => {}
                Err(LedgerWriteError::Storage(e)) => return Err(e),
                Err(refusal) => {
                    txn.rollback().await.map_err(db_err)?;
                    return Ok(DecisionOutcome::MoneyRefused(refusal.to_string()));
                }
            }
        }
        outbox::enqueue(&txn, t.notices(), t.at()).await?;
        if let Some(audit) = t.audit() {
            write_audit(&txn, audit).await?;
        }
        txn.commit().await.map_err(db_err)?;
        Ok(DecisionOutcome::Applied(receipt))
    })
    .await
}

/// Stores a payer's proof if the receipt still has the expected status.
pub(super) async fn attach_proof(store: &Store, command: &AttachProof) -> Result<DecisionOutcome, StorageError> {
    let txn = crate::tx::begin(store.db()).await?;
    let id = command.receipt;
    let done = receipt_log::Entity::update_many()
        .col_expr(
            receipt_log::Column::Text,
            Expr::value(command.proof.text().map(|t| t.as_str().to_owned())),
        )
        .col_expr(
            receipt_log::Column::PhotoFileId,
            Expr::value(command.proof.photo().map(|p| p.as_str().to_owned())),
        )
        .col_expr(
            receipt_log::Column::PhotoUniqueId,
            Expr::value(command.photo_unique.as_ref().map(|p| p.as_str().to_owned())),
        )
        .col_expr(receipt_log::Column::Flags, Expr::value(command.flags.code()))
        .filter(receipt_log::Column::Id.eq(id.get()))
        .filter(receipt_log::Column::Status.eq(command.expected.code()))
        .exec(&txn)
        .await
        .map_err(db_err)?;
    // MySQL counts changed rows, not matched ones: the same proof sent twice changes none.
    let receipt = match find(&txn, id).await? {
        Some(r) if done.rows_affected == 1 || r.status == command.expected => r,
        _ => return refused(store, txn, id).await,
    };
    outbox::enqueue(&txn, &command.notices, command.at).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(DecisionOutcome::Applied(receipt))
}

/// Replaces a receipt's flags and writes `audit`.
pub(super) async fn set_flags(
    store: &Store,
    id: ReceiptId,
    flags: &ReceiptFlags,
    audit: &NewAuditEntry,
) -> Result<DecisionOutcome, StorageError> {
    let txn = crate::tx::begin(store.db()).await?;
    if find(&txn, id).await?.is_none() {
        return refused(store, txn, id).await;
    }
    receipt_log::Entity::update_many()
        .col_expr(receipt_log::Column::Flags, Expr::value(flags.code()))
        .filter(receipt_log::Column::Id.eq(id.get()))
        .exec(&txn)
        .await
        .map_err(db_err)?;
    write_audit(&txn, audit).await?;
    let receipt = find(&txn, id)
        .await?
        .ok_or_else(|| StorageError::Other(format!("receipt {id} vanished while unflagged")))?;
    txn.commit().await.map_err(db_err)?;
    Ok(DecisionOutcome::Applied(receipt))
}
