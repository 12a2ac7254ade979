//! Generation C (v3.0.x): CSRF for cookie sessions, Bearer tokens, legacy client routes.

use reqwest::StatusCode;
use serde_json::json;
use testkit::Generation;

use super::helpers::{TOKEN, add_client_body, http, json_of, login, start, start_with_inbound};

#[tokio::test]
async fn login_without_a_csrf_token_is_forbidden() {
    let panel = start(Generation::C).await;
    let response = http()
        .post(format!("{}login", panel.url()))
        .json(&json!({"username": "admin", "password": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(panel.login_count(), 0);
}

#[tokio::test]
async fn cookie_session_needs_the_csrf_header_on_unsafe_methods() {
    let (panel, inbound) = start_with_inbound(Generation::C).await;
    let client = http();
    let token = login(&client, &panel).await;
    let url = format!("{}panel/api/inbounds/addClient", panel.url());
    let refused = client
        .post(&url)
        .json(&add_client_body(inbound, "a", "s"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let list = client
        .get(format!("{}panel/api/inbounds/list", panel.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), StatusCode::OK, "GET needs no CSRF token");
    let body = json_of(
        client
            .post(&url)
            .header("X-CSRF-Token", token)
            .json(&add_client_body(inbound, "a", "s"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["success"], true);
}

#[tokio::test]
async fn bearer_token_works_without_login_or_csrf() {
    let (panel, inbound) = start_with_inbound(Generation::C).await;
    let body = json_of(
        http()
            .post(format!("{}panel/api/inbounds/addClient", panel.url()))
            .bearer_auth(TOKEN)
            .json(&add_client_body(inbound, "t1", "s"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["success"], true);
    assert!(
        panel
            .requests()
            .iter()
            .any(|r| r.path == "/panel/api/inbounds/addClient" && r.authenticated)
    );
    let wrong = http()
        .get(format!("{}panel/api/inbounds/list", panel.url()))
        .bearer_auth("nope")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unauthenticated_xhr_gets_an_empty_401_and_plain_gets_an_empty_404() {
    let panel = start(Generation::C).await;
    let url = format!("{}panel/api/inbounds/list", panel.url());
    let xhr = http()
        .get(&url)
        .header("X-Requested-With", "XMLHttpRequest")
        .send()
        .await
        .unwrap();
    assert_eq!(xhr.status(), StatusCode::UNAUTHORIZED);
    let plain = http().get(&url).send().await.unwrap();
    assert_eq!(plain.status(), StatusCode::NOT_FOUND);
    assert_eq!(plain.text().await.unwrap(), "");
}

#[tokio::test]
async fn detection_sees_csrf_token_but_no_clients_api() {
    let panel = start(Generation::C).await;
    let csrf = json_of(http().get(format!("{}csrf-token", panel.url())).send().await.unwrap()).await;
    assert_eq!(csrf["success"], true);
    assert!(csrf.get("msg").is_none());
    let clients = http()
        .get(format!("{}panel/api/clients/list", panel.url()))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(clients.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn settings_stay_json_strings_on_v3_0() {
    let (panel, _) = start_with_inbound(Generation::C).await;
    let list = json_of(
        http()
            .get(format!("{}panel/api/inbounds/list", panel.url()))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(list["obj"][0]["streamSettings"].is_string());
}
