//! A PostgreSQL server on this machine is reached without TLS unless the URL asks for it
//! (TLS on loopback costs both processes CPU on every query and protects nothing).

use kernel::Secret;
use sea_orm::{ConnectionTrait, Statement};
use store::Store;
use store::testing::{TEST_SECRET_KEY, TestDb};

/// The one value `sql` answers on `store`'s connection.
async fn one<T: sea_orm::TryGetable>(store: &Store, sql: &str, column: &str) -> T {
    let backend = store.db().get_database_backend();
    let row = store
        .db()
        .query_one_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{sql} answers a row"));
    row.try_get::<T>("", column).unwrap()
}

/// Whether this connection to PostgreSQL is encrypted (`pg_stat_ssl` of its own backend).
async fn encrypted(store: &Store) -> bool {
    one(store, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", "ssl").await
}

/// Whether the server offers TLS at all (`SHOW ssl`).
async fn server_offers_tls(store: &Store) -> bool {
    one::<String>(store, "SHOW ssl", "ssl").await == "on"
}

#[tokio::test]
async fn a_loopback_postgres_is_not_encrypted_unless_the_url_asks() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let url = db.url().to_owned();
    assert!(
        url.contains("127.0.0.1") || url.contains("localhost"),
        "this test needs MOONVPN_TEST_POSTGRES_URL on this machine, got {url}"
    );
    let store = db.store();
    assert!(!encrypted(&store).await, "a loopback connection went through TLS");
    if !server_offers_tls(&store).await {
        return;
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    let asked = Store::connect(&format!("{url}{sep}sslmode=require"), &Secret::new(TEST_SECRET_KEY))
        .await
        .unwrap();
    assert!(encrypted(&asked).await, "sslmode=require in the URL was not kept");
    asked.close().await.unwrap();
}
