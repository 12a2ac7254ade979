//! Backups of the whole database, portable between back ends.
//!
//! [`export`] reads every table in one read-only transaction (a snapshot on PostgreSQL and
//! MySQL/MariaDB under REPEATABLE READ; on SQLite a read transaction in WAL mode, which bot
//! writes go on beside) and writes them as gzip-compressed JSON lines (see [`format`]), so
//! the file is consistent however busy the bot is. [`restore`] loads such a file into an
//! empty database, or, when told to replace, into one with the same schema; it checks the
//! whole file before it changes anything and writes every row in one transaction.
//!
//! The same file restores on SQLite, PostgreSQL and MySQL/MariaDB: moving a shop from the
//! embedded SQLite file to PostgreSQL is a backup and a restore.

pub mod format;
mod restore;
mod tables;
mod value;

use std::collections::BTreeMap;
use std::io::Write;

use kernel::StorageError;
use migration::{Migrator, MigratorTrait, SchemaManager};
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, DbBackend, IsolationLevel, Statement, TransactionTrait,
};
use time::OffsetDateTime;

pub use format::{FORMAT, Header, VERSION};
pub use restore::{RestoreSummary, inspect, restore};

use crate::Store;
use crate::error::db_err;
use crate::time_ms::to_ms;
use format::{Footer, TableStart, Writer};

/// Why a backup could not be written or a file could not be restored. Every refusal is
/// found before the database is changed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The file is not a MoonVPN backup.
    #[error("this is not a MoonVPN backup: {0}")]
    NotOurs(String),
    /// The file's layout is newer than this build reads.
    #[error("this backup was written by a newer MoonVPN (file format {0}); upgrade moonvpn to restore it")]
    NewerFormat(u32),
    /// The backup's schema has a migration this build does not know.
    #[error(
        "this backup is from a newer MoonVPN (its database has migration {0}, which this moonvpn does not know); upgrade moonvpn to restore it"
    )]
    NewerSchema(String),
    /// The backup was made under another `security.secret_key`.
    #[error(
        "this backup was made with another security.secret_key: the panel passwords and card numbers in it only open with that key; configure it and try again"
    )]
    OtherKey,
    /// The file is damaged or cut short.
    #[error("the backup is damaged or incomplete: {0}")]
    Damaged(String),
    /// The target database holds rows and replacing them was not confirmed.
    #[error("the database is not empty ({rows} rows, {example} among them); restoring would replace all of it")]
    NotEmpty {
        /// Rows found.
        rows: u64,
        /// A table that has some, with its count (`user: 3`).
        example: String,
    },
    /// The target database has another schema than the backup.
    #[error(
        "the database has {database} migrations applied and the backup {backup}: restore into a new, empty database (its schema is brought up to date after the restore)"
    )]
    SchemaDiffers {
        /// Migrations applied to the target.
        database: usize,
        /// Migrations in the backup.
        backup: usize,
    },
    /// A column holds a type backups do not carry (a schema change without a backup test).
    #[error("table {table}, column {column}: {why}")]
    Unsupported {
        /// The table.
        table: &'static str,
        /// The column.
        column: &'static str,
        /// What was found.
        why: String,
    },
    /// Writing the file failed.
    #[error("cannot write the backup: {0}")]
    Io(String),
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl BackupError {
    fn corrupt(table: &str, why: impl std::fmt::Display) -> Self {
        Self::Damaged(format!("table {table}: {why}"))
    }
}

/// What [`export`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    /// When the snapshot was taken.
    pub made_at: OffsetDateTime,
    /// Rows per table.
    pub rows: BTreeMap<String, u64>,
    /// Migrations the schema has.
    pub schema: usize,
}

impl ExportSummary {
    /// All rows written.
    pub fn total_rows(&self) -> u64 {
        self.rows.values().sum()
    }
}

/// Writes a consistent backup of the whole database to `out` and hands `out` back.
/// `made_at` is recorded in the file.
pub async fn export<W: Write + Send>(
    store: &Store,
    out: W,
    made_at: OffsetDateTime,
) -> Result<(W, ExportSummary), BackupError> {
    let db = store.db();
    let backend = db.get_database_backend();
    let txn = match backend {
        // SQLite transactions are serializable already (and SeaORM only warns about options).
        DbBackend::Sqlite => db.begin().await,
        _ => {
            db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly))
                .await
        }
    }
    .map_err(db_err)?;
    let schema = applied_migrations(&txn).await?;
    let mut file = Writer::new(out);
    file.line(&Header {
        format: FORMAT.to_owned(),
        version: VERSION,
        made_at: to_ms(made_at),
        backend: backend_name(backend).to_owned(),
        schema: schema.clone(),
        key_check: store.cipher().key_check(),
    })?;
    let mut rows = BTreeMap::new();
    for table in tables::all() {
        file.line(&TableStart {
            table: table.name().to_owned(),
            columns: table.columns().into_iter().map(str::to_owned).collect(),
        })?;
        let mut written = 0_u64;
        loop {
            let page = table.page(&txn, written).await?;
            for row in &page {
                file.line(row)?;
            }
            written += page.len() as u64;
            if (page.len() as u64) < tables::PAGE {
                break;
            }
        }
        rows.insert(table.name().to_owned(), written);
    }
    file.line(&Footer { end: rows.clone() })?;
    txn.rollback().await.map_err(db_err)?;
    let out = file.finish()?;
    Ok((
        out,
        ExportSummary {
            made_at,
            rows,
            schema: schema.len(),
        },
    ))
}

/// The tables a backup carries, in the order they are written and restored.
pub fn tables() -> Vec<&'static str> {
    tables::all().iter().map(|t| t.name()).collect()
}

/// The tables deliberately left out of backups (`job_lease`: leases name the processes that
/// held them and mean nothing after a restore).
pub const SKIPPED: &[&str] = tables::SKIPPED;

/// `sqlite`, `postgres` or `mysql`.
fn backend_name(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "postgres",
        DbBackend::MySql => "mysql",
        _ => "sqlite",
    }
}

/// The names of the migrations this build knows, in order.
fn known_migrations() -> Vec<String> {
    Migrator::migrations().iter().map(|m| m.name().to_owned()).collect()
}

/// The migrations applied to the database, in order (none when it was never migrated).
async fn applied_migrations<C: ConnectionTrait>(conn: &C) -> Result<Vec<String>, BackupError> {
    let sql = "SELECT version FROM seaql_migrations ORDER BY version";
    let rows = conn
        .query_all_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .map_err(db_err)?;
    rows.iter()
        .map(|row| row.try_get::<String>("", "version").map_err(|e| db_err(e).into()))
        .collect()
}

/// Whether the database was ever migrated (it has the migrations table).
async fn migrated(db: &DatabaseConnection) -> Result<bool, BackupError> {
    Ok(SchemaManager::new(db)
        .has_table("seaql_migrations")
        .await
        .map_err(db_err)?)
}

#[async_trait::async_trait]
impl members::BackupSource for Store {
    async fn export(&self, made_at: OffsetDateTime) -> Result<members::BackupFile, StorageError> {
        let (bytes, summary) = export(self, Vec::new(), made_at).await.map_err(|e| match e {
            BackupError::Storage(e) => e,
            other => StorageError::Other(other.to_string()),
        })?;
        Ok(members::BackupFile {
            bytes,
            made_at,
            rows: summary.total_rows(),
            tables: summary.rows.len(),
        })
    }
}
