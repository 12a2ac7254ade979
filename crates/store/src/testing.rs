//! Test support: a fresh, migrated database per test on SQLite (in memory, always),
//! PostgreSQL (`MOONVPN_TEST_POSTGRES_URL`) and MySQL/MariaDB (`MOONVPN_TEST_MYSQL_URL`).
//!
//! Each server-backed test creates a uniquely named database and drops it when the
//! [`TestDb`] is dropped, even after a failed assertion. With
//! `MOONVPN_TEST_REQUIRE_BACKENDS=1` a missing URL fails the test instead of skipping it,
//! so CI can't pass by silently testing nothing.

use kernel::{Secret, UserId};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, NotSet, Set};

use crate::Store;
use crate::entity::members::user;

/// The secret key test stores encrypt with.
pub const TEST_SECRET_KEY: &str = "moonvpn-test-secret-key-0123456789abcdef";

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// In-memory SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
    /// MySQL or MariaDB.
    Mysql,
}

/// A migrated database that exists for one test.
pub struct TestDb {
    store: Store,
    backend: Backend,
    url: String,
    drop_on_exit: Option<(String, String)>,
}

impl TestDb {
    /// A fresh in-memory SQLite database.
    pub async fn sqlite() -> Self {
        let store = Store::connect("sqlite::memory:", &Secret::new(TEST_SECRET_KEY))
            .await
            .expect("open sqlite");
        store.migrate().await.expect("migrate sqlite");
        Self {
            store,
            backend: Backend::Sqlite,
            url: "sqlite::memory:".to_owned(),
            drop_on_exit: None,
        }
    }

    /// A fresh PostgreSQL database, or `None` when `MOONVPN_TEST_POSTGRES_URL` is unset.
    pub async fn postgres() -> Option<Self> {
        Self::on_server(Backend::Postgres, "MOONVPN_TEST_POSTGRES_URL", true).await
    }

    /// A fresh MySQL/MariaDB database, or `None` when `MOONVPN_TEST_MYSQL_URL` is unset.
    pub async fn mysql() -> Option<Self> {
        Self::on_server(Backend::Mysql, "MOONVPN_TEST_MYSQL_URL", true).await
    }

    /// A fresh database on `backend` that was never migrated (no tables at all), or `None`
    /// when the server's URL is unset: the target of a restore.
    pub async fn unmigrated(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let store = Store::connect("sqlite::memory:", &Secret::new(TEST_SECRET_KEY))
                    .await
                    .expect("open sqlite");
                Some(Self {
                    store,
                    backend,
                    url: "sqlite::memory:".to_owned(),
                    drop_on_exit: None,
                })
            }
            Backend::Postgres => Self::on_server(backend, "MOONVPN_TEST_POSTGRES_URL", false).await,
            Backend::Mysql => Self::on_server(backend, "MOONVPN_TEST_MYSQL_URL", false).await,
        }
    }

    /// A fresh migrated database on `backend`, or `None` when the server's URL is unset.
    pub async fn on(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => Some(Self::sqlite().await),
            Backend::Postgres => Self::postgres().await,
            Backend::Mysql => Self::mysql().await,
        }
    }

    async fn on_server(backend: Backend, var: &str, migrate: bool) -> Option<Self> {
        let url = match std::env::var(var) {
            Ok(url) if !url.trim().is_empty() => url,
            _ if std::env::var_os("MOONVPN_TEST_REQUIRE_BACKENDS").is_some() => {
                panic!("{var} is not set but MOONVPN_TEST_REQUIRE_BACKENDS is: refusing to skip {backend:?} tests")
            }
            _ => return None,
        };
        let name = format!("moonvpn_t_{:016x}", rand::random::<u64>());
        let admin = Database::connect(url.as_str())
            .await
            .unwrap_or_else(|e| panic!("connect {var}: {e}"));
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        admin.close().await.ok();
        let own_url = with_database(&url, &name);
        let store = Store::connect(&own_url, &Secret::new(TEST_SECRET_KEY))
            .await
            .expect("open test database");
        if migrate {
            store.migrate().await.expect("migrate test database");
        }
        Some(Self {
            store,
            backend,
            url: own_url,
            drop_on_exit: Some((url, name)),
        })
    }

    /// The store on this database.
    pub fn store(&self) -> Store {
        self.store.clone()
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection URL of this database (`sqlite::memory:` for SQLite: a new connection
    /// there is another database), for another process such as the `moonvpn` binary.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((url, name)) = self.drop_on_exit.take() else {
            return;
        };
        let sql = match self.backend {
            Backend::Postgres => format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            _ => format!("DROP DATABASE IF EXISTS {name}"),
        };
        // Dropping needs async I/O but Drop is sync: do it on a short-lived runtime of its own.
        let done = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let admin = Database::connect(url.as_str()).await.ok()?;
                admin.execute_unprepared(&sql).await.ok()?;
                admin.close().await.ok()
            })
        })
        .join();
        if !matches!(done, Ok(Some(()))) {
            eprintln!(
                "warning: could not drop test database {}",
                self.drop_on_exit.as_ref().map_or("", |d| d.1.as_str())
            );
        }
    }
}

