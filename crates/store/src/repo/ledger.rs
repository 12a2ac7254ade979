//! The one place money moves: append a ledger row and move `user.balance` together, inside
//! the caller's transaction.

use kernel::{IdempotencyKey, LedgerEntryId, Money, StorageError, TrackingCode, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, ExprTrait, NotSet, QueryFilter,
    Set,
};
use time::OffsetDateTime;
use wallet::{Direction, LedgerEntry, LedgerKind, Movement, MovementOutcome, WalletError};

use crate::entity::members::user;
use crate::entity::wallet::transaction;
use crate::error::{corrupt, db_err};
use crate::time_ms::{from_ms, to_ms};

/// What [`write`] did.
pub type LedgerWriteOutcome = MovementOutcome;

/// Why [`write`] refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum LedgerWriteError {
    /// A debit larger than the balance.
    #[error("insufficient balance")]
    Insufficient {
        /// The balance at the time.
        balance: Money,
    },
    /// The key already names a different movement.
    #[error("idempotency key reused for a different movement")]
    KeyReused,
    /// Storage failed (a `Conflict` means: roll back and re-run the whole transaction).
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl LedgerWriteError {
    /// This error as storage trouble of the calling step: storage errors pass through (so a
    /// `Conflict` still re-runs the transaction), refusals become `Other("<what>: <why>")`.
    pub fn into_storage(self, what: &str) -> StorageError {
        match self {
            Self::Storage(e) => e,
            other => StorageError::Other(format!("{what}: {other}")),
        }
    }

    /// The wallet's view of this error, for `movement`.
    pub fn into_wallet(self, movement: &Movement) -> WalletError {
        match self {
            Self::Insufficient { balance } => WalletError::InsufficientFunds {
                needed: movement.amount(),
                balance,
            },
            Self::KeyReused => WalletError::KeyReused(movement.key().clone()),
            Self::Storage(StorageError::NotFound(_)) => WalletError::UnknownUser(movement.user()),
            Self::Storage(e) => WalletError::Storage(e),
        }
    }
}

/// Applies `movement` inside `txn`:
/// 1. the key already used for this same movement → `Replayed(earlier entry)`, nothing written;
///    used for another movement → `KeyReused`;
/// 2. the balance moves with one conditional UPDATE (`… WHERE balance >= amount` for debits;
///    SQLite ignores `FOR UPDATE`, this works everywhere) that returns the new balance — no
///    row → `Insufficient`;
/// 3. the ledger row is appended with `tracking` (a taken code → `Storage(Conflict)`).
///
/// A racing transaction with the same key makes step 3 fail with a unique violation
/// (`Storage(Conflict)`): roll back and re-run with [`crate::tx::retry_on_conflict`]; the
/// re-run replays.
pub async fn write(
    txn: &DatabaseTransaction,
    movement: &Movement,
    tracking: &TrackingCode,
    at: OffsetDateTime,
) -> Result<LedgerWriteOutcome, LedgerWriteError> {
    if let Some(existing) = find_by_key(txn, movement.key()).await? {
        return if movement.matches(&existing) {
            Ok(MovementOutcome::Replayed(existing))
        } else {
            Err(LedgerWriteError::KeyReused)
        };
    }
    write_new(txn, movement, tracking, at)
        .await
        .map(MovementOutcome::Applied)
}

