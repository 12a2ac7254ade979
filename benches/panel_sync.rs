//! Sync benchmark (issue #3): N fake 3x-ui panels × M clients, every client a MoonVPN account;
//! measures one `sync_panels` over all panels (concurrent, batched DB writes) and the same
//! panels synced one after another, with the real driver, store and fake panel.
//!
//! ```text
//! cargo bench --bench panel_sync -- [--panels 5] [--clients 2000] [--rounds 3] [--generation d]
//!     [--latency-ms 0] [--database sqlite|postgres|mysql]
//! ```
//!
//! `--latency-ms` delays every answer of the fake panels (a panel across the Internet);
//! `--database postgres|mysql` runs on a fresh database created through
//! `MOONVPN_TEST_POSTGRES_URL` / `MOONVPN_TEST_MYSQL_URL` (and dropped afterwards); the
//! default is a SQLite file in a temp dir.
//!
//! Prints clients synced per second and the peak resident memory of the process during the
//! syncs (VmHWM after resetting it through /proc/self/clear_refs; the fake panels live in the
//! same process, so this overstates what MoonVPN alone needs).

use std::sync::Arc;
use std::time::{Duration, Instant};

use inventory::{
    AccountRepo, Allocation, ClientEmail, ClientLimits, ClientName, DisplayName, LocationPrefix, NewClientAccount,
    NewLocation, NewPanel, PanelUrl, PlacementRepo, Provisioned,
};
use kernel::{Clock, LocationId, PanelId, Secret, SystemClock};
use moonvpn::wiring::{ServicePolicy, Services};
use serde_json::json;
use store::Store;
use store::testing::TestDb;
use testkit::{FakePanel, FakePanelConfig, Fault, Generation, InboundSpec};

const KEY: &str = "moonvpn-bench-secret-key-0123456789abcdef";
const INBOUNDS_PER_PANEL: u32 = 2;

struct Options {
    panels: u32,
    clients: u32,
    rounds: u32,
    generation: Generation,
    latency: Duration,
    database: String,
}

fn options() -> Options {
    let mut o = Options {
        panels: 5,
        clients: 2_000,
        rounds: 3,
        generation: Generation::D,
        latency: Duration::ZERO,
        database: "sqlite".to_owned(),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--panels" => o.panels = value.parse().expect("--panels N"),
            "--clients" => o.clients = value.parse().expect("--clients N (per panel)"),
            "--rounds" => o.rounds = value.parse().expect("--rounds N"),
            "--latency-ms" => o.latency = Duration::from_millis(value.parse().expect("--latency-ms N")),
            "--database" => o.database = value.clone(),
            "--generation" => {
                o.generation = match value.to_ascii_lowercase().as_str() {
                    "a" => Generation::A,
                    "b" => Generation::B,
                    "c" => Generation::C,
                    "d" => Generation::D,
                    other => panic!("--generation a|b|c|d, not {other}"),
                }
            }
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

/// Peak resident memory of this process in KiB (Linux `VmHWM`).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak so the next reading covers only what follows (Linux 4.0+).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn client(n: u32, inbound: i64) -> (i64, serde_json::Value, String) {
    let email = format!("FR-MoonVPN-{n}");
    let value = json!({
        "id": uuid(n), "email": email, "enable": true, "totalGB": 50_000_000_000u64, "expiryTime": 0,
        "limitIp": 2, "subId": format!("s{n:015}"), "flow": "", "tgId": 0, "reset": 0
    });
    (inbound, value, email)
}

fn uuid(n: u32) -> String {
    format!("0b1c2d3e-0000-4000-8000-{n:012}")
}

/// Starts the fake panels and fills them with clients; returns them with every email.
async fn start_panels(o: &Options) -> Vec<(FakePanel, Vec<String>)> {
    let mut panels = Vec::new();
    let mut n = 1_001;
    for _ in 0..o.panels {
        let panel = FakePanel::start(FakePanelConfig {
            generation: o.generation,
            subscription: false,
            ..FakePanelConfig::default()
        })
        .await;
        let inbounds: Vec<i64> = (0..INBOUNDS_PER_PANEL)
            .map(|i| panel.add_inbound(InboundSpec::vless_reality(10_000 + i as u16)))
            .collect();
        let mut emails = Vec::new();
        for i in 0..o.clients {
            let (inbound, value, email) = client(n, inbounds[(i % INBOUNDS_PER_PANEL) as usize]);
            panel.add_client_raw(inbound, value);
            emails.push(email);
            n += 1;
        }
        panels.push((panel, emails));
    }
    panels
}

/// Stores the location, the panels (connected through the use case, which also reads their
/// inbounds) and one account per client.
async fn stock(store: &Store, services: &Services, panels: &[(FakePanel, Vec<String>)]) -> Vec<PanelId> {
    let location: LocationId = services
        .placement
        .add_location(&NewLocation {
            name: DisplayName::new("France").unwrap(),
            prefix: LocationPrefix::new("FR").unwrap(),
        })
        .await
        .expect("add location")
        .id;
    let user = store::testing::insert_user(store, 42).await;
    let prefix = LocationPrefix::new("FR").unwrap();
    let mut ids = Vec::new();
    for (i, (panel, emails)) in panels.iter().enumerate() {
        let new = NewPanel {
            name: DisplayName::new(&format!("bench-{i}")).unwrap(),
            url: PanelUrl::new(&panel.url()).unwrap(),
            username: "admin".into(),
            password: Secret::new("admin"),
            api_token: None,
            two_factor_secret: None,
            allow_insecure_tls: false,
            location,
        };
        let connected = services.fleet.connect_panel(&new, None).await.expect("connect panel");
        if let Err(e) = &connected.sync {
            panic!("first sync of panel {i} failed: {e}");
        }
        let inbounds = store.inbounds_of_panel(connected.panel.id).await.unwrap();
        for (k, email) in emails.iter().enumerate() {
            let name = ClientName::parse(email).unwrap();
            let n = name.number();
            let account = NewClientAccount {
                user,
                allocation: Allocation {
                    inbound: inbounds[k % inbounds.len()].id,
                    location,
                    email: ClientEmail::from(&name),
                    name,
                    client_uuid: uuid(n),
                    sub_id: format!("s{n:015}"),
                },
                limits: ClientLimits {
                    total_bytes: kernel::ByteLimit::upto(50_000_000_000).unwrap(),
                    expires_at: None,
                    ip_limit: kernel::CountLimit::upto(2).unwrap(),
                },
                provisioned: Provisioned {
                    config_url: format!("vless://{}@h:10000#{prefix}", uuid(n)),
                    subscription_url: None,
                },
                created_at: time::OffsetDateTime::now_utc(),
            };
            store.insert_account(&account).await.expect("insert account");
        }
        ids.push(connected.panel.id);
    }
    ids
}

/// Adds traffic to every client, so the next sync has every account to write.
fn use_traffic(panels: &[(FakePanel, Vec<String>)], round: u32) {
    for (panel, emails) in panels {
        for email in emails {
            panel.add_traffic(email, 1_000 + u64::from(round), 5_000);
        }
    }
}

struct Run {
    label: String,
    elapsed: Duration,
    clients: usize,
    changed: usize,
}

fn main() {
    let o = options();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench(o));
}

