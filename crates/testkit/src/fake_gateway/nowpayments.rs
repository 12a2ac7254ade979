//! A fake NOWPayments (`payments.md` §6) on `127.0.0.1:0`: `POST /v1/invoice` (checks
//! `x-api-key`) hands out hosted invoices, and [`FakeNowPayments::ipn`] writes the IPN a paid
//! invoice produces, signed `x-nowpayments-sig = hex(HMAC-SHA512(ipn_secret, sorted JSON))`
//! and delivered with retries until the shop answers `200`. A test can change any field and
//! re-sign it (an authentic IPN saying something else) or send a forged signature.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use hmac::{KeyInit, Mac};
use serde_json::{Value, json};

use super::callback::Delivery;

#[derive(Debug, Clone)]
struct Invoice {
    order_id: String,
    price_amount: Value,
    price_currency: String,
    ipn_callback_url: String,
}

#[derive(Debug)]
struct Book {
    api_key: String,
    invoices: HashMap<String, Invoice>,
    next: u64,
}

/// The fake NOWPayments.
#[derive(Debug, Clone)]
pub struct FakeNowPayments {
    base: String,
    ipn_secret: String,
    book: Arc<Mutex<Book>>,
    client: reqwest::Client,
}

async fn create(
    State(book): State<Arc<Mutex<Book>>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let mut book = book.lock().unwrap_or_else(|p| p.into_inner());
    if headers.get("x-api-key").and_then(|v| v.to_str().ok()) != Some(book.api_key.as_str()) {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"status": false, "statusCode": 403, "code": "INVALID_API_KEY", "message": "Invalid api key"})),
        );
    }
    let (Some(order_id), Some(price_currency), Some(ipn)) = (
        body["order_id"].as_str(),
        body["price_currency"].as_str(),
        body["ipn_callback_url"].as_str(),
    ) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"status": false, "statusCode": 400, "code": "INVALID_REQUEST_PARAMS"})),
        );
    };
    if !body["price_amount"].is_number() {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"status": false, "statusCode": 400, "code": "INVALID_REQUEST_PARAMS"})),
        );
    }
    book.next += 1;
    let id = format!("{}", 4_500_000_000_u64 + book.next);
    book.invoices.insert(
        id.clone(),
        Invoice {
            order_id: order_id.to_owned(),
            price_amount: js_number(&body["price_amount"]),
            price_currency: price_currency.to_owned(),
            ipn_callback_url: ipn.to_owned(),
        },
    );
    (
        StatusCode::OK,
        Json(json!({
            "id": id,
            "order_id": order_id,
            "price_amount": body["price_amount"],
            "price_currency": price_currency,
            "invoice_url": format!("https://nowpayments.io/payment/?iid={id}"),
        })),
    )
}

/// A number as NOWPayments' JavaScript re-emits it: `50.0` becomes `50`.
fn js_number(value: &Value) -> Value {
    match value.as_f64() {
        Some(f) if value.is_f64() && f.fract() == 0.0 && f.abs() < 9e15 => json!(f as i64),
        _ => value.clone(),
    }
}

impl FakeNowPayments {
    /// Starts the fake for a shop with `api_key` and `ipn_secret`.
    pub async fn start(api_key: &str, ipn_secret: &str) -> Self {
        let book = Arc::new(Mutex::new(Book {
            api_key: api_key.to_owned(),
            invoices: HashMap::new(),
            next: 0,
        }));
        let app = Router::new()
            .route("/v1/invoice", post(create))
            .with_state(book.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("an address");
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self {
            base: format!("http://{addr}"),
            ipn_secret: ipn_secret.to_owned(),
            book,
            client: reqwest::Client::new(),
        }
    }

    /// The base URL to give the adapter as `api_url`.
    pub fn api_url(&self) -> String {
        self.base.clone()
    }

    /// The IPN body NOWPayments sends when the invoice behind `invoice_url` reaches
    /// `status` (`finished` when paid).
    pub fn ipn(&self, invoice_url: &str, status: &str) -> Value {
        let id = invoice_url
            .rsplit_once("iid=")
            .map(|(_, id)| id.to_owned())
            .unwrap_or_default();
        let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        let invoice = book.invoices.get(&id).expect("an invoice the fake made");
        json!({
            "payment_id": 5_077_125_051_u64 + book.next,
            "parent_payment_id": null,
            "invoice_id": id.parse::<u64>().unwrap_or_default(),
            "payment_status": status,
            "pay_address": "TNDFkiSmBQorNFacb3735q8MnT29sn8BLn",
            "payin_extra_id": null,
            "price_amount": invoice.price_amount,
            "price_currency": invoice.price_currency,
            "pay_amount": 165.652609,
            "actually_paid": 165.652609,
            "actually_paid_at_fiat": 0,
            "pay_currency": "trx",
            "order_id": invoice.order_id,
            "order_description": "Wallet top-up",
            "purchase_id": "5837122679",
            "outcome_amount": 1,
            "outcome_currency": "usdttrc20",
            "fee": {"currency": "trx", "depositFee": 0.09853637216235617, "withdrawalFee": 0, "serviceFee": 0}
        })
    }

    /// `hex(HMAC-SHA512(ipn_secret, body with keys sorted))` (serde_json's map is sorted).
    pub fn sign(&self, body: &Value) -> String {
        let mut mac = hmac::Hmac::<sha2_hkdf::Sha512>::new_from_slice(self.ipn_secret.as_bytes()).expect("any key");
        mac.update(body.to_string().as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Delivers `body` signed correctly to the invoice's IPN URL, retrying (3 tries, 20 ms
    /// apart) until the shop answers `200`.
    pub async fn deliver(&self, body: &Value) -> Delivery {
        let sig = self.sign(body);
        self.deliver_signed(body, &sig).await
    }

    /// Delivers `body` with the signature `sig` (forged when it is not [`Self::sign`]'s).
    pub async fn deliver_signed(&self, body: &Value, sig: &str) -> Delivery {
        let url = {
            let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
            let id = body["invoice_id"].to_string();
            book.invoices
                .get(&id)
                .map(|i| i.ipn_callback_url.clone())
                .expect("an invoice the fake made")
        };
        let mut delivery = Delivery::default();
        for attempt in 0..3 {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            let sent = self
                .client
                .post(&url)
                .header("x-nowpayments-sig", sig)
                .json(body)
                .send()
                .await;
            let answer = match sent {
                Ok(r) => {
                    let status = r.status().as_u16();
                    (status, r.text().await.unwrap_or_default())
                }
                Err(e) => (0, e.to_string()),
            };
            let ok = answer.0 == 200;
            delivery.answers.push(answer);
            if ok {
                delivery.acknowledged = true;
                break;
            }
        }
        delivery
    }
}
