//! Re-running a transaction that lost a race.

use std::future::Future;
use std::time::Duration;

use kernel::StorageError;
use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbBackend, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Errors that may say "another transaction got there first".
pub trait MaybeConflict {
    /// Whether re-running the whole transaction may succeed (unique violation, deadlock).
    fn is_conflict(&self) -> bool;
}

impl MaybeConflict for StorageError {
    fn is_conflict(&self) -> bool {
        matches!(self, StorageError::Conflict(_))
    }
}

/// Runs `body` (a whole transaction: begin … commit) and re-runs it up to four more times
/// when it fails with a conflict. The re-run sees what the winner committed: an idempotency
/// key it now finds is replayed instead of applied twice.
pub async fn retry_on_conflict<T, E, F, Fut>(mut body: F) -> Result<T, E>
where
    E: MaybeConflict,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut attempt = 0u32;
    loop {
        match body().await {
            Err(e) if e.is_conflict() && attempt < 4 => {
                attempt += 1;
                let jitter = u64::from(rand::random::<u8>() % 20);
                tokio::time::sleep(Duration::from_millis(u64::from(attempt) * 10 + jitter)).await;
            }
            other => return other,
        }
    }
}

/// Begins a transaction on `db`. On SQLite it begins `IMMEDIATE`: it takes the write lock at
/// once (waiting up to the busy timeout for another writer) instead of failing with "database
/// is locked" when a read inside it later turns into a write after someone else committed.
pub async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction, StorageError> {
    let started = if db.get_database_backend() == DbBackend::Sqlite {
        db.begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await
    } else {
        db.begin().await
    };
    started.map_err(crate::error::db_err)
}
