//! A fake CoinGate (`payments.md` §2) on `127.0.0.1:0`: `POST /v2/orders` (form-encoded,
//! `Authorization: Bearer <token>`) keeps the shop's `token` and `callback_url`, and
//! `GET /v2/orders/{id}` answers the order's current state. Callbacks are form-encoded with
//! **no signature**, only the order's token, as CoinGate sends them; they are repeated until
//! the shop answers `200` or `204`. A test decides what CoinGate "knows"
//! ([`FakeCoinGate::set_status`], [`FakeCoinGate::collect`]) and can change any callback
//! field on the way ([`FakeCoinGate::callback`] returns editable fields).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use super::callback::Delivery;
use super::retry;

#[derive(Debug, Clone)]
struct Order {
    id: u64,
    order_id: String,
    price_amount: String,
    price_currency: String,
    status: String,
    token: String,
    callback_url: String,
}

impl Order {
    fn json(&self) -> Value {
        json!({
            "id": self.id,
            "order_id": self.order_id,
            "status": self.status,
            "price_amount": self.price_amount,
            "price_currency": self.price_currency,
            "receive_currency": "USDT",
            "receive_amount": "",
            "pay_amount": "1.000512",
            "pay_currency": "USDT",
            "created_at": "2026-12-06T12:00:00+00:00",
            "payment_url": format!("https://pay.coingate.com/invoice/{}", self.id),
        })
    }
}

#[derive(Debug)]
struct Book {
    bearer: String,
    orders: HashMap<u64, Order>,
    next: u64,
}

type Shared = Arc<Mutex<Book>>;

/// The fake CoinGate.
#[derive(Debug, Clone)]
pub struct FakeCoinGate {
    base: String,
    book: Shared,
    client: reqwest::Client,
}

fn unauthorized() -> (StatusCode, Json<Value>) {
    (
        StatusCode::UNAUTHORIZED,
        Json(json!({"message": "Not found App by Access-Key", "reason": "BadAuthToken"})),
    )
}

async fn create(State(book): State<Shared>, headers: HeaderMap, body: Bytes) -> (StatusCode, Json<Value>) {
    let mut book = book.lock().unwrap_or_else(|p| p.into_inner());
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(book.bearer.as_str()) {
        return unauthorized();
    }
    let fields: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let field = |n: &str| fields.get(n).cloned();
    let (Some(order_id), Some(price_amount), Some(price_currency), Some(title), Some(callback_url)) = (
        field("order_id"),
        field("price_amount"),
        field("price_currency"),
        field("title"),
        field("callback_url"),
    ) else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"message": "Order is not valid", "reason": "OrderIsNotValid"})),
        );
    };
    if title.chars().count() < 3 || price_amount.parse::<f64>().is_err() {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"message": "Order is not valid", "reason": "OrderIsNotValid"})),
        );
    }
    book.next += 1;
    let order = Order {
        id: 2_000_000 + book.next,
        order_id,
        price_amount,
        price_currency,
        status: "new".to_owned(),
        token: field("token").unwrap_or_default(),
        callback_url,
    };
    let mut answer = order.json();
    answer["token"] = json!(order.token);
    book.orders.insert(order.id, order);
    (StatusCode::OK, Json(answer))
}

async fn fetch(State(book): State<Shared>, headers: HeaderMap, Path(id): Path<u64>) -> (StatusCode, Json<Value>) {
    let book = book.lock().unwrap_or_else(|p| p.into_inner());
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(book.bearer.as_str()) {
        return unauthorized();
    }
    match book.orders.get(&id) {
        Some(o) => (StatusCode::OK, Json(o.json())),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"message": "Order not found", "reason": "OrderNotFound"})),
        ),
    }
}

impl FakeCoinGate {
    /// Starts the fake for a shop with `api_token`.
    pub async fn start(api_token: &str) -> Self {
        let book = Arc::new(Mutex::new(Book {
            bearer: format!("Bearer {api_token}"),
            orders: HashMap::new(),
            next: 0,
        }));
        let app = Router::new()
            .route("/v2/orders", post(create))
            .route("/v2/orders/{id}", get(fetch))
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

    /// CoinGate's order id behind a payment URL.
    pub fn id_of(payment_url: &str) -> u64 {
        payment_url
            .rsplit('/')
            .next()
            .and_then(|id| id.parse().ok())
            .unwrap_or_default()
    }

    fn update(&self, id: u64, change: impl FnOnce(&mut Order)) {
        let mut book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        change(book.orders.get_mut(&id).expect("an order the fake made"));
    }

    /// The order moves to `status` (`pending`, `confirming`, `paid`, `expired`, …).
    pub fn set_status(&self, id: u64, status: &str) {
        self.update(id, |o| o.status = status.to_owned());
    }

    /// The order is paid, but CoinGate priced it `amount` `currency` (another amount or
    /// currency than was created).
    pub fn collect(&self, id: u64, amount: &str, currency: &str) {
        self.update(id, |o| {
            o.status = "paid".to_owned();
            o.price_amount = amount.to_owned();
            o.price_currency = currency.to_owned();
        });
    }

    /// The callback CoinGate sends now, form fields in CoinGate's order (editable).
    pub fn callback(&self, id: u64) -> Vec<(String, String)> {
        let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        let o = &book.orders[&id];
        [
            ("id", o.id.to_string()),
            ("order_id", o.order_id.clone()),
            ("status", o.status.clone()),
            ("pay_amount", "1.000512".to_owned()),
            ("pay_currency", "USDT".to_owned()),
            ("price_amount", o.price_amount.clone()),
            ("price_currency", o.price_currency.clone()),
            ("receive_currency", "USDT".to_owned()),
            ("receive_amount", String::new()),
            ("created_at", "2026-12-06T12:00:00+00:00".to_owned()),
            ("token", o.token.clone()),
            ("underpaid_amount", "0".to_owned()),
            ("overpaid_amount", "0".to_owned()),
            ("is_refundable", "false".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// Posts `fields` form-encoded to the order's `callback_url` until the shop answers
    /// `200` or `204`.
    pub async fn deliver(&self, fields: &[(String, String)]) -> Delivery {
        let id: u64 = fields
            .iter()
            .find(|(k, _)| k == "id")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or_default();
        let url = {
            let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
            book.orders[&id].callback_url.clone()
        };
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        retry::deliver(
            &self.client,
            &url,
            "application/x-www-form-urlencoded",
            &[],
            &body,
            |s| s == 200 || s == 204,
        )
        .await
    }
}
