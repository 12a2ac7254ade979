//! setWebhook / deleteWebhook / getWebhookInfo, 409 while polling, and delivery.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::{Value, json};

use crate::helpers::{fails, fake, ok};

#[tokio::test]
async fn polling_while_a_webhook_is_set_is_a_conflict() {
    let fake = fake().await;
    ok(
        &fake,
        "setWebhook",
        json!({"url": "https://bot.example.com/tg/hook", "secret_token": "s3cr3t-Token_1"}),
    )
    .await;
    assert_eq!(
        fake.webhook(),
        Some((
            "https://bot.example.com/tg/hook".to_owned(),
            Some("s3cr3t-Token_1".to_owned())
        ))
    );
    assert_eq!(
        fails(&fake, "getUpdates", json!({}), 409).await,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
    );
    ok(&fake, "deleteWebhook", json!({})).await;
    assert_eq!(fake.webhook(), None);
    ok(&fake, "getUpdates", json!({})).await;
}

#[tokio::test]
async fn a_bad_secret_token_is_refused() {
    let fake = fake().await;
    assert_eq!(
        fails(
            &fake,
            "setWebhook",
            json!({"url": "https://bot.example.com/hook", "secret_token": "no spaces!"}),
            400
        )
        .await,
        "Bad Request: secret token contains unallowed characters"
    );
}

/// What the test's webhook endpoint received: the secret header and the update.
type Received = Arc<Mutex<Vec<(Option<String>, Value)>>>;

#[tokio::test]
async fn updates_are_posted_to_the_webhook_with_the_secret_header() {
    let received: Received = Arc::default();
    let failures_left = Arc::new(Mutex::new(1));
    let sink = received.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: axum::Json<Value>| {
            let sink = sink.clone();
            let failures_left = failures_left.clone();
            async move {
                let mut left = failures_left.lock().expect("lock");
                if *left > 0 {
                    *left -= 1;
                    return StatusCode::INTERNAL_SERVER_ERROR;
                }
                let secret = headers
                    .get("X-Telegram-Bot-Api-Secret-Token")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                sink.lock().expect("lock").push((secret, body.0));
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let fake = fake().await;
    let user = fake.user(4);
    ok(
        &fake,
        "setWebhook",
        json!({"url": format!("http://{addr}/hook"), "secret_token": "abc"}),
    )
    .await;
    user.send_text("one");
    user.send_text("two");
    fake.wait_idle(Duration::from_millis(200)).await;
    let got = received.lock().expect("lock").clone();
    let texts: Vec<&str> = got
        .iter()
        .map(|(_, u)| u["message"]["text"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(texts, ["one", "two"], "in order, the refused first attempt retried");
    assert!(got.iter().all(|(secret, _)| secret.as_deref() == Some("abc")));
    let info = ok(&fake, "getWebhookInfo", json!({})).await;
    assert_eq!(info["pending_update_count"], json!(0));
    assert_eq!(
        info["last_error_message"],
        json!("Wrong response from the webhook: 500 Internal Server Error")
    );
    server.abort();
}
