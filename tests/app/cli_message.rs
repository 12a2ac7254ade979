//! `moonvpn user message <who> --text TEXT` through the real binary (#10): the message is
//! queued and audited `user.message {length}`, `--json` reads back; an empty or too long
//! text and an unknown user are refused and nothing is queued or audited.

use crate::cli_support;

use cli_support::{moonvpn, output, stderr};
use serde_json::Value;

fn json(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = output(moonvpn(dir).args(args).arg("--json"));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn messages_audited(dir: &std::path::Path) -> Vec<Value> {
    json(dir, &["audit", "--action", "user.message"])
        .as_array()
        .expect("a JSON array")
        .clone()
}

#[test]
fn a_message_is_queued_audited_and_read_back_as_json() {
    let dir = tempfile::tempdir().unwrap();
    // 42 is the configured superadmin: the first command registers them, so they can be named.
    let sent = json(dir.path(), &["user", "message", "42", "--text", "  Salam, ۱۲۳ <ok>  "]);
    assert_eq!(sent["telegram_id"], 42);
    assert_eq!(sent["length"], 15, "trimmed, counted in characters");
    assert_eq!(sent["queued"], true);
    let user = sent["user"].as_i64().expect("a user id");

    let audited = messages_audited(dir.path());
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert_eq!(audited[0]["target"], format!("user:{user}"));
    assert_eq!(audited[0]["detail"], serde_json::json!({ "length": 15 }));

    let text = output(moonvpn(dir.path()).args(["user", "message", &format!("#{user}"), "--text", "Hi"]));
    assert!(text.status.success(), "{}", stderr(&text));
    assert_eq!(
        String::from_utf8_lossy(&text.stdout),
        format!("message of 2 characters queued for user #{user} (telegram 42); the bot delivers it\n")
    );
}

#[test]
fn empty_or_too_long_texts_and_unknown_users_are_refused_and_nothing_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(4001);
    for (args, code, error) in [
        (
            vec!["user", "message", "42", "--text", "   "],
            2,
            "error: --text: the message is empty\n".to_owned(),
        ),
        (
            vec!["user", "message", "42", "--text", long.as_str()],
            2,
            "error: --text: the message is 4001 characters long; at most 4000 fit\n".to_owned(),
        ),
        (
            vec!["user", "message", "777000", "--text", "hello"],
            1,
            "error: no user matches \"777000\"; a user exists once they open the bot and press Start, so ask them to do that first\n"
                .to_owned(),
        ),
    ] {
        let out = output(moonvpn(dir.path()).args(&args));
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), error, "{args:?}");
    }
    assert!(messages_audited(dir.path()).is_empty());
}
