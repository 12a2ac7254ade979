//! A SQLite file database (the embedded default): write-ahead logging, racing writers all land
//! (none fails with "database is locked"), also from a second process's connections, and reads
//! go on while a write transaction is open.

use std::sync::Arc;
use std::time::Duration;

use futures::future::join_all;
use kernel::{IdempotencyKey, Money, Secret, SystemClock};
use members::MemberRepo;
use sea_orm::{ConnectionTrait, Statement};
use store::Store;
use store::testing::{TEST_SECRET_KEY, insert_user};
use wallet::WalletService;

/// A fresh database file (and its URL); the caller removes it with [`remove`].
fn temp_file() -> (std::path::PathBuf, String) {
    let path = std::env::temp_dir().join(format!("moonvpn-wal-{:016x}.db", rand::random::<u64>()));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    (path, url)
}

fn remove(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_read_goes_on_while_a_write_transaction_is_open_and_sees_only_what_was_committed() {
    let (path, url) = temp_file();
    let store = Store::connect(&url, &Secret::new(TEST_SECRET_KEY)).await.unwrap();
    store.migrate().await.unwrap();
    let user = insert_user(&store, 7).await;

    let txn = store::tx::begin(store.db()).await.unwrap();
    txn.execute_unprepared(&format!(
        "UPDATE user SET first_name = 'Renamed' WHERE id = {}",
        user.get()
    ))
    .await
    .unwrap();
    // With one connection for everything this read would wait for the transaction (and time
    // out here); the reader pool answers at once with the last committed name.
    let during = tokio::time::timeout(Duration::from_secs(5), MemberRepo::get(&store, user))
        .await
        .expect("a read waited for the open write transaction")
        .unwrap()
        .unwrap();
    assert_eq!(during.first_name.as_str(), "user7");
    txn.commit().await.unwrap();
    let after = MemberRepo::get(&store, user).await.unwrap().unwrap();
    assert_eq!(
        after.first_name.as_str(),
        "Renamed",
        "a committed write is seen by the next read"
    );

    store.close().await.unwrap();
    remove(&path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_writing_one_file_at_once_both_land_every_deposit() {
    // The bot and the CLI (or a second bot) each with their own pools on one file: their
    // transactions begin IMMEDIATE, so one waits for the other instead of failing.
    let (path, url) = temp_file();
    let bot = Store::connect(&url, &Secret::new(TEST_SECRET_KEY)).await.unwrap();
    bot.migrate().await.unwrap();
    let cli = Store::connect(&url, &Secret::new(TEST_SECRET_KEY)).await.unwrap();
    let users = [insert_user(&bot, 1).await, insert_user(&bot, 2).await];
    let wallets = [&bot, &cli].map(|s| Arc::new(WalletService::new(Arc::new(s.clone()), Arc::new(SystemClock))));
    let deposits = (0..60).map(|i| {
        let wallet = wallets[i % 2].clone();
        let user = users[(i / 2) % 2];
        async move {
            let key = IdempotencyKey::new(format!("test:two:{i}")).unwrap();
            wallet.deposit(user, Money::from_minor(10).unwrap(), key, None).await
        }
    });
    for result in join_all(deposits).await {
        result.unwrap();
    }
    for user in users {
        assert_eq!(wallets[0].balance(user).await.unwrap(), Money::from_minor(300).unwrap());
        assert_eq!(wallets[1].balance(user).await.unwrap(), Money::from_minor(300).unwrap());
    }
    crate::wallet::assert_ledger_invariant(&bot).await;
    cli.close().await.unwrap();
    bot.close().await.unwrap();
    remove(&path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_file_database_runs_in_wal_mode_and_racing_writers_all_land() {
    let path = std::env::temp_dir().join(format!("moonvpn-wal-{:016x}.db", rand::random::<u64>()));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let store = Store::connect(&url, &Secret::new(TEST_SECRET_KEY)).await.unwrap();
    store.migrate().await.unwrap();
    let mode = store
        .db()
        .query_one_raw(Statement::from_string(
            store.db().get_database_backend(),
            "PRAGMA journal_mode",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<String>(0)
        .unwrap();
    assert_eq!(mode.to_ascii_lowercase(), "wal");

    let users = [insert_user(&store, 1).await, insert_user(&store, 2).await];
    let wallet = Arc::new(WalletService::new(Arc::new(store.clone()), Arc::new(SystemClock)));
    let deposits = (0..40).map(|i| {
        let wallet = wallet.clone();
        let user = users[i % 2];
        async move {
            let key = IdempotencyKey::new(format!("test:wal:{i}")).unwrap();
            wallet.deposit(user, Money::from_minor(10).unwrap(), key, None).await
        }
    });
    for result in join_all(deposits).await {
        result.unwrap();
    }
    for user in users {
        assert_eq!(wallet.balance(user).await.unwrap(), Money::from_minor(200).unwrap());
    }
    crate::wallet::assert_ledger_invariant(&store).await;
    store.close().await.unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
