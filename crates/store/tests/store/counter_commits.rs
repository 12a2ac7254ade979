//! The counters every sale takes (an inbound's slots, a location's client numbers) commit on
//! PostgreSQL without waiting for the disk, so buyers do not line up on one WAL flush each;
//! every other transaction keeps the server's setting.

use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
use store::testing::TestDb;

/// `synchronous_commit` as `conn` sees it.
async fn synchronous_commit<C: ConnectionTrait>(conn: &C) -> String {
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SHOW synchronous_commit",
        ))
        .await
        .unwrap()
        .expect("SHOW answers a row");
    row.try_get::<String>("", "synchronous_commit").unwrap()
}

#[tokio::test]
async fn only_a_counter_transaction_commits_without_waiting_for_the_disk_on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    // One connection, so every check below reads the session the counter ran on.
    let mut options = sea_orm::ConnectOptions::new(db.url().to_owned());
    options.max_connections(1).min_connections(1);
    let conn = sea_orm::Database::connect(options).await.unwrap();
    let server = synchronous_commit(&conn).await;
    assert_ne!(server, "off", "the test needs a server that waits for the disk");

    let counter = store::tx::begin_counter(&conn).await.unwrap();
    assert_eq!(synchronous_commit(&counter).await, "off");
    counter.commit().await.unwrap();

    assert_eq!(
        synchronous_commit(&conn).await,
        server,
        "the setting ended with its transaction"
    );
    let other = conn.begin().await.unwrap();
    assert_eq!(synchronous_commit(&other).await, server);
    other.rollback().await.unwrap();
    conn.close().await.unwrap();
}
