//! Cryptomus: `POST /v1/payment` (headers `merchant` and `sign = md5(base64(body) . key)`)
//! with our payment id as `order_id`; the webhook carries `sign` inside its JSON body:
//! without it, re-encoded exactly as PHP's `json_encode(…, JSON_UNESCAPED_UNICODE)` writes it
//! (see [`crate::php_json`]), `md5(base64(that) . payment_key)` must equal it. `paid` and
//! `paid_over` with `is_final` are paid (the invoice's `amount` in its `currency`);
//! `wrong_amount`, `fail`, `cancel`, `system_fail` failed; anything else is acknowledged.
//! Cryptomus' invoice `uuid` is the reference; status polling is `POST /v1/payment/info`.

use async_trait::async_trait;
use base64::Engine as _;
use kernel::Currency;
use payments::{
    CallbackReply, CallbackRequest, Charge, Checkout, GatewayError, Payment, PaymentGateway, PaymentId, PaymentRequest,
    Provider, Rate, RemoteStatus, VerifiedCallback,
};
use serde_json::{Value, json};

use crate::config::{ConfigError, CryptomusConfig, api_base, client, currency, required};
use crate::sign::{eq_ignore_case_ct, md5_hex};

/// Cryptomus' API host.
pub const API_URL: &str = "https://api.cryptomus.com";

/// The Cryptomus adapter.
#[derive(Debug)]
pub struct Cryptomus {
    config: CryptomusConfig,
    api: String,
    callback_url: String,
    currency: Currency,
    rate: Rate,
    client: reqwest::Client,
}

/// `md5(base64(body) . key)`: the request header `sign` and the webhook's `sign`.
pub fn sign(body: &str, key: &str) -> String {
    md5_hex(&format!(
        "{}{key}",
        base64::engine::general_purpose::STANDARD.encode(body)
    ))
}

/// Checks a webhook's raw body: the `sign` member against the rest re-encoded PHP-style.
pub fn verify_body(raw: &[u8], key: &str) -> Result<Value, GatewayError> {
    let text = std::str::from_utf8(raw).map_err(|_| GatewayError::Malformed("not UTF-8".into()))?;
    let (signed, given) = crate::php_json::without_member(text, "sign")
        .ok_or_else(|| GatewayError::Malformed("not a JSON object".into()))?;
    let given = given.ok_or_else(|| GatewayError::Unverified("no sign".into()))?;
    if !eq_ignore_case_ct(&sign(&signed, key), &given) {
        return Err(GatewayError::Unverified("sign does not match".into()));
    }
    serde_json::from_str(text).map_err(|_| GatewayError::Malformed("not JSON".into()))
}

fn unavailable(e: reqwest::Error) -> GatewayError {
    GatewayError::Unavailable(e.without_url().to_string())
}

/// What a webhook or an invoice's info says (`status` is `payment_status` in `payment/info`).
fn read(data: &Value) -> Result<(RemoteStatus, VerifiedCallback), GatewayError> {
    let payment = data["order_id"]
        .as_str()
        .and_then(PaymentId::parse)
        .ok_or_else(|| GatewayError::Malformed("order_id".into()))?;
    let reference = data["uuid"]
        .as_str()
        .ok_or_else(|| GatewayError::Malformed("uuid".into()))?
        .to_owned();
    let status = data["status"].as_str().or_else(|| data["payment_status"].as_str());
    let is_final = data["is_final"].as_bool().unwrap_or(false);
    match status {
        Some("paid" | "paid_over") if is_final => {
            let currency = data["currency"]
                .as_str()
                .and_then(|c| Currency::from_code(c).ok())
                .ok_or_else(|| GatewayError::Malformed("currency".into()))?;
            let amount = data["amount"]
                .as_str()
                .ok_or_else(|| GatewayError::Malformed("amount".into()))?;
            let charge = Charge::parse_decimal(amount, currency).map_err(|e| GatewayError::Malformed(e.to_string()))?;
            let paid = VerifiedCallback::Paid {
                payment,
                provider_ref: reference,
                charge,
            };
            Ok((RemoteStatus::Paid(paid.clone()), paid))
        }
        Some("wrong_amount" | "fail" | "cancel" | "system_fail") => Ok((
            RemoteStatus::Failed,
            VerifiedCallback::Failed {
                payment,
                provider_ref: reference,
            },
        )),
        _ => Ok((RemoteStatus::Pending, VerifiedCallback::Ignored)),
    }
}

impl Cryptomus {
    /// Checks the settings; `callback_url` is `<public_url>/pay/cryptomus/callback`.
    pub fn new(config: CryptomusConfig, callback_url: Option<String>) -> Result<Self, ConfigError> {
        required("cryptomus", "merchant", &config.merchant)?;
        required("cryptomus", "payment_key", &config.payment_key)?;
        let callback_url = callback_url.ok_or(ConfigError::Missing {
            provider: "cryptomus",
            key: "public_url (under [payments])",
        })?;
        Ok(Self {
            currency: currency("cryptomus", &config.currency)?,
            rate: config.rate.rate("cryptomus")?,
            api: api_base(config.api_url.as_deref(), API_URL),
            client: client("cryptomus")?,
            callback_url,
            config,
        })
    }

