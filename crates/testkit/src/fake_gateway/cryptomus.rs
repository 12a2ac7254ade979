//! A fake Cryptomus (`payments.md` §5) on `127.0.0.1:0`: `POST /v1/payment` and
//! `POST /v1/payment/info`, both refusing a request whose `merchant` or
//! `sign = md5(base64(body) . key)` header is wrong; an existing `order_id` returns the same
//! invoice. [`FakeCryptomus::webhook`] writes the webhook body as Cryptomus' PHP does
//! (members in order, `/` escaped, `sign` = md5(base64(body without sign) . key) added last)
//! and [`FakeCryptomus::deliver`] posts it until the shop answers `200`. A test can re-sign
//! another amount or currency ([`FakeCryptomus::webhook_with`]) or break the sign.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine as _;
use md5::Digest as _;
use serde_json::{Value, json};

use super::callback::Delivery;
use super::retry;

#[derive(Debug, Clone)]
struct Invoice {
    uuid: String,
    order_id: String,
    amount: String,
    currency: String,
    status: String,
    url_callback: String,
}

impl Invoice {
    fn is_final(&self) -> bool {
        !matches!(
            self.status.as_str(),
            "check" | "process" | "confirm_check" | "wrong_amount_waiting"
        )
    }

    fn info(&self) -> Value {
        json!({
            "uuid": self.uuid,
            "order_id": self.order_id,
            "amount": self.amount,
            "currency": self.currency,
            "payment_status": self.status,
            "is_final": self.is_final(),
            "url": format!("https://pay.cryptomus.com/pay/{}", self.uuid),
            "expired_at": 1_765_036_800,
        })
    }
}

#[derive(Debug)]
struct Book {
    merchant: String,
    key: String,
    invoices: HashMap<String, Invoice>,
    next: u64,
}

type Shared = Arc<Mutex<Book>>;

/// The fake Cryptomus.
#[derive(Debug, Clone)]
pub struct FakeCryptomus {
    base: String,
    key: String,
    book: Shared,
    client: reqwest::Client,
}

/// `md5(base64(text) . key)`.
fn sign(text: &str, key: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    md5::Md5::digest(format!("{b64}{key}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A JSON string as PHP's `json_encode` writes it (`/` escaped).
fn php_string(text: &str) -> String {
    Value::String(text.to_owned()).to_string().replace('/', "\\/")
}

fn checked(book: &Book, headers: &HeaderMap, body: &Bytes) -> Result<Value, (StatusCode, Json<Value>)> {
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let text = std::str::from_utf8(body).unwrap_or_default();
    if header("merchant") != book.merchant || header("sign") != sign(text, &book.key) {
        return Err((
            StatusCode::UNAUTHORIZED,
            Json(json!({"state": 1, "message": "Invalid Sign"})),
        ));
    }
    serde_json::from_str(text).map_err(|_| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"state": 1, "message": "Invalid JSON"})),
        )
    })
}

async fn create(State(book): State<Shared>, headers: HeaderMap, body: Bytes) -> (StatusCode, Json<Value>) {
    let mut book = book.lock().unwrap_or_else(|p| p.into_inner());
    let data = match checked(&book, &headers, &body) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let (Some(amount), Some(currency), Some(order_id)) = (
        data["amount"].as_str(),
        data["currency"].as_str(),
        data["order_id"].as_str(),
    ) else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"state": 1, "errors": {"amount": ["validation.required"]}})),
        );
    };
    if let Some(existing) = book.invoices.values().find(|i| i.order_id == order_id) {
        return (StatusCode::OK, Json(json!({"state": 0, "result": existing.info()})));
    }
    book.next += 1;
    let invoice = Invoice {
        uuid: format!("62f88b36-a9d5-4fa6-aa5f-{:012x}", book.next),
        order_id: order_id.to_owned(),
        amount: amount.to_owned(),
        currency: currency.to_owned(),
        status: "check".to_owned(),
        url_callback: data["url_callback"].as_str().unwrap_or_default().to_owned(),
    };
    let answer = json!({"state": 0, "result": invoice.info()});
    book.invoices.insert(invoice.uuid.clone(), invoice);
    (StatusCode::OK, Json(answer))
}

