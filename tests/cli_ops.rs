//! The real `moonvpn` binary: `stats` (and the other shop-operations commands) on a SQLite
//! file (#10).

use std::path::Path;
use std::process::Output;

mod cli_support;

fn moonvpn(dir: &Path, args: &[&str]) -> Output {
    cli_support::output(cli_support::moonvpn(dir).args(args))
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = moonvpn(dir, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", cli_support::stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn stats_count_users_and_split_money_in_by_method_as_text_and_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["migrate"]);
    let empty = ok(dir.path(), &["stats"]);
    assert!(empty.contains("money in (30 days): none"), "{empty}");
    assert!(empty.contains("failing panels: none"), "{empty}");
    ok(
        dir.path(),
        &[
            "user",
            "adjust-balance",
            "42",
            "--credit",
            "5000",
            "--reason",
            "opening gift",
        ],
    );

    let text = ok(dir.path(), &["stats"]);
    assert!(text.starts_with("users: 1 (1 today, 1 in 7 days)\n"), "{text}");
    assert!(
        text.contains("sales: 0 IRT today, 0 IRT in 7 days, 0 IRT in 30 days"),
        "{text}"
    );
    assert!(text.contains("money in (30 days): adjustment 5000 IRT"), "{text}");
    assert!(text.contains("pending receipts: 0\nactive services: 0\n"), "{text}");

    let doc: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["stats", "--json"])).expect("JSON");
    assert_eq!(
        doc["users"],
        serde_json::json!({"total": 1, "today": 1, "last_7_days": 1})
    );
    assert_eq!(
        doc["money_in_30d"],
        serde_json::json!([{"method": "adjustment", "amount_minor": 5000}])
    );
    assert_eq!(doc["sales_by_day"].as_array().unwrap().len(), 30);
    assert_eq!(doc["sales_30d_minor"], 0);
    assert_eq!(doc["pending_receipts"], 0);
    assert_eq!(doc["active_services"], serde_json::json!([]));
    assert_eq!(doc["failing_panels"], serde_json::json!([]));
}