    /// A signed `POST` of `body` to `path`; the `result` of a `state: 0` answer.
    async fn call(&self, path: &str, body: &Value) -> Result<Value, GatewayError> {
        let text = body.to_string();
        let response = self
            .client
            .post(format!("{}{path}", self.api))
            .header("merchant", &self.config.merchant)
            .header("sign", sign(&text, &self.config.payment_key))
            .header("content-type", "application/json")
            .body(text)
            .send()
            .await
            .map_err(unavailable)?;
        let status = response.status();
        let answer: Value = response.json().await.map_err(unavailable)?;
        if !status.is_success() || answer["state"].as_i64() != Some(0) {
            return Err(GatewayError::Unavailable(format!(
                "Cryptomus answered {status}: {}",
                answer["message"].as_str().unwrap_or("no message")
            )));
        }
        Ok(answer["result"].clone())
    }
}

#[async_trait]
impl PaymentGateway for Cryptomus {
    fn provider(&self) -> Provider {
        Provider::Cryptomus
    }

    fn pricing(&self) -> (Currency, Rate) {
        (self.currency, self.rate)
    }

    async fn create(&self, request: &PaymentRequest) -> Result<Checkout, GatewayError> {
        // An order_id Cryptomus already has returns that invoice: creation is idempotent.
        let result = self
            .call(
                "/v1/payment",
                &json!({
                    "amount": request.charge.decimal(),
                    "currency": self.currency.code(),
                    "order_id": request.payment.to_string(),
                    "url_callback": self.callback_url,
                }),
            )
            .await?;
        let (Some(url), Some(uuid)) = (result["url"].as_str(), result["uuid"].as_str()) else {
            return Err(GatewayError::Unavailable(
                "Cryptomus answered without an invoice URL".into(),
            ));
        };
        Ok(Checkout {
            pay_url: url.to_owned(),
            provider_ref: Some(uuid.to_owned()),
        })
    }

    async fn verify(&self, call: &CallbackRequest) -> Result<VerifiedCallback, GatewayError> {
        if !self.config.allowed_ips.is_empty()
            && !call.remote_ip.is_some_and(|ip| self.config.allowed_ips.contains(&ip))
        {
            return Err(GatewayError::Unverified("not from an allowed address".into()));
        }
        let data = verify_body(&call.body, &self.config.payment_key)?;
        if data["type"].as_str() != Some("payment") {
            return Ok(VerifiedCallback::Ignored);
        }
        Ok(read(&data)?.1)
    }

    fn ack(&self, _callback: &VerifiedCallback) -> CallbackReply {
        CallbackReply::ok("OK")
    }

    async fn fetch_status(&self, payment: &Payment) -> Result<RemoteStatus, GatewayError> {
        let result = self
            .call("/v1/payment/info", &json!({"order_id": payment.id.to_string()}))
            .await?;
        Ok(read(&result)?.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHP_JSON: &str = r#"{"type":"payment","uuid":"62f88b36-a9d5-4fa6-aa5f-0a8fd6f4c2a4","order_id":"order-42","amount":"15.00","payment_amount":"15.00","payment_amount_usd":"15.00","merchant_amount":"14.70","commission":"0.30","is_final":true,"status":"paid","from":null,"wallet_address_uuid":null,"network":"tron","currency":"USD","payer_currency":"USDT","additional_data":"plan\/month","txid":"a1b2c3"}"#;

    #[test]
    fn documented_vectors() {
        assert_eq!(sign(PHP_JSON, "test_payment_key"), "ee382e55806bc16b12a6dae2f6305690");
        let request =
            r#"{"amount":"15.00","currency":"USD","order_id":"order-42","url_callback":"https:\/\/bot.example\/cm"}"#;
        assert_eq!(sign(request, "test_payment_key"), "088fdd588fc3c2c0fa35d3af0faa29d1");
        // The webhook as delivered: sign last, "/" unescaped and spaces as another encoder
        // may write them; re-encoded PHP-style it still verifies.
        let wire = PHP_JSON.replace("plan\\/month", "plan/month").replace(
            r#","txid":"a1b2c3"}"#,
            r#", "txid": "a1b2c3", "sign": "ee382e55806bc16b12a6dae2f6305690"}"#,
        );
        assert!(verify_body(wire.as_bytes(), "test_payment_key").is_ok());
        let altered = wire.replace("\"15.00\"", "\"1.00\"");
        assert!(matches!(
            verify_body(altered.as_bytes(), "test_payment_key"),
            Err(GatewayError::Unverified(_))
        ));
        assert!(matches!(
            verify_body(PHP_JSON.as_bytes(), "test_payment_key"),
            Err(GatewayError::Unverified(_))
        ));
        assert!(matches!(
            verify_body(wire.as_bytes(), "another_key"),
            Err(GatewayError::Unverified(_))
        ));
    }

    #[test]
    fn only_final_paid_is_paid() {
        let data = |status: &str, is_final: bool| {
            json!({"type": "payment", "uuid": "u-1", "order_id": "9", "amount": "15.00",
                   "currency": "USD", "status": status, "is_final": is_final})
        };
        assert!(matches!(read(&data("paid", true)).unwrap().0, RemoteStatus::Paid(_)));
        assert!(matches!(
            read(&data("paid_over", true)).unwrap().0,
            RemoteStatus::Paid(_)
        ));
        assert_eq!(read(&data("paid", false)).unwrap().0, RemoteStatus::Pending);
        assert_eq!(read(&data("check", false)).unwrap().0, RemoteStatus::Pending);
        assert_eq!(read(&data("wrong_amount", true)).unwrap().0, RemoteStatus::Failed);
        assert_eq!(read(&data("cancel", true)).unwrap().0, RemoteStatus::Failed);
    }
}
