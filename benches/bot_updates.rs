//! Update-handling benchmark (issue #4): the bot wired exactly as `moonvpn run` wires it
//! (`wiring::bot_deps`, dispatcher, long polling, real store, real 3x-ui driver), against
//! `FakeTelegram` (flood limits off) and a `FakePanel` on loopback. N simulated users at once
//! navigate the menus and buy plans, each waiting for the bot's answer like a person would.
//!
//! ```text
//! cargo bench --bench bot_updates -- [--users 50] [--rounds 4] [--purchases 1]
//!     [--database sqlite|postgres]
//! ```
//!
//! `--database postgres` runs on a fresh database created through
//! `MOONVPN_BENCH_POSTGRES_URL` (e.g. `postgres://postgres@127.0.0.1:5432/postgres`) and
//! dropped afterwards; the default is a SQLite file in a temp dir.
//!
//! Latency of one update = from the user's message or tap until the answer is visible in
//! the chat (new message, edited screen, or the QR code after "Pay"), measured by looking at
//! the chat after 1, 2, 4, then every 8 ms (so a figure may be up to 8 ms late; looking more
//! often costs the bot CPU at hundreds of users). Throughput = updates answered / wall time
//! of the whole run. The fakes, the simulated users and the bot share the machine's cores.

use std::sync::Arc;
use std::time::{Duration, Instant};

use inventory::{DisplayName, LocationPrefix, NewLocation, NewPanel, PanelUrl};
use kernel::{Clock, IdempotencyKey, Money, Secret, SystemClock, TelegramId};
use moonvpn::config::{Config, RawConfig};
use moonvpn::metrics::{CountingHandler, Metrics};
use moonvpn::wiring::{self, Services};
use orders::{BYTES_PER_GB, FixedTerms, NewPlan, PlanKind, PlanName, RenewalRule};
use sea_orm::{ConnectionTrait, Database};
use store::Store;
use telegram::{Bot, BotApi, Dispatcher, DispatcherConfig, I18n};
use testkit::telegram::{EntryKind, FakeTelegram, SimUser};
use testkit::{FakePanel, FakePanelConfig, InboundSpec};
use tokio::sync::oneshot;

const KEY: &str = "moonvpn-bench-secret-key-0123456789abcdef";
/// First and longest pause between two looks at a chat while waiting for the bot.
const POLL: (Duration, Duration) = (Duration::from_millis(1), Duration::from_millis(8));
const STEP_TIMEOUT: Duration = Duration::from_secs(60);

struct Options {
    users: u32,
    rounds: u32,
    purchases: u32,
    database: String,
}

fn options() -> Options {
    let mut o = Options {
        users: 50,
        rounds: 4,
        purchases: 1,
        database: "sqlite".to_owned(),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--users" => o.users = value.parse().expect("--users N"),
            "--rounds" => o.rounds = value.parse().expect("--rounds N (menu rounds per user)"),
            "--purchases" => o.purchases = value.parse().expect("--purchases N (per user)"),
            "--database" => o.database = value.clone(),
            // `cargo bench` passes --bench to every bench binary.
            "--bench" => {
                i += 1;
                continue;
            }
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    o
}

/// A database for the run, dropped (PostgreSQL) when this goes out of scope.
struct BenchDb {
    store: Store,
    _dir: tempfile::TempDir,
    drop: Option<(String, String)>,
}

impl BenchDb {
    async fn open(kind: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        match kind {
            "sqlite" => {
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display());
                Self {
                    store: migrated(&url).await,
                    _dir: dir,
                    drop: None,
                }
            }
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
                Self {
                    store: migrated(url.as_str()).await,
                    _dir: dir,
                    drop: Some((admin_url, name)),
                }
            }
            other => panic!("--database sqlite|postgres, not {other}"),
        }
    }

    async fn close(self) {
        self.store.clone().close().await.ok();
        if let Some((admin_url, name)) = &self.drop {
            let admin = Database::connect(admin_url.as_str()).await.expect("connect postgres");
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await
                .ok();
            admin.close().await.ok();
        }
    }
}