async fn bench(o: Options) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server_db = match o.database.as_str() {
        "sqlite" => None,
        "postgres" => Some(TestDb::postgres().await.expect("set MOONVPN_TEST_POSTGRES_URL")),
        "mysql" => Some(TestDb::mysql().await.expect("set MOONVPN_TEST_MYSQL_URL")),
        other => panic!("--database sqlite|postgres|mysql, not {other}"),
    };
    let store = match &server_db {
        Some(db) => db.store(),
        None => {
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display());
            let store = Store::connect(&url, &Secret::new(KEY)).await.expect("open database");
            store.migrate().await.expect("migrate");
            store
        }
    };
    let backend = o.database.clone();
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let driver = moonvpn::wiring::panel_driver(clock.clone()).expect("driver");
    let services = Services::build(store.clone(), Arc::new(driver), clock, ServicePolicy::default());
    let fleet = services.fleet.clone();

    let setup = Instant::now();
    let panels = start_panels(&o).await;
    let ids = stock(&store, &services, &panels).await;
    let total = (o.panels * o.clients) as usize;
    println!(
        "setup: {} panels x {} clients ({} accounts) on {backend}, 3x-ui generation {:?}, in {:.1} s",
        o.panels,
        o.clients,
        total,
        o.generation,
        setup.elapsed().as_secs_f64()
    );

    if !o.latency.is_zero() {
        for (panel, _) in &panels {
            panel.set_fault(Some(Fault::Slow(o.latency)));
        }
    }
    println!("panel answers delayed by {} ms", o.latency.as_millis());
    reset_peak_rss();
    let base_rss = peak_rss_kib();
    let mut runs = Vec::new();
    for round in 0..o.rounds {
        use_traffic(&panels, round);
        let started = Instant::now();
        let results = fleet.sync_panels(&[]).await.expect("sync");
        let elapsed = started.elapsed();
        let mut clients = 0;
        let mut changed = 0;
        for (id, r) in results {
            let r = r.unwrap_or_else(|e| panic!("panel {id}: {e}"));
            clients += r.clients_read;
            changed += r.usage.changed;
        }
        runs.push(Run {
            label: format!("all panels at once, round {}", round + 1),
            elapsed,
            clients,
            changed,
        });
    }
    let started = Instant::now();
    let results = fleet.sync_panels(&[]).await.expect("sync");
    runs.push(Run {
        label: "all panels at once, nothing changed".into(),
        elapsed: started.elapsed(),
        clients: results
            .iter()
            .map(|(_, r)| r.as_ref().map_or(0, |r| r.clients_read))
            .sum(),
        changed: results
            .iter()
            .map(|(_, r)| r.as_ref().map_or(0, |r| r.usage.changed))
            .sum(),
    });
    use_traffic(&panels, o.rounds);
    let started = Instant::now();
    let mut clients = 0;
    let mut changed = 0;
    for id in &ids {
        let r = fleet.sync_panel(*id).await.expect("sync one panel");
        clients += r.clients_read;
        changed += r.usage.changed;
    }
    runs.push(Run {
        label: "one panel after another".into(),
        elapsed: started.elapsed(),
        clients,
        changed,
    });
    let peak = peak_rss_kib();

    println!();
    println!("| run | clients read | accounts written | time | clients synced/s |");
    println!("|---|---:|---:|---:|---:|");
    for r in &runs {
        println!(
            "| {} | {} | {} | {:.0} ms | {:.0} |",
            r.label,
            r.clients,
            r.changed,
            r.elapsed.as_secs_f64() * 1000.0,
            r.clients as f64 / r.elapsed.as_secs_f64()
        );
    }
    println!();
    match (base_rss, peak) {
        (Some(base), Some(peak)) => println!(
            "peak RSS during the syncs: {:.1} MiB (at the start of the syncs: {:.1} MiB; fake panels included)",
            peak as f64 / 1024.0,
            base as f64 / 1024.0
        ),
        _ => println!("peak RSS: unavailable (needs Linux /proc)"),
    }
    drop(panels);
    if server_db.is_none() {
        store.close().await.ok();
    }
}
