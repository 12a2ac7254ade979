//! Zarinpal (REST API v4): `request.json` creates the payment and returns an `authority`, the
//! payer is sent to `StartPay/<authority>`, and the browser comes back to our callback with
//! `Authority` and `Status`. Neither is proof: the payment is true only when **our** call to
//! `verify.json` with the amount we stored says `100` (verified now) or `101` (verified
//! before: a replay). Our payment id rides in the callback URL; the authority stored at
//! creation must match the one that comes back (the domain checks it).

use std::time::Duration;

use async_trait::async_trait;
use kernel::Currency;
use payments::{
    CallbackReply, CallbackRequest, Charge, Checkout, GatewayError, Payment, PaymentGateway, PaymentId, PaymentRequest,
    Provider, Rate, RemoteStatus, VerifiedCallback,
};
use serde::Deserialize;
use serde_json::json;

use crate::config::{ConfigError, ZarinpalConfig, currency, required};
use crate::form;

/// Zarinpal's production host.
pub const API_URL: &str = "https://payment.zarinpal.com";
/// Zarinpal's sandbox host.
pub const SANDBOX_URL: &str = "https://sandbox.zarinpal.com";
/// `data.code` of a payment verified by this call.
pub const VERIFIED: i64 = 100;
/// `data.code` of a payment verified before (a replay: nothing new to credit).
pub const ALREADY_VERIFIED: i64 = 101;

/// The Zarinpal adapter.
#[derive(Debug)]
pub struct Zarinpal {
    config: ZarinpalConfig,
    api: String,
    callback_url: String,
    currency: Currency,
    rate: Rate,
    client: reqwest::Client,
}

/// What `verify.json` said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// `100` or `101`: paid (with Zarinpal's reference number).
    Paid {
        /// `ref_id`, shown to the payer.
        ref_id: i64,
        /// `101`: it was verified before.
        replay: bool,
    },
    /// Any other code: not paid (yet, or at all).
    NotPaid(i64),
}

#[derive(Deserialize)]
struct Envelope {
    data: serde_json::Value,
    #[serde(default)]
    errors: serde_json::Value,
}

impl Envelope {
    fn code(&self) -> Option<i64> {
        self.data
            .get("code")
            .and_then(serde_json::Value::as_i64)
            .or_else(|| self.errors.get("code").and_then(serde_json::Value::as_i64))
    }
}

