//! The subscription server and in-place upgrades.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reqwest::StatusCode;
use serde_json::json;
use testkit::{Generation, InboundSpec};

use super::helpers::{TOKEN, add_client_body, http, json_of, login, start};

#[tokio::test]
async fn subscription_returns_base64_links_for_the_sub_id() {
    let panel = start(Generation::B).await;
    let reality = panel.add_inbound(InboundSpec::vless_reality(443));
    let vmess = panel.add_inbound(InboundSpec::vmess_tcp(8080));
    let trojan = panel.add_inbound(InboundSpec::trojan_grpc_tls(2053));
    let ss = panel.add_inbound(InboundSpec::shadowsocks_tcp(8388));
    panel.add_client_raw(reality, json!({"id": "11111111-1111-4111-8111-111111111111", "email": "a-r", "enable": true, "subId": "user1", "totalGB": 0, "expiryTime": 0}));
    panel.add_client_raw(vmess, json!({"id": "22222222-2222-4222-8222-222222222222", "security": "auto", "email": "a-v", "enable": true, "subId": "user1"}));
    panel.add_client_raw(
        trojan,
        json!({"password": "trojanpass", "email": "a-t", "enable": true, "subId": "user1"}),
    );
    panel.add_client_raw(ss, json!({"password": "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=", "email": "a-s", "enable": true, "subId": "user1"}));
    panel.add_client_raw(
        vmess,
        json!({"id": "33333333-3333-4333-8333-333333333333", "email": "other", "enable": true, "subId": "user2"}),
    );
    panel.add_traffic("a-r", 100, 200);
    let base = panel.subscription_base().unwrap();
    let response = http().get(format!("{base}user1")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["subscription-userinfo"],
        "upload=100; download=200; total=0; expire=0"
    );
    let text = String::from_utf8(STANDARD.decode(response.text().await.unwrap()).unwrap()).unwrap();
    let links: Vec<&str> = text.lines().collect();
    assert_eq!(links.len(), 4);
    assert!(links[0].starts_with("vless://11111111-1111-4111-8111-111111111111@127.0.0.1:443?"));
    assert!(links[1].starts_with("vmess://"));
    let vmess_json = String::from_utf8(STANDARD.decode(&links[1]["vmess://".len()..]).unwrap()).unwrap();
    assert!(
        vmess_json.contains("\"add\": \"127.0.0.1\"") && vmess_json.contains("\"ps\": \"VMess-TCP-a-v\""),
        "{vmess_json}"
    );
    assert_eq!(
        links[2],
        "trojan://trojanpass@127.0.0.1:2053?alpn=h2%2Chttp%2F1.1&authority=&fp=chrome&security=tls&serviceName=grpc&sni=vpn.example.com&type=grpc#Trojan-gRPC-TLS-a-t"
    );
    assert!(
        links[3].starts_with("ss://") && links[3].ends_with("#SS-TCP-a-s"),
        "{}",
        links[3]
    );
}

#[tokio::test]
async fn unknown_sub_id_is_400_error() {
    let panel = start(Generation::D).await;
    let response = http()
        .get(format!("{}nobody", panel.subscription_base().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.text().await.unwrap(), "Error!");
}

#[tokio::test]
async fn upgrading_the_panel_keeps_clients_and_changes_the_wire_shape() {
    let panel = start(Generation::B).await;
    let inbound = panel.add_inbound(InboundSpec::vless_reality(443));
    let client = http();
    login(&client, &panel).await;
    client
        .post(format!("{}panel/api/inbounds/addClient", panel.url()))
        .json(&add_client_body(inbound, "keep", "s"))
        .send()
        .await
        .unwrap();
    panel.set_generation(Generation::D);
    let list = json_of(
        http()
            .get(format!("{}panel/api/inbounds/list", panel.url()))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list["obj"][0]["settings"]["clients"][0]["email"], "keep");
}
