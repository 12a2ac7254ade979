//! The real `moonvpn` binary: `stats` (and the other shop-operations commands) on a SQLite
//! file (#10).

use std::path::Path;
use std::process::Output;

use crate::cli_support;

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

#[test]
fn the_audit_log_is_filtered_by_action_actor_and_day_and_read_back_as_json() {
    // Actors by #id, Telegram id or a tracking code of theirs; days Gregorian or Persian.
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["migrate"]);
    // The first command registers the CLI's superadmin (Telegram id 42), so it can be credited.
    let empty: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["audit", "--json"])).expect("JSON");
    assert!(empty.as_array().is_some(), "{empty}");
    let credited: serde_json::Value = serde_json::from_str(&ok(
        dir.path(),
        &[
            "user",
            "adjust-balance",
            "42",
            "--credit",
            "5000",
            "--reason",
            "opening gift",
            "--json",
        ],
    ))
    .expect("JSON");
    let tracking = credited["tracking"].as_str().expect("a tracking code").to_owned();

    let all: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["audit", "--json"])).expect("JSON");
    let entries = all.as_array().unwrap();
    let adjust = entries
        .iter()
        .find(|e| e["action"] == "wallet.adjust")
        .unwrap_or_else(|| panic!("the adjustment is audited: {all}"));
    let actor = adjust["actor"].as_i64().expect("an actor");
    assert_eq!(adjust["target"], format!("user:{actor}"));

    let wallet: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["audit", "--action", "wallet.", "--json"])).unwrap();
    assert!(
        wallet
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["action"].as_str().unwrap().starts_with("wallet.")),
        "{wallet}"
    );
    assert!(!wallet.as_array().unwrap().is_empty());
    for who in [format!("#{actor}"), "42".to_owned(), tracking.to_lowercase()] {
        let by_actor: serde_json::Value = serde_json::from_str(&ok(
            dir.path(),
            &["audit", "--actor", &who, "--action", "wallet.adjust", "--json"],
        ))
        .unwrap();
        assert_eq!(by_actor.as_array().unwrap().len(), 1, "{who}: {by_actor}");
    }
    let long_ago = ok(dir.path(), &["audit", "--since", "2000-01-01", "--until", "2000-01-31"]);
    assert_eq!(long_ago, "no audit entries\n");
    // 1379-10-11 .. 1379-11-11 is January 2001; 1400-01-01 is 2021-03-21.
    let persian = ok(dir.path(), &["audit", "--from", "۱۳۷۹-۱۰-۱۱", "--to", "1379-11-11"]);
    assert_eq!(persian, "no audit entries\n");
    let since_1400: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["audit", "--from", "1400-01-01", "--json"])).unwrap();
    assert_eq!(since_1400.as_array().unwrap().len(), entries.len(), "{since_1400}");
    let table = ok(dir.path(), &["audit", "--limit", "5"]);
    assert!(table.starts_with("ID") && table.contains("wallet.adjust"), "{table}");

    for (args, message) in [
        (
            &["audit", "--since", "yesterday"][..],
            "--from: \"yesterday\" is not a day like 2026-12-07 or 1405-09-16",
        ),
        (
            &["audit", "--to", "1404-12-30"][..],
            "--to: \"1404-12-30\" is not a day",
        ),
        (
            &["audit", "--actor", "somebody"][..],
            "--actor: \"somebody\" is not a Telegram id",
        ),
        (&["audit", "--action", "Wallet"][..], "--action:"),
        (&["audit", "--limit", "0"][..], "--limit: 1 to 100"),
        (
            &["audit", "--since", "2026-02-02", "--until", "2026-01-01"][..],
            "--from is after --to",
        ),
    ] {
        let out = moonvpn(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            cli_support::stderr(&out).contains(message),
            "{args:?}: {}",
            cli_support::stderr(&out)
        );
    }
    let nobody = moonvpn(dir.path(), &["audit", "--actor", "@nobody_here"]);
    assert_eq!(nobody.status.code(), Some(1));
    assert_eq!(
        cli_support::stderr(&nobody),
        "error: --actor: no user matches \"@nobody_here\"\n"
    );
}
