//! The real `moonvpn` binary: `broadcast send|status|cancel|list` on a SQLite file (#12),
//! every command's `--json` read back.

use std::path::Path;
use std::process::Output;

use kernel::Secret;
use serde_json::Value;
use store::Store;

use crate::cli_support;

fn moonvpn(dir: &Path, args: &[&str]) -> Output {
    cli_support::output(cli_support::moonvpn(dir).args(args))
}

fn json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", cli_support::stderr(out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

async fn add_users(dir: &Path, n: i64) {
    let store = Store::connect(&cli_support::sqlite_url(dir), &Secret::new(cli_support::KEY))
        .await
        .expect("open");
    for t in 0..n {
        store::testing::insert_user(&store, 5000 + t).await;
    }
    store.close().await.ok();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_sends_watches_and_cancels_a_broadcast_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(moonvpn(dir.path(), &["migrate"]).status.code(), Some(0));
    add_users(dir.path(), 3).await;

    let empty = moonvpn(dir.path(), &["broadcast", "list"]);
    assert_eq!(String::from_utf8_lossy(&empty.stdout), "no campaigns\n");
    assert_eq!(
        json(&moonvpn(dir.path(), &["broadcast", "list", "--json"])),
        serde_json::json!([])
    );

    // Without --yes: how many would get it, nothing stored. The CLI's own superadmin (42) is
    // registered on first use, so 3 users + 1.
    let dry = json(&moonvpn(
        dir.path(),
        &["broadcast", "send", "--text", "Hello", "--audience", "all", "--json"],
    ));
    assert_eq!(dry["sent"], false);
    assert_eq!(dry["recipients"], 4);
    assert_eq!(
        json(&moonvpn(dir.path(), &["broadcast", "list", "--json"])),
        serde_json::json!([])
    );

    let sent = json(&moonvpn(
        dir.path(),
        &[
            "broadcast",
            "send",
            "--text",
            "Spring sale: 20% off",
            "--button-label",
            "Open shop",
            "--button-url",
            "https://shop.example.com/sale",
            "--audience",
            "all",
            "--yes",
            "--json",
        ],
    ));
    assert_eq!(sent["status"], "running");
    assert_eq!(sent["total"], 4);
    assert_eq!(sent["pending"], 4);
    assert_eq!(sent["button"]["url"], "https://shop.example.com/sale");
    let id = sent["id"].as_i64().unwrap().to_string();

    let status = json(&moonvpn(dir.path(), &["broadcast", "status", &id, "--json"]));
    assert_eq!(
        (status["id"].clone(), status["status"].clone()),
        (sent["id"].clone(), "running".into())
    );
    let newest = json(&moonvpn(dir.path(), &["broadcast", "status", "--json"]));
    assert_eq!(newest["id"], sent["id"]);

    let cancelled = json(&moonvpn(dir.path(), &["broadcast", "cancel", &id, "--json"]));
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["sent"], 0);
    assert!(cancelled["ended_at"].is_string());
    let again = moonvpn(dir.path(), &["broadcast", "cancel", &id]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        cli_support::stderr(&again).trim(),
        "error: a cancelled campaign cannot cancel"
    );

    let listed = json(&moonvpn(dir.path(), &["broadcast", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["status"], "cancelled");
    let table = moonvpn(dir.path(), &["broadcast", "list"]);
    let table = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(table.starts_with("ID"), "{table}");
    assert!(table.contains("cancelled"), "{table}");
}

#[test]
fn bad_input_is_refused_with_one_line_and_nothing_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(moonvpn(dir.path(), &["migrate"]).status.code(), Some(0));
    let cases: [(&[&str], &str); 5] = [
        (
            &["--text", "Hi", "--audience", "everyone"],
            "error: --audience: unknown audience \"everyone\"",
        ),
        (
            &["--text", "  ", "--audience", "all"],
            "error: --text: the text is empty",
        ),
        (
            &[
                "--text",
                "Hi",
                "--button-label",
                "Go",
                "--button-url",
                "javascript:alert(1)",
                "--audience",
                "all",
            ],
            "error: --button-label/--button-url: the button link must be an http:// or https:// address",
        ),
        (
            &["--text", "Hi", "--photo", "not a file id", "--audience", "all"],
            "error: --photo: that is not a Telegram photo id",
        ),
        (
            &["--text", "Hi", "--audience", "lang:ru", "--yes"],
            "error: nobody is in that audience",
        ),
    ];
    for (args, expected) in cases {
        let mut full = vec!["broadcast", "send"];
        full.extend_from_slice(args);
        let out = moonvpn(dir.path(), &full);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = cli_support::stderr(&out);
        assert!(stderr.trim().starts_with(expected), "{args:?}: {stderr}");
    }
    let listed = moonvpn(dir.path(), &["broadcast", "list", "--json"]);
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed, serde_json::json!([]), "a refused send stores nothing");
    let missing = moonvpn(dir.path(), &["broadcast", "status", "99"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(cli_support::stderr(&missing).trim(), "error: there is no campaign 99");
}
