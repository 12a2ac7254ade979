//! The bot as its own process (issue #14): the real `moonvpn` binary (built by `cargo bench`
//! with the release settings) runs `moonvpn run` against `testkit`'s fake Bot API and fake
//! 3x-ui panel, which live in this bench process with the simulated users. Beside it, the
//! ceiling: a do-nothing responder process making the same Bot API calls per update.
//!
//! ```text
//! cargo bench --bench bot_process -- [--users 200] [--rounds 10] [--buyers 50]
//!     [--database sqlite,postgres] [--repeat 1] [--bot PATH/TO/moonvpn] [--perf FILE]
//! ```
//!
//! `--perf FILE` records the bot's menu rounds with `perf record -g` into `FILE.<database>`
//! (the bench profile keeps the binary's symbols for this).
//!
//! Each user does `rounds` × (`/start`, then the main menu's Wallet button), waiting for
//! each answer like a person; `--buyers` of them then walk to a plan's Pay button and tap
//! it at the same moment. An update's latency runs from queueing it in the fake until the
//! fake answered the last call that completes the answer (the message for `/start`; the
//! button's answer and the screen edit for a tap; the QR photo for Pay), as told by
//! `FakeTelegram::observe_calls`. CPU time and peak memory (`VmHWM`) are the bot process's
//! own, from `/proc`. Cold start is from spawning the process to its first `getUpdates`
//! (database already migrated). The bot runs with `limits.unthrottled` (the fake enforces
//! no flood limits either) and without the scheduled Telegram backup.
//! `postgres` needs `MOONVPN_BENCH_POSTGRES_URL` (e.g. `postgres://postgres@127.0.0.1:5432/postgres`);
//! a fresh database is created and dropped.

mod proc;
mod responder;
mod setup;
mod users;

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use std::process::{Child, Command};
use testkit::telegram::{FakeTelegram, SimUser};
use testkit::{FakePanel, FakePanelConfig, InboundSpec};
use tokio::sync::Barrier;

use setup::{BenchDb, TOKEN};
use users::percentile;

struct Options {
    users: u32,
    rounds: u32,
    buyers: u32,
    databases: Vec<String>,
    repeat: u32,
    bot: PathBuf,
    perf: Option<String>,
}

fn options(args: &[String]) -> Options {
    let mut o = Options {
        users: 200,
        rounds: 10,
        buyers: 50,
        databases: vec!["sqlite".to_owned()],
        repeat: 1,
        bot: PathBuf::from(env!("CARGO_BIN_EXE_moonvpn")),
        perf: None,
    };
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--users" => o.users = value.parse().expect("--users N"),
            "--rounds" => o.rounds = value.parse().expect("--rounds N"),
            "--buyers" => o.buyers = value.parse().expect("--buyers N"),
            "--database" => o.databases = value.split(',').map(str::to_owned).collect(),
            "--repeat" => o.repeat = value.parse().expect("--repeat N"),
            "--bot" => o.bot = PathBuf::from(value),
            "--perf" => o.perf = Some(value),
            // `cargo bench` passes --bench to every bench binary.
            "--bench" => {
                i += 1;
                continue;
            }
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    o.buyers = o.buyers.min(o.users);
    o
}

