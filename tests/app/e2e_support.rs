//! Drives the real `moonvpn` binary end to end: a fake Telegram and fake 3x-ui panels run in
//! the test process on loopback; the binary runs as a child process with its config in the
//! environment and its SQLite file in a temp dir, exactly as an operator would run it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use testkit::telegram::{FakeTelegram, SimUser};
use testkit::{FakePanel, FakePanelConfig, InboundSpec};

/// The 32-character secret key of every test shop.
pub const KEY: &str = "e2e-secret-key-0123456789abcdefghij";
/// The superadmin the CLI acts as.
pub const ADMIN: i64 = 42;
/// Password of every fake panel.
pub const PANEL_PASSWORD: &str = "pan3l-pass";
/// Quiet time that means "the bot has answered".
pub const QUIET: Duration = Duration::from_millis(500);
/// Bytes in a GB as 3x-ui counts them.
pub const GB: i64 = 1 << 30;

/// The host name of the public webhook URL; the fake Telegram resolves it to the port the
/// binary bound (as a reverse proxy would), so no port is guessed before the start.
pub const WEBHOOK_HOST: &str = "moonvpn.test";

/// One shop: its fake Telegram, its data directory, and the `moonvpn run` process if started.
pub struct E2e {
    /// The fake Bot API the binary talks to.
    pub fake: FakeTelegram,
    dir: tempfile::TempDir,
    http: Option<SocketAddr>,
    extra_env: Vec<(String, String)>,
    running: Option<Running>,
    last_logs: Vec<String>,
}

/// A `moonvpn run` child and the log lines it printed so far.
pub struct Running {
    child: Child,
    logs: Arc<Mutex<Vec<String>>>,
}

