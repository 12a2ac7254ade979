//! The SeaORM adapter: one [`Store`] implements every repository port of the domain crates on
//! SQLite, PostgreSQL and MySQL/MariaDB.
//!
//! Every business step that touches several tables is one port method run in one database
//! transaction here; domain code never sees a transaction. Money moves only through
//! [`repo::ledger::write`], which appends a ledger row and moves the balance together.
#![forbid(unsafe_code)]

pub mod backup;
mod cipher;
pub mod entity;
pub mod error;
mod health;
pub mod paging;
pub mod repo;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod time_ms;
pub mod tx;

use std::time::Duration;

use kernel::{Secret, StorageError};
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

pub use cipher::{Cipher, RotationReport, SecretColumn, rotate_secrets};

/// Connections to a SQLite file database.
pub const SQLITE_POOL: u32 = 1;

/// How long a SQLite writer waits for another to finish before giving up.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether a SQLite URL names an in-memory database (one connection: each would be its own
/// database).
fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// The database behind every repository port. Cheap to clone (a pool handle).
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    cipher: Cipher,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.db.get_database_backend())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Connects to `url` (`sqlite://…`, `postgres://…`, `mysql://…`); `secret_key` encrypts
    /// panel credentials and card numbers at rest.
    pub async fn connect(url: &str, secret_key: &Secret) -> Result<Self, StorageError> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .sqlx_logging(false)
            .acquire_timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10));
        if !url.starts_with("sqlite:") {
            options.max_connections(32).min_connections(1);
        } else if !is_in_memory(url) {
            // A file database: write-ahead logging lets readers (the CLI, a backup) go on
            // beside the bot's writes, and a busy timeout makes a second writer wait instead of
            // failing at once; a lock held past the timeout is retried as a conflict (see
            // `error::db_err` and `tx::retry_on_conflict`). One pooled connection: our
            // transactions begin DEFERRED, and two of them upgrading to write on one file fail
            // at once without waiting, so a larger pool needs IMMEDIATE write transactions first
            // (TODO(#7): a separate reader pool).
            options
                .max_connections(SQLITE_POOL)
                .min_connections(1)
                .map_sqlx_sqlite_opts(|o| {
                    o.journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal)
                        .busy_timeout(SQLITE_BUSY_TIMEOUT)
                });
        }
        let db = Database::connect(options)
            .await
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        Ok(Self::from_connection(db, secret_key))
    }

    /// Wraps an open connection.
    pub fn from_connection(db: DatabaseConnection, secret_key: &Secret) -> Self {
        Self {
            db,
            cipher: Cipher::new(secret_key),
        }
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), StorageError> {
        Migrator::up(&self.db, None).await.map_err(error::db_err)
    }

    /// The connection pool.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Encrypts and decrypts secrets kept in the database.
    pub fn cipher(&self) -> &Cipher {
        &self.cipher
    }

    /// Closes the pool.
    pub async fn close(self) -> Result<(), StorageError> {
        self.db.close().await.map_err(error::db_err)
    }
}
