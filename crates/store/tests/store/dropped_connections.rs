//! Pooled connections are not pinged before every statement (`store::PING_WHEN_IDLE_FOR`), so
//! each connection the server dropped fails one query; the pool then replaces it and the queries
//! after that work.

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
async fn each_connection_the_server_dropped_costs_at_most_one_failed_query() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let store = db.store();
    // Three queries at once leave (at least) three connections idle in the pool.
    let busy = "SELECT 1 FROM pg_sleep(0.2)";
    let (a, b, c) = tokio::join!(one_int(&store, busy), one_int(&store, busy), one_int(&store, busy));
    assert_eq!((a, b, c), (Ok(1), Ok(1), Ok(1)));

    let mut options = sea_orm::ConnectOptions::new(db.url().to_owned());
    options.max_connections(1);
    let admin = sea_orm::Database::connect(options).await.unwrap();
    let killed = admin
        .query_one_raw(Statement::from_string(
            admin.get_database_backend(),
            "SELECT count(pg_terminate_backend(pid))::int4 FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        ))
        .await
        .unwrap()
        .expect("a row")
        .try_get_by_index::<i32>(0)
        .unwrap();
    admin.close().await.unwrap();
    assert!(killed >= 3, "the pool held {killed} connections, the test needs three");

    let mut answers = Vec::new();
    for n in 0..2 * killed + 1 {
        answers.push(one_int(&store, &format!("SELECT {n}")).await.ok());
    }
    let failed = answers.iter().filter(|a| a.is_none()).count();
    assert!(
        failed <= killed as usize,
        "{failed} queries failed on {killed} dropped connections: {answers:?}"
    );
    let last = &answers[killed as usize..];
    let expected: Vec<_> = (killed..=2 * killed).map(Some).collect();
    assert_eq!(last, expected, "a dropped connection was handed out again: {answers:?}");
}
