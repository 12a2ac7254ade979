//! A fake YooKassa (`payments.md` §1) on `127.0.0.1:0`: `POST /v3/payments` (HTTP Basic
//! shopId:secret, `Idempotence-Key` required and honoured), `GET /v3/payments/{id}` and
//! `POST /v3/refunds` (once per idempotence key). Notifications carry no signature, exactly
//! like the real ones: [`FakeYooKassa::notification`] writes one from the payment's current
//! state and [`FakeYooKassa::deliver`] posts it until the shop answers `200`. A test decides
//! what YooKassa "knows": [`FakeYooKassa::pay`] (succeeded), [`FakeYooKassa::collect`]
//! (succeeded with another amount or currency), [`FakeYooKassa::cancel`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use serde_json::{Value, json};

use super::callback::Delivery;
use super::retry;

#[derive(Debug)]
struct Book {
    auth: String,
    payments: HashMap<String, Value>,
    by_key: HashMap<String, Value>,
    refunds: Vec<Value>,
    next: u64,
}

type Shared = Arc<Mutex<Book>>;

/// The fake YooKassa.
#[derive(Debug, Clone)]
pub struct FakeYooKassa {
    base: String,
    book: Shared,
    client: reqwest::Client,
}

fn error(status: StatusCode, code: &str) -> (StatusCode, Json<Value>) {
    (
        status,
        Json(json!({"type": "error", "code": code, "description": code})),
    )
}

fn authorized(book: &Book, headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(book.auth.as_str())
}

async fn create(State(book): State<Shared>, headers: HeaderMap, Json(body): Json<Value>) -> (StatusCode, Json<Value>) {
    let mut book = book.lock().unwrap_or_else(|p| p.into_inner());
    if !authorized(&book, &headers) {
        return error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let Some(key) = headers.get("idempotence-key").and_then(|v| v.to_str().ok()) else {
        return error(StatusCode::BAD_REQUEST, "invalid_request");
    };
    if let Some(done) = book.by_key.get(key) {
        return (StatusCode::OK, Json(done.clone()));
    }
    if body["amount"]["value"].as_str().is_none() || body["confirmation"]["return_url"].as_str().is_none() {
        return error(StatusCode::BAD_REQUEST, "invalid_request");
    }
    book.next += 1;
    let id = format!("2f8a{:04x}-000f-5000-8000-18db351245c7", book.next);
    let payment = json!({
        "id": id,
        "status": "pending",
        "paid": false,
        "amount": body["amount"],
        "confirmation": {
            "type": "redirect",
            "confirmation_url": format!("https://yoomoney.ru/checkout/payments/v2/contract?orderId={id}"),
        },
        "created_at": "2026-12-06T12:00:00.000Z",
        "description": body["description"],
        "metadata": body["metadata"],
        "recipient": {"account_id": "100500", "gateway_id": "100700"},
        "refundable": false,
        "test": true,
    });
    book.payments.insert(id, payment.clone());
    book.by_key.insert(key.to_owned(), payment.clone());
    (StatusCode::OK, Json(payment))
}

async fn fetch(State(book): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> (StatusCode, Json<Value>) {
    let book = book.lock().unwrap_or_else(|p| p.into_inner());
    if !authorized(&book, &headers) {
        return error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    match book.payments.get(&id) {
        Some(p) => (StatusCode::OK, Json(p.clone())),
        None => error(StatusCode::NOT_FOUND, "not_found"),
    }
}

async fn refund(State(book): State<Shared>, headers: HeaderMap, Json(body): Json<Value>) -> (StatusCode, Json<Value>) {
    let mut book = book.lock().unwrap_or_else(|p| p.into_inner());
    if !authorized(&book, &headers) {
        return error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let Some(key) = headers
        .get("idempotence-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return error(StatusCode::BAD_REQUEST, "invalid_request");
    };
    if let Some(done) = book.refunds.iter().find(|r| r["key"] == key.as_str()) {
        return (StatusCode::OK, Json(done["refund"].clone()));
    }
    let id = body["payment_id"].as_str().unwrap_or_default().to_owned();
    match book.payments.get(&id) {
        Some(p) if p["status"] == "succeeded" && p["amount"] == body["amount"] => {}
        Some(_) => return error(StatusCode::BAD_REQUEST, "invalid_request"),
        None => return error(StatusCode::NOT_FOUND, "not_found"),
    }
    let refund = json!({
        "id": format!("2f8b{:04x}-0015-5000-9000-1a1c3a1a2b3c", book.refunds.len() + 1),
        "payment_id": id,
        "status": "succeeded",
        "amount": body["amount"],
    });
    book.refunds.push(json!({"key": key, "refund": refund}));
    (StatusCode::OK, Json(refund))
}

impl FakeYooKassa {
    /// Starts the fake for shop `shop_id` with `secret_key`.
    pub async fn start(shop_id: &str, secret_key: &str) -> Self {
        let auth = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{shop_id}:{secret_key}"))
        );
        let book = Arc::new(Mutex::new(Book {
            auth,
            payments: HashMap::new(),
            by_key: HashMap::new(),
            refunds: Vec::new(),
            next: 0,
        }));
        let app = Router::new()
            .route("/v3/payments", post(create))
            .route("/v3/payments/{id}", get(fetch))
            .route("/v3/refunds", post(refund))
            .with_state(book.clone());
        Self {
            base: retry::serve(app).await,
            book,
            client: reqwest::Client::new(),
        }
    }

    /// The base URL to give the adapter as `api_url`.
    pub fn api_url(&self) -> String {
        self.base.clone()
    }

    /// YooKassa's payment id behind a confirmation URL.
    pub fn id_of(confirmation_url: &str) -> String {
        confirmation_url
            .rsplit_once("orderId=")
            .map(|(_, id)| id.to_owned())
            .unwrap_or_default()
    }

    fn update(&self, id: &str, change: impl FnOnce(&mut Value)) {
        let mut book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        change(book.payments.get_mut(id).expect("a payment the fake made"));
    }

    /// The payer paid: `succeeded`, `paid: true`.
    pub fn pay(&self, id: &str) {
        self.update(id, |p| {
            p["status"] = json!("succeeded");
            p["paid"] = json!(true);
            p["refundable"] = json!(true);
        });
    }

    /// The payer paid, but YooKassa collected `value` `currency` (another amount or currency
    /// than was created).
    pub fn collect(&self, id: &str, value: &str, currency: &str) {
        self.pay(id);
        self.update(id, |p| p["amount"] = json!({"value": value, "currency": currency}));
    }

    /// The payment was cancelled.
    pub fn cancel(&self, id: &str) {
        self.update(id, |p| {
            p["status"] = json!("canceled");
            p["cancellation_details"] = json!({"party": "yoo_money", "reason": "expired_on_confirmation"});
        });
    }

    /// The notification YooKassa sends for `event` with the payment's current state.
    pub fn notification(&self, id: &str, event: &str) -> Value {
        let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        json!({"type": "notification", "event": event, "object": book.payments[id].clone()})
    }

    /// Refunds made, each once however many times it was asked.
    pub fn refunds(&self) -> Vec<Value> {
        let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        book.refunds.iter().map(|r| r["refund"].clone()).collect()
    }

    /// Posts `notification` to the shop's notification URL `url` until it answers `200`.
    pub async fn deliver(&self, url: &str, notification: &Value) -> Delivery {
        retry::deliver(
            &self.client,
            url,
            "application/json",
            &[],
            &notification.to_string(),
            |s| s == 200,
        )
        .await
    }
}
