//! Mapping database errors to [`StorageError`].

use kernel::StorageError;
use sea_orm::{DbErr, SqlErr};

/// Classifies a database error: unique violations, deadlocks and SQLite's "database is locked"
/// become `Conflict` (the caller may retry or replay), lost connections `Unavailable`, the
/// rest `Other`.
pub fn db_err(e: DbErr) -> StorageError {
    if let Some(SqlErr::UniqueConstraintViolation(what)) = e.sql_err() {
        return StorageError::Conflict(what);
    }
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    if lower.contains("deadlock")
        || lower.contains("lock wait timeout")
        || lower.contains("could not serialize")
        || lower.contains("database is locked")
        || lower.contains("database table is locked")
    {
        // SQLite's "database is locked" (another writer held it past the busy timeout) is a
        // lost race like a deadlock: re-running the transaction may succeed.
        return StorageError::Conflict(text);
    }
    match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => StorageError::Unavailable(text),
        DbErr::RecordNotFound(what) => StorageError::NotFound(what),
        _ if lower.contains("pool timed out") => StorageError::Unavailable(text),
        _ => StorageError::Other(text),
    }
}

/// A stored value that no longer parses into its domain type.
pub fn corrupt(table: &str, id: i64, what: impl std::fmt::Display) -> StorageError {
    StorageError::Other(format!("{table} row {id} is unreadable: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::RuntimeErr;

    #[test]
    fn a_locked_sqlite_database_is_a_conflict_to_retry() {
        let locked = DbErr::Exec(RuntimeErr::Internal(
            "error returned from database: (code: 5) database is locked".into(),
        ));
        assert!(matches!(db_err(locked), StorageError::Conflict(_)));
        let other = DbErr::Exec(RuntimeErr::Internal("no such table: order".into()));
        assert!(matches!(db_err(other), StorageError::Other(_)));
    }
}
