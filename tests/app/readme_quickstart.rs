//! README.md's walkthrough runs as written: every fenced block after a
//! `<!-- readme-test: run -->` line runs in `sh -e` and must exit 0; a block after
//! `<!-- readme-test: background -->` (`moonvpn run`) is started and kept running for the
//! blocks after it, then stopped with SIGTERM. The shell sees the freshly built `moonvpn` first
//! on its `PATH`, a temporary `HOME`, and the fakes: Telegram through
//! `MOONVPN_TELEGRAM__API_URL` (accepting the README's example token) and a fake 3x-ui panel
//! whose address replaces the README's example address; `MOONVPN_HTTP__LISTEN` is port 0,
//! which the binary binds to a free port itself (8080 may be taken on a test machine). Nothing else is changed.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use testkit::telegram::FakeTelegram;
use testkit::{FakePanel, FakePanelConfig, InboundSpec};

/// The example values the README uses and the fakes are set up to accept.
const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const PANEL_PASSWORD: &str = "your-panel-password";
const PANEL_BASE_PATH: &str = "/AbCdEf/";
/// The README's panel address, replaced by the fake panel's.
const PANEL_ADDRESS: &str = "https://203.0.113.10:2053";
/// The customer of the README's payment step; they write to the bot once it runs.
const CUSTOMER: i64 = 987_654_321;

/// A block the README marks for this test.
#[derive(Debug)]
struct Block {
    background: bool,
    script: String,
}

/// The marked fenced blocks of `readme`, in order.
fn marked_blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let background = match line.trim() {
            "<!-- readme-test: run -->" => false,
            "<!-- readme-test: background -->" => true,
            _ => continue,
        };
        let fence = lines.next().unwrap_or_default();
        assert!(
            fence.starts_with("```"),
            "a readme-test marker must be followed by a fenced block, found {fence:?}"
        );
        let script: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
        blocks.push(Block {
            background,
            script: script.join("\n") + "\n",
        });
    }
    blocks
}

/// `sh -e -c script` in the README's world.
fn shell(script: &str, home: &Path, api_url: &str, http: &str) -> Command {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_moonvpn")).parent().expect("bin dir");
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin_dir.display());
    let mut cmd = Command::new("sh");
    cmd.arg("-e")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("PATH", path)
        .env("HOME", home)
        .env("MOONVPN_TELEGRAM__API_URL", api_url)
        .env("MOONVPN_HTTP__LISTEN", http)
        .current_dir(home)
        .stdin(Stdio::null());
    cmd
}

/// The backgrounded `moonvpn run`: its own process group (the shell and MoonVPN) and its
/// log lines.
struct Background {
    child: Child,
    logs: Arc<Mutex<Vec<String>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Background {
    fn start(mut cmd: Command) -> Self {
        use std::os::unix::process::CommandExt;
        let mut child = cmd
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the background block");
        let logs = Arc::new(Mutex::new(Vec::new()));
        let sink = logs.clone();
        let stderr = child.stderr.take().expect("piped stderr");
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Self {
            child,
            logs,
            reader: Some(reader),
        }
    }

    fn logged(&self, text: &str) -> bool {
        self.logs.lock().unwrap().iter().any(|l| l.contains(text))
    }

    fn dump(&self) -> String {
        self.logs.lock().unwrap().join("\n")
    }

    async fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.logged(text) {
            if let Some(status) = self.child.try_wait().expect("wait") {
                panic!("the background block exited with {status}:\n{}", self.dump());
            }
            assert!(Instant::now() < deadline, "no {text:?} within 60 s:\n{}", self.dump());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGTERM to the group, then the log until MoonVPN closed it (it exited).
    async fn stop(mut self) -> String {
        let group = format!("-{}", self.child.id());
        let sent = Command::new("kill")
            .args(["-TERM", "--", &group])
            .status()
            .expect("kill");
        assert!(sent.success());
        let _ = self.child.wait();
        let reader = self.reader.take().expect("reader");
        let closed = tokio::time::timeout(
            Duration::from_secs(30),
            tokio::task::spawn_blocking(move || reader.join()),
        )
        .await;
        assert!(
            closed.is_ok(),
            "moonvpn did not stop within 30 s of SIGTERM:\n{}",
            self.dump()
        );
        self.dump()
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        // Stopped or not, nothing of the group may outlive the test (a stopped group is gone
        // and the kill does nothing).
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_walkthrough_runs_as_written_against_the_fakes() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let blocks = marked_blocks(&readme);
    assert!(
        blocks.len() >= 5 && blocks.iter().filter(|b| b.background).count() == 1,
        "the walkthrough lost its marked blocks: {blocks:#?}"
    );
    for example in [TOKEN, PANEL_PASSWORD, PANEL_ADDRESS, "/AbCdEf", "987654321"] {
        assert!(readme.contains(example), "the README no longer uses {example:?}");
    }

    let fake = FakeTelegram::start_with_token(TOKEN).await;
    fake.disable_rate_limit();
    let panel = FakePanel::start(FakePanelConfig {
        password: PANEL_PASSWORD.to_owned(),
        base_path: PANEL_BASE_PATH.to_owned(),
        ..FakePanelConfig::default()
    })
    .await;
    panel.add_inbound(InboundSpec::vless_reality(443));
    let panel_address = panel.url().trim_end_matches(PANEL_BASE_PATH).to_owned();
    let home = tempfile::tempdir().expect("temp HOME");
    // The binary binds port 0 itself: no port is guessed (and raced for) here.
    let http = "127.0.0.1:0";

    let mut running: Option<Background> = None;
    for block in &blocks {
        let script = block.script.replace(PANEL_ADDRESS, &panel_address);
        let cmd = shell(&script, home.path(), &fake.api_url(), http);
        if block.background {
            let mut started = Background::start(cmd);
            started.wait_for("moonvpn is running").await;
            started.wait_for("the shop cannot sell yet").await;
            // The customer of the payment step writes to the bot.
            let customer = fake.user(CUSTOMER);
            customer.send_text("/start");
            fake.wait_idle(Duration::from_millis(500)).await;
            assert!(
                customer
                    .bot_messages()
                    .iter()
                    .any(|m| m.text_or_empty().contains("Welcome to MoonVPN")),
                "{:?}",
                customer.transcript()
            );
            running = Some(started);
            continue;
        }
        let mut cmd = cmd;
        let out = tokio::task::spawn_blocking(move || cmd.output().expect("sh runs"))
            .await
            .expect("join");
        assert!(
            out.status.success(),
            "README block failed ({}):\n{script}\nstdout:\n{}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let customer = fake.user(CUSTOMER);
    let deadline = Instant::now() + Duration::from_secs(15);
    while !customer.bot_messages().iter().any(|m| {
        m.text_or_empty()
            .contains("Your balance was increased by 150,000 Toman")
    }) {
        assert!(
            Instant::now() < deadline,
            "the credit notice did not reach the customer: {:?}",
            customer.transcript()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let config = home.path().join("moonvpn/moonvpn.toml");
    assert!(config.is_file(), "init wrote ~/moonvpn/moonvpn.toml");
    assert!(
        home.path().join("moonvpn/backups/moonvpn.toml").is_file(),
        "the backup step copied the config"
    );
    let backups = std::fs::read_dir(home.path().join("moonvpn/backups")).unwrap();
    assert!(
        backups
            .filter_map(Result::ok)
            .any(|f| f.file_name().to_string_lossy().ends_with(".jsonl.gz")),
        "the backup step wrote a backup with moonvpn backup"
    );
    let logs = running.expect("a background block ran").stop().await;
    assert!(logs.contains("moonvpn stopped"), "{logs}");
}
