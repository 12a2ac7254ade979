//! Shared setup: a panel per test, a cookie-keeping client that never follows redirects.

use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use testkit::{FakePanel, FakePanelConfig, Generation, InboundSpec};

pub const TOKEN: &str = "tok-5f1e2d";

pub async fn start(generation: Generation) -> FakePanel {
    FakePanel::start(FakePanelConfig {
        generation,
        api_token: Some(TOKEN.to_owned()),
        ..FakePanelConfig::default()
    })
    .await
}

pub async fn start_with_inbound(generation: Generation) -> (FakePanel, i64) {
    let panel = start(generation).await;
    let id = panel.add_inbound(InboundSpec::vless_reality(443));
    (panel, id)
}

pub fn http() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn json_of(response: Response) -> Value {
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// Logs in like the driver would: v3 first fetches a CSRF token. Returns the token ("" on v2).
pub async fn login(client: &Client, panel: &FakePanel) -> String {
    let url = panel.url();
    let mut token = String::new();
    let mut request = client.post(format!("{url}login"));
    if panel_is_v3(client, &url).await {
        let body = json_of(client.get(format!("{url}csrf-token")).send().await.unwrap()).await;
        token = body["obj"].as_str().unwrap().to_owned();
        request = client.post(format!("{url}login")).header("X-CSRF-Token", &token);
    }
    let body = json_of(
        request
            .json(&json!({"username": "admin", "password": "admin"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["success"], true, "login failed: {body}");
    token
}

async fn panel_is_v3(client: &Client, url: &str) -> bool {
    client.get(format!("{url}csrf-token")).send().await.unwrap().status() == StatusCode::OK
}

/// A legacy `addClient` body: settings as a JSON string.
pub fn add_client_body(inbound: i64, email: &str, sub_id: &str) -> Value {
    let client = json!({"id": "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "flow": "xtls-rprx-vision", "email": email,
        "limitIp": 0, "totalGB": 53_687_091_200i64, "expiryTime": 0, "enable": true, "tgId": 123,
        "subId": sub_id, "comment": "", "reset": 0});
    json!({"id": inbound, "settings": json!({"clients": [client]}).to_string()})
}

pub fn with_uuid(mut body: Value, uuid: &str) -> Value {
    let settings: Value = serde_json::from_str(body["settings"].as_str().unwrap()).unwrap();
    let mut settings = settings;
    settings["clients"][0]["id"] = json!(uuid);
    body["settings"] = json!(settings.to_string());
    body
}