/// The figures of one process under load.
struct Figures {
    name: String,
    load: String,
    menu: Vec<Duration>,
    wall: Duration,
    cpu: Duration,
    /// CPU the database server used meanwhile (PostgreSQL's processes; SQLite runs inside the bot).
    db_cpu: Duration,
    /// Share of the machine's two cores busy during the menu rounds (every process).
    busy: f64,
    cold_start: Duration,
    rss_kib: Vec<(&'static str, u64)>,
    peak_kib: u64,
    pay: Vec<Duration>,
    /// CPU spent from the Pay taps to the last QR code, by process.
    pay_cpu: proc::CpuSplit,
    sold: usize,
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

impl Figures {
    fn per_sec(&self) -> f64 {
        self.menu.len() as f64 / self.wall.as_secs_f64()
    }

    fn row(&self) -> String {
        let per_update = |d: Duration| d.as_secs_f64() * 1000.0 / self.menu.len().max(1) as f64;
        format!(
            "| {} | {} | {} | {:.0} | {} | {} | {} | {:.2} | {:.2} | {:.0} % | {:.1} | {} |",
            self.name,
            self.load,
            self.menu.len(),
            self.per_sec(),
            ms(percentile(&self.menu, 50.0)),
            ms(percentile(&self.menu, 99.0)),
            ms(self.menu.last().copied().unwrap_or_default()),
            per_update(self.cpu),
            per_update(self.db_cpu),
            100.0 * self.busy,
            self.peak_kib as f64 / 1024.0,
            ms(self.cold_start),
        )
    }
}

/// A process killed when this is dropped.
struct Running(Child);

impl Running {
    fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Spawns `command` and returns it with the time until the fake saw its first `getUpdates`.
async fn start(fake: &FakeTelegram, mut command: Command) -> (Running, Duration) {
    let mut observed = fake.observe_calls();
    let started = Instant::now();
    let child = Running(command.spawn().expect("start the process"));
    let first_poll = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            let call = observed.recv().await.expect("the fake is running");
            if call.method == "getUpdates" {
                return call.at;
            }
        }
    })
    .await
    .expect("the process polled within a minute");
    (child, first_poll.saturating_duration_since(started))
}

/// Users `100000…`, each having sent `/start` (registered and picked English when the bot is
/// MoonVPN) and seeing the main menu's Wallet button.
async fn warm_up(count: u32, fake: &FakeTelegram, picks_language: bool) -> Vec<SimUser> {
    let users: Vec<SimUser> = (0..count)
        .map(|n| fake.user_with(100_000 + i64::from(n), "Sara", None, "en"))
        .collect();
    for user in &users {
        user.send_text("/start");
    }
    if picks_language {
        until_everyone_sees(&users, "English").await;
        for user in &users {
            user.tap_button("English");
        }
    }
    until_everyone_sees(&users, "Wallet").await;
    fake.wait_idle(Duration::from_millis(300)).await;
    users
}

