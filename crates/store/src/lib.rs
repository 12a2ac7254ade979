//! The SeaORM adapter: one [`Store`] implements every repository port of the domain crates on
//! SQLite, PostgreSQL and MySQL/MariaDB.
//!
//! Every business step that touches several tables is one port method run in one database
//! transaction here; domain code never sees a transaction. Money moves only through
//! [`repo::ledger::write`], which appends a ledger row and moves the balance together.
#![forbid(unsafe_code)]

pub mod backup;
mod catalog_cache;
mod cipher;
pub mod entity;
pub mod error;
mod health;
mod loopback;
pub mod paging;
pub mod repo;
mod returning;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod time_ms;
pub mod tx;

use std::sync::Arc;
use std::time::Duration;

use catalog_cache::CatalogCache;
use kernel::{Secret, StorageError};
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::mysql::MySqlSslMode;
use sea_orm::sqlx::postgres::PgSslMode;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

pub use catalog_cache::CATALOG_TTL;
pub use cipher::{Cipher, RotationReport, SecretColumn, rotate_secrets};

/// The one connection that writes to a SQLite file database (SQLite lets one writer at a
/// time; a single writer connection queues our writes in the pool instead of in the file lock).
pub const SQLITE_POOL: u32 = 1;

/// Read-only connections beside the writer on a SQLite file database: reads (a user lookup, a
/// conversation state, the catalog) go on while the writer is in a transaction.
pub const SQLITE_READERS: u32 = 4;

/// How long a SQLite writer waits for another to finish before giving up.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a PostgreSQL or MySQL connection sits unused in the pool before it is pinged when
/// taken out again. sqlx pings on every checkout by default: a second round trip for every
/// statement outside a transaction. A connection in steady use goes out unchecked; one idle
/// this long may have been dropped by the server, a proxy or a firewall, and is checked first.
/// A server restart within this time fails one query per broken connection (which the pool
/// then discards); the caller sees the usual "try again".
pub const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(30);

/// Connections a PostgreSQL or MySQL pool opens at most per core of the machine the bot runs on.
pub const SERVER_CONNECTIONS_PER_CORE: usize = 4;

/// The largest PostgreSQL or MySQL pool, whatever the core count.
pub const SERVER_CONNECTIONS_MAX: u32 = 32;

/// How many connections a PostgreSQL or MySQL pool opens at most on a machine with `cores`
/// cores: [`SERVER_CONNECTIONS_PER_CORE`] each (8 on two cores), never more than
/// [`SERVER_CONNECTIONS_MAX`]. More connections than the cores can keep busy do not sell
/// faster: each new connection parses and plans every statement it runs for the first time, and
/// the server switches between more processes. A crowd of buyers on two cores got its QR codes
/// a quarter sooner with 8 connections than with 32 (docs/benchmarks.md); the rest wait for a
/// connection in the bot, which costs nothing.
pub fn server_pool_size(cores: usize) -> u32 {
    let size = cores.max(1).saturating_mul(SERVER_CONNECTIONS_PER_CORE);
    u32::try_from(size).unwrap_or(u32::MAX).min(SERVER_CONNECTIONS_MAX)
}

/// Whether a SQLite URL names an in-memory database (one connection: each would be its own
/// database).
fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// Options for one pool on a SQLite file: write-ahead logging (readers never wait for the
/// writer), `synchronous = NORMAL` (a commit does not wait for the disk; a power cut may lose
/// the last commits, never corrupt the file) and the busy timeout.
fn sqlite_file(url: &str, connections: u32, read_only: bool) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(10))
        .max_connections(connections)
        .min_connections(1)
        // A connection to a file on this machine cannot be dropped under us: never pinged.
        .test_before_acquire(false)
        .map_sqlx_sqlite_opts(move |o| {
            let o = o
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .read_only(read_only);
            // WAL is a setting of the file: the writer sets it, a reader could not.
            if read_only {
                o
            } else {
                o.journal_mode(SqliteJournalMode::Wal)
            }
        });
    options
}

/// Options for a PostgreSQL or MySQL pool (and an in-memory SQLite database): connections
/// pinged only after [`PING_WHEN_IDLE_FOR`] unused, and a server on this machine reached
/// without TLS unless the URL names a mode (see `loopback`).
fn pool_options(url: &str) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        options.test_before_acquire(false);
    } else {
        options
            .max_connections(server_pool_size(
                std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            ))
            .min_connections(1)
            .test_before_acquire_if_idle_for(PING_WHEN_IDLE_FOR);
    }
    if !loopback::names_tls_mode(url) {
        // A server on this machine: no TLS unless asked for (see `loopback`).
        options
            .map_sqlx_postgres_opts(|o| {
                if loopback::is_loopback(o.get_host()) && matches!(o.get_ssl_mode(), PgSslMode::Prefer) {
                    o.ssl_mode(PgSslMode::Disable)
                } else {
                    o
                }
            })
            .map_sqlx_mysql_opts(|o| {
                if loopback::is_loopback(o.get_host()) && matches!(o.get_ssl_mode(), MySqlSslMode::Preferred) {
                    o.ssl_mode(MySqlSslMode::Disabled)
                } else {
                    o
                }
            });
    }
    options
}