/// Steps 2 and 3 of [`write`] without looking the key up first: for a movement whose key the
/// caller's own guarded change makes unique (an order's debit or refund, written only by the
/// transaction that moved the order out of the status it is paid or refunded from). A key
/// used all the same fails the INSERT as `Storage(Conflict)`, and nothing is written.
pub async fn write_new(
    txn: &DatabaseTransaction,
    movement: &Movement,
    tracking: &TrackingCode,
    at: OffsetDateTime,
) -> Result<LedgerEntry, LedgerWriteError> {
    let user_id = movement.user().get();
    let amount = movement.amount().minor();
    let moved = match movement.direction() {
        Direction::Credit => user::Entity::update_many()
            .col_expr(user::Column::Balance, Expr::col(user::Column::Balance).add(amount))
            .filter(user::Column::Id.eq(user_id)),
        Direction::Debit => user::Entity::update_many()
            .col_expr(user::Column::Balance, Expr::col(user::Column::Balance).sub(amount))
            .filter(user::Column::Id.eq(user_id))
            .filter(user::Column::Balance.gte(amount)),
    };
    let balance = match crate::returning::update_one(txn, user_id, moved).await? {
        Some(row) => Money::from_minor(row.balance).map_err(|e| corrupt("user", row.id, e))?,
        None => {
            let balance = current_balance(txn, movement.user()).await?;
            return Err(LedgerWriteError::Insufficient { balance });
        }
    };
    let signed = match movement.direction() {
        Direction::Credit => amount,
        Direction::Debit => -amount,
    };
    let row = transaction::ActiveModel {
        id: NotSet,
        user_id: Set(user_id),
        kind: Set(movement.kind().as_str().to_owned()),
        amount: Set(signed),
        balance_after: Set(balance.minor()),
        idempotency_key: Set(movement.key().as_str().to_owned()),
        tracking_code: Set(tracking.as_str().to_owned()),
        note: Set(movement.note().map(str::to_owned)),
        created_at: Set(to_ms(at)),
    }
    .insert(txn)
    .await
    .map_err(db_err)?;
    Ok(entry_from_row(row)?)
}

/// The balance of `user` as `conn` (the pool or a transaction) sees it; `NotFound` if there
/// is no such user.
pub async fn current_balance<C: ConnectionTrait>(conn: &C, user: UserId) -> Result<Money, StorageError> {
    let row = user::Entity::find_by_id(user.get())
        .one(conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| StorageError::NotFound(format!("user {user}")))?;
    Money::from_minor(row.balance).map_err(|e| corrupt("user", row.id, e))
}

/// The ledger entry made under `key`, if any.
pub async fn find_by_key<C: ConnectionTrait>(
    conn: &C,
    key: &IdempotencyKey,
) -> Result<Option<LedgerEntry>, StorageError> {
    find_one(conn, transaction::Column::IdempotencyKey.eq(key.as_str())).await
}

/// The ledger entry with tracking code `code`, if any.
pub async fn find_by_tracking<C: ConnectionTrait>(
    conn: &C,
    code: &TrackingCode,
) -> Result<Option<LedgerEntry>, StorageError> {
    find_one(conn, transaction::Column::TrackingCode.eq(code.as_str())).await
}

async fn find_one<C: ConnectionTrait>(
    conn: &C,
    filter: sea_orm::sea_query::SimpleExpr,
) -> Result<Option<LedgerEntry>, StorageError> {
    transaction::Entity::find()
        .filter(filter)
        .one(conn)
        .await
        .map_err(db_err)?
        .map(entry_from_row)
        .transpose()
}

/// Converts a `transaction` row into a ledger entry.
pub fn entry_from_row(row: transaction::Model) -> Result<LedgerEntry, StorageError> {
    let id = row.id;
    let kind = LedgerKind::parse(&row.kind).ok_or_else(|| corrupt("transaction", id, "unknown kind"))?;
    let direction = if row.amount < 0 {
        Direction::Debit
    } else {
        Direction::Credit
    };
    Ok(LedgerEntry {
        id: LedgerEntryId::new(id),
        user: UserId::new(row.user_id),
        kind,
        direction,
        amount: Money::from_minor(row.amount.checked_abs().unwrap_or(i64::MAX))
            .map_err(|e| corrupt("transaction", id, e))?,
        balance_after: Money::from_minor(row.balance_after).map_err(|e| corrupt("transaction", id, e))?,
        key: IdempotencyKey::new(row.idempotency_key).map_err(|e| corrupt("transaction", id, e))?,
        tracking: TrackingCode::parse(&row.tracking_code).map_err(|e| corrupt("transaction", id, e))?,
        note: row.note,
        created_at: from_ms(row.created_at)?,
    })
}
