//! Webhook intake: the secret header is required; updates reach the bot.

use std::sync::Arc;

use kernel::{Secret, SystemClock};
use telegram::intake::{WEBHOOK_SECRET_HEADER, WebhookSecret};
use telegram::testing::text_update_json;
use telegram::{Bot, Dispatcher, DispatcherConfig, webhook_router};

use crate::support::{QUIET, SECRET, deps, fake, memory_store};

const HOOK_SECRET: &str = "hook-secret-0123456789";

#[tokio::test]
async fn webhook_calls_without_the_right_secret_are_refused_and_the_right_one_is_served() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = Bot::new(deps(&fake, &store, SECRET));
    let dispatcher = Dispatcher::new(
        Arc::new(bot),
        Arc::new(store.clone()),
        Arc::new(SystemClock),
        DispatcherConfig::default(),
    );
    let secret = WebhookSecret::new(Secret::new(HOOK_SECRET)).unwrap();
    let app = webhook_router(dispatcher.clone(), secret, "hook-path");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/telegram/hook-path", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    fake.user(8001).send_text("hi");
    let client = reqwest::Client::new();
    let update = text_update_json(900_001, 8001, "/start");
    let post = |secret: Option<&str>| {
        let mut request = client.post(&url).json(&update);
        if let Some(secret) = secret {
            request = request.header(WEBHOOK_SECRET_HEADER, secret);
        }
        request.send()
    };
    assert_eq!(post(None).await.unwrap().status(), 401);
    assert_eq!(post(Some("hook-secret-0123456788")).await.unwrap().status(), 401);
    assert_eq!(post(Some("short")).await.unwrap().status(), 401);
    assert!(fake.calls_to("sendMessage").is_empty(), "refused calls do nothing");

    assert_eq!(post(Some(HOOK_SECRET)).await.unwrap().status(), 200);
    assert_eq!(
        post(Some(HOOK_SECRET)).await.unwrap().status(),
        200,
        "a redelivery is accepted"
    );
    for _ in 0..50 {
        if fake.calls_to("sendMessage").len() >= 2 {
            break;
        }
        tokio::time::sleep(QUIET / 3).await;
    }
    tokio::time::sleep(QUIET).await;
    dispatcher.shutdown(std::time::Duration::from_secs(5)).await;
    let texts: Vec<String> = fake
        .calls_to("sendMessage")
        .iter()
        .map(|c| c["text"].to_string())
        .collect();
    assert_eq!(
        texts.len(),
        2,
        "one /start answered once (welcome + language picker): {texts:?}"
    );
}

#[test]
fn weak_webhook_secrets_are_refused() {
    assert!(WebhookSecret::new(Secret::new("short")).is_err());
    assert!(WebhookSecret::new(Secret::new("has spaces in it, long enough")).is_err());
    assert!(WebhookSecret::new(Secret::new(HOOK_SECRET)).is_ok());
    assert_eq!(
        format!("{:?}", WebhookSecret::new(Secret::new(HOOK_SECRET)).unwrap()),
        "WebhookSecret(***)"
    );
}