/// The database behind every repository port. Cheap to clone (a pool handle).
#[derive(Clone)]
pub struct Store {
    /// Every write and every transaction (the only writer on SQLite).
    db: DatabaseConnection,
    /// The reader pool on a SQLite file (reads outside a transaction); elsewhere `db` serves.
    read: Option<DatabaseConnection>,
    cipher: Cipher,
    /// Plans and locations read recently, shared by every clone ([`catalog_cache`]).
    catalog: Arc<CatalogCache>,
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
    /// panel credentials and card numbers at rest. A PostgreSQL or MySQL server on this machine
    /// (loopback address, `localhost`, Unix socket) is reached without TLS unless the URL names
    /// a TLS mode (`sslmode=…` / `ssl-mode=…`).
    ///
    /// A SQLite file gets two pools: one writer connection that runs every write and every
    /// transaction (begun `IMMEDIATE`, see [`tx::begin`]), and [`SQLITE_READERS`] read-only
    /// connections for reads outside a transaction, which go on beside the writer (WAL). A lock
    /// held past the busy timeout by another process (the CLI, a backup) is retried as a
    /// conflict (see `error::db_err` and `tx::retry_on_conflict`). An in-memory SQLite
    /// database is one connection for both (each connection would be its own database).
    pub async fn connect(url: &str, secret_key: &Secret) -> Result<Self, StorageError> {
        let unavailable = |e: sea_orm::DbErr| StorageError::Unavailable(e.to_string());
        if url.starts_with("sqlite:") && !is_in_memory(url) {
            let db = Database::connect(sqlite_file(url, SQLITE_POOL, false))
                .await
                .map_err(unavailable)?;
            let read = Database::connect(sqlite_file(url, SQLITE_READERS, true))
                .await
                .map_err(unavailable)?;
            return Ok(Self {
                db,
                read: Some(read),
                cipher: Cipher::new(secret_key),
                catalog: Arc::new(CatalogCache::new(CATALOG_TTL)),
            });
        }
        let db = Database::connect(pool_options(url)).await.map_err(unavailable)?;
        Ok(Self::from_connection(db, secret_key))
    }

    /// Wraps an open connection.
    pub fn from_connection(db: DatabaseConnection, secret_key: &Secret) -> Self {
        Self {
            db,
            read: None,
            cipher: Cipher::new(secret_key),
            catalog: Arc::new(CatalogCache::new(CATALOG_TTL)),
        }
    }

    /// This store with its catalog readings kept for `ttl` instead of [`CATALOG_TTL`] (a
    /// cache of its own, not shared with the clones made before).
    pub fn with_catalog_ttl(mut self, ttl: Duration) -> Self {
        self.catalog = Arc::new(CatalogCache::new(ttl));
        self
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), StorageError> {
        Migrator::up(&self.db, None).await.map_err(error::db_err)
    }

    /// The connection pool for writes and transactions.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The pool for reads outside a transaction (on a SQLite file: read-only connections that
    /// see every committed write and never wait for the writer).
    pub fn read(&self) -> &DatabaseConnection {
        self.read.as_ref().unwrap_or(&self.db)
    }

    /// Encrypts and decrypts secrets kept in the database.
    pub fn cipher(&self) -> &Cipher {
        &self.cipher
    }

    /// Closes the pools.
    pub async fn close(self) -> Result<(), StorageError> {
        let Self { db, read, .. } = self;
        if let Some(read) = read {
            read.close().await.map_err(error::db_err)?;
        }
        db.close().await.map_err(error::db_err)
    }
}

#[cfg(test)]
mod pool_tests {
    use super::*;

    #[test]
    fn a_server_connection_in_use_is_not_pinged_and_an_idle_one_is() {
        for url in ["postgres://u@127.0.0.1/db", "mysql://root@db.example.com/shop"] {
            let options = pool_options(url);
            assert!(!options.get_test_before_acquire(), "{url}: pinged on every checkout");
            assert_eq!(
                options.get_test_before_acquire_if_idle_for(),
                Some(PING_WHEN_IDLE_FOR),
                "{url}"
            );
        }
    }

    #[test]
    fn a_server_pool_has_four_connections_per_core_up_to_thirty_two() {
        assert_eq!(server_pool_size(1), 4);
        assert_eq!(server_pool_size(2), 8);
        assert_eq!(server_pool_size(8), 32);
        assert_eq!(server_pool_size(64), 32);
        assert_eq!(server_pool_size(0), 4, "an unknown core count counts as one");
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        assert_eq!(
            pool_options("postgres://u@127.0.0.1/db").get_max_connections(),
            Some(server_pool_size(cores))
        );
    }

    #[test]
    fn a_sqlite_connection_is_never_pinged() {
        assert!(!pool_options("sqlite::memory:").get_test_before_acquire());
        assert_eq!(
            pool_options("sqlite::memory:").get_test_before_acquire_if_idle_for(),
            None
        );
        for read_only in [false, true] {
            let file = sqlite_file("sqlite:///tmp/shop.db", 1, read_only);
            assert!(!file.get_test_before_acquire());
            assert_eq!(file.get_test_before_acquire_if_idle_for(), None);
        }
    }
}