/// Replaces the database name in a connection URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_and_path = &base[scheme_end..];
    let host = host_and_path.split_once('/').map_or(host_and_path, |(h, _)| h);
    let mut out = format!("{}{host}/{name}", &base[..scheme_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// Inserts a bare user (telegram id = `telegram_id`) with a zero balance, for tests of areas
/// that need a user before the members repository is involved.
pub async fn insert_user(store: &Store, telegram_id: i64) -> UserId {
    let now = crate::time_ms::to_ms(time::OffsetDateTime::now_utc());
    let row = user::ActiveModel {
        id: NotSet,
        telegram_id: Set(telegram_id),
        username: Set(None),
        first_name: Set(Some(format!("user{telegram_id}"))),
        language: Set("en".into()),
        role: Set("user".into()),
        status: Set("active".into()),
        bot_blocked: Set(false),
        balance: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(store.db())
    .await
    .expect("insert test user");
    UserId::new(row.id)
}

/// Declares one store test that runs on every backend: `<name>::sqlite`, `<name>::postgres`,
/// `<name>::mysql` (the last two skip when their URL is unset). The body gets a fresh
/// `store: Store`.
///
/// ```ignore
/// store_test!(balance_starts_at_zero, |store| {
///     let user = insert_user(&store, 1).await;
///     assert_eq!(store.balance(user).await.unwrap(), Money::ZERO);
/// });
/// ```
#[macro_export]
macro_rules! store_test {
    ($name:ident, |$store:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let db = $crate::testing::TestDb::sqlite().await;
                let $store = db.store();
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                let Some(db) = $crate::testing::TestDb::postgres().await else {
                    return;
                };
                let $store = db.store();
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn mysql() {
                let Some(db) = $crate::testing::TestDb::mysql().await else {
                    return;
                };
                let $store = db.store();
                $body
            }
        }
    };
}

/// The same database as `store` seen by another process (the CLI, a second instance): the
/// same pools, but a catalog cache of its own.
pub fn another_process(store: &Store) -> Store {
    store.clone().with_catalog_ttl(crate::CATALOG_TTL)
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_name_is_replaced_keeping_credentials_and_query() {
        assert_eq!(
            with_database("postgres://u:p@h:5432/test", "x"),
            "postgres://u:p@h:5432/x"
        );
        assert_eq!(
            with_database("mysql://root@127.0.0.1:3306/test?ssl-mode=disabled", "y"),
            "mysql://root@127.0.0.1:3306/y?ssl-mode=disabled"
        );
        assert_eq!(with_database("postgres://h", "z"), "postgres://h/z");
    }
}
