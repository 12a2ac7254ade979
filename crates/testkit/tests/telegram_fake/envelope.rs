//! The envelope, routing and body encodings.

use serde_json::json;

use crate::helpers::{call, call_form, client, decode, fake, method_url, ok};

#[tokio::test]
async fn get_me_answers_with_the_ok_envelope() {
    let fake = fake().await;
    let (status, body) = call(&fake, "getMe", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(body["ok"], json!(true));
    assert_eq!(body["result"]["id"], json!(123_456));
    assert_eq!(body["result"]["is_bot"], json!(true));
    assert_eq!(body["result"]["username"], json!(fake.bot_username()));
}

#[tokio::test]
async fn an_unknown_method_is_404_not_found() {
    let fake = fake().await;
    let (status, body) = call(&fake, "sendTelepathy", json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 404, "description": "Not Found: method not found"})
    );
}

#[tokio::test]
async fn a_wrong_token_is_401_unauthorized() {
    let fake = fake().await;
    let url = format!("{}/bot999:WRONG/getMe", fake.api_url());
    let (status, body) = decode(client().post(url).send().await.expect("request")).await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 401, "description": "Unauthorized"})
    );
    assert!(fake.calls().is_empty(), "calls with a wrong token are not the bot's");
}

#[tokio::test]
async fn method_names_ignore_case_like_the_real_server() {
    let fake = fake().await;
    let (status, _) = call(&fake, "GETME", json!({})).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn form_and_query_string_parameters_are_accepted() {
    let fake = fake().await;
    let user = fake.user(42);
    user.send_text("/start");
    let (status, body) = call_form(&fake, "sendMessage", &[("chat_id", "42"), ("text", "hi & bye")]).await;
    assert_eq!(status, 200, "{body}");
    let url = format!("{}?chat_id=42&text=from%20query", method_url(&fake, "sendMessage"));
    let (status, _) = decode(client().get(url).send().await.expect("request")).await;
    assert_eq!(status, 200);
    let texts: Vec<String> = user
        .bot_messages()
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert_eq!(texts, ["hi & bye", "from query"]);
}

#[tokio::test]
async fn calls_are_recorded_with_their_parameters() {
    let fake = fake().await;
    fake.user(7).send_text("hello");
    ok(&fake, "sendMessage", json!({"chat_id": 7, "text": "hi"})).await;
    let calls = fake.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].method, "sendMessage");
    assert_eq!(calls[0].params, json!({"chat_id": 7, "text": "hi"}));
    assert_eq!(fake.calls_to("sendmessage").len(), 1);
}

#[tokio::test]
async fn injected_failures_come_back_once_in_the_envelope() {
    let fake = fake().await;
    fake.fail_next("getMe", 502, "Bad Gateway", None);
    let (status, body) = call(&fake, "getMe", json!({})).await;
    assert_eq!(status, 502);
    assert_eq!(body["description"], json!("Bad Gateway"));
    let (status, _) = call(&fake, "getMe", json!({})).await;
    assert_eq!(status, 200, "the failure is used up");
}
