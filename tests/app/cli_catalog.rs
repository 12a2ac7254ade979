//! `moonvpn plan …` and `moonvpn discount …` through the real binary on a SQLite file:
//! every change goes through the catalog's admin use cases, `--json` is parsed back.

use std::path::Path;

use crate::cli_support;

use cli_support::{moonvpn, output, stderr};
use serde_json::Value;

/// Runs `moonvpn ARGS --json` in `dir`; it must succeed; its stdout parsed.
fn json(dir: &Path, args: &[&str]) -> Value {
    let out = output(moonvpn(dir).args(args).arg("--json"));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// Runs `moonvpn ARGS`; returns the exit code and stderr.
fn fails(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = output(moonvpn(dir).args(args));
    assert!(!out.status.success(), "{args:?} should fail");
    (out.status.code(), stderr(&out))
}

fn shop() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    json(dir.path(), &["location", "add", "--name", "France", "--prefix", "FR"]);
    dir
}

#[test]
fn a_test_plan_needs_no_price_and_a_priced_one_is_refused() {
    let dir = shop();
    let doc = json(
        dir.path(),
        &[
            "plan",
            "add",
            "--name",
            "Trial",
            "--test",
            "--days",
            "1",
            "--volume-gb",
            "1",
            "--location",
            "France",
        ],
    );
    assert_eq!(doc["plan"]["test"], true);
    assert_eq!(doc["plan"]["price_minor"], 0);
    let (code, err) = fails(
        dir.path(),
        &[
            "plan",
            "add",
            "--name",
            "Paid trial",
            "--test",
            "--price",
            "5000",
            "--days",
            "1",
            "--volume-gb",
            "1",
            "--location",
            "France",
        ],
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: a free test plan costs nothing; leave its price out (or 0)\n"
    );
    let (code, err) = fails(
        dir.path(),
        &[
            "plan",
            "add",
            "--name",
            "Silver",
            "--days",
            "30",
            "--volume-gb",
            "50",
            "--location",
            "France",
        ],
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("--test instead of --price"), "{err}");
}

#[test]
fn plan_edit_changes_only_what_is_given_and_sale_switches_round_trip() {
    let dir = shop();
    let added = json(
        dir.path(),
        &[
            "plan",
            "add",
            "--name",
            "Silver",
            "--price",
            "100000",
            "--days",
            "30",
            "--volume-gb",
            "50",
            "--location",
            "France",
        ],
    );
    let id = added["plan"]["id"].as_i64().unwrap().to_string();
    let edited = json(
        dir.path(),
        &[
            "plan",
            "edit",
            &id,
            "--price",
            "120000",
            "--name",
            "Silver+",
            "--on-sale",
            "false",
        ],
    );
    let plan = &edited["plan"];
    assert_eq!(plan["name"], "Silver+");
    assert_eq!(plan["price_minor"], 120_000);
    assert_eq!(plan["days"], 30);
    assert_eq!(plan["volume_gb"], 50.0);
    assert_eq!(plan["active"], false);
    assert_eq!(json(dir.path(), &["plan", "enable", &id])["plan"]["active"], true);
    assert_eq!(json(dir.path(), &["plan", "disable", &id])["plan"]["active"], false);
    let listed = json(dir.path(), &["plan", "list"]);
    assert_eq!(listed["plans"][0]["name"], "Silver+");

    let (code, err) = fails(dir.path(), &["plan", "edit", &id, "--price-per-gb", "100"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: a price per GB belongs to dynamic plans; this plan is not one\n"
    );
    let (code, err) = fails(dir.path(), &["plan", "edit", "999", "--days", "10"]);
    assert_eq!(code, Some(1));
    assert_eq!(err, "error: there is no plan 999; see `moonvpn plan list`\n");
    let (code, _) = fails(dir.path(), &["plan", "edit", &id]);
    assert_eq!(code, Some(2));
}

#[test]
fn a_plan_description_is_set_changed_removed_and_printed_in_json() {
    let dir = shop();
    let added = json(
        dir.path(),
        &[
            "plan",
            "add",
            "--name",
            "Silver",
            "--description",
            "  For phones and laptops.  ",
            "--price",
            "100000",
            "--days",
            "30",
            "--volume-gb",
            "50",
            "--location",
            "France",
        ],
    );
    assert_eq!(added["plan"]["description"], "For phones and laptops.");
    let id = added["plan"]["id"].as_i64().unwrap().to_string();
    let edited = json(dir.path(), &["plan", "edit", &id, "--description", "Fast in Tehran."]);
    assert_eq!(edited["plan"]["description"], "Fast in Tehran.");
    assert_eq!(edited["plan"]["price_minor"], 100_000, "the rest is kept");
    let listed = json(dir.path(), &["plan", "list"]);
    assert_eq!(listed["plans"][0]["description"], "Fast in Tehran.");

    let long = "x".repeat(501);
    let (code, err) = fails(dir.path(), &["plan", "edit", &id, "--description", &long]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: --description: a plan description has 1 to 500 characters\n"
    );
    let (code, _) = fails(
        dir.path(),
        &["plan", "edit", &id, "--description", "x", "--no-description"],
    );
    assert_eq!(code, Some(2), "setting and removing at once is refused");

    let cleared = json(dir.path(), &["plan", "edit", &id, "--no-description"]);
    assert!(cleared["plan"]["description"].is_null(), "{cleared}");
    assert_eq!(
        json(dir.path(), &["plan", "list"])["plans"][0]["description"],
        Value::Null
    );
}

#[test]
fn the_plan_table_spells_volumes_as_the_bot_does() {
    let dir = shop();
    json(
        dir.path(),
        &[
            "plan",
            "add",
            "--name",
            "Silver",
            "--price",
            "100000",
            "--days",
            "30",
            "--volume-gb",
            "50",
            "--location",
            "France",
        ],
    );
    let out = output(moonvpn(dir.path()).args(["plan", "list"]));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("50 GB, 30 days"), "{table}");
    assert!(!table.contains("GiB"), "{table}");
}

