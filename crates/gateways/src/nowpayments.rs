//! NOWPayments: a hosted invoice (`POST /v1/invoice` with `x-api-key`) and an IPN signed
//! `x-nowpayments-sig = hex(HMAC-SHA512(ipn_secret, body with keys sorted recursively,
//! compact, "/" unescaped))`. The body is re-emitted as NOWPayments' own JavaScript does
//! (integral numbers without `.0`), never trusted before the signature checks. Our payment
//! id is the `order_id`; NOWPayments' `payment_id` is the reference. `finished` is paid;
//! `failed`, `expired` and `refunded` are failed; anything else is acknowledged and ignored.

use std::time::Duration;

use async_trait::async_trait;
use hmac::{KeyInit, Mac};
use kernel::Currency;
use payments::{
    CallbackReply, CallbackRequest, Charge, Checkout, GatewayError, Payment, PaymentGateway, PaymentId, PaymentRequest,
    Provider, Rate, RemoteStatus, VerifiedCallback,
};
use serde_json::{Value, json};

use crate::config::{ConfigError, NowPaymentsConfig, currency, required};
use crate::sign::{eq_ignore_case_ct, hex};

/// NOWPayments' API host.
pub const API_URL: &str = "https://api.nowpayments.io";

/// The NOWPayments adapter.
#[derive(Debug)]
pub struct NowPayments {
    config: NowPaymentsConfig,
    api: String,
    callback_url: String,
    currency: Currency,
    rate: Rate,
    client: reqwest::Client,
}

/// `value` as NOWPayments signs it: keys sorted at every level, compact, integral numbers
/// without a fraction, strings with only the escapes JSON requires (`/` and non-ASCII raw).
pub fn sorted_json(value: &Value) -> String {
    let mut out = String::new();
    write_sorted(value, &mut out);
    out
}

fn write_sorted(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (n, key) in keys.into_iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_sorted(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_sorted(item, out);
            }
            out.push(']');
        }
        Value::Number(number) => match number.as_f64() {
            // JavaScript prints 15.0 as 15.
            Some(f) if number.is_f64() && f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                out.push_str(&format!("{f:.0}"));
            }
            _ => out.push_str(&number.to_string()),
        },
        other => out.push_str(&other.to_string()),
    }
}

