//! Backups: a file from one back end restores on another with every row, secret and balance
//! intact; a file that is not ours, is cut short, comes from a newer schema or another key,
//! or a database that is not empty, is refused and nothing changes.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::Arc;

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use inventory::FleetRepo;
use kernel::{IdempotencyKey, Money, Secret, SystemClock};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use store::Store;
use store::backup::{self, BackupError};
use store::testing::{Backend, TestDb, insert_user};
use time::OffsetDateTime;
use wallet::WalletService;

use super::wallet::assert_ledger_invariant;

/// A shop with users, money moved, a panel with encrypted credentials and inbounds.
async fn shop(store: &Store) -> kernel::PanelId {
    let wallet = WalletService::new(Arc::new(store.clone()), Arc::new(SystemClock));
    for tg in 1..=3 {
        let user = insert_user(store, 1000 + tg).await;
        for i in 0..tg {
            let key = IdempotencyKey::new(format!("test:backup:{tg}:{i}")).unwrap();
            wallet
                .deposit(user, Money::from_minor(1_000 * (i + 1)).unwrap(), key, None)
                .await
                .unwrap();
        }
    }
    super::inventory::setup(store, &[2, 0]).await.1
}

async fn export(store: &Store) -> Vec<u8> {
    backup::export(store, Vec::new(), OffsetDateTime::now_utc())
        .await
        .unwrap()
        .0
}

fn text(file: &[u8]) -> String {
    let mut out = String::new();
    GzDecoder::new(file).read_to_string(&mut out).unwrap();
    out
}

fn gzip(text: &str) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap()
}

/// The file without its header (which names the back end and the time).
fn body(file: &[u8]) -> String {
    text(file).lines().skip(1).collect::<Vec<_>>().join("\n")
}