#[test]
fn discount_codes_are_added_listed_edited_and_disabled_with_every_rule() {
    let dir = shop();
    let plan = json(
        dir.path(),
        &[
            "plan",
            "add",
            "--name",
            "Silver",
            "--price",
            "100000",
            "--days",
            "30",
            "--volume-gb",
            "50",
            "--location",
            "France",
        ],
    )["plan"]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let added = json(
        dir.path(),
        &[
            "discount",
            "add",
            "moon10",
            "--percent",
            "10",
            "--usage-limit",
            "100",
            "--min-order",
            "50000",
            "--max-discount",
            "20000",
            "--from",
            "2026-01-01",
            "--until",
            "2027-01-01",
            "--per-user-limit",
            "2",
            "--plan",
            &plan,
        ],
    );
    let d = &added["discount"];
    assert_eq!(d["code"], "MOON10");
    assert_eq!(d["kind"], "percent");
    assert_eq!(d["percent"], 10);
    assert_eq!(d["usage_limit"], 100);
    assert_eq!(d["used"], 0);
    assert_eq!(d["min_order_minor"], 50_000);
    assert_eq!(d["max_discount_minor"], 20_000);
    assert_eq!(d["valid_from"], "2026-01-01T00:00:00Z");
    assert_eq!(d["valid_until"], "2027-01-01T00:00:00Z");
    assert_eq!(d["plans"][0].to_string(), plan);
    assert_eq!(d["plans"].as_array().unwrap().len(), 1);
    assert_eq!(d["per_user_limit"], 2);
    assert_eq!(d["status"], "active");

    json(
        dir.path(),
        &["discount", "add", "FLAT", "--amount", "5000", "--disabled"],
    );
    let listed = json(dir.path(), &["discount", "list"]);
    let codes: Vec<&str> = listed["discounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["FLAT", "MOON10"], "newest first");
    assert_eq!(listed["discounts"][0]["amount_minor"], 5_000);
    assert_eq!(listed["discounts"][0]["status"], "disabled");

    let edited = json(
        dir.path(),
        &[
            "discount",
            "edit",
            "MOON10",
            "--usage-limit",
            "none",
            "--per-user-limit",
            "none",
            "--plan",
            "none",
            "--amount",
            "3000",
        ],
    );
    let d = &edited["discount"];
    assert_eq!(
        (d["kind"].as_str(), d["amount_minor"].as_i64()),
        (Some("fixed"), Some(3_000))
    );
    assert!(d["usage_limit"].is_null() && d["per_user_limit"].is_null(), "{d}");
    assert_eq!(d["plans"], serde_json::json!([]), "every paid plan again");

    let uses = json(dir.path(), &["discount", "uses", "MOON10"]);
    assert_eq!(uses["code"], "MOON10");
    assert_eq!(uses["uses"], serde_json::json!([]), "nobody has used it yet");
    let out = output(moonvpn(dir.path()).args(["discount", "uses", "moon10"]));
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "nobody has used MOON10 yet\n");
    let (code, err) = fails(dir.path(), &["discount", "uses", "NOPE-CODE"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("there is no such discount code"), "{err}");
    assert_eq!(d["min_order_minor"], 50_000, "the rules not named stay");

    let id = format!("#{}", d["id"]);
    assert_eq!(
        json(dir.path(), &["discount", "disable", &id])["discount"]["status"],
        "disabled"
    );
    assert_eq!(
        json(dir.path(), &["discount", "enable", "moon10"])["discount"]["status"],
        "active"
    );
    assert_eq!(
        json(dir.path(), &["discount", "show", "MOON10"])["discount"]["status"],
        "active"
    );

    let (code, err) = fails(dir.path(), &["discount", "add", "MOON10", "--percent", "5"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("the code MOON10 exists already"), "{err}");
    let (code, err) = fails(dir.path(), &["discount", "add", "BIG", "--percent", "150"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("a percentage is 1 to 100"), "{err}");
    let (code, err) = fails(
        dir.path(),
        &[
            "discount",
            "add",
            "WINDOW",
            "--percent",
            "5",
            "--from",
            "2027-01-01",
            "--until",
            "2026-01-01",
        ],
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("valid before it expires"), "{err}");
    let (code, err) = fails(dir.path(), &["discount", "disable", "NOPE"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no such discount code"), "{err}");
    let (code, err) = fails(
        dir.path(),
        &["discount", "add", "ORPHAN", "--percent", "5", "--plan", "999"],
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("there is no plan 999"), "{err}");
}

#[test]
fn someone_who_never_opened_the_bot_is_named_with_a_hint() {
    let dir = shop();
    let (code, err) = fails(
        dir.path(),
        &[
            "user",
            "adjust-balance",
            "777000",
            "--credit",
            "5000",
            "--reason",
            "gift",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("no user matches \"777000\""), "{err}");
    assert!(err.contains("open the bot and press Start"), "{err}");
}
