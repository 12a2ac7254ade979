//! Loading a backup: check the whole file, check the target, then write every row in one
//! transaction and bring the schema up to date.

use std::collections::{BTreeMap, HashSet};

use migration::{Migrator, MigratorTrait};
use sea_orm::TransactionTrait;
use time::OffsetDateTime;

use super::format::{self, Header, Line};
use super::tables::{self, Table};
use super::{BackupError, applied_migrations, known_migrations, migrated};
use crate::Store;
use crate::error::db_err;
use crate::time_ms::from_ms;

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreSummary {
    /// When the backup was taken.
    pub made_at: OffsetDateTime,
    /// The back end it was taken from.
    pub from_backend: String,
    /// Rows restored per table.
    pub rows: BTreeMap<String, u64>,
    /// Whether rows that were there before were replaced.
    pub replaced: bool,
    /// Migrations applied after the rows, to bring an older backup up to date.
    pub upgraded: usize,
}

impl RestoreSummary {
    /// All rows restored.
    pub fn total_rows(&self) -> u64 {
        self.rows.values().sum()
    }
}

/// One table's part of the file: its columns and the lines of its rows.
struct Section<'a> {
    table: &'a dyn Table,
    columns: Vec<String>,
    rows: Vec<&'a str>,
}

/// Restores `file` (a backup, compressed or not) into the store's database. The database
/// must be empty (never migrated, or migrated to the backup's schema without rows) unless
/// `replace` is set, which replaces the rows of a database with the backup's schema.
/// Nothing is changed when the file or the database is refused.
pub async fn restore(store: &Store, file: &[u8], replace: bool) -> Result<RestoreSummary, BackupError> {
    let text = format::decode(file)?;
    let header = format::header(&text)?;
    let known = known_migrations();
    check_schema(&header.schema, &known)?;
    if header.key_check != store.cipher().key_check() {
        return Err(BackupError::OtherKey);
    }
    let registry = tables::all();
    let sections = sections(&text, &registry)?;

    let db = store.db();
    let fresh = !migrated(db).await? || applied_migrations(db).await?.is_empty();
    let mut replaced = false;
    if !fresh {
        let applied = applied_migrations(db).await?;
        if applied != header.schema {
            return Err(BackupError::SchemaDiffers {
                database: applied.len(),
                backup: header.schema.len(),
            });
        }
        let (rows, example) = rows_in(store, &sections).await?;
        if rows > 0 && !replace {
            return Err(BackupError::NotEmpty { rows, example });
        }
        replaced = rows > 0;
    } else {
        let steps = u32::try_from(header.schema.len()).unwrap_or(u32::MAX);
        Migrator::up(db, Some(steps)).await.map_err(db_err)?;
    }

    let txn = db.begin().await.map_err(db_err)?;
    if replaced {
        for section in sections.iter().rev() {
            section.table.clear(&txn).await?;
        }
    }
    let mut restored = BTreeMap::new();
    for section in &sections {
        for chunk in section.rows.chunks(usize::try_from(tables::PAGE).unwrap_or(500)) {
            let rows = chunk
                .iter()
                .map(|raw| match format::line(raw) {
                    Ok(Line::Row(values)) => Ok(values),
                    _ => Err(BackupError::corrupt(
                        section.table.name(),
                        "a row changed while reading",
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?;
            section.table.insert(&txn, &section.columns, &rows).await?;
        }
        section.table.reset_sequence(&txn).await?;
        restored.insert(section.table.name().to_owned(), section.rows.len() as u64);
    }
    txn.commit().await.map_err(db_err)?;
    store.catalog_changed();

    let upgraded = known.len() - header.schema.len();
    Migrator::up(db, None).await.map_err(db_err)?;
    Ok(RestoreSummary {
        made_at: from_ms(header.made_at)?,
        from_backend: header.backend,
        rows: restored,
        replaced,
        upgraded,
    })
}

/// The backup's schema must be the first migrations of this build (all of them, or fewer
/// for a backup from an older version).
fn check_schema(schema: &[String], known: &[String]) -> Result<(), BackupError> {
    if let Some(unknown) = schema.iter().find(|m| !known.contains(m)) {
        return Err(BackupError::NewerSchema(unknown.clone()));
    }
    if schema.is_empty() || schema.len() > known.len() || known[..schema.len()] != *schema {
        return Err(BackupError::NotOurs(
            "its list of migrations is not one MoonVPN ever had".to_owned(),
        ));
    }
    Ok(())
}

/// Reads every line after the header, checking each row against its table and the row
/// counts against the last line.
fn sections<'a>(text: &'a str, registry: &'a [Box<dyn Table>]) -> Result<Vec<Section<'a>>, BackupError> {
    let mut sections: Vec<Section<'a>> = Vec::new();
    let mut next_table = 0;
    let mut footer = None;
    for (index, raw) in text.lines().enumerate().skip(1) {
        let number = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if footer.is_some() {
            return Err(BackupError::Damaged(format!("line {number} comes after the last line")));
        }
        let parsed = format::line(raw).map_err(|why| BackupError::Damaged(format!("line {number}: {why}")))?;
        match parsed {
            Line::Table(start) => {
                let Some(offset) = registry[next_table..].iter().position(|t| t.name() == start.table) else {
                    return Err(BackupError::Damaged(format!(
                        "line {number}: table {:?} is unknown or out of order",
                        start.table
                    )));
                };
                let table = registry[next_table + offset].as_ref();
                next_table += offset + 1;
                let unique: HashSet<&String> = start.columns.iter().collect();
                if unique.len() != start.columns.len() {
                    return Err(BackupError::corrupt(table.name(), "a column is listed twice"));
                }
                sections.push(Section {
                    table,
                    columns: start.columns,
                    rows: Vec::new(),
                });
            }
            Line::Row(values) => {
                let Some(section) = sections.last_mut() else {
                    return Err(BackupError::Damaged(format!("line {number}: a row before any table")));
                };
                section
                    .table
                    .check(&section.columns, &values)
                    .map_err(|why| BackupError::corrupt(section.table.name(), format!("line {number}: {why}")))?;
                section.rows.push(raw);
            }
            Line::End(end) => footer = Some(end),
        }
    }
    let Some(footer) = footer else {
        return Err(BackupError::Damaged(
            "its last line is missing: the file was cut short".to_owned(),
        ));
    };
    let counted: BTreeMap<String, u64> = sections
        .iter()
        .map(|s| (s.table.name().to_owned(), s.rows.len() as u64))
        .collect();
    if counted != footer.end {
        return Err(BackupError::Damaged(
            "the rows in it do not add up to the counts on its last line".to_owned(),
        ));
    }
    Ok(sections)
}

/// Rows the target already holds in the backup's tables, and one table that has some.
async fn rows_in(store: &Store, sections: &[Section<'_>]) -> Result<(u64, String), BackupError> {
    let txn = store.db().begin().await.map_err(db_err)?;
    let mut total = 0;
    let mut example = String::new();
    for section in sections {
        let rows = section.table.count(&txn).await?;
        if rows > 0 && example.is_empty() {
            example = format!("{}: {rows}", section.table.name());
        }
        total += rows;
    }
    txn.rollback().await.map_err(db_err)?;
    Ok((total, example))
}

/// The header of a backup file, checked: whether this build can restore it at all.
pub fn inspect(file: &[u8]) -> Result<Header, BackupError> {
    let text = format::decode(file)?;
    let header = format::header(&text)?;
    check_schema(&header.schema, &known_migrations())?;
    Ok(header)
}
