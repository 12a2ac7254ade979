//! CoinGate (API v2): `POST /v2/orders` (form-encoded, `Authorization: Bearer <token>`)
//! with our payment id as `order_id` and a per-order callback `token` =
//! `hex(HMAC-SHA256(callback_secret, order_id))`. Callbacks (form-encoded or JSON) carry
//! **no signature**: the token must match (constant time), then the order is re-fetched
//! with `GET /v2/orders/{id}` and only that answer is believed (`paid` is paid; `invalid`,
//! `expired`, `canceled` failed). CoinGate's order id is the reference.

use async_trait::async_trait;
use hmac::{KeyInit, Mac};
use kernel::Currency;
use payments::{
    CallbackReply, CallbackRequest, Charge, Checkout, GatewayError, Payment, PaymentGateway, PaymentId, PaymentRequest,
    Provider, Rate, RemoteStatus, VerifiedCallback,
};
use serde_json::Value;

use crate::config::{CoinGateConfig, ConfigError, api_base, client, currency, required};
use crate::sign::{eq_ignore_case_ct, hex};

/// CoinGate's live API.
pub const API_URL: &str = "https://api.coingate.com";
/// CoinGate's sandbox API.
pub const SANDBOX_URL: &str = "https://api-sandbox.coingate.com";

/// The CoinGate adapter.
#[derive(Debug)]
pub struct CoinGate {
    config: CoinGateConfig,
    api: String,
    callback_url: String,
    currency: Currency,
    rate: Rate,
    client: reqwest::Client,
}