/// Waits until the newest bot message of every user has a button whose label contains
/// `label` (a quiet Bot API alone does not prove the bot is done: it may be in the database).
async fn until_everyone_sees(users: &[SimUser], label: &str) {
    let give_up = Instant::now() + Duration::from_secs(120);
    loop {
        let waiting = users.iter().find(|u| {
            u.last_bot_message()
                .is_none_or(|m| !m.button_texts().iter().any(|b| b.contains(label)))
        });
        let Some(user) = waiting else {
            return;
        };
        assert!(
            Instant::now() < give_up,
            "user {} never saw a {label:?} button; last: {:?}",
            user.id(),
            user.last_bot_message()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until every user got a bot message containing `text`.
async fn until_told(users: &[SimUser], text: &str) {
    let give_up = Instant::now() + Duration::from_secs(120);
    for user in users {
        while !user.bot_messages().iter().any(|m| m.text_or_empty().contains(text)) {
            assert!(Instant::now() < give_up, "user {} was never told {text:?}", user.id());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Every user's menu rounds at once; returns the sorted latencies and the wall time.
async fn menu_phase(fake: &FakeTelegram, users: Vec<SimUser>, rounds: u32) -> (Vec<SimUser>, Vec<Duration>, Duration) {
    let timed = users::route(users, fake.observe_calls());
    let started = Instant::now();
    let tasks: Vec<_> = timed
        .into_iter()
        .map(|t| tokio::spawn(users::menu_rounds(t, rounds)))
        .collect();
    let mut all = Vec::new();
    let mut back = Vec::new();
    for task in tasks {
        let (timed, times) = task.await.expect("a user");
        back.push(timed.user);
        all.extend(times);
    }
    let wall = started.elapsed();
    all.sort();
    (back, all, wall)
}

async fn responder_run(o: &Options) -> Figures {
    let fake = FakeTelegram::start_with_token(TOKEN).await;
    fake.disable_rate_limit();
    let mut command = Command::new(std::env::current_exe().expect("own path"));
    command
        .args(["--responder", &fake.api_url(), TOKEN])
        .stdout(Stdio::null());
    let (child, cold_start) = start(&fake, command).await;
    let pid = child.pid();
    let users = warm_up(o.users, &fake, false).await;
    let load = proc::load_average();
    let cpu = proc::cpu_time(pid);
    let ticks = proc::machine_ticks();
    let (_, menu, wall) = menu_phase(&fake, users, o.rounds).await;
    let busy = proc::busy_share(ticks, proc::machine_ticks());
    let cpu = proc::cpu_time(pid).saturating_sub(cpu);
    let (rss, peak) = proc::memory_kib(pid);
    Figures {
        name: "responder".to_owned(),
        load,
        menu,
        wall,
        cpu,
        db_cpu: Duration::ZERO,
        busy,
        cold_start,
        rss_kib: vec![("after the menu rounds", rss)],
        peak_kib: peak,
        pay: Vec::new(),
        pay_cpu: proc::CpuSplit::default(),
        sold: 0,
    }
}

async fn moonvpn_run(o: &Options, database: &str) -> Figures {
    let fake = FakeTelegram::start_with_token(TOKEN).await;
    fake.disable_rate_limit();
    let panel = FakePanel::start(FakePanelConfig {
        subscription: true,
        ..FakePanelConfig::default()
    })
    .await;
    panel.add_inbound(InboundSpec::vless_reality(443));
    let db = BenchDb::open(database, &fake.api_url()).await;
    db.stock(&panel).await;
    let log = std::fs::File::create(db.dir.path().join("bot.log")).expect("log file");
    let mut command = Command::new(&o.bot);
    command
        .arg("run")
        .current_dir(db.dir.path())
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("MOONVPN_TELEGRAM__TOKEN", TOKEN)
        .env("MOONVPN_TELEGRAM__API_URL", fake.api_url())
        .env("MOONVPN_ADMINS__SUPERADMINS", "[1]")
        .env("MOONVPN_SECURITY__SECRET_KEY", setup::KEY)
        .env("MOONVPN_DATABASE__URL", &db.url)
        .env("MOONVPN_HTTP__LISTEN", "127.0.0.1:0")
        .env("MOONVPN_LIMITS__UNTHROTTLED", "true")
        .env("MOONVPN_JOBS__BACKUP_TO_TELEGRAM", "false")
        .stdout(Stdio::null())
        .stderr(log);
    let (child, cold_start) = start(&fake, command).await;
    let pid = child.pid();
    let users = warm_up(o.users, &fake, true).await;
    // The buyers' money, before the clock starts: its "added to your wallet" notice must not
    // be taken for the answer to a step.
    for buyer in users.iter().take(o.buyers as usize) {
        db.deposit(buyer.id()).await;
    }
    until_told(&users[..o.buyers as usize], "added to your wallet").await;
    fake.wait_idle(Duration::from_millis(300)).await;
    let (warm_rss, _) = proc::memory_kib(pid);
    let profiler = o
        .perf
        .as_ref()
        .map(|file| proc::Profiler::attach(pid, &format!("{file}.{database}")));
    let load = proc::load_average();
    let cpu = proc::cpu_time(pid);
    let db_cpu = proc::cpu_time_of_all("postgres");
    let ticks = proc::machine_ticks();
    let (users, menu, wall) = menu_phase(&fake, users, o.rounds).await;
    let busy = proc::busy_share(ticks, proc::machine_ticks());
    let db_cpu = proc::cpu_time_of_all("postgres").saturating_sub(db_cpu);
    let cpu = proc::cpu_time(pid).saturating_sub(cpu);
    drop(profiler);
    let (menu_rss, peak) = proc::memory_kib(pid);

    let buyers: Vec<SimUser> = users.into_iter().take(o.buyers as usize).collect();
    let timed = users::route(buyers, fake.observe_calls());
    // The bench waits at the barrier too, so the Pay phase's CPU is read as the buyers tap.
    let barrier = Arc::new(Barrier::new(timed.len() + 1));
    let tasks: Vec<_> = timed
        .into_iter()
        .map(|t| tokio::spawn(users::purchase(t, barrier.clone())))
        .collect();
    barrier.wait().await;
    let before_pay = proc::CpuSplit::read(pid);
    let mut pay = Vec::new();
    for task in tasks {
        pay.push(task.await.expect("a buyer"));
    }
    let pay_cpu = proc::CpuSplit::read(pid).since(&before_pay);
    pay.sort();
    let (pay_rss, _) = proc::memory_kib(pid);
    let sold = panel.client_count();
    drop(child);
    db.close().await;
    Figures {
        name: format!("MoonVPN on {database}"),
        load,
        menu,
        wall,
        cpu,
        db_cpu,
        busy,
        cold_start,
        rss_kib: vec![
            ("after warm-up", warm_rss),
            ("after the menu rounds", menu_rss),
            ("after the purchases", pay_rss),
        ],
        peak_kib: peak,
        pay,
        pay_cpu,
        sold,
    }
}

async fn bench(o: Options) {
    println!(
        "{} users x {} rounds of (/start, Wallet tap); {} buyers tap Pay at once; bot {}",
        o.users,
        o.rounds,
        o.buyers,
        o.bot.display()
    );
    println!();
    println!(
        "| run | load (1/5/15 min) | updates | updates/s | p50 ms | p99 ms | max ms | CPU ms/update | database CPU ms/update | machine busy | peak RSS MiB | cold start ms |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut notes = Vec::new();
    for _ in 0..o.repeat {
        for database in &o.databases {
            let ceiling = responder_run(&o).await;
            println!("{}", ceiling.row());
            let bot = moonvpn_run(&o, database).await;
            println!("{}", bot.row());
            notes.push(format!(
                "MoonVPN on {database} vs responder: updates/s {:.0} %, p50 {:.1}x, p99 {:.1}x; Pay -> QR ({} buyers, {} sold) p50 {} ms, p99 {} ms, max {} ms; RSS {}",
                100.0 * bot.per_sec() / ceiling.per_sec(),
                percentile(&bot.menu, 50.0).as_secs_f64() / percentile(&ceiling.menu, 50.0).as_secs_f64(),
                percentile(&bot.menu, 99.0).as_secs_f64() / percentile(&ceiling.menu, 99.0).as_secs_f64(),
                bot.pay.len(),
                bot.sold,
                ms(percentile(&bot.pay, 50.0)),
                ms(percentile(&bot.pay, 99.0)),
                ms(bot.pay.last().copied().unwrap_or_default()),
                bot.rss_kib
                    .iter()
                    .map(|(when, kib)| format!("{when} {:.1} MiB", *kib as f64 / 1024.0))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
            let per_sale = |d: Duration| ms(d / bot.pay.len().max(1) as u32);
            notes.push(format!(
                "  Pay phase on {database}: CPU per purchase: bot {} ms, database {} ms, harness (fake Telegram, fake panel, buyers) {} ms; machine busy {:.0} %",
                per_sale(bot.pay_cpu.bot),
                per_sale(bot.pay_cpu.database),
                per_sale(bot.pay_cpu.harness),
                100.0 * bot.pay_cpu.busy,
            ));
        }
    }
    println!();
    for note in notes {
        println!("{note}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--responder") {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(responder::run(&args[1], &args[2]));
        return;
    }
    let o = options(&args);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench(o));
}
