//! Pooled connections are not pinged before every statement (`store::PING_WHEN_IDLE_FOR`), so
//! a connection the server dropped while it was in use fails one query; the pool then replaces
//! it and the next query works.

use sea_orm::{ConnectionTrait, Statement};
use store::Store;
use store::testing::TestDb;

/// Runs `sql` on `store`'s pool and returns the first column of its row.
async fn one_int(store: &Store, sql: &str) -> Result<i32, sea_orm::DbErr> {
    let backend = store.db().get_database_backend();
    let row = store
        .db()
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
        .expect("a row");
    row.try_get_by_index::<i32>(0)
}

#[tokio::test]
async fn a_connection_the_server_dropped_costs_at_most_one_failed_query() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let store = db.store();
    let victim = one_int(&store, "SELECT pg_backend_pid()").await.unwrap();
    let mut options = sea_orm::ConnectOptions::new(db.url().to_owned());
    options.max_connections(1);
    let admin = sea_orm::Database::connect(options).await.unwrap();
    admin
        .execute_unprepared(&format!("SELECT pg_terminate_backend({victim})"))
        .await
        .unwrap();
    admin.close().await.unwrap();

    let first = one_int(&store, "SELECT 1").await;
    let second = one_int(&store, "SELECT 2").await;
    assert_eq!(
        second,
        Ok(2),
        "the pool kept a dead connection (first query: {first:?})"
    );
    assert!(matches!(first, Ok(1) | Err(_)));
}