impl Running {
    /// Spawns `cmd` (a `moonvpn run`) with its log lines collected.
    pub fn spawn(mut cmd: Command) -> Self {
        let mut child = cmd
            .env("RUST_LOG", "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn moonvpn run");
        let logs = Arc::new(Mutex::new(Vec::new()));
        let sink = logs.clone();
        let stderr = child.stderr.take().expect("piped stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Self { child, logs }
    }

    /// Waits (up to 60 s) for "moonvpn is running" and returns the HTTP address it reports.
    pub async fn bound_addr(&mut self) -> SocketAddr {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let logs = self.logs.lock().unwrap().clone();
            if let Some(addr) = logs.iter().find_map(|l| running_addr(l)) {
                return addr;
            }
            if let Some(status) = self.child.try_wait().expect("wait") {
                panic!("moonvpn run exited with {status} before running: {logs:#?}");
            }
            assert!(Instant::now() < deadline, "not running after 60 s: {logs:#?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends SIGTERM and waits (up to 30 s) for the exit status.
    pub async fn terminate(mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "moonvpn did not stop within 30 s of SIGTERM");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// The `http=` address of a "moonvpn is running" log line.
fn running_addr(line: &str) -> Option<SocketAddr> {
    if !line.contains("moonvpn is running") {
        return None;
    }
    let (_, rest) = line.split_once("http=")?;
    rest.split_whitespace().next()?.trim_matches('"').parse().ok()
}

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl E2e {
    /// A fresh shop with flood limits off (the binary is not started yet).
    pub async fn new() -> Self {
        let fake = FakeTelegram::start().await;
        fake.disable_rate_limit();
        Self {
            fake,
            dir: tempfile::tempdir().expect("temp dir"),
            http: None,
            extra_env: Vec::new(),
            running: None,
            last_logs: Vec::new(),
        }
    }

    /// Adds a `MOONVPN_*` variable for every later command (e.g. webhook mode).
    pub fn env(&mut self, key: &str, value: &str) {
        self.extra_env.push((key.to_owned(), value.to_owned()));
    }

    /// Where the HTTP server of `moonvpn run` listens (read from its log once started).
    pub fn http(&self) -> SocketAddr {
        self.http.expect("moonvpn run is started")
    }

    /// The public webhook URL (its host resolves to the bound port once started).
    pub fn public_url(&self) -> String {
        format!("http://{WEBHOOK_HOST}")
    }

    /// The SQLite URL of this shop.
    pub fn db_url(&self) -> String {
        format!("sqlite://{}?mode=rwc", self.dir.path().join("moonvpn.db").display())
    }

    /// `moonvpn` with this shop's configuration in a clean environment.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_moonvpn"));
        cmd.env_clear()
            .current_dir(self.dir.path())
            .env("MOONVPN_TELEGRAM__TOKEN", self.fake.token())
            .env("MOONVPN_TELEGRAM__API_URL", self.fake.api_url())
            .env("MOONVPN_ADMINS__SUPERADMINS", format!("[{ADMIN}]"))
            .env("MOONVPN_SECURITY__SECRET_KEY", KEY)
            .env("MOONVPN_DATABASE__URL", self.db_url())
            .env("MOONVPN_HTTP__LISTEN", "127.0.0.1:0")
            .env("MOONVPN_CURRENCY", "IRT")
            // The fake's flood limits are off and tests wait for a quiet Bot API, so the
            // bot's own limiter is loosened to match (a held message would look like none).
            .env("MOONVPN_LIMITS__CHAT_BURST", "20")
            .env("MOONVPN_LIMITS__CHAT_INTERVAL_MS", "100")
            // The daily backup would land in the superadmin's chat at start; tests/backup.rs
            // turns it on where it is what is tested.
            .env("MOONVPN_JOBS__BACKUP_TO_TELEGRAM", "false")
            .env("PANEL_PASSWORD", PANEL_PASSWORD);
        for (k, v) in &self.extra_env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs a CLI command to completion off the async runtime (the fakes keep answering).
    pub async fn cli(&self, args: &[&str]) -> Output {
        let mut cmd = self.command();
        cmd.args(args).stdin(Stdio::null());
        tokio::task::spawn_blocking(move || cmd.output().expect("the moonvpn binary runs"))
            .await
            .expect("join")
    }

    /// A CLI command with `--json` that must succeed, parsed.
    pub async fn cli_json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.cli(&all).await;
        assert_eq!(
            out.status.code(),
            Some(0),
            "moonvpn {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("stdout is JSON")
    }

    /// `panel add` of `panel` at `location` (created with `prefix`).
    pub async fn add_panel(&self, panel: &FakePanel, location: &str, prefix: &str) -> Value {
        self.cli_json(&[
            "panel",
            "add",
            "--url",
            &panel.url(),
            "--username",
            "admin",
            "--password-env",
            "PANEL_PASSWORD",
            "--location",
            location,
            "--prefix",
            prefix,
        ])
        .await
    }

    /// Starts `moonvpn run` and waits until it says it is running and `/healthz` answers.
    pub async fn start(&mut self) {
        assert!(self.running.is_none(), "already running");
        let mut cmd = self.command();
        cmd.arg("run");
        let mut running = Running::spawn(cmd);
        let addr = running.bound_addr().await;
        self.fake.route_webhook_host(WEBHOOK_HOST, addr);
        self.http = Some(addr);
        self.running = Some(running);
        let (status, body) = self.get("/healthz").await;
        assert_eq!((status, body.as_str()), (200, "ok\n"), "{:#?}", self.logs());
    }

    /// Sends `signal` (TERM, INT) and waits for the exit; returns the status and how long it
    /// took.
    pub async fn stop_with(&mut self, signal: &str) -> (ExitStatus, Duration) {
        let mut running = self.running.take().expect("running");
        let pid = running.child.id().to_string();
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let started = Instant::now();
        let deadline = started + Duration::from_secs(30);
        loop {
            if let Some(status) = running.child.try_wait().expect("wait") {
                // Let the log reader catch the last lines.
                tokio::time::sleep(Duration::from_millis(100)).await;
                let took = started.elapsed();
                let lines = running.logs.lock().unwrap().clone();
                self.last_logs = lines;
                return (status, took);
            }
            assert!(
                Instant::now() < deadline,
                "moonvpn did not stop within 30 s of SIG{signal}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGTERM, which must end the process with 0 within 10 s.
    pub async fn stop(&mut self) {
        let (status, took) = self.stop_with("TERM").await;
        assert!(status.success(), "exit {status}: {:#?}", self.last_logs);
        assert!(took < Duration::from_secs(10), "took {took:?} to stop");
    }

    /// The log lines of the running process (or of the last one stopped).
    pub fn logs(&self) -> Vec<String> {
        match &self.running {
            Some(r) => r.logs.lock().unwrap().clone(),
            None => self.last_logs.clone(),
        }
    }

    /// Whether some log line contains `text`.
    pub fn logged(&self, text: &str) -> bool {
        self.logs().iter().any(|l| l.contains(text))
    }

    /// `GET path` on the binary's HTTP server: status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let url = format!("http://{}{path}", self.http());
        let response = reqwest::get(&url).await.expect("the HTTP server answers");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// Waits until the bot has answered everything.
    pub async fn idle(&self) {
        self.fake.wait_idle(QUIET).await;
    }

    /// A user who sent /start, picked English and got the main menu.
    pub async fn customer(&self, telegram_id: i64) -> SimUser {
        let user = self.fake.user(telegram_id);
        user.send_text("/start");
        self.idle().await;
        assert!(
            user.bot_messages()
                .iter()
                .any(|m| m.text_or_empty().contains("Welcome to MoonVPN")),
            "{:?}",
            user.transcript()
        );
        user.tap_button("English");
        self.idle().await;
        assert!(
            user.last_bot_message()
                .is_some_and(|m| m.button_texts().iter().any(|b| b.contains("Buy a plan"))),
            "/start shows the menu: {:?}",
            user.transcript()
        );
        user
    }
}

/// A fake 3x-ui panel (3.1, the admin/`PANEL_PASSWORD` login) with one VLESS inbound.
pub async fn fake_panel(port: u16) -> FakePanel {
    let panel = FakePanel::start(FakePanelConfig {
        password: PANEL_PASSWORD.to_owned(),
        ..FakePanelConfig::default()
    })
    .await;
    panel.add_inbound(InboundSpec::vless_reality(port));
    panel
}

/// `totalGB` and `expiryTime` of a client on a fake panel.
pub fn limits_on(panel: &FakePanel, email: &str) -> (i64, i64) {
    testkit::limits_on(panel, email)
}

/// Waits up to `secs` seconds until `done` holds.
pub async fn wait_until(secs: u64, what: &str, done: impl FnMut() -> bool) {
    testkit::wait_until(what, Duration::from_secs(secs), done).await;
}
