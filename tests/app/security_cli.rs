//! The real binary and secrets: `config check` and every config error print no configured
//! secret, and `secrets rotate` moves the stored secrets to a new key (a wrong old key
//! changes nothing).

use std::path::Path;
use std::process::{Command, Output};

use inventory::{DisplayName, FleetRepo, LocationPrefix, NewLocation, NewPanel, PanelUrl, PlacementRepo};
use kernel::Secret;
use store::Store;

use crate::cli_support;

use cli_support::{KEY, output as run, sqlite_url};

const NEW_KEY: &str = "fedcba9876543210fedcba9876543210-new";
const DB_PASSWORD: &str = "Pg-Pa55word-Zz9";
const WEBHOOK_SECRET: &str = "webhook-secret-Qq7Ww8Ee9";
const METRICS_TOKEN: &str = "metrics-token-Aa1Bb2Cc3";

/// `moonvpn` on a SQLite file in `dir`, its HTTP server on a free port.
fn moonvpn(dir: &Path) -> Command {
    let mut cmd = cli_support::moonvpn(dir);
    cmd.env("MOONVPN_HTTP__LISTEN", "127.0.0.1:0");
    cmd
}

/// Everything the process printed.
fn printed(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_no_secret(text: &str) {
    for secret in [
        KEY,
        "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        DB_PASSWORD,
        WEBHOOK_SECRET,
        METRICS_TOKEN,
        NEW_KEY,
    ] {
        assert!(!text.contains(secret), "printed a secret ({secret}): {text}");
    }
}

#[test]
fn config_check_and_config_errors_print_no_secret() {
    let dir = tempfile::tempdir().expect("temp dir");
    let full = |cmd: &mut Command| {
        cmd.env(
            "MOONVPN_DATABASE__URL",
            format!("postgres://moon:{DB_PASSWORD}@db/moonvpn?password={DB_PASSWORD}"),
        )
        .env("MOONVPN_TELEGRAM__MODE", "webhook")
        .env("MOONVPN_TELEGRAM__WEBHOOK_URL", "https://bot.example.com")
        .env("MOONVPN_TELEGRAM__WEBHOOK_SECRET", WEBHOOK_SECRET)
        .env("MOONVPN_HTTP__METRICS_TOKEN", METRICS_TOKEN);
    };
    let mut check = moonvpn(dir.path());
    full(&mut check);
    let out = run(check.args(["config", "check"]));
    assert!(out.status.success(), "{}", printed(&out));
    let text = printed(&out);
    assert!(text.contains("metrics_token = \"***\""), "{text}");
    assert!(text.contains("postgres://moon:***@db/moonvpn?password=***"), "{text}");
    assert_no_secret(&text);

    // Each case breaks one key while the others keep their secrets: no message quotes any.
    let broken: [(&str, String); 7] = [
        ("MOONVPN_SECURITY__SECRET_KEY", "short".to_owned()),
        ("MOONVPN_TELEGRAM__TOKEN", format!("{KEY} not a token")),
        (
            "MOONVPN_DATABASE__URL",
            format!("mongodb://moon:{DB_PASSWORD}@db/x?password={DB_PASSWORD}"),
        ),
        ("MOONVPN_TELEGRAM__WEBHOOK_SECRET", format!("{WEBHOOK_SECRET}!!")),
        ("MOONVPN_HTTP__METRICS_TOKEN", format!("{METRICS_TOKEN} !")),
        ("MOONVPN_HTTP__LISTEN", "nowhere".to_owned()),
        ("MOONVPN_SECURITY", format!("{{secret_key={KEY}, extra={NEW_KEY}}}")),
    ];
    for (var, value) in broken {
        let mut cmd = moonvpn(dir.path());
        full(&mut cmd);
        let out = run(cmd.env(var, &value).args(["config", "check"]));
        assert_eq!(out.status.code(), Some(2), "{var}: {}", printed(&out));
        assert_no_secret(&printed(&out));
    }
    let toml = format!("[security]\nsecret_key = {KEY}\n");
    std::fs::write(dir.path().join("moonvpn.toml"), toml).expect("write config");
    let out = run(moonvpn(dir.path())
        .env_remove("MOONVPN_SECURITY__SECRET_KEY")
        .args(["config", "check"]));
    assert_eq!(out.status.code(), Some(2), "{}", printed(&out));
    assert_no_secret(&printed(&out));
}

async fn store_with_a_panel(dir: &Path) -> kernel::PanelId {
    let store = Store::connect(&sqlite_url(dir), &Secret::new(KEY)).await.expect("open");
    store.migrate().await.expect("migrate");
    let location = store
        .add_location(&NewLocation {
            name: DisplayName::new("France").unwrap(),
            prefix: LocationPrefix::new("FR").unwrap(),
        })
        .await
        .unwrap()
        .id;
    let panel = NewPanel {
        name: DisplayName::new("fr1").unwrap(),
        url: PanelUrl::new("https://fr1.example.com:2053").unwrap(),
        username: "admin".into(),
        password: Secret::new("panel-pass-1"),
        api_token: None,
        two_factor_secret: None,
        allow_insecure_tls: false,
        location,
    };
    let id = store
        .add_panel(&panel, time::OffsetDateTime::now_utc())
        .await
        .unwrap()
        .id;
    store.close().await.unwrap();
    id
}

async fn password_with(dir: &Path, key: &str, id: kernel::PanelId) -> Option<String> {
    let store = Store::connect(&sqlite_url(dir), &Secret::new(key)).await.expect("open");
    let password = store.panel(id).await.ok().map(|p| p.password.expose().to_owned());
    store.close().await.unwrap();
    password
}

#[tokio::test]
async fn secrets_rotate_moves_every_secret_to_the_new_key_and_a_wrong_old_key_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = store_with_a_panel(dir.path()).await;
    std::fs::write(dir.path().join("new.key"), format!("{NEW_KEY}\n")).unwrap();
    std::fs::write(dir.path().join("wrong.key"), "a-wrong-old-key-a-wrong-old-key-xx").unwrap();

    let out = run(moonvpn(dir.path()).args([
        "secrets",
        "rotate",
        "--new-key-file",
        "new.key",
        "--old-key-file",
        "wrong.key",
    ]));
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert!(printed(&out).contains("nothing was changed"), "{}", printed(&out));
    assert_eq!(
        password_with(dir.path(), KEY, id).await.as_deref(),
        Some("panel-pass-1")
    );

    let out = run(moonvpn(dir.path()).args(["secrets", "rotate", "--new-key-file", "new.key"]));
    assert!(out.status.success(), "{}", printed(&out));
    assert!(printed(&out).contains("1 panel(s)"), "{}", printed(&out));
    assert_no_secret(&printed(&out));
    assert_eq!(
        password_with(dir.path(), NEW_KEY, id).await.as_deref(),
        Some("panel-pass-1")
    );
    assert_eq!(password_with(dir.path(), KEY, id).await, None);
}