async fn migrated(url: &str) -> Store {
    let store = Store::connect(url, &Secret::new(KEY)).await.expect("open the database");
    store.migrate().await.expect("migrate");
    store
}

fn config(fake: &FakeTelegram) -> Config {
    let mut raw = RawConfig::default();
    raw.telegram.token = Some(fake.token().to_owned());
    raw.telegram.api_url = fake.api_url();
    raw.admins.superadmins = moonvpn::config::OneOrMany::One(1);
    raw.security.secret_key = Some(KEY.to_owned());
    Config::try_from(raw).expect("bench config")
}

/// One location (France) on one fake panel, and the plan users buy.
async fn stock(services: &Services, panel: &FakePanel) {
    let location = services
        .placement
        .add_location(&NewLocation {
            name: DisplayName::new("France").unwrap(),
            prefix: LocationPrefix::new("FR").unwrap(),
        })
        .await
        .unwrap()
        .id;
    services
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
    services
        .catalog
        .create_plan(NewPlan {
            name: PlanName::parse("Silver").unwrap(),
            description: None,
            kind: PlanKind::Fixed(
                FixedTerms::new(
                    kernel::ByteLimit::upto(50 * BYTES_PER_GB).unwrap(),
                    30,
                    Money::from_minor(100_000).unwrap(),
                )
                .unwrap(),
            ),
            locations: [location].into(),
            is_test: false,
            renewal: RenewalRule::AddToRemaining,
            ip_limit: kernel::CountLimit::upto(2).unwrap(),
            active: true,
        })
        .await
        .unwrap();
}

