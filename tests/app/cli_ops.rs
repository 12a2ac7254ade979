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

/// Writes a system audit entry `panel.sync` at `at` straight into the shop's database.
fn record_at(dir: &Path, at: time::OffsetDateTime) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let key = kernel::Secret::new(cli_support::KEY);
        let store = store::Store::connect(&cli_support::sqlite_url(dir), &key)
            .await
            .expect("open");
        let entry = members::NewAuditEntry {
            actor: None,
            action: members::AuditAction::new("panel.sync"),
            target: members::AuditTarget::new("panel", 1),
            detail: serde_json::json!({}),
            at,
        };
        members::AuditLog::record(&store, entry).await.expect("recorded");
        store.close().await.ok();
    });
}

/// `moonvpn audit` in the shop's time: with `shop.utc_offset = "+03:30"` (also what a shop in
/// Toman gets when it is unset) an entry written at 22:00 UTC on 6 December is listed under
/// the 7th (not the 6th) and printed at 01:30 on the 7th; a shop on UTC lists it under the 6th.
#[test]
fn audit_days_and_times_are_the_shops() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["migrate"]);
    record_at(dir.path(), time::macros::datetime!(2026-12-06 22:00 UTC));
    let at = |offset: Option<&str>, args: &[&str]| {
        let mut cmd = cli_support::moonvpn(dir.path());
        if let Some(offset) = offset {
            cmd.env("MOONVPN_SHOP__UTC_OFFSET", offset);
        }
        let out = cli_support::output(cmd.args(args));
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", cli_support::stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let syncs = |text: &str| -> Vec<serde_json::Value> {
        let doc: serde_json::Value = serde_json::from_str(text).expect("JSON");
        doc.as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "panel.sync")
            .cloned()
            .collect()
    };
    for (offset, day) in [
        (Some("+03:30"), "2026-12-07"),
        (Some("+03:30"), "1405-09-16"),
        (None, "2026-12-07"),
    ] {
        let found = syncs(&at(offset, &["audit", "--from", day, "--to", day, "--json"]));
        assert_eq!(found.len(), 1, "{offset:?} {day}: {found:?}");
        assert_eq!(found[0]["at"], "2026-12-07T01:30:00+03:30");
    }
    let the_6th = ["audit", "--from", "2026-12-06", "--to", "2026-12-06", "--json"];
    assert!(syncs(&at(Some("+03:30"), &the_6th)).is_empty());
    let table = at(Some("+03:30"), &["audit", "--action", "panel.", "--from", "2026-12-07"]);
    assert!(table.starts_with("ID") && table.contains("AT (UTC+03:30)"), "{table}");
    assert!(table.contains("2026-12-07 01:30:00"), "{table}");

    let on_utc = syncs(&at(Some("UTC"), &the_6th));
    assert_eq!(on_utc.len(), 1, "{on_utc:?}");
    assert_eq!(on_utc[0]["at"], "2026-12-06T22:00:00Z");
    let utc_table = at(Some("UTC"), &["audit", "--action", "panel."]);
    assert!(
        utc_table.contains("AT (UTC)") && utc_table.contains("2026-12-06 22:00:00"),
        "{utc_table}"
    );
}
