//! The CLI papercuts a new seller ran into (issue #10), each through the real binary: the
//! configured superadmin can be named before any other command registered them, a user who
//! never opened the bot gets a hint, a user is found by a tracking code they were given as in
//! the bot, and `plan add --help` says how to add a free test plan.

use crate::cli_support;

use cli_support::{moonvpn, output, stderr};
use serde_json::Value;

fn json(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = output(moonvpn(dir).args(args).arg("--json"));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

#[test]
fn the_configured_superadmin_is_found_as_the_very_first_command_names_them() {
    let dir = tempfile::tempdir().unwrap();
    // 42 is `admins.superadmins`; nothing ran before, so nobody is registered yet.
    let credited = json(
        dir.path(),
        &[
            "user",
            "adjust-balance",
            "42",
            "--credit",
            "5000",
            "--reason",
            "float for tests",
        ],
    );
    assert_eq!(credited["applied"], true);
    assert_eq!(credited["balance_minor"], 5000);
    let found = json(dir.path(), &["user", "find", "42"]);
    assert_eq!(found["role"], "superadmin");
    assert_eq!(found["balance_minor"], 5000);
    // Named as the bot's "find a user" names them: the tracking code they were given, #id.
    let tracking = credited["tracking"].as_str().unwrap();
    let by_code = json(dir.path(), &["user", "find", &tracking.to_ascii_lowercase()]);
    assert_eq!(by_code["telegram_id"], 42);
    let by_id = json(dir.path(), &["user", "find", &format!("#{}", found["id"])]);
    assert_eq!(by_id["telegram_id"], 42);
    let nobody = output(moonvpn(dir.path()).args(["user", "find", "TX-261207-7KQ2M"]));
    assert_eq!(nobody.status.code(), Some(1), "{}", stderr(&nobody));
}

#[test]
fn a_user_who_never_opened_the_bot_gets_a_hint_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        output(moonvpn(dir.path()).args(["user", "adjust-balance", "777000", "--credit", "5000", "--reason", "x"]));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: no user matches \"777000\"; a user exists once they open the bot and press Start, so ask them to do that first\n"
    );
}

#[test]
fn plan_add_help_says_a_free_test_plan_needs_no_price() {
    let dir = tempfile::tempdir().unwrap();
    let out = output(moonvpn(dir.path()).args(["plan", "add", "--help"]));
    assert!(out.status.success(), "{}", stderr(&out));
    // clap wraps long lines; read the help as one line.
    let help = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(help.contains("a --test plan is free: leave it out"), "{help}");
    assert!(help.contains("no --price is needed"), "{help}");
}