/// What the user sees last: message count, last message id, text, edited, photo.
fn seen(user: &SimUser) -> (usize, i64, String, bool, bool) {
    let messages = user.bot_messages();
    match messages.last() {
        Some(m) => (
            messages.len(),
            m.message_id,
            m.text_or_empty().to_owned(),
            m.edited,
            matches!(m.kind, EntryKind::Photo { .. }),
        ),
        None => (0, 0, String::new(), false, false),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Navigation,
    Purchase,
}

/// Does `act` and waits until the screen changed (for `Step::Purchase`: until the QR code
/// arrived). Returns how long that took.
async fn step<R>(user: &SimUser, kind: Step, act: impl FnOnce() -> R) -> Duration {
    let before = seen(user);
    let started = Instant::now();
    let _ = act();
    let mut pause = POLL.0;
    loop {
        let now = seen(user);
        let done = match kind {
            Step::Navigation => now != before,
            Step::Purchase => now.4 && now.0 > before.0,
        };
        if done {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < STEP_TIMEOUT,
            "user {} got no answer within {STEP_TIMEOUT:?}; last: {:?}",
            user.id(),
            user.last_bot_message()
        );
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(POLL.1);
    }
}

/// One simulated user: registers, then `rounds` menu rounds and `purchases` purchases.
async fn session(user: SimUser, rounds: u32, purchases: u32) -> Vec<(Step, Duration)> {
    use Step::{Navigation, Purchase};
    let mut times = Vec::new();
    for _ in 0..rounds {
        times.push((Navigation, step(&user, Navigation, || user.send_text("/menu")).await));
        for button in [
            "Wallet",
            "Main menu",
            "Buy a plan",
            "France",
            "Main menu",
            "My services",
        ] {
            times.push((Navigation, step(&user, Navigation, || user.tap_button(button)).await));
        }
    }
    for _ in 0..purchases {
        times.push((Navigation, step(&user, Navigation, || user.send_text("/menu")).await));
        for button in ["Buy a plan", "France", "Silver"] {
            times.push((Navigation, step(&user, Navigation, || user.tap_button(button)).await));
        }
        times.push((Purchase, step(&user, Purchase, || user.tap_button("Pay")).await));
    }
    times
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn bench(o: Options) {
    let fake = FakeTelegram::start().await;
    fake.disable_rate_limit();
    let panel = FakePanel::start(FakePanelConfig {
        subscription: true,
        ..FakePanelConfig::default()
    })
    .await;
    panel.add_inbound(InboundSpec::vless_reality(443));
    let db = BenchDb::open(&o.database).await;
    let config = config(&fake);
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let driver = Arc::new(wiring::panel_driver(clock.clone()).expect("driver"));
    let services = wiring::services(&config, db.store.clone(), driver, clock.clone());
    stock(&services, &panel).await;

    let api = BotApi::new(&fake.api_url(), &Secret::new(fake.token())).expect("api");
    let i18n = Arc::new(I18n::new(config.currency()).expect("catalogs"));
    let bot = Bot::new(wiring::bot_deps(&config, &services, api.clone(), i18n));
    let metrics = Metrics::new();
    let handler = Arc::new(CountingHandler::new(Arc::new(bot), metrics.clone()));
    let dispatcher = Dispatcher::new(
        handler,
        Arc::new(services.store.clone()),
        clock,
        DispatcherConfig::default(),
    );
    let (stop, stopped) = oneshot::channel::<()>();
    let polling = tokio::spawn(async move {
        telegram::run_polling(
            &api,
            &dispatcher,
            async {
                let _ = stopped.await;
            },
            Duration::from_secs(10),
        )
        .await
    });

    // Register every user (not measured) and give them money for their purchases.
    let mut users = Vec::new();
    for n in 0..o.users {
        let id = 100_000 + i64::from(n);
        let user = fake.user(id);
        user.send_text("/start");
        users.push((id, user));
    }
    fake.wait_idle(Duration::from_millis(300)).await;
    for (id, user) in &users {
        user.tap_button("English");
        let stored = services
            .members
            .find_by_telegram(TelegramId::new(*id).unwrap())
            .await
            .unwrap()
            .expect("registered");
        services
            .wallet
            .deposit(
                stored.id,
                Money::from_minor(100_000 * i64::from(o.purchases.max(1))).unwrap(),
                IdempotencyKey::new(format!("bench:{id}")).unwrap(),
                None,
            )
            .await
            .expect("deposit");
    }
    fake.wait_idle(Duration::from_millis(300)).await;
    let warm_updates = metrics.updates_handled();

    let started = Instant::now();
    let tasks: Vec<_> = users
        .into_iter()
        .map(|(_, user)| tokio::spawn(session(user, o.rounds, o.purchases)))
        .collect();
    let mut navigation = Vec::new();
    let mut purchases = Vec::new();
    for task in tasks {
        for (kind, took) in task.await.expect("a user session") {
            match kind {
                Step::Navigation => navigation.push(took),
                Step::Purchase => purchases.push(took),
            }
        }
    }
    let wall = started.elapsed();
    let handled = metrics.updates_handled() - warm_updates;
    let _ = stop.send(());
    polling.await.expect("polling task").expect("polling ended cleanly");
    let sold = panel.client_count();
    db.close().await;

    navigation.sort();
    purchases.sort();
    let mut all: Vec<Duration> = navigation.iter().chain(&purchases).copied().collect();
    all.sort();
    println!(
        "database {}: {} users x ({} menu rounds of 7 updates + {} purchase(s) of 5 updates)",
        o.database, o.users, o.rounds, o.purchases
    );
    println!(
        "  {} updates in {:.2} s = {:.0} updates/s (bot counted {handled}); {sold} clients created on the panel",
        all.len(),
        wall.as_secs_f64(),
        all.len() as f64 / wall.as_secs_f64()
    );
    for (name, set) in [
        ("all updates", &all),
        ("menu navigation", &navigation),
        ("purchase (Pay → QR)", &purchases),
    ] {
        println!(
            "  {name:<20} n={:<6} p50 {:>9}  p99 {:>9}  max {:>9}",
            set.len(),
            ms(percentile(set, 50.0)),
            ms(percentile(set, 99.0)),
            ms(set.last().copied().unwrap_or_default())
        );
    }
}

fn main() {
    let o = options();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench(o));
}