async fn round_trip(from: Backend, to: Backend) {
    let (Some(source), Some(target)) = (TestDb::on(from).await, TestDb::unmigrated(to).await) else {
        return;
    };
    let panel = shop(&source.store()).await;
    let balances = assert_ledger_invariant(&source.store()).await;
    let file = export(&source.store()).await;

    let restored = backup::restore(&target.store(), &file, false).await.unwrap();
    assert_eq!(restored.rows.get("user"), Some(&3));
    assert_eq!(restored.rows.get("transaction"), Some(&6));
    assert!(!restored.replaced);
    assert_eq!(restored.upgraded, 0);

    let store = target.store();
    assert_eq!(
        assert_ledger_invariant(&store).await,
        balances,
        "every balance equals its ledger sum"
    );
    assert_eq!(store.panel(panel).await.unwrap().password.expose(), "s3cret-panel-pass");
    assert_eq!(
        body(&export(&store).await),
        body(&file),
        "the restored database holds the same rows"
    );
    // New rows get fresh ids after the restored ones (PostgreSQL's sequences were moved on).
    let next = insert_user(&store, 4242).await;
    assert!(next.get() > 3, "new user id {next} collides with a restored one");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sqlite_backup_restores_on_sqlite() {
    round_trip(Backend::Sqlite, Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sqlite_backup_restores_on_postgres() {
    round_trip(Backend::Sqlite, Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_postgres_backup_restores_on_sqlite() {
    round_trip(Backend::Postgres, Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_mysql_backup_restores_on_mysql() {
    round_trip(Backend::Mysql, Backend::Mysql).await;
}

/// Backups taken while money moves (deposits and withdrawals of several users in parallel)
/// each restore to a database where every balance equals its ledger sum.
async fn consistent_while_money_moves(backend: Backend) {
    let Some(source) = TestDb::on(backend).await else {
        return;
    };
    let store = source.store();
    let users = [
        insert_user(&store, 1).await,
        insert_user(&store, 2).await,
        insert_user(&store, 3).await,
    ];
    let wallet = Arc::new(WalletService::new(Arc::new(store.clone()), Arc::new(SystemClock)));
    let writers: Vec<_> = users
        .iter()
        .map(|user| {
            let (wallet, user) = (wallet.clone(), *user);
            tokio::spawn(async move {
                for i in 0..40 {
                    let key = IdempotencyKey::new(format!("test:busy:{user}:{i}")).unwrap();
                    wallet
                        .deposit(user, Money::from_minor(500).unwrap(), key, None)
                        .await
                        .unwrap();
                }
            })
        })
        .collect();
    let mut files = Vec::new();
    while files.len() < 4 {
        files.push(export(&store).await);
        tokio::task::yield_now().await;
    }
    for writer in writers {
        writer.await.unwrap();
    }
    files.push(export(&store).await);
    for file in &files {
        let target = TestDb::unmigrated(backend).await.unwrap();
        backup::restore(&target.store(), file, false).await.unwrap();
        assert_ledger_invariant(&target.store()).await;
    }
    let last = TestDb::unmigrated(backend).await.unwrap();
    backup::restore(&last.store(), files.last().unwrap(), false)
        .await
        .unwrap();
    let balances = assert_ledger_invariant(&last.store()).await;
    assert!(balances.values().all(|b| *b == 40 * 500), "{balances:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn backups_taken_while_money_moves_are_consistent_on_sqlite() {
    consistent_while_money_moves(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn backups_taken_while_money_moves_are_consistent_on_postgres() {
    consistent_while_money_moves(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn backups_taken_while_money_moves_are_consistent_on_mysql() {
    consistent_while_money_moves(Backend::Mysql).await;
}

/// Restoring `file` into a fresh database fails with an error matching `refused`, and the
/// database stays without any table.
async fn refused(file: &[u8], refused: impl Fn(&BackupError) -> bool) {
    let target = TestDb::unmigrated(Backend::Sqlite).await.unwrap();
    let err = backup::restore(&target.store(), file, false).await.unwrap_err();
    assert!(refused(&err), "unexpected error: {err}");
    let tables = target
        .store()
        .db()
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table'",
        ))
        .await
        .unwrap();
    assert!(tables.is_empty(), "a refused restore created tables");
}

#[tokio::test]
async fn a_file_that_is_not_ours_or_damaged_is_refused_and_changes_nothing() {
    let source = TestDb::sqlite().await;
    shop(&source.store()).await;
    let good = text(&export(&source.store()).await);

    refused(b"PK\x03\x04 a zip file", |e| matches!(e, BackupError::NotOurs(_))).await;
    refused(&gzip("{\"hello\":1}\n"), |e| matches!(e, BackupError::NotOurs(_))).await;
    refused(&[0x1f, 0x8b, 0, 1, 2], |e| matches!(e, BackupError::NotOurs(_))).await;

    let cut: Vec<&str> = good.lines().collect();
    let cut = cut[..cut.len() - 3].join("\n");
    refused(&gzip(&cut), |e| matches!(e, BackupError::Damaged(_))).await;

    let tampered = good.replacen("[1,1001,", "[1,\"1001\",", 1);
    assert_ne!(tampered, good);
    refused(&gzip(&tampered), |e| matches!(e, BackupError::Damaged(_))).await;

    let newer = good.replacen("\"schema\":[", "\"schema\":[\"m20990101_000001_future\",", 1);
    refused(
        &gzip(&newer),
        |e| matches!(e, BackupError::NewerSchema(m) if m == "m20990101_000001_future"),
    )
    .await;
    let newer_format = good.replacen("\"version\":1", "\"version\":2", 1);
    refused(&gzip(&newer_format), |e| matches!(e, BackupError::NewerFormat(2))).await;
}

#[tokio::test]
async fn every_table_of_the_schema_is_in_backups_or_deliberately_left_out() {
    let db = TestDb::sqlite().await;
    let rows = db
        .store()
        .db()
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations'",
        ))
        .await
        .unwrap();
    let mut schema: Vec<String> = rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect();
    let mut covered: Vec<String> = backup::tables()
        .into_iter()
        .chain(backup::SKIPPED.iter().copied())
        .map(str::to_owned)
        .collect();
    schema.sort();
    covered.sort();
    assert_eq!(
        schema, covered,
        "a new table must be added to store::backup's list (or to SKIPPED)"
    );
}

#[tokio::test]
async fn a_backup_made_with_another_secret_key_is_refused() {
    let source = TestDb::sqlite().await;
    shop(&source.store()).await;
    let file = export(&source.store()).await;
    let other = Store::connect("sqlite::memory:", &Secret::new("another-secret-key-0123456789abcdef"))
        .await
        .unwrap();
    let err = backup::restore(&other, &file, false).await.unwrap_err();
    assert!(matches!(err, BackupError::OtherKey), "{err}");
}

#[tokio::test]
async fn a_database_with_rows_is_replaced_only_when_confirmed() {
    let source = TestDb::sqlite().await;
    shop(&source.store()).await;
    let file = export(&source.store()).await;

    let target = TestDb::sqlite().await;
    let store = target.store();
    insert_user(&store, 77).await;
    let before = export(&store).await;
    let err = backup::restore(&store, &file, false).await.unwrap_err();
    assert!(
        matches!(&err, BackupError::NotEmpty { rows: 1, example } if example == "user: 1"),
        "{err}"
    );
    assert_eq!(
        body(&export(&store).await),
        body(&before),
        "a refused restore changed rows"
    );

    let restored = backup::restore(&store, &file, true).await.unwrap();
    assert!(restored.replaced);
    assert_eq!(body(&export(&store).await), body(&file));
}

#[tokio::test]
async fn a_backup_from_an_older_schema_is_restored_then_brought_up_to_date() {
    let source = TestDb::sqlite().await;
    shop(&source.store()).await;
    let good = text(&export(&source.store()).await);
    // What the previous release wrote: the same shop seen through the schema one migration back
    // (derived from the migrator, so a new migration needs no change here).
    let older = gzip(&one_migration_back(&good).await);

    let target = TestDb::unmigrated(Backend::Sqlite).await.unwrap();
    let restored = backup::restore(&target.store(), &older, false).await.unwrap();
    assert_eq!(restored.upgraded, 1);
    assert_eq!(body(&export(&target.store()).await), body(&gzip(&good)));
}

/// `file` as the release before the newest migration would have written it: that migration
/// dropped from the header, and only the tables and columns its schema has.
async fn one_migration_back(file: &str) -> String {
    let known = Migrator::migrations().len();
    let older = TestDb::unmigrated(Backend::Sqlite).await.unwrap();
    let db = older.store().db().clone();
    Migrator::up(&db, Some(u32::try_from(known - 1).unwrap()))
        .await
        .unwrap();
    let mut schema: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let tables = "SELECT name FROM sqlite_master WHERE type = 'table'";
    for row in db
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, tables))
        .await
        .unwrap()
    {
        let table: String = row.try_get_by_index(0).unwrap();
        let columns = format!("SELECT name FROM pragma_table_info('{table}')");
        let rows = db
            .query_all_raw(Statement::from_string(DbBackend::Sqlite, columns))
            .await
            .unwrap();
        let columns = rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect();
        schema.insert(table, columns);
    }

    let mut lines = file.lines();
    let mut header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    header["schema"].as_array_mut().unwrap().pop().unwrap();
    let mut out = vec![header.to_string()];
    // The indices of the current table's columns the older schema has (None: a newer table).
    let mut kept: Option<Vec<usize>> = None;
    for line in lines {
        let mut json: serde_json::Value = serde_json::from_str(line).unwrap();
        if let Some(row) = json.as_array() {
            if let Some(keep) = &kept {
                let row: Vec<_> = keep.iter().map(|&i| row[i].clone()).collect();
                out.push(serde_json::Value::from(row).to_string());
            }
        } else if let Some(end) = json.get_mut("end").and_then(|e| e.as_object_mut()) {
            end.retain(|table, _| schema.contains_key(table));
            out.push(json.to_string());
        } else {
            let table = json["table"].as_str().unwrap().to_owned();
            kept = schema.get(&table).map(|old| {
                let columns = json["columns"].as_array().unwrap();
                (0..columns.len())
                    .filter(|&i| old.iter().any(|c| columns[i] == c.as_str()))
                    .collect()
            });
            if let Some(keep) = &kept {
                let columns: Vec<_> = keep.iter().map(|&i| json["columns"][i].clone()).collect();
                json["columns"] = columns.into();
                out.push(json.to_string());
            }
        }
    }
    out.join("\n")
}
