//! What the binary's CLI suites share: the `moonvpn` command with a clean environment and the
//! three required settings, on a SQLite file in the test's folder or on a given database.

#![allow(dead_code)] // each suite uses the part it needs

use std::path::Path;
use std::process::{Command, Output};

/// A token Telegram's format accepts.
pub const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
/// `security.secret_key` of every CLI suite.
pub const KEY: &str = "0123456789abcdef0123456789abcdef";

/// `moonvpn` with a clean environment, run inside `dir`, configured for `db_url`.
pub fn moonvpn_on(dir: &Path, db_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_moonvpn"));
    cmd.env_clear()
        .current_dir(dir)
        .env("MOONVPN_TELEGRAM__TOKEN", TOKEN)
        .env("MOONVPN_ADMINS__SUPERADMINS", "[42]")
        .env("MOONVPN_SECURITY__SECRET_KEY", KEY)
        .env("MOONVPN_DATABASE__URL", db_url);
    cmd
}

/// `moonvpn` with a clean environment, run inside `dir`, configured for a SQLite file there.
pub fn moonvpn(dir: &Path) -> Command {
    moonvpn_on(dir, &sqlite_url(dir))
}

/// The SQLite file `moonvpn.db` in `dir`.
pub fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", dir.join("moonvpn.db").display())
}

/// Runs `cmd` to its end.
pub fn output(cmd: &mut Command) -> Output {
    cmd.output().expect("the moonvpn binary runs")
}

/// What the process printed on standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
