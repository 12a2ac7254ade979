//! `moonvpn settings list|get|set [--json]` through the real binary: the config file gives the
//! values until one is set, a set value wins and is audited, bad input changes nothing.

use crate::cli_support;

use cli_support::{moonvpn, output, stderr};
use serde_json::{Value, json};

fn settings(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = output(moonvpn(dir).arg("settings").args(args).arg("--json"));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

#[test]
fn the_config_gives_the_values_until_a_superadmin_sets_one_and_the_change_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        settings(dir.path(), &["list"]),
        json!([
            {"key": "shop.name", "value": "MoonVPN", "source": "config", "editable": false},
            {"key": "support.contact", "value": null, "source": "config", "editable": true},
            {"key": "default_language", "value": "fa", "source": "config", "editable": true},
        ]),
        "a shop in Toman speaks Persian unless told otherwise"
    );

    let set = settings(dir.path(), &["set", "support.contact", "https://t.me/moon_help"]);
    assert_eq!(
        set,
        json!({"key": "support.contact", "value": "https://t.me/moon_help", "source": "bot", "editable": true})
    );
    settings(dir.path(), &["set", "default_language", "ru"]);
    assert_eq!(
        settings(dir.path(), &["get", "default_language"]),
        json!({"key": "default_language", "value": "ru", "source": "bot", "editable": true})
    );
    assert_eq!(settings(dir.path(), &["get", "shop.name"])["value"], "MoonVPN");

    let audit = output(moonvpn(dir.path()).args(["audit", "--action", "settings.set", "--json"]));
    assert!(audit.status.success(), "{}", stderr(&audit));
    let audit: Value = serde_json::from_slice(&audit.stdout).unwrap();
    let details: Vec<&Value> = audit.as_array().unwrap().iter().map(|e| &e["detail"]).collect();
    assert_eq!(
        details,
        [
            &json!({"key": "default_language", "from": "fa", "to": "ru"}),
            &json!({"key": "support.contact", "from": null, "to": "https://t.me/moon_help"}),
        ]
    );
}

#[test]
fn a_value_set_at_run_time_wins_over_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let listed = |dir: &std::path::Path| {
        let out = output(
            moonvpn(dir)
                .env("MOONVPN_SUPPORT__CONTACT", "@from_config")
                .env("MOONVPN_CURRENCY", "USD")
                .args(["settings", "list", "--json"]),
        );
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let before = listed(dir.path());
    assert_eq!(before[1]["value"], "@from_config");
    assert_eq!(
        (&before[2]["value"], &before[2]["source"]),
        (&json!("en"), &json!("config"))
    );
    settings(dir.path(), &["set", "support.contact", "@from_the_bot"]);
    let after = listed(dir.path());
    assert_eq!(
        (&after[1]["value"], &after[1]["source"]),
        (&json!("@from_the_bot"), &json!("bot"))
    );
}

#[test]
fn bad_input_is_refused_with_a_clear_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    settings(dir.path(), &["set", "support.contact", "@moon_help"]);
    let cases: [(&[&str], &str); 6] = [
        (&["set", "support.contact", "call us"], "is not a support contact"),
        (
            &["set", "support.contact", &format!("https://t.me/{}", "a".repeat(60))],
            "at most 64 characters",
        ),
        (&["set", "default_language", "de"], "expected one of: en, fa, ru"),
        (&["set", "shop.name", "Star Net"], "shop.name is set in the config file"),
        (&["set", "support", "@x_help"], "is not a shop setting"),
        (&["get", "currency"], "is not a shop setting"),
    ];
    for (args, why) in cases {
        let out = output(moonvpn(dir.path()).arg("settings").args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
        assert!(stderr(&out).contains(why), "{args:?}: {}", stderr(&out));
    }
    let now = settings(dir.path(), &["list"]);
    assert_eq!(now[1]["value"], "@moon_help");
    assert_eq!((&now[2]["value"], &now[2]["source"]), (&json!("fa"), &json!("config")));
}

#[test]
fn the_text_list_names_where_each_value_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    settings(dir.path(), &["set", "default_language", "en"]);
    let out = output(moonvpn(dir.path()).args(["settings", "list"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split("  ").filter(|c| !c.is_empty()).map(str::trim).collect())
        .collect();
    assert_eq!(lines[0], ["SETTING", "VALUE", "FROM"], "{text}");
    assert_eq!(lines[1], ["shop.name", "MoonVPN", "config file (read only)"], "{text}");
    assert_eq!(lines[2], ["support.contact", "(not set)", "config file"], "{text}");
    assert_eq!(
        lines[3],
        ["default_language", "en", "set in the bot or with moonvpn settings set"],
        "{text}"
    );
}
