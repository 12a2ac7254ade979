//! `moonvpn user block|unblock|grant|revoke` on the real binary while the bot serves, and
//! `panel restart-xray`, and the config as the truth about superadmins (promoted and demoted
//! when MoonVPN opens).

use crate::e2e_support;

use e2e_support::{ADMIN, E2e, fake_panel};
use serde_json::Value;

/// `moonvpn user … --json` with `admins.superadmins` set to `superadmins`.
async fn cli_with_superadmins(shop: &E2e, superadmins: &str, args: &[&str]) -> Value {
    let mut cmd = shop.command();
    cmd.env("MOONVPN_ADMINS__SUPERADMINS", superadmins)
        .args(args)
        .arg("--json");
    let out = tokio::task::spawn_blocking(move || cmd.output().expect("moonvpn runs"))
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn block_unblock_grant_and_revoke_from_the_cli_change_what_the_bot_allows() {
    let mut shop = E2e::new().await;
    shop.start().await;
    let user = shop.customer(4001).await;
    shop.customer(4002).await;

    let granted = shop.cli_json(&["user", "grant", "4001"]).await;
    assert_eq!(granted["role"], "admin");
    assert_eq!(granted["changed"], true);
    let again = shop.cli_json(&["user", "grant", "4001"]).await;
    assert_eq!(again["changed"], false, "granting twice changes nothing: {again}");
    let seller = shop.cli_json(&["user", "grant", "4002", "--role", "seller"]).await;
    assert_eq!(seller["role"], "seller");
    let revoked = shop.cli_json(&["user", "revoke", "4001"]).await;
    assert_eq!(revoked["role"], "user");

    let blocked = shop.cli_json(&["user", "block", "4001"]).await;
    assert_eq!(blocked["status"], "blocked");
    user.send_text("/menu");
    shop.idle().await;
    let text = user.last_bot_message().unwrap().text_or_empty().to_owned();
    assert!(text.contains("blocked"), "{text}");
    let unblocked = shop.cli_json(&["user", "unblock", "4001"]).await;
    assert_eq!(unblocked["status"], "active");

    let superadmin = shop.cli(&["user", "grant", "4001", "--role", "superadmin"]).await;
    assert_eq!(superadmin.status.code(), Some(2));
    let err = String::from_utf8_lossy(&superadmin.stderr);
    assert!(err.contains("admins.superadmins"), "{err}");
    let own = shop.cli(&["user", "block", &ADMIN.to_string()]).await;
    assert_eq!(own.status.code(), Some(2), "{}", String::from_utf8_lossy(&own.stderr));
    shop.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_superadmin_removed_from_the_config_is_demoted_when_moonvpn_next_opens() {
    let mut shop = E2e::new().await;
    shop.start().await;
    shop.customer(4011).await;
    shop.stop().await;
    let both = format!("[{ADMIN}, 4011]");
    let promoted = cli_with_superadmins(&shop, &both, &["user", "find", "4011"]).await;
    assert_eq!(promoted["role"], "superadmin");
    let only_admin = format!("[{ADMIN}]");
    let demoted = cli_with_superadmins(&shop, &only_admin, &["user", "find", "4011"]).await;
    assert_eq!(demoted["role"], "user", "{demoted}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panel_restart_xray_restarts_it_once_and_reports_its_health() {
    let shop = E2e::new().await;
    let panel = fake_panel(443).await;
    let added = shop.add_panel(&panel, "France", "FR").await;
    let id = added["panel"]["id"].as_i64().unwrap().to_string();
    let done = shop.cli_json(&["panel", "restart-xray", &id]).await;
    assert_eq!(done["restarted"], true);
    assert_eq!(done["reachable"], true);
    assert_eq!(done["xray"], "running");
    let restarts = panel
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("restartXrayService"))
        .count();
    assert_eq!(restarts, 1);
    let missing = shop.cli(&["panel", "restart-xray", "999"]).await;
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&missing.stderr),
        "error: there is no panel 999\n"
    );
}
