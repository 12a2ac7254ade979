//! The real `moonvpn` binary: exit codes, `config check`, `migrate` and `run` on a SQLite file.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::cli_support;

use cli_support::{KEY, output, stderr};

/// `moonvpn` on a SQLite file in `dir`, its HTTP server on a free port.
fn moonvpn(dir: &Path) -> Command {
    let mut cmd = cli_support::moonvpn(dir);
    // Nothing listens there: `run` keeps retrying Telegram without leaving the machine.
    cmd.env("MOONVPN_TELEGRAM__API_URL", "http://127.0.0.1:9")
        .env("MOONVPN_HTTP__LISTEN", "127.0.0.1:0");
    cmd
}

#[test]
fn a_missing_token_exits_with_code_2_and_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = output(moonvpn(dir.path()).env_remove("MOONVPN_TELEGRAM__TOKEN").arg("run"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "config error: telegram.token is missing (set it in moonvpn.toml or MOONVPN_TELEGRAM__TOKEN)\n"
    );
    assert!(
        !dir.path().join("moonvpn.db").exists(),
        "nothing is created before the config is valid"
    );
}

#[test]
fn a_missing_explicit_config_file_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = output(moonvpn(dir.path()).args(["--config", "nope.toml", "config", "check"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("config error: config file nope.toml does not exist"));
}

#[test]
fn config_check_prints_the_resolved_config_without_secrets() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("moonvpn.toml"), "currency = \"USD\"\n").expect("write config");
    let out = output(moonvpn(dir.path()).args(["config", "check"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("loaded from moonvpn.toml"), "{printed}");
    assert!(printed.contains("currency = \"USD\""), "{printed}");
    assert!(printed.contains("token = \"123456789:***\""), "{printed}");
    assert!(!printed.contains(KEY), "{printed}");
    assert!(!printed.contains("AAHdqTcv"), "{printed}");
}

#[test]
fn migrate_creates_the_sqlite_file_and_can_run_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = output(moonvpn(dir.path()).arg("migrate"));
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(dir.path().join("moonvpn.db").is_file());
    let second = output(moonvpn(dir.path()).arg("migrate"));
    assert!(second.status.success(), "{}", stderr(&second));
}

#[test]
fn an_unopenable_database_exits_with_code_1_and_says_which() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("no/such/dir/x.db").display());
    let out = output(moonvpn(dir.path()).env("MOONVPN_DATABASE__URL", &url).arg("migrate"));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: cannot open the database sqlite://"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Kills the child if a test fails before it exits.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

#[test]
fn run_starts_after_migrating_and_stops_cleanly_on_ctrl_c() {
    run_then_stop_with("INT");
}

#[test]
fn run_stops_cleanly_on_sigterm_as_docker_stop_sends() {
    run_then_stop_with("TERM");
}

/// Migrates, starts `moonvpn run`, waits until it reports running, sends `signal`, and checks
/// that it exits 0 after logging that it stopped.
fn run_then_stop_with(signal: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let migrated = output(moonvpn(dir.path()).arg("migrate"));
    assert!(migrated.status.success(), "{}", stderr(&migrated));

    let child = moonvpn(dir.path())
        .arg("run")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn moonvpn run");
    let mut running = Running(child);
    let lines = BufReader::new(running.0.stderr.take().expect("piped stderr")).lines();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });

    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen.iter().any(|l: &String| l.contains("moonvpn is running")) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => seen.push(line),
            Err(_) => panic!("moonvpn did not report running; stderr so far: {seen:#?}"),
        }
    }

    let pid = running.0.id().to_string();
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .expect("kill runs");
    assert!(sent.success());

    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = running.0.try_wait().expect("wait for moonvpn") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "moonvpn did not stop within 20 s of SIG{signal}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    seen.extend(rx.iter());
    assert!(status.success(), "exit {status:?}; stderr: {seen:#?}");
    assert!(seen.iter().any(|l| l.contains("moonvpn stopped")), "{seen:#?}");
}