async fn info(State(book): State<Shared>, headers: HeaderMap, body: Bytes) -> (StatusCode, Json<Value>) {
    let book = book.lock().unwrap_or_else(|p| p.into_inner());
    let data = match checked(&book, &headers, &body) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let found = book.invoices.values().find(|i| {
        data["uuid"].as_str() == Some(i.uuid.as_str()) || data["order_id"].as_str() == Some(i.order_id.as_str())
    });
    match found {
        Some(i) => (StatusCode::OK, Json(json!({"state": 0, "result": i.info()}))),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"state": 1, "message": "Payment not found"})),
        ),
    }
}

impl FakeCryptomus {
    /// Starts the fake for merchant `merchant` with payment API key `key`.
    pub async fn start(merchant: &str, key: &str) -> Self {
        let book = Arc::new(Mutex::new(Book {
            merchant: merchant.to_owned(),
            key: key.to_owned(),
            invoices: HashMap::new(),
            next: 0,
        }));
        let app = Router::new()
            .route("/v1/payment", post(create))
            .route("/v1/payment/info", post(info))
            .with_state(book.clone());
        Self {
            base: retry::serve(app).await,
            key: key.to_owned(),
            book,
            client: reqwest::Client::new(),
        }
    }

    /// The base URL to give the adapter as `api_url`.
    pub fn api_url(&self) -> String {
        self.base.clone()
    }

    /// The invoice uuid behind a pay URL.
    pub fn uuid_of(url: &str) -> String {
        url.rsplit('/').next().unwrap_or_default().to_owned()
    }

    /// The invoice moves to `status` (`paid`, `paid_over`, `wrong_amount`, `cancel`, …).
    pub fn set_status(&self, uuid: &str, status: &str) {
        let mut book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        book.invoices.get_mut(uuid).expect("an invoice the fake made").status = status.to_owned();
    }

    /// The webhook body for the invoice at `status` (which it moves to), signed.
    pub fn webhook(&self, uuid: &str, status: &str) -> String {
        self.set_status(uuid, status);
        let (amount, currency) = {
            let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
            let i = &book.invoices[uuid];
            (i.amount.clone(), i.currency.clone())
        };
        self.webhook_with(uuid, status, &amount, &currency)
    }

    /// Like [`Self::webhook`], but saying `amount` `currency`, signed with the real key.
    pub fn webhook_with(&self, uuid: &str, status: &str, amount: &str, currency: &str) -> String {
        let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        let i = &book.invoices[uuid];
        let is_final = !matches!(status, "check" | "process" | "confirm_check" | "wrong_amount_waiting");
        let members = [
            ("type", php_string("payment")),
            ("uuid", php_string(&i.uuid)),
            ("order_id", php_string(&i.order_id)),
            ("amount", php_string(amount)),
            ("payment_amount", php_string(amount)),
            ("payment_amount_usd", php_string(amount)),
            ("merchant_amount", php_string(amount)),
            ("commission", php_string("0.00")),
            ("is_final", is_final.to_string()),
            ("status", php_string(status)),
            ("from", "null".to_owned()),
            ("wallet_address_uuid", "null".to_owned()),
            ("network", php_string("tron")),
            ("currency", php_string(currency)),
            ("payer_currency", php_string("USDT")),
            ("additional_data", php_string("top-up/wallet")),
            ("txid", php_string("a1b2c3")),
        ];
        let inner: Vec<String> = members.iter().map(|(k, v)| format!("{}:{v}", php_string(k))).collect();
        let body = format!("{{{}}}", inner.join(","));
        let signature = sign(&body, &self.key);
        format!("{},\"sign\":\"{signature}\"}}", &body[..body.len() - 1])
    }

    /// `body` with its sign replaced by `sign` (forged).
    pub fn forge(body: &str, sign: &str) -> String {
        let cut = body.rfind(",\"sign\":").unwrap_or(body.len() - 1);
        format!("{},\"sign\":\"{sign}\"}}", &body[..cut])
    }

    /// Posts `body` to the invoice's `url_callback` until the shop answers `200`.
    pub async fn deliver(&self, body: &str) -> Delivery {
        let data: Value = serde_json::from_str(body).unwrap_or_default();
        let url = {
            let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
            data["uuid"]
                .as_str()
                .and_then(|u| book.invoices.get(u))
                .map(|i| i.url_callback.clone())
                .expect("an invoice the fake made")
        };
        retry::deliver(&self.client, &url, "application/json", &[], body, |s| s == 200).await
    }
}
