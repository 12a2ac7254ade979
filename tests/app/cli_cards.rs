//! The real `moonvpn` binary: `card` and `receipt` commands on a SQLite file, `--json`
//! parsed back (#9).

use std::path::Path;
use std::process::Output;

use crate::cli_support;

fn moonvpn(dir: &Path, args: &[&str]) -> Output {
    cli_support::output(cli_support::moonvpn(dir).args(args))
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = moonvpn(dir, &all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON document")
}

fn fails(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = moonvpn(dir, args);
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn cards_are_added_listed_edited_and_removed_with_masked_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(moonvpn(dir.path(), &["migrate"]).status.code(), Some(0));
    let added = json(
        dir.path(),
        &[
            "card",
            "add",
            "--holder",
            "Ali Rezaei",
            "--bank",
            "Melli",
            "--number",
            "۶۰۳۷ ۹۹۱۲ ۳۴۵۶ ۱۲۳۵",
            "--channel",
            "-1001234567890",
            "--daily-cap",
            "50000000",
        ],
    );
    let card = &added["card"];
    assert_eq!(card["number"], "6037-99**-****-1235", "never the whole number");
    assert_eq!(card["holder"], "Ali Rezaei");
    assert_eq!(card["channel"], -1_001_234_567_890_i64);
    assert_eq!(card["daily_cap_minor"], 50_000_000);
    assert_eq!(
        (card["active"].as_bool(), card["current"].as_bool()),
        (Some(true), Some(true))
    );
    let id = card["id"].as_i64().unwrap().to_string();

    let edited = json(
        dir.path(),
        &[
            "card",
            "edit",
            &id,
            "--rotation",
            "interval",
            "--every-minutes",
            "90",
            "--auto-approve",
            "true",
        ],
    );
    assert_eq!(edited["card"]["rotation"], "interval");
    assert_eq!(edited["card"]["every_minutes"], 90);
    assert_eq!(edited["card"]["auto_approve"], true);
    assert_eq!(edited["card"]["daily_cap_minor"], 50_000_000, "untouched fields stay");

    let off = json(dir.path(), &["card", "deactivate", &id]);
    assert_eq!(off["card"]["active"], false);
    let listed = json(dir.path(), &["card", "list"]);
    assert_eq!(listed["cards"].as_array().unwrap().len(), 1);

    let receipts = json(dir.path(), &["receipt", "list", "--status", "all"]);
    assert_eq!(receipts["receipts"], serde_json::json!([]));
    let verdict = json(
        dir.path(),
        &["receipt", "match-sms", "--card", &id, "--text", "واریز: ۵,۰۰۰,۰۱۰"],
    );
    assert_eq!(verdict["verdict"], "no_match");
    assert_eq!(verdict["deposit"], 5_000_010);
    let any_card = json(dir.path(), &["receipt", "match-sms", "--text", "واریز: ۵,۰۰۰,۰۱۰"]);
    assert_eq!(any_card["verdict"], "no_match", "every card's pattern is tried");
    let unreadable = json(dir.path(), &["receipt", "match-sms", "--text", "hello"]);
    assert_eq!(unreadable["verdict"], "unreadable");

    let removed = json(dir.path(), &["card", "remove", &id]);
    assert_eq!(removed["removed"].as_i64().unwrap().to_string(), id);
    assert_eq!(json(dir.path(), &["card", "list"])["cards"], serde_json::json!([]));
}

#[test]
fn card_and_receipt_mistakes_are_one_line_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(moonvpn(dir.path(), &["migrate"]).status.code(), Some(0));
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "card",
                "add",
                "--holder",
                "A",
                "--bank",
                "B",
                "--number",
                "6037991234561234",
            ],
            "error: --number: this card number has a typo (its check digit does not match)\n",
        ),
        (&["card", "activate", "9"], "error: there is no bank card 9\n"),
        (&["receipt", "approve", "7"], "error: there is no receipt 7\n"),
        (
            &["receipt", "override", "7", "--approve"],
            "error: there is no receipt 7\n",
        ),
        (
            &["receipt", "override", "7"],
            "error: say --approve, or --reject with --reason\n",
        ),
        (
            &["receipt", "override", "7", "--reject"],
            "error: --reject needs --reason\n",
        ),
        (&["receipt", "unflag", "7"], "error: there is no receipt 7\n"),
        (
            &[
                "card",
                "add",
                "--holder",
                "A",
                "--bank",
                "B",
                "--number",
                "4111111111111111",
                "--sms-pattern",
                "IN (\\d+)",
            ],
            "error: --sms-pattern: the pattern needs a named group (?P<amount>…) around the deposited amount\n",
        ),
    ];
    for (args, message) in cases {
        assert_eq!(fails(dir.path(), args), (Some(2), message.to_owned()), "{args:?}");
    }
    assert_eq!(
        json(dir.path(), &["card", "list"])["cards"],
        serde_json::json!([]),
        "nothing was added"
    );
}