impl Zarinpal {
    /// Checks the settings; `callback_url` is where Zarinpal sends the payer back
    /// (`<public_url>/pay/zarinpal/callback`).
    pub fn new(config: ZarinpalConfig, callback_url: Option<String>) -> Result<Self, ConfigError> {
        required("zarinpal", "merchant_id", &config.merchant_id)?;
        let callback_url = callback_url.ok_or(ConfigError::Missing {
            provider: "zarinpal",
            key: "public_url (under [payments])",
        })?;
        let currency = currency("zarinpal", &config.currency)?;
        if !matches!(currency.code(), "IRT" | "IRR") {
            return Err(ConfigError::Invalid {
                provider: "zarinpal",
                key: "currency",
                why: "Zarinpal charges in IRR (rial) or IRT (toman)".into(),
            });
        }
        let rate = config.rate.rate("zarinpal")?;
        let api = match (&config.api_url, config.sandbox) {
            (Some(url), _) => url.trim_end_matches('/').to_owned(),
            (None, true) => SANDBOX_URL.to_owned(),
            (None, false) => API_URL.to_owned(),
        };
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| ConfigError::Invalid {
                provider: "zarinpal",
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

    async fn post(&self, path: &str, body: serde_json::Value) -> Result<Envelope, GatewayError> {
        let response = self
            .client
            .post(format!("{}{path}", self.api))
            .json(&body)
            .send()
            .await
            .map_err(|e| GatewayError::Unavailable(e.without_url().to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| GatewayError::Unavailable(e.without_url().to_string()))?;
        serde_json::from_str(&text)
            .map_err(|_| GatewayError::Unavailable(format!("Zarinpal answered {status} with an unreadable body")))
    }

    /// Asks Zarinpal whether `authority` was paid `amount` (our stored charge).
    pub async fn verify_authority(&self, authority: &str, amount: i64) -> Result<Verification, GatewayError> {
        let envelope = self
            .post(
                "/pg/v4/payment/verify.json",
                json!({"merchant_id": self.config.merchant_id, "amount": amount, "authority": authority}),
            )
            .await?;
        match envelope.code() {
            Some(code @ (VERIFIED | ALREADY_VERIFIED)) => Ok(Verification::Paid {
                ref_id: envelope
                    .data
                    .get("ref_id")
                    .and_then(serde_json::Value::as_i64)
                    .unwrap_or_default(),
                replay: code == ALREADY_VERIFIED,
            }),
            Some(code) => Ok(Verification::NotPaid(code)),
            None => Err(GatewayError::Unavailable("Zarinpal's answer has no code".into())),
        }
    }

    /// Our callback for `payment` of `amount`: Zarinpal appends `Authority` and `Status`.
    /// The amount is only what our verify call asks about; the domain compares what it
    /// confirms with the stored charge.
    fn callback_for(&self, payment: PaymentId, amount: i64) -> String {
        match url::Url::parse(&self.callback_url) {
            Ok(mut url) => {
                url.query_pairs_mut()
                    .append_pair("payment", &payment.to_string())
                    .append_pair("amount", &amount.to_string());
                url.into()
            }
            Err(_) => format!("{}?payment={payment}&amount={amount}", self.callback_url),
        }
    }
}

#[async_trait]
impl PaymentGateway for Zarinpal {
    fn provider(&self) -> Provider {
        Provider::Zarinpal
    }

    fn pricing(&self) -> (Currency, Rate) {
        (self.currency, self.rate)
    }

    async fn create(&self, request: &PaymentRequest) -> Result<Checkout, GatewayError> {
        let envelope = self
            .post(
                "/pg/v4/payment/request.json",
                json!({
                    "merchant_id": self.config.merchant_id,
                    "amount": request.charge.minor(),
                    "currency": self.currency.code(),
                    "description": request.description,
                    "callback_url": self.callback_for(request.payment, request.charge.minor()),
                    "metadata": {"order_id": request.payment.to_string()},
                }),
            )
            .await?;
        let authority = envelope
            .data
            .get("authority")
            .and_then(serde_json::Value::as_str)
            .filter(|_| envelope.code() == Some(VERIFIED))
            .ok_or_else(|| {
                GatewayError::Unavailable(format!("Zarinpal refused the payment (code {:?})", envelope.code()))
            })?;
        Ok(Checkout {
            pay_url: format!("{}/pg/StartPay/{authority}", self.api),
            provider_ref: Some(authority.to_owned()),
        })
    }

    async fn verify(&self, call: &CallbackRequest) -> Result<VerifiedCallback, GatewayError> {
        // The browser's `Status` is a claim, never proof: only our verify call decides.
        let fields = form::fields(call);
        let field = |name: &str| form::get(&fields, name).ok_or_else(|| GatewayError::Malformed(format!("no {name}")));
        let payment = PaymentId::parse(field("payment")?).ok_or_else(|| GatewayError::Malformed("payment".into()))?;
        let authority = field("Authority")?;
        if authority.is_empty() || authority.len() > 64 || !authority.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(GatewayError::Malformed("Authority".into()));
        }
        let amount = form::get(&fields, "amount").and_then(|a| a.parse::<i64>().ok());
        let Some(amount) = amount else {
            return Err(GatewayError::Malformed("the callback URL has no amount".into()));
        };
        match self.verify_authority(authority, amount).await? {
            Verification::Paid { .. } => Ok(VerifiedCallback::Paid {
                payment,
                provider_ref: authority.to_owned(),
                charge: Charge::new(amount, self.currency).map_err(|e| GatewayError::Malformed(e.to_string()))?,
            }),
            Verification::NotPaid(code) => Err(GatewayError::Unverified(format!("Zarinpal's verify answered {code}"))),
        }
    }

    fn ack(&self, _callback: &VerifiedCallback) -> CallbackReply {
        CallbackReply::ok("Payment received. You can go back to Telegram now.\n")
    }

    async fn fetch_status(&self, payment: &Payment) -> Result<RemoteStatus, GatewayError> {
        let Some(authority) = payment.provider_ref.as_deref() else {
            return Ok(RemoteStatus::Unknown);
        };
        match self.verify_authority(authority, payment.charge.minor()).await? {
            Verification::Paid { .. } => Ok(RemoteStatus::Paid(VerifiedCallback::Paid {
                payment: payment.id,
                provider_ref: authority.to_owned(),
                charge: payment.charge,
            })),
            Verification::NotPaid(_) => Ok(RemoteStatus::Pending),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(currency: &str) -> ZarinpalConfig {
        ZarinpalConfig {
            enabled: true,
            merchant_id: "2f1b7c1e-0d7a-4c9e-9a0b-6f5d3c2b1a00".into(),
            sandbox: true,
            currency: currency.into(),
            rate: crate::RateConfig::default(),
            api_url: None,
        }
    }

    #[test]
    fn settings_are_checked() {
        let callback = Some("https://bot.example/pay/zarinpal/callback".to_owned());
        let gw = Zarinpal::new(config("IRR"), callback.clone()).unwrap();
        assert_eq!(gw.api, SANDBOX_URL);
        assert_eq!(
            gw.callback_for(PaymentId::new(7), 50_000),
            "https://bot.example/pay/zarinpal/callback?payment=7&amount=50000"
        );
        assert!(matches!(
            Zarinpal::new(config("RUB"), callback.clone()),
            Err(ConfigError::Invalid { key: "currency", .. })
        ));
        assert!(matches!(
            Zarinpal::new(config("IRT"), None),
            Err(ConfigError::Missing { .. })
        ));
        let mut no_merchant = config("IRT");
        no_merchant.merchant_id = " ".into();
        assert!(matches!(
            Zarinpal::new(no_merchant, callback),
            Err(ConfigError::Missing { key: "merchant_id", .. })
        ));
        assert!(
            !format!("{:?}", config("IRT")).contains("2f1b7c1e"),
            "Debug hides the merchant id"
        );
    }

    #[tokio::test]
    async fn a_callback_without_our_fields_is_refused_before_zarinpal_is_asked() {
        let gw = Zarinpal::new(config("IRT"), Some("https://bot.example/cb".into())).unwrap();
        for query in [
            "Authority=A0001&Status=OK",
            "payment=7&amount=5&Status=OK",
            "payment=7&amount=5&Authority=A%20B&Status=OK",
            "payment=x&amount=5&Authority=A0001&Status=OK",
            "payment=7&Authority=A0001&Status=OK",
        ] {
            let call = CallbackRequest {
                method: "GET".into(),
                query: query.into(),
                ..CallbackRequest::default()
            };
            assert!(
                matches!(gw.verify(&call).await, Err(GatewayError::Malformed(_))),
                "{query}"
            );
        }
    }
}
