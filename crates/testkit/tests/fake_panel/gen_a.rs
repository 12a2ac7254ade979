//! Generation A (v2.0 – v2.8.3).

use reqwest::StatusCode;
use serde_json::Value;
use testkit::Generation;

use super::helpers::{add_client_body, http, json_of, login, start, start_with_inbound, with_uuid};

#[tokio::test]
async fn unauthenticated_api_call_is_redirected_to_the_base_path() {
    let panel = start(Generation::A).await;
    let response = http()
        .get(format!("{}panel/api/inbounds/list", panel.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(response.headers()["location"], "/panel-x7Qb/");
}

#[tokio::test]
async fn unauthenticated_xhr_call_gets_the_session_expired_json() {
    let panel = start(Generation::A).await;
    let response = http()
        .get(format!("{}panel/api/inbounds/list", panel.url()))
        .header("X-Requested-With", "XMLHttpRequest")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["msg"], "Your session has expired, please log in again");
    assert_eq!(body["obj"], Value::Null);
}

#[tokio::test]
async fn login_sets_the_3x_ui_cookie_with_the_v2_message() {
    let panel = start(Generation::A).await;
    let response = http()
        .post(format!("{}login", panel.url()))
        .form(&[("username", "admin"), ("password", "admin")])
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("3x-ui=") && cookie.contains("Path=/;") && cookie.contains("Max-Age=21600"),
        "{cookie}"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["msg"], " You have successfully logged into your account.");
    assert_eq!(panel.login_count(), 1);
}

#[tokio::test]
async fn wrong_password_is_refused_with_the_real_message() {
    let panel = start(Generation::A).await;
    let body = json_of(
        http()
            .post(format!("{}login", panel.url()))
            .form(&[("username", "admin"), ("password", "nope")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["success"], false);
    assert_eq!(body["msg"], "Invalid username or password or two-factor code.");
}

#[tokio::test]
async fn added_client_is_listed_with_settings_as_a_json_string() {
    let (panel, inbound) = start_with_inbound(Generation::A).await;
    let client = http();
    login(&client, &panel).await;
    let body = json_of(
        client
            .post(format!("{}panel/api/inbounds/addClient", panel.url()))
            .json(&add_client_body(inbound, "tg123_1", "k3j4h5g6f7d8s9a0"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["msg"], "Inbound client(s) have been added.");
    let list = json_of(
        client
            .get(format!("{}panel/api/inbounds/list", panel.url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let settings = list["obj"][0]["settings"]
        .as_str()
        .expect("settings is a string on gen A");
    let settings: Value = serde_json::from_str(settings).unwrap();
    assert_eq!(settings["clients"][0]["email"], "tg123_1");
    assert_eq!(list["obj"][0]["clientStats"][0]["email"], "tg123_1");
    assert_eq!(list["obj"][0]["tag"], "inbound-443");
    assert_eq!(panel.client_inbound("tg123_1"), Some(inbound));
}

#[tokio::test]
async fn duplicate_email_is_refused_case_insensitively_with_the_real_message() {
    let (panel, inbound) = start_with_inbound(Generation::A).await;
    let client = http();
    login(&client, &panel).await;
    let url = format!("{}panel/api/inbounds/addClient", panel.url());
    client
        .post(&url)
        .json(&add_client_body(inbound, "bob", "s1"))
        .send()
        .await
        .unwrap();
    let second = with_uuid(
        add_client_body(inbound, "BOB", "s2"),
        "1b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
    );
    let body = json_of(client.post(&url).json(&second).send().await.unwrap()).await;
    assert_eq!(body["success"], false);
    assert_eq!(body["msg"], "Something went wrong (Duplicate email: BOB\n)");
    assert_eq!(panel.client_count(), 1);
}

#[tokio::test]
async fn settings_sent_as_an_object_is_a_go_type_error() {
    let (panel, inbound) = start_with_inbound(Generation::A).await;
    let client = http();
    login(&client, &panel).await;
    let body = json_of(
        client
            .post(format!("{}panel/api/inbounds/addClient", panel.url()))
            .json(&serde_json::json!({"id": inbound, "settings": {"clients": []}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        body["msg"],
        "Inbound has been successfully updated. (json: cannot unmarshal object into Go struct field Inbound.settings of type string)"
    );
}

#[tokio::test]
async fn deleting_the_last_client_is_refused_and_unknown_ids_succeed() {
    let (panel, inbound) = start_with_inbound(Generation::A).await;
    let client = http();
    login(&client, &panel).await;
    client
        .post(format!("{}panel/api/inbounds/addClient", panel.url()))
        .json(&add_client_body(inbound, "only", "s1"))
        .send()
        .await
        .unwrap();
    let del = |id: &str| format!("{}panel/api/inbounds/{inbound}/delClient/{id}", panel.url());
    let body = json_of(
        client
            .post(del("0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["msg"], "Something went wrong (no client remained in Inbound\n)");
    panel.add_client_raw(
        inbound,
        serde_json::json!({"id": "x-2", "email": "second", "enable": true}),
    );
    let body = json_of(client.post(del("does-not-exist")).send().await.unwrap()).await;
    assert_eq!(body["success"], true);
    assert_eq!(panel.client_count(), 2);
}

#[tokio::test]
async fn unknown_routes_answer_the_gin_404_text() {
    let panel = start(Generation::A).await;
    let response = http().get(format!("{}csrf-token", panel.url())).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.text().await.unwrap(), "404 page not found");
}

#[tokio::test]
async fn unknown_email_traffic_is_null_before_v2_8_4() {
    let panel = start(Generation::A).await;
    let client = http();
    login(&client, &panel).await;
    let body = json_of(
        client
            .get(format!("{}panel/api/inbounds/getClientTraffics/ghost", panel.url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["success"], true);
    assert_eq!(body["obj"], Value::Null);
}
