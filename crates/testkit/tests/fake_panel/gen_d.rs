//! Generation D (v3.1+): clients API, nested settings, legacy client routes gone.

use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::{Generation, InboundSpec};

use super::helpers::{TOKEN, add_client_body, http, json_of, start, start_with_inbound};

async fn post(panel: &testkit::FakePanel, path: &str, body: Value) -> Value {
    json_of(
        http()
            .post(format!("{}panel/api/{path}", panel.url()))
            .bearer_auth(TOKEN)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn get(panel: &testkit::FakePanel, path: &str) -> Value {
    json_of(
        http()
            .get(format!("{}panel/api/{path}", panel.url()))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn legacy_client_routes_are_gone() {
    let (panel, inbound) = start_with_inbound(Generation::D).await;
    let response = http()
        .post(format!("{}panel/api/inbounds/addClient", panel.url()))
        .bearer_auth(TOKEN)
        .json(&add_client_body(inbound, "a", "s"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(panel.client_count(), 0);
}

#[tokio::test]
async fn added_client_shows_in_the_list_with_nested_settings() {
    let (panel, inbound) = start_with_inbound(Generation::D).await;
    let body = post(
        &panel,
        "clients/add",
        json!({"client": {"email": "tg5_1", "totalGB": 1000, "expiryTime": 0, "tgId": 5, "subId": "sub5", "flow": "xtls-rprx-vision"},
               "inboundIds": [inbound]}),
    )
    .await;
    assert_eq!(body["msg"], "Inbound client(s) have been added.");
    let stored = panel.client("tg5_1").unwrap();
    assert_eq!(stored["enable"], true, "enable is forced on create");
    assert_eq!(stored["flow"], "xtls-rprx-vision");
    assert_eq!(stored["id"].as_str().unwrap().len(), 36, "a UUID is generated");
    let list = get(&panel, "inbounds/list").await;
    assert_eq!(list["obj"][0]["settings"]["clients"][0]["email"], "tg5_1");
    assert!(list["obj"][0]["streamSettings"].is_object());
    let clients = get(&panel, "clients/list").await;
    assert_eq!(clients["obj"][0]["email"], "tg5_1");
    assert_eq!(clients["obj"][0]["inboundIds"], json!([inbound]));
    let one = get(&panel, "clients/get/tg5_1").await;
    assert_eq!(one["obj"]["client"]["subId"], "sub5");
}

#[tokio::test]
async fn flow_is_dropped_on_inbounds_that_cannot_use_it() {
    let panel = start(Generation::D).await;
    let ws = panel.add_inbound(InboundSpec::vless_ws_tls(8443));
    post(
        &panel,
        "clients/add",
        json!({"client": {"email": "w", "flow": "xtls-rprx-vision"}, "inboundIds": [ws]}),
    )
    .await;
    assert!(panel.client("w").unwrap().get("flow").is_none());
}

#[tokio::test]
async fn email_clashes_are_refused_with_the_real_messages() {
    let (panel, inbound) = start_with_inbound(Generation::D).await;
    post(
        &panel,
        "clients/add",
        json!({"client": {"email": "bob", "subId": "s1"}, "inboundIds": [inbound]}),
    )
    .await;
    let same = post(
        &panel,
        "clients/add",
        json!({"client": {"email": "bob", "subId": "s2"}, "inboundIds": [inbound]}),
    )
    .await;
    assert_eq!(same["msg"], "Something went wrong (email already in use: bob\n)");
    let case = post(
        &panel,
        "clients/add",
        json!({"client": {"email": "Bob", "subId": "s3"}, "inboundIds": [inbound]}),
    )
    .await;
    assert_eq!(case["msg"], "Something went wrong (Duplicate email: Bob\n)");
    assert_eq!(panel.client_count(), 1);
}

#[tokio::test]
async fn unknown_client_is_record_not_found_and_its_traffic_is_null() {
    let panel = start(Generation::D).await;
    assert_eq!(
        get(&panel, "clients/get/ghost").await["msg"],
        "Obtain (record not found)"
    );
    let traffic = get(&panel, "clients/traffic/ghost").await;
    assert_eq!(
        (traffic["success"].as_bool(), traffic["obj"].is_null()),
        (Some(true), true)
    );
    assert_eq!(
        post(&panel, "clients/del/ghost", json!({})).await["msg"],
        "Something went wrong (record not found)"
    );
}

#[tokio::test]
async fn update_replaces_the_whole_client_and_delete_may_empty_the_inbound() {
    let (panel, inbound) = start_with_inbound(Generation::D).await;
    post(
        &panel,
        "clients/add",
        json!({"client": {"email": "u1", "tgId": 7}, "inboundIds": [inbound]}),
    )
    .await;
    let uuid = panel.client("u1").unwrap()["id"].clone();
    let body = post(&panel, "clients/update/u1", json!({"email": "u1", "totalGB": 99})).await;
    assert_eq!(body["msg"], "Inbound client has been updated.");
    let stored = panel.client("u1").unwrap();
    assert_eq!(
        (stored["totalGB"].as_i64(), stored["tgId"].as_i64()),
        (Some(99), Some(0))
    );
    assert_eq!(stored["enable"], false, "omitted enable means disabled");
    assert_eq!(stored["id"], uuid, "omitted id is preserved");
    assert_eq!(post(&panel, "clients/del/u1", json!({})).await["success"], true);
    assert_eq!(panel.client_count(), 0);
}

#[tokio::test]
async fn client_links_and_traffic_are_served() {
    let (panel, inbound) = start_with_inbound(Generation::D).await;
    post(
        &panel,
        "clients/add",
        json!({"client": {"email": "l1", "subId": "subL"}, "inboundIds": [inbound]}),
    )
    .await;
    panel.add_traffic("l1", 10, 20);
    let traffic = get(&panel, "clients/traffic/l1").await;
    assert_eq!(
        (traffic["obj"]["up"].as_i64(), traffic["obj"]["down"].as_i64()),
        (Some(10), Some(20))
    );
    let links = get(&panel, "clients/links/l1").await;
    let link = links["obj"][0].as_str().unwrap();
    let uuid = panel.client("l1").unwrap()["id"].as_str().unwrap().to_owned();
    assert!(
        link.starts_with(&format!("vless://{uuid}@127.0.0.1:443?encryption=none&")),
        "{link}"
    );
    assert!(
        link.contains("security=reality") && link.contains("#VLESS-Reality-l1"),
        "{link}"
    );
}

#[tokio::test]
async fn server_status_and_xray_restart_follow_the_test() {
    let panel = start(Generation::D).await;
    panel.set_xray_running(false);
    let status = get(&panel, "server/status").await;
    assert_eq!(status["obj"]["xray"]["state"], "stop");
    assert!(status["obj"]["mem"]["total"].as_u64().unwrap() > 0);
    let body = post(&panel, "server/restartXrayService", json!({})).await;
    assert_eq!(body["msg"], "Xray has been successfully relaunched.");
    assert_eq!(get(&panel, "server/status").await["obj"]["xray"]["state"], "running");
}

/// Size, not speed: how fast a big panel syncs is measured by `cargo bench --bench panel_sync`.
#[tokio::test]
async fn a_list_carries_all_two_thousand_clients_and_their_stats() {
    let (panel, inbound) = start_with_inbound(Generation::D).await;
    for n in 0..2000 {
        panel.add_client_raw(
            inbound,
            json!({"id": format!("00000000-0000-4000-8000-{n:012}"), "email": format!("seed{n}"), "enable": true, "subId": format!("s{n}")}),
        );
    }
    let list = get(&panel, "inbounds/list").await;
    assert_eq!(list["obj"][0]["clientStats"].as_array().unwrap().len(), 2000);
}
