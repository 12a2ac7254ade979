//! A fake Zarinpal (REST API v4, `payments.md` §7b) on `127.0.0.1:0`: `request.json` hands
//! out authorities, [`FakeZarinpal::pay`] plays the payer paying at `StartPay` and the
//! browser coming back to the shop's `callback_url` with `Authority` and `Status=OK`, and
//! `verify.json` answers `100` the first time a paid authority is verified with its amount,
//! `101` after that, `-50` for another amount, `-51` for an unpaid one and `-54` for an
//! authority it never issued.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};

#[derive(Debug, Clone)]
struct Issued {
    merchant_id: String,
    amount: i64,
    callback_url: String,
    paid: bool,
    verified: bool,
}

#[derive(Debug, Default)]
struct Book {
    issued: HashMap<String, Issued>,
    next: u64,
    verify_calls: u64,
}

/// The fake Zarinpal.
#[derive(Debug, Clone)]
pub struct FakeZarinpal {
    base: String,
    book: Arc<Mutex<Book>>,
    client: reqwest::Client,
}

fn failure(code: i64, message: &str) -> Json<Value> {
    Json(json!({"data": [], "errors": {"code": code, "message": message, "validations": []}}))
}

async fn request(State(book): State<Arc<Mutex<Book>>>, Json(body): Json<Value>) -> Json<Value> {
    let merchant_id = body["merchant_id"].as_str().unwrap_or_default().to_owned();
    let amount = body["amount"].as_i64().unwrap_or_default();
    let callback_url = body["callback_url"].as_str().unwrap_or_default().to_owned();
    if merchant_id.len() != 36 {
        return failure(-9, "The input params invalid, validation error.");
    }
    if amount < 1000 && body["currency"].as_str() != Some("IRT") {
        return failure(-9, "The amount must be at least 1000 rials.");
    }
    if callback_url.is_empty() || body["description"].as_str().unwrap_or_default().is_empty() {
        return failure(-9, "The input params invalid, validation error.");
    }
    let mut book = book.lock().unwrap_or_else(|p| p.into_inner());
    book.next += 1;
    let authority = format!("A{:035}", book.next);
    book.issued.insert(
        authority.clone(),
        Issued {
            merchant_id,
            amount,
            callback_url,
            paid: false,
            verified: false,
        },
    );
    Json(json!({
        "data": {"code": 100, "message": "Success", "authority": authority, "fee_type": "Merchant", "fee": 0},
        "errors": []
    }))
}

async fn verify(State(book): State<Arc<Mutex<Book>>>, Json(body): Json<Value>) -> Json<Value> {
    let mut book = book.lock().unwrap_or_else(|p| p.into_inner());
    book.verify_calls += 1;
    let authority = body["authority"].as_str().unwrap_or_default();
    let Some(issued) = book.issued.get_mut(authority) else {
        return failure(-54, "Invalid authority.");
    };
    if body["merchant_id"].as_str() != Some(issued.merchant_id.as_str()) {
        return failure(-9, "The input params invalid, validation error.");
    }
    if body["amount"].as_i64() != Some(issued.amount) {
        return failure(-50, "Session is not valid, amounts values is not the same.");
    }
    if !issued.paid {
        return failure(-51, "Session is not valid, session is not active paid try.");
    }
    let code = if issued.verified { 101 } else { 100 };
    issued.verified = true;
    Json(json!({
        "data": {
            "code": code,
            "message": if code == 100 { "Verified" } else { "Verified before" },
            "card_hash": "1EBE3EBEBE35C7EC0F8D6EE4F2F859107A87822CA179BC9528767EA7B5489B69",
            "card_pan": "502229******5995",
            "ref_id": 201,
            "fee_type": "Merchant",
            "fee": 0
        },
        "errors": []
    }))
}

impl FakeZarinpal {
    /// Starts the fake on a free loopback port.
    pub async fn start() -> Self {
        let book = Arc::new(Mutex::new(Book::default()));
        let app = Router::new()
            .route("/pg/v4/payment/request.json", post(request))
            .route("/pg/v4/payment/verify.json", post(verify))
            .with_state(book.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("an address");
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self {
            base: format!("http://{addr}"),
            book,
            client: reqwest::Client::new(),
        }
    }

    /// The base URL to give the adapter as `api_url`.
    pub fn api_url(&self) -> String {
        self.base.clone()
    }

    /// How many times the shop called `verify.json`.
    pub fn verify_calls(&self) -> u64 {
        self.book.lock().unwrap_or_else(|p| p.into_inner()).verify_calls
    }

    /// The authority in a `StartPay` link.
    pub fn authority_of(pay_url: &str) -> Option<String> {
        pay_url.rsplit_once("/pg/StartPay/").map(|(_, a)| a.to_owned())
    }

    /// The payer pays at `StartPay` (the money is taken), without coming back.
    pub fn pay_only(&self, authority: &str) -> bool {
        let mut book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        book.issued.get_mut(authority).map(|i| i.paid = true).is_some()
    }

    /// The browser comes back to the shop's callback with `Authority` and `Status`; the
    /// shop's answer (status, body).
    pub async fn come_back(&self, authority: &str, status: &str) -> (u16, String) {
        let callback = {
            let book = self.book.lock().unwrap_or_else(|p| p.into_inner());
            book.issued.get(authority).map(|i| i.callback_url.clone())
        };
        let Some(callback) = callback else {
            return (0, "unknown authority".into());
        };
        let mut url = url::Url::parse(&callback).expect("the shop's callback URL");
        url.query_pairs_mut()
            .append_pair("Authority", authority)
            .append_pair("Status", status);
        self.get(url.as_str()).await
    }

    /// A GET of `url` as the payer's browser.
    pub async fn get(&self, url: &str) -> (u16, String) {
        match self.client.get(url).send().await {
            Ok(r) => {
                let status = r.status().as_u16();
                (status, r.text().await.unwrap_or_default())
            }
            Err(e) => (0, e.to_string()),
        }
    }

    /// The payer pays the `StartPay` link and the browser comes back with `Status=OK`.
    pub async fn pay(&self, pay_url: &str) -> (u16, String) {
        let authority = Self::authority_of(pay_url).expect("a StartPay link");
        assert!(self.pay_only(&authority), "FakeZarinpal: {authority} was never issued");
        self.come_back(&authority, "OK").await
    }
}
