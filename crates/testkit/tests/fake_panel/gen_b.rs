//! Generation B (v2.8.4 – v2.9.x).

use reqwest::StatusCode;
use serde_json::Value;
use testkit::Generation;

use super::helpers::{add_client_body, http, json_of, login, start, start_with_inbound};

#[tokio::test]
async fn unauthenticated_api_call_gets_an_empty_404() {
    let panel = start(Generation::B).await;
    let response = http()
        .get(format!("{}panel/api/inbounds/list", panel.url()))
        .header("X-Requested-With", "XMLHttpRequest")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.text().await.unwrap(), "");
}

#[tokio::test]
async fn traffic_added_by_the_test_shows_in_client_stats_and_get_client_traffics() {
    let (panel, inbound) = start_with_inbound(Generation::B).await;
    let client = http();
    login(&client, &panel).await;
    client
        .post(format!("{}panel/api/inbounds/addClient", panel.url()))
        .json(&add_client_body(inbound, "tg9_1", "sub9"))
        .send()
        .await
        .unwrap();
    panel.add_traffic("tg9_1", 1_048_576, 5_242_880);
    let list = json_of(
        client
            .get(format!("{}panel/api/inbounds/list", panel.url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let stats = &list["obj"][0]["clientStats"][0];
    assert_eq!(
        (stats["up"].as_i64(), stats["down"].as_i64()),
        (Some(1_048_576), Some(5_242_880))
    );
    assert_eq!(list["obj"][0]["up"], 1_048_576);
    let one = json_of(
        client
            .get(format!("{}panel/api/inbounds/getClientTraffics/tg9_1", panel.url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(one["obj"]["down"], 5_242_880);
    assert_eq!(one["obj"]["subId"], "sub9");
    assert_eq!(one["obj"]["total"], 53_687_091_200i64);
}

#[tokio::test]
async fn unknown_email_traffic_is_an_error_from_v2_8_4() {
    let panel = start(Generation::B).await;
    let client = http();
    login(&client, &panel).await;
    let body: Value = json_of(
        client
            .get(format!("{}panel/api/inbounds/getClientTraffics/ghost", panel.url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        body["msg"],
        "Error getting traffics. (Inbound Not Found For Email: ghost\n)"
    );
}

#[tokio::test]
async fn unknown_routes_answer_an_empty_404_from_v2_8_5() {
    let panel = start(Generation::B).await;
    let response = http().get(format!("{}csrf-token", panel.url())).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.text().await.unwrap(), "");
}

#[tokio::test]
async fn missing_inbound_is_record_not_found() {
    let panel = start(Generation::B).await;
    let client = http();
    login(&client, &panel).await;
    let body = json_of(
        client
            .get(format!("{}panel/api/inbounds/get/77", panel.url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["msg"], "Obtain (record not found)");
    let body = json_of(
        client
            .post(format!("{}panel/api/inbounds/addClient", panel.url()))
            .json(&add_client_body(77, "x", "y"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["msg"], "Something went wrong (record not found)");
}