/// `hex(HMAC-SHA512(secret, text))`.
pub fn signature(secret: &str, text: &str) -> String {
    let mut mac =
        hmac::Hmac::<sha2_hkdf::Sha512>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(text.as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn decimal_text(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

impl NowPayments {
    /// Checks the settings; `callback_url` is the IPN URL (`<public_url>/pay/nowpayments/callback`).
    pub fn new(config: NowPaymentsConfig, callback_url: Option<String>) -> Result<Self, ConfigError> {
        required("nowpayments", "api_key", &config.api_key)?;
        required("nowpayments", "ipn_secret", &config.ipn_secret)?;
        let callback_url = callback_url.ok_or(ConfigError::Missing {
            provider: "nowpayments",
            key: "public_url (under [payments])",
        })?;
        let currency = currency("nowpayments", &config.currency)?;
        let rate = config.rate.rate("nowpayments")?;
        let api = config
            .api_url
            .as_deref()
            .map_or_else(|| API_URL.to_owned(), |u| u.trim_end_matches('/').to_owned());
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| ConfigError::Invalid {
                provider: "nowpayments",
                key: "api_url",
                why: e.to_string(),
            })?;
        Ok(Self {
            config,
            api,
            callback_url,
            currency,
            rate,
            client,
        })
    }
}

#[async_trait]
impl PaymentGateway for NowPayments {
    fn provider(&self) -> Provider {
        Provider::NowPayments
    }

    fn pricing(&self) -> (Currency, Rate) {
        (self.currency, self.rate)
    }

    async fn create(&self, request: &PaymentRequest) -> Result<Checkout, GatewayError> {
        let amount: Value = serde_json::from_str(&request.charge.decimal())
            .map_err(|e| GatewayError::Unavailable(format!("amount: {e}")))?;
        let response = self
            .client
            .post(format!("{}/v1/invoice", self.api))
            .header("x-api-key", &self.config.api_key)
            .json(&json!({
                "price_amount": amount,
                "price_currency": self.currency.code().to_ascii_lowercase(),
                "order_id": request.payment.to_string(),
                "order_description": request.description,
                "ipn_callback_url": self.callback_url,
            }))
            .send()
            .await
            .map_err(|e| GatewayError::Unavailable(e.without_url().to_string()))?;
        let status = response.status();
        let body: Value = response
            .json()
            .await
            .map_err(|e| GatewayError::Unavailable(e.without_url().to_string()))?;
        let url = body
            .get("invoice_url")
            .and_then(Value::as_str)
            .filter(|_| status.is_success())
            .ok_or_else(|| GatewayError::Unavailable(format!("NOWPayments answered {status} without an invoice")))?;
        Ok(Checkout {
            pay_url: url.to_owned(),
            provider_ref: None,
        })
    }

    async fn verify(&self, call: &CallbackRequest) -> Result<VerifiedCallback, GatewayError> {
        let given = call
            .header("x-nowpayments-sig")
            .ok_or_else(|| GatewayError::Unverified("no x-nowpayments-sig".into()))?;
        let body: Value = serde_json::from_slice(&call.body).map_err(|_| GatewayError::Malformed("not JSON".into()))?;
        if !body.is_object() {
            return Err(GatewayError::Malformed("not a JSON object".into()));
        }
        let expected = signature(&self.config.ipn_secret, &sorted_json(&body));
        if !eq_ignore_case_ct(&expected, given) {
            return Err(GatewayError::Unverified("x-nowpayments-sig does not match".into()));
        }
        let text = |name: &str| body.get(name).and_then(decimal_text);
        let payment = text("order_id")
            .and_then(|o| PaymentId::parse(&o))
            .ok_or_else(|| GatewayError::Malformed("order_id".into()))?;
        let reference = text("payment_id").ok_or_else(|| GatewayError::Malformed("payment_id".into()))?;
        match body.get("payment_status").and_then(Value::as_str) {
            Some("finished") => {
                let currency = text("price_currency")
                    .and_then(|c| Currency::from_code(&c).ok())
                    .ok_or_else(|| GatewayError::Malformed("price_currency".into()))?;
                let amount = text("price_amount").ok_or_else(|| GatewayError::Malformed("price_amount".into()))?;
                let charge =
                    Charge::parse_decimal(&amount, currency).map_err(|e| GatewayError::Malformed(e.to_string()))?;
                Ok(VerifiedCallback::Paid {
                    payment,
                    provider_ref: reference,
                    charge,
                })
            }
            Some("failed" | "expired" | "refunded") => Ok(VerifiedCallback::Failed {
                payment,
                provider_ref: reference,
            }),
            _ => Ok(VerifiedCallback::Ignored),
        }
    }

    fn ack(&self, _callback: &VerifiedCallback) -> CallbackReply {
        CallbackReply::ok("OK")
    }

    async fn fetch_status(&self, _payment: &Payment) -> Result<RemoteStatus, GatewayError> {
        // The payment id NOWPayments status calls need arrives only with the first IPN.
        Err(GatewayError::Unsupported(Provider::NowPayments))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTORS: &str = include_str!("../tests/nowpayments_vector.json");

    #[test]
    fn documented_vector() {
        let v: Value = serde_json::from_str(VECTORS).unwrap();
        let body = &v["body"];
        assert_eq!(sorted_json(body), v["sorted_json"].as_str().unwrap());
        assert_eq!(
            signature("test_ipn_secret", &sorted_json(body)),
            v["x_nowpayments_sig"].as_str().unwrap()
        );
        let integral: Value = serde_json::from_str(r#"{"b":15.0,"a":"x/y","c":[1.5,{"z":1,"y":null}]}"#).unwrap();
        assert_eq!(
            sorted_json(&integral),
            r#"{"a":"x/y","b":15,"c":[1.5,{"y":null,"z":1}]}"#
        );
    }

    fn gateway() -> NowPayments {
        NowPayments::new(
            NowPaymentsConfig {
                enabled: true,
                api_key: "key".into(),
                ipn_secret: "test_ipn_secret".into(),
                currency: "USD".into(),
                rate: crate::RateConfig::default(),
                api_url: None,
            },
            Some("https://bot.example/pay/nowpayments/callback".into()),
        )
        .unwrap()
    }

    fn call(body: &str, sig: &str) -> CallbackRequest {
        CallbackRequest {
            method: "POST".into(),
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("x-nowpayments-sig".into(), sig.into()),
            ],
            body: body.as_bytes().to_vec(),
            ..CallbackRequest::default()
        }
    }

    #[tokio::test]
    async fn a_signed_ipn_is_read_and_a_forged_or_altered_one_refused() {
        let gw = gateway();
        let body = r#"{"payment_id":5077125051,"payment_status":"finished","price_amount":15.5,"price_currency":"usd","order_id":"42","pay_currency":"trx"}"#;
        let value: Value = serde_json::from_str(body).unwrap();
        let sig = signature("test_ipn_secret", &sorted_json(&value));
        let usd = Currency::from_code("USD").unwrap();
        assert_eq!(
            gw.verify(&call(body, &sig)).await.unwrap(),
            VerifiedCallback::Paid {
                payment: PaymentId::new(42),
                provider_ref: "5077125051".into(),
                charge: Charge::new(1_550, usd).unwrap(),
            }
        );
        let altered = body.replace("15.5", "1.5");
        assert!(matches!(
            gw.verify(&call(&altered, &sig)).await,
            Err(GatewayError::Unverified(_))
        ));
        assert!(matches!(
            gw.verify(&call(body, &"0".repeat(128))).await,
            Err(GatewayError::Unverified(_))
        ));
        let waiting = body.replace("finished", "waiting");
        let wsig = signature(
            "test_ipn_secret",
            &sorted_json(&serde_json::from_str(&waiting).unwrap()),
        );
        assert_eq!(
            gw.verify(&call(&waiting, &wsig)).await.unwrap(),
            VerifiedCallback::Ignored
        );
    }
}
