//! The shop the bot serves: a database (a SQLite file or a fresh PostgreSQL database), one
//! location on one fake 3x-ui panel, and the plan buyers buy. Prepared in the bench process
//! before the bot starts, through the same services the bot uses.

use std::sync::Arc;

use inventory::{DisplayName, LocationPrefix, NewLocation, NewPanel, PanelUrl};
use kernel::{Clock, IdempotencyKey, Money, Secret, SystemClock, TelegramId};
use moonvpn::config::{Config, RawConfig};
use moonvpn::wiring::{self, Services};
use orders::{BYTES_PER_GB, FixedTerms, NewPlan, PlanKind, PlanName, RenewalRule};
use sea_orm::{ConnectionTrait, Database};
use store::Store;
use testkit::FakePanel;

/// The key that encrypts panel passwords, shared with the bot process.
pub const KEY: &str = "moonvpn-bench-secret-key-0123456789abcdef";
/// A token shaped like BotFather's (the config checks the shape).
pub const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/// A database for one run, dropped (PostgreSQL) by [`BenchDb::close`].
pub struct BenchDb {
    /// The URL the bot process opens.
    pub url: String,
    /// The bench's own handle (setup and deposits).
    pub services: Services,
    pub dir: tempfile::TempDir,
    drop: Option<(String, String)>,
}

impl BenchDb {
    /// A fresh, migrated database of `kind` (`sqlite` or `postgres`) for a bot on `api_url`.
    pub async fn open(kind: &str, api_url: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let (url, drop) = match kind {
            "sqlite" => (
                format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display()),
                None,
            ),
            "postgres" => {
                let admin_url = std::env::var("MOONVPN_BENCH_POSTGRES_URL")
                    .expect("set MOONVPN_BENCH_POSTGRES_URL for --database postgres");
                let name = format!("moonvpn_bench_{:08x}", rand::random::<u32>());
                let admin = Database::connect(admin_url.as_str()).await.expect("connect postgres");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create the bench database");
                admin.close().await.ok();
                let mut url = url::Url::parse(&admin_url).expect("a postgres:// URL");
                url.set_path(&name);
                (url.to_string(), Some((admin_url, name)))
            }
            other => panic!("--database sqlite|postgres, not {other}"),
        };
        let store = Store::connect(&url, &Secret::new(KEY))
            .await
            .expect("open the database");
        store.migrate().await.expect("migrate");
        let config = config(api_url, &url);
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let driver = Arc::new(wiring::panel_driver(clock.clone()).expect("driver"));
        let services = wiring::services(&config, store, driver, clock);
        Self {
            url,
            services,
            dir,
            drop,
        }
    }

    /// One location (France) on `panel`, and the plan Silver there.
    pub async fn stock(&self, panel: &FakePanel) {
        let location = self
            .services
            .placement
            .add_location(&NewLocation {
                name: DisplayName::new("France").unwrap(),
                prefix: LocationPrefix::new("FR").unwrap(),
            })
            .await
            .unwrap()
            .id;
        self.services
            .fleet
            .connect_panel(
                &NewPanel {
                    name: DisplayName::new("France 1").unwrap(),
                    url: PanelUrl::new(&panel.url()).unwrap(),
                    username: "admin".into(),
                    password: Secret::new("admin"),
                    api_token: None,
                    two_factor_secret: None,
                    allow_insecure_tls: false,
                    location,
                },
                None,
            )
            .await
            .expect("connect the fake panel");
        let terms = FixedTerms::new(
            kernel::ByteLimit::upto(50 * BYTES_PER_GB).unwrap(),
            30,
            Money::from_minor(100_000).unwrap(),
        )
        .unwrap();
        self.services
            .catalog
            .create_plan(NewPlan {
                name: PlanName::parse("Silver").unwrap(),
                description: None,
                kind: PlanKind::Fixed(terms),
                locations: [location].into(),
                is_test: false,
                renewal: RenewalRule::AddToRemaining,
                ip_limit: kernel::CountLimit::upto(2).unwrap(),
                active: true,
            })
            .await
            .unwrap();
    }

    /// Gives the registered user `id` enough money for one plan.
    pub async fn deposit(&self, id: i64) {
        let user = self
            .services
            .members
            .find_by_telegram(TelegramId::new(id).unwrap())
            .await
            .unwrap()
            .expect("registered through the bot");
        self.services
            .wallet
            .deposit(
                user.id,
                Money::from_minor(100_000).unwrap(),
                IdempotencyKey::new(format!("bench:{id}")).unwrap(),
                None,
            )
            .await
            .expect("deposit");
    }

    /// Closes the bench's handle and drops a PostgreSQL database.
    pub async fn close(self) {
        self.services.store.clone().close().await.ok();
        if let Some((admin_url, name)) = &self.drop {
            let admin = Database::connect(admin_url.as_str()).await.expect("connect postgres");
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .ok();
            admin.close().await.ok();
        }
    }
}

/// The config the bench's services use (the bot process gets the same through `MOONVPN_*`).
fn config(api_url: &str, database_url: &str) -> Config {
    let mut raw = RawConfig::default();
    raw.telegram.token = Some(TOKEN.to_owned());
    raw.telegram.api_url = api_url.to_owned();
    raw.database.url = database_url.to_owned();
    raw.admins.superadmins = moonvpn::config::OneOrMany::One(1);
    raw.security.secret_key = Some(KEY.to_owned());
    Config::try_from(raw).expect("bench config")
}
