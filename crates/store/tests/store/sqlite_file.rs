//! A SQLite file database (the embedded default): write-ahead logging, and racing writers all
//! land (none fails with "database is locked").

use std::sync::Arc;

use futures::future::join_all;
use kernel::{IdempotencyKey, Money, Secret, SystemClock};
use sea_orm::{ConnectionTrait, Statement};
use store::Store;
use store::testing::{TEST_SECRET_KEY, insert_user};
use wallet::WalletService;

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
