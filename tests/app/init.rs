//! `moonvpn init`: the real binary writes a configuration that `config check` accepts, keeps
//! it private, and never overwrites it.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/// `moonvpn` in `dir` with a clean environment and no terminal on stdin.
fn moonvpn(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_moonvpn"));
    cmd.env_clear().current_dir(dir).stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the moonvpn binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn init_args() -> [&'static str; 9] {
    [
        "init",
        "--token",
        TOKEN,
        "--superadmin",
        "42,43",
        "--currency",
        "usd",
        "--language",
        "fa",
    ]
}

#[test]
fn init_writes_a_private_config_that_config_check_accepts_and_never_overwrites_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = run(moonvpn(dir.path()).args(init_args()));
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("Next: moonvpn run"),
        "{}",
        text(&first.stdout)
    );

    let path = dir.path().join("moonvpn.toml");
    let written = std::fs::read_to_string(&path).expect("moonvpn.toml written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the file with the token and key is private");
    }
    let key = written
        .lines()
        .find_map(|l| l.strip_prefix("secret_key = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("a secret_key line");
    assert_eq!(key.len(), 64, "32 random bytes in hex: {key}");

    let check = run(moonvpn(dir.path()).args(["config", "check"]));
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let shown = text(&check.stdout);
    assert!(shown.contains("loaded from moonvpn.toml"), "{shown}");
    assert!(shown.contains("currency = \"USD\""), "{shown}");
    assert!(shown.contains("default_language = \"fa\""), "{shown}");
    assert!(shown.contains("superadmins = [42, 43]"), "{shown}");
    assert!(!shown.contains(key), "config check masks the key: {shown}");

    let second = run(moonvpn(dir.path()).args(init_args()));
    assert_eq!(second.status.code(), Some(2));
    assert!(
        text(&second.stderr).starts_with("error: moonvpn.toml exists already; init never overwrites it"),
        "{}",
        text(&second.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written, "the key is kept");
}

#[test]
fn without_a_terminal_a_missing_value_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(moonvpn(dir.path()).args(["init", "--token", TOKEN]));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: --superadmin is missing (give it, or run `moonvpn init` on a terminal to be asked)\n"
    );
    assert!(!dir.path().join("moonvpn.toml").exists());
}

#[test]
fn a_value_run_would_refuse_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(moonvpn(dir.path()).args(["init", "--token", "not-a-token", "--superadmin", "42"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("error: config error: telegram.token is invalid"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("moonvpn.toml").exists());
}

#[test]
fn the_token_can_come_from_the_environment_and_the_file_from_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(moonvpn(dir.path()).env("MOONVPN_TELEGRAM__TOKEN", TOKEN).args([
        "--config",
        "shop.toml",
        "init",
        "--superadmin",
        "42",
    ]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Next: moonvpn --config shop.toml run"));
    let written = std::fs::read_to_string(dir.path().join("shop.toml")).unwrap();
    assert!(written.contains(TOKEN), "{written}");
    let check = run(moonvpn(dir.path()).args(["--config", "shop.toml", "config", "check"]));
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
}
