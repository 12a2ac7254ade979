//! HTTPS with a self-signed certificate, and two-factor login by TOTP secret.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::StatusCode;
use serde_json::json;
use testkit::fake_panel::totp_code;
use testkit::{FakePanel, FakePanelConfig, Generation};

use crate::helpers::{http, json_of};

const SECRET: &str = "JBSWY3DPEHPK3PXP";

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// Waits until at least 5 s remain in the current 30-second window, then returns now.
async fn early_in_a_window() -> u64 {
    let into = unix_now() % 30;
    if into > 25 {
        tokio::time::sleep(Duration::from_secs(31 - into)).await;
    }
    unix_now()
}

#[tokio::test]
async fn a_tls_panel_serves_https_that_only_a_client_accepting_self_signed_certificates_reaches() {
    let panel = FakePanel::start(FakePanelConfig {
        tls: true,
        ..FakePanelConfig::default()
    })
    .await;
    let url = panel.url();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    assert!(panel.subscription_base().unwrap().starts_with("https://"));

    let strict = reqwest::Client::new().get(format!("{url}csrf-token")).send().await;
    let refused = strict.expect_err("a self-signed certificate is not trusted by default");
    assert!(refused.is_connect(), "{refused:?}");

    let insecure = reqwest::Client::builder()
        .tls_danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    let body = json_of(insecure.get(format!("{url}csrf-token")).send().await.unwrap()).await;
    assert_eq!(body["success"], true);
    assert!(panel.requests().iter().any(|r| r.path == "/csrf-token"));
}

#[tokio::test]
async fn login_needs_the_totp_code_of_the_current_window() {
    let panel = FakePanel::start(FakePanelConfig {
        generation: Generation::B,
        two_factor_secret: Some(SECRET.to_owned()),
        ..FakePanelConfig::default()
    })
    .await;
    let client = http();
    let url = panel.url();
    let enabled = json_of(client.post(format!("{url}getTwoFactorEnable")).send().await.unwrap()).await;
    assert_eq!(enabled["obj"], true);
    let now = early_in_a_window().await;
    let login = |code: Option<String>| {
        let mut body = json!({"username": "admin", "password": "admin"});
        if let Some(code) = code {
            body["twoFactorCode"] = json!(code);
        }
        client.post(format!("{url}login")).json(&body).send()
    };

    let missing = json_of(login(None).await.unwrap()).await;
    let stale = json_of(login(totp_code(SECRET, now - 30)).await.unwrap()).await;
    let current = json_of(login(totp_code(SECRET, now)).await.unwrap()).await;

    assert_eq!(missing["success"], false);
    assert_eq!(stale["success"], false, "the previous window is not accepted");
    assert_eq!(current["success"], true, "{current}");
    assert_eq!(panel.login_count(), 1);
    let status = client
        .get(format!("{url}panel/api/inbounds/list"))
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), StatusCode::OK);
}