/// The callback token for `order_id`: `hex(HMAC-SHA256(secret, order_id))`.
pub fn callback_token(secret: &str, order_id: &str) -> String {
    let mut mac =
        hmac::Hmac::<sha2_hkdf::Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(order_id.as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn unavailable(e: reqwest::Error) -> GatewayError {
    GatewayError::Unavailable(e.without_url().to_string())
}

/// A JSON scalar as text (CoinGate sends ids and amounts as numbers or strings).
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl CoinGate {
    /// Checks the settings; `callback_url` is `<public_url>/pay/coingate/callback`.
    pub fn new(config: CoinGateConfig, callback_url: Option<String>) -> Result<Self, ConfigError> {
        required("coingate", "api_token", &config.api_token)?;
        required("coingate", "callback_secret", &config.callback_secret)?;
        required("coingate", "receive_currency", &config.receive_currency)?;
        let callback_url = callback_url.ok_or(ConfigError::Missing {
            provider: "coingate",
            key: "public_url (under [payments])",
        })?;
        let default = if config.sandbox { SANDBOX_URL } else { API_URL };
        Ok(Self {
            currency: currency("coingate", &config.currency)?,
            rate: config.rate.rate("coingate")?,
            api: api_base(config.api_url.as_deref(), default),
            client: client("coingate")?,
            callback_url,
            config,
        })
    }

    fn bearer(&self) -> String {
        format!("Bearer {}", self.config.api_token)
    }

    /// `GET /v2/orders/{id}`: `None` when CoinGate does not know it.
    async fn order(&self, id: &str) -> Result<Option<Value>, GatewayError> {
        if id.is_empty() || id.len() > 20 || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(None);
        }
        let response = self
            .client
            .get(format!("{}/v2/orders/{id}", self.api))
            .header("authorization", self.bearer())
            .send()
            .await
            .map_err(unavailable)?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !status.is_success() {
            return Err(GatewayError::Unavailable(format!("CoinGate answered {status}")));
        }
        response.json().await.map(Some).map_err(unavailable)
    }

    /// What CoinGate's own answer about an order means.
    fn read(api: &Value) -> Result<(RemoteStatus, VerifiedCallback), GatewayError> {
        let reference = text(&api["id"]).ok_or_else(|| GatewayError::Malformed("order without id".into()))?;
        let payment = text(&api["order_id"])
            .and_then(|o| PaymentId::parse(&o))
            .ok_or_else(|| GatewayError::Unverified("the order is not one of ours".into()))?;
        match api["status"].as_str() {
            Some("paid") => {
                let currency = api["price_currency"]
                    .as_str()
                    .and_then(|c| Currency::from_code(c).ok())
                    .ok_or_else(|| GatewayError::Malformed("price_currency".into()))?;
                let amount =
                    text(&api["price_amount"]).ok_or_else(|| GatewayError::Malformed("price_amount".into()))?;
                let charge =
                    Charge::parse_decimal(&amount, currency).map_err(|e| GatewayError::Malformed(e.to_string()))?;
                let paid = VerifiedCallback::Paid {
                    payment,
                    provider_ref: reference,
                    charge,
                };
                Ok((RemoteStatus::Paid(paid.clone()), paid))
            }
            Some("invalid" | "expired" | "canceled") => Ok((
                RemoteStatus::Failed,
                VerifiedCallback::Failed {
                    payment,
                    provider_ref: reference,
                },
            )),
            _ => Ok((RemoteStatus::Pending, VerifiedCallback::Ignored)),
        }
    }

    /// The callback's fields, from a form or a JSON body.
    fn callback_fields(call: &CallbackRequest) -> Result<(String, String, String), GatewayError> {
        let is_json = call
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json"));
        let get = |name: &str| -> Option<String> {
            if is_json {
                let body: Value = serde_json::from_slice(&call.body).ok()?;
                text(&body[name])
            } else {
                crate::form::get(&crate::form::fields(call), name).map(str::to_owned)
            }
        };
        let missing = |f: &str| GatewayError::Malformed(format!("no {f}"));
        Ok((
            get("id").ok_or_else(|| missing("id"))?,
            get("order_id").ok_or_else(|| missing("order_id"))?,
            get("token").ok_or_else(|| missing("token"))?,
        ))
    }
}

#[async_trait]
impl PaymentGateway for CoinGate {
    fn provider(&self) -> Provider {
        Provider::CoinGate
    }

    fn pricing(&self) -> (Currency, Rate) {
        (self.currency, self.rate)
    }

    async fn create(&self, request: &PaymentRequest) -> Result<Checkout, GatewayError> {
        let order_id = request.payment.to_string();
        let mut title: String = request.description.chars().take(150).collect();
        if title.chars().count() < 3 {
            title = format!("Payment {order_id}");
        }
        let form = [
            ("order_id", order_id.clone()),
            ("price_amount", request.charge.decimal()),
            ("price_currency", self.currency.code().to_owned()),
            ("receive_currency", self.config.receive_currency.clone()),
            ("title", title.clone()),
            ("description", title),
            ("callback_url", self.callback_url.clone()),
            ("token", callback_token(&self.config.callback_secret, &order_id)),
        ];
        let response = self
            .client
            .post(format!("{}/v2/orders", self.api))
            .header("authorization", self.bearer())
            .form(&form)
            .send()
            .await
            .map_err(unavailable)?;
        let status = response.status();
        let body: Value = response.json().await.map_err(unavailable)?;
        let (Some(id), Some(url)) = (
            text(&body["id"]).filter(|_| status.is_success()),
            body["payment_url"].as_str(),
        ) else {
            return Err(GatewayError::Unavailable(format!(
                "CoinGate answered {status} without a payment URL"
            )));
        };
        Ok(Checkout {
            pay_url: url.to_owned(),
            provider_ref: Some(id),
        })
    }

    async fn verify(&self, call: &CallbackRequest) -> Result<VerifiedCallback, GatewayError> {
        let (id, order_id, token) = Self::callback_fields(call)?;
        if !eq_ignore_case_ct(&callback_token(&self.config.callback_secret, &order_id), &token) {
            return Err(GatewayError::Unverified("token does not match the order".into()));
        }
        // The callback is only a hint: CoinGate's own answer decides.
        let api = self
            .order(&id)
            .await?
            .ok_or_else(|| GatewayError::Unverified("CoinGate does not know this order".into()))?;
        if text(&api["order_id"]).as_deref() != Some(order_id.as_str()) {
            return Err(GatewayError::Unverified("the order id differs from CoinGate's".into()));
        }
        Ok(Self::read(&api)?.1)
    }

    fn ack(&self, _callback: &VerifiedCallback) -> CallbackReply {
        CallbackReply::ok("OK")
    }

    async fn fetch_status(&self, payment: &Payment) -> Result<RemoteStatus, GatewayError> {
        let Some(reference) = payment.provider_ref.as_deref() else {
            return Ok(RemoteStatus::Unknown);
        };
        match self.order(reference).await? {
            Some(api) => Ok(Self::read(&api)?.0),
            None => Ok(RemoteStatus::Unknown),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_token_vector() {
        assert_eq!(
            callback_token("cg_callback_secret", "order-42"),
            "67148e0bd330786c87e3695bec5df354872c11866cf941f08c4d288cb4c40d88"
        );
    }

    fn gateway() -> CoinGate {
        CoinGate::new(
            CoinGateConfig {
                enabled: true,
                api_token: "test_api_token".into(),
                callback_secret: "cg_callback_secret".into(),
                sandbox: false,
                currency: "USD".into(),
                receive_currency: "DO_NOT_CONVERT".into(),
                rate: crate::RateConfig::default(),
                api_url: Some("http://127.0.0.1:9".into()),
            },
            Some("https://bot.example/pay/coingate/callback".into()),
        )
        .unwrap()
    }

    #[tokio::test]
    async fn a_callback_with_another_orders_token_is_refused_before_any_call() {
        let gw = gateway();
        let call = |token: &str| CallbackRequest {
            method: "POST".into(),
            headers: vec![("content-type".into(), "application/x-www-form-urlencoded".into())],
            body: format!("id=343&order_id=42&status=paid&price_amount=1.00&price_currency=USD&token={token}")
                .into_bytes(),
            ..CallbackRequest::default()
        };
        let other = callback_token("cg_callback_secret", "41");
        assert!(matches!(
            gw.verify(&call(&other)).await,
            Err(GatewayError::Unverified(_))
        ));
        // The right token only leads to the re-fetch (nothing listens: unavailable).
        let right = callback_token("cg_callback_secret", "42");
        assert!(matches!(
            gw.verify(&call(&right)).await,
            Err(GatewayError::Unavailable(_))
        ));
    }

    #[test]
    fn only_a_paid_order_is_paid() {
        let api = |status: &str| {
            serde_json::json!({"id": 343, "order_id": "42", "status": status,
                               "price_amount": "1.5", "price_currency": "USD"})
        };
        assert_eq!(
            CoinGate::read(&api("paid")).unwrap().1,
            VerifiedCallback::Paid {
                payment: PaymentId::new(42),
                provider_ref: "343".into(),
                charge: Charge::new(150, Currency::from_code("USD").unwrap()).unwrap(),
            }
        );
        assert_eq!(CoinGate::read(&api("confirming")).unwrap().0, RemoteStatus::Pending);
        assert_eq!(CoinGate::read(&api("expired")).unwrap().0, RemoteStatus::Failed);
    }
}
