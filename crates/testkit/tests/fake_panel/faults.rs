//! Fault injection and session expiry, observed over raw HTTP.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::{Fault, Generation};

use super::helpers::{TOKEN, http, json_of, login, start};

#[tokio::test]
async fn down_panel_gives_connection_errors_until_cleared() {
    let panel = start(Generation::D).await;
    let client = http();
    let url = format!("{}csrf-token", panel.url());
    assert!(client.get(&url).send().await.is_ok());
    panel.set_fault(Some(Fault::Down));
    assert!(
        client.get(&url).send().await.is_err(),
        "kept-alive connection is dropped"
    );
    assert!(http().get(&url).send().await.is_err(), "new connection is dropped");
    panel.set_fault(None);
    assert_eq!(http().get(&url).send().await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn slow_panel_delays_every_answer() {
    let panel = start(Generation::D).await;
    panel.set_fault(Some(Fault::Slow(Duration::from_millis(300))));
    let started = Instant::now();
    http().get(format!("{}csrf-token", panel.url())).send().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn http_500_has_an_empty_body() {
    let panel = start(Generation::B).await;
    panel.set_fault(Some(Fault::Http500));
    let response = http().post(format!("{}login", panel.url())).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(response.text().await.unwrap(), "");
    assert_eq!(panel.requests().last().map(|r| r.path.as_str()), Some("/login"));
    assert_eq!(panel.login_count(), 0);
}

#[tokio::test]
async fn garbage_json_is_a_200_that_does_not_parse() {
    let panel = start(Generation::D).await;
    panel.set_fault(Some(Fault::GarbageJson));
    let response = http()
        .get(format!("{}panel/api/inbounds/list", panel.url()))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(serde_json::from_str::<Value>(&response.text().await.unwrap()).is_err());
}

#[tokio::test]
async fn refused_login_gets_the_wrong_credentials_message_and_tokens_stop_working() {
    let panel = start(Generation::D).await;
    panel.set_fault(Some(Fault::LoginRefused));
    let client = http();
    let token = json_of(client.get(format!("{}csrf-token", panel.url())).send().await.unwrap()).await["obj"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json_of(
        client
            .post(format!("{}login", panel.url()))
            .header("X-CSRF-Token", token)
            .json(&json!({"username": "admin", "password": "admin"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["msg"], "Invalid username or password or two-factor code.");
    let api = http()
        .get(format!("{}panel/api/inbounds/list", panel.url()))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn session_that_expires_every_request_serves_one_call_per_login() {
    let panel = start(Generation::B).await;
    panel.set_fault(Some(Fault::SessionExpiresEveryRequest));
    let client = http();
    let list = format!("{}panel/api/inbounds/list", panel.url());
    login(&client, &panel).await;
    assert_eq!(client.get(&list).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(client.get(&list).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    login(&client, &panel).await;
    assert_eq!(client.get(&list).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(panel.login_count(), 2);
}

#[tokio::test]
async fn expired_sessions_force_a_relogin_and_a_fresh_csrf_token() {
    let panel = start(Generation::D).await;
    let client = http();
    let old_token = login(&client, &panel).await;
    let onlines = format!("{}panel/api/clients/onlines", panel.url());
    let ok = client
        .post(&onlines)
        .header("X-CSRF-Token", &old_token)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    panel.expire_sessions();
    let gone = client
        .post(&onlines)
        .header("X-CSRF-Token", &old_token)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    let new_token = login(&client, &panel).await;
    assert_ne!(new_token, old_token);
    let again = client
        .post(&onlines)
        .header("X-CSRF-Token", &new_token)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(panel.login_count(), 2);
}
