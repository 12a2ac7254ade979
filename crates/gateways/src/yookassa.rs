//! YooKassa (API v3): `POST /v3/payments` (HTTP Basic shopId:secret, `Idempotence-Key`,
//! `capture: true`, redirect confirmation) and HTTP notifications, which carry **no
//! signature**: a notification is taken only from YooKassa's networks and only as a hint —
//! the payment is re-fetched with `GET /v3/payments/{id}` and only that answer is believed
//! (`succeeded` with `paid: true` is paid, `canceled` failed). Our payment id travels in
//! `metadata.payment_id`; YooKassa's payment id is the reference. Refunds are
//! `POST /v3/refunds` under an idempotence key per payment, so asking twice refunds once.

use async_trait::async_trait;
use base64::Engine as _;
use kernel::Currency;
use payments::{
    CallbackReply, CallbackRequest, Charge, Checkout, GatewayError, Payment, PaymentGateway, PaymentId, PaymentRequest,
    Provider, Rate, RemoteStatus, VerifiedCallback,
};
use serde_json::{Value, json};

use crate::config::{ConfigError, YooKassaConfig, api_base, client, currency, required};
use crate::net::Network;

/// YooKassa's API base.
pub const API_URL: &str = "https://api.yookassa.ru";

/// The YooKassa adapter.
#[derive(Debug)]
pub struct YooKassa {
    config: YooKassaConfig,
    api: String,
    networks: Vec<Network>,
    currency: Currency,
    rate: Rate,
    client: reqwest::Client,
}

/// `Authorization: Basic base64(shop_id:secret_key)`.
pub fn basic_auth(shop_id: &str, secret_key: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{shop_id}:{secret_key}"))
    )
}

/// A YooKassa id as it may appear in a URL path (letters, digits, `-`, `_`).
fn safe_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn unavailable(e: reqwest::Error) -> GatewayError {
    GatewayError::Unavailable(e.without_url().to_string())
}

impl YooKassa {
    /// Checks the settings.
    pub fn new(config: YooKassaConfig) -> Result<Self, ConfigError> {
        required("yookassa", "shop_id", &config.shop_id)?;
        required("yookassa", "secret_key", &config.secret_key)?;
        required("yookassa", "return_url", &config.return_url)?;
        let networks = config
            .allowed_networks
            .iter()
            .map(|n| {
                Network::parse(n).ok_or_else(|| ConfigError::Invalid {
                    provider: "yookassa",
                    key: "allowed_networks",
                    why: format!("{n:?} is not an address or a network"),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            currency: currency("yookassa", &config.currency)?,
            rate: config.rate.rate("yookassa")?,
            api: api_base(config.api_url.as_deref(), API_URL),
            client: client("yookassa")?,
            networks,
            config,
        })
    }

    fn auth(&self) -> String {
        basic_auth(&self.config.shop_id, &self.config.secret_key)
    }

    /// `GET /v3/payments/{id}`: `None` when YooKassa does not know it.
    async fn payment(&self, id: &str) -> Result<Option<Value>, GatewayError> {
        if !safe_id(id) {
            return Ok(None);
        }
        let response = self
            .client
            .get(format!("{}/v3/payments/{id}", self.api))
            .header("authorization", self.auth())
            .send()
            .await
            .map_err(unavailable)?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !status.is_success() {
            return Err(GatewayError::Unavailable(format!("YooKassa answered {status}")));
        }
        response.json().await.map(Some).map_err(unavailable)
    }

    /// What YooKassa's own answer about a payment means.
    fn read(&self, api: &Value) -> Result<(RemoteStatus, VerifiedCallback), GatewayError> {
        let reference = api["id"]
            .as_str()
            .ok_or_else(|| GatewayError::Malformed("payment without id".into()))?
            .to_owned();
        let payment = api["metadata"]["payment_id"]
            .as_str()
            .and_then(PaymentId::parse)
            .ok_or_else(|| GatewayError::Unverified("the payment is not one of ours".into()))?;
        match (api["status"].as_str(), api["paid"].as_bool()) {
            (Some("succeeded"), Some(true)) => {
                let currency = api["amount"]["currency"]
                    .as_str()
                    .and_then(|c| Currency::from_code(c).ok())
                    .ok_or_else(|| GatewayError::Malformed("amount.currency".into()))?;
                let value = api["amount"]["value"]
                    .as_str()
                    .ok_or_else(|| GatewayError::Malformed("amount.value".into()))?;
                let charge =
                    Charge::parse_decimal(value, currency).map_err(|e| GatewayError::Malformed(e.to_string()))?;
                let paid = VerifiedCallback::Paid {
                    payment,
                    provider_ref: reference,
                    charge,
                };
                Ok((RemoteStatus::Paid(paid.clone()), paid))
            }
            (Some("canceled"), _) => Ok((
                RemoteStatus::Failed,
                VerifiedCallback::Failed {
                    payment,
                    provider_ref: reference,
                },
            )),
            _ => Ok((RemoteStatus::Pending, VerifiedCallback::Ignored)),
        }
    }
}

#[async_trait]
impl PaymentGateway for YooKassa {
    fn provider(&self) -> Provider {
        Provider::YooKassa
    }

    fn pricing(&self) -> (Currency, Rate) {
        (self.currency, self.rate)
    }

    async fn create(&self, request: &PaymentRequest) -> Result<Checkout, GatewayError> {
        let response = self
            .client
            .post(format!("{}/v3/payments", self.api))
            .header("authorization", self.auth())
            .header("idempotence-key", format!("moonvpn-payment-{}", request.payment))
            .json(&json!({
                "amount": {"value": request.charge.decimal(), "currency": self.currency.code()},
                "capture": true,
                "confirmation": {"type": "redirect", "return_url": self.config.return_url},
                "description": request.description.chars().take(128).collect::<String>(),
                "metadata": {"payment_id": request.payment.to_string()},
            }))
            .send()
            .await
            .map_err(unavailable)?;
        let status = response.status();
        let body: Value = response.json().await.map_err(unavailable)?;
        let (Some(id), Some(url)) = (
            body["id"].as_str().filter(|_| status.is_success()),
            body["confirmation"]["confirmation_url"].as_str(),
        ) else {
            return Err(GatewayError::Unavailable(format!(
                "YooKassa answered {status} without a confirmation URL"
            )));
        };
        Ok(Checkout {
            pay_url: url.to_owned(),
            provider_ref: Some(id.to_owned()),
        })
    }

    async fn verify(&self, call: &CallbackRequest) -> Result<VerifiedCallback, GatewayError> {
        if !self.networks.is_empty() {
            let trusted = call
                .remote_ip
                .is_some_and(|ip| self.networks.iter().any(|n| n.contains(ip)));
            if !trusted {
                return Err(GatewayError::Unverified("not from YooKassa's networks".into()));
            }
        }
        let body: Value = serde_json::from_slice(&call.body).map_err(|_| GatewayError::Malformed("not JSON".into()))?;
        if body["type"].as_str() != Some("notification") {
            return Err(GatewayError::Malformed("not a notification".into()));
        }
        let event = body["event"]
            .as_str()
            .ok_or_else(|| GatewayError::Malformed("no event".into()))?;
        if !event.starts_with("payment.") {
            // refund.succeeded and others: refunds are started here and need no callback.
            return Ok(VerifiedCallback::Ignored);
        }
        let id = body["object"]["id"]
            .as_str()
            .ok_or_else(|| GatewayError::Malformed("no object.id".into()))?;
        // The notification is only a hint: YooKassa's own answer decides.
        let api = self
            .payment(id)
            .await?
            .ok_or_else(|| GatewayError::Unverified("YooKassa does not know this payment".into()))?;
        Ok(self.read(&api)?.1)
    }

    fn ack(&self, _callback: &VerifiedCallback) -> CallbackReply {
        CallbackReply::ok("")
    }

    async fn fetch_status(&self, payment: &Payment) -> Result<RemoteStatus, GatewayError> {
        let Some(reference) = payment.provider_ref.as_deref() else {
            return Ok(RemoteStatus::Unknown);
        };
        match self.payment(reference).await? {
            Some(api) => Ok(self.read(&api)?.0),
            None => Ok(RemoteStatus::Unknown),
        }
    }

    fn refunds(&self) -> bool {
        true
    }

    async fn refund(&self, payment: &Payment, _payer: kernel::TelegramId) -> Result<(), GatewayError> {
        let reference = payment
            .provider_ref
            .as_deref()
            .ok_or_else(|| GatewayError::Unavailable(format!("payment {} has no YooKassa id", payment.id)))?;
        let response = self
            .client
            .post(format!("{}/v3/refunds", self.api))
            .header("authorization", self.auth())
            .header("idempotence-key", format!("moonvpn-refund-{}", payment.id))
            .json(&json!({
                "payment_id": reference,
                "amount": {"value": payment.charge.decimal(), "currency": payment.charge.currency().code()},
                "description": format!("Refund of payment {}", payment.id),
            }))
            .send()
            .await
            .map_err(unavailable)?;
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        match body["status"].as_str() {
            Some("succeeded" | "pending") if status.is_success() => Ok(()),
            _ => Err(GatewayError::Unavailable(format!(
                "YooKassa refused the refund ({status}): {}",
                body["description"].as_str().unwrap_or("no reason given")
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_basic_auth_vector() {
        assert_eq!(basic_auth("123456", "test_secret"), "Basic MTIzNDU2OnRlc3Rfc2VjcmV0");
    }

    fn gateway() -> YooKassa {
        YooKassa::new(YooKassaConfig {
            enabled: true,
            shop_id: "123456".into(),
            secret_key: "test_secret".into(),
            return_url: "https://t.me/moon_bot".into(),
            currency: "RUB".into(),
            rate: crate::RateConfig::default(),
            allowed_networks: crate::config::YOOKASSA_NETWORKS
                .iter()
                .map(|n| (*n).to_owned())
                .collect(),
            // Nothing listens here: a call that reached the re-fetch would fail as unavailable.
            api_url: Some("http://127.0.0.1:9".into()),
        })
        .unwrap()
    }

    fn notification(from: &str) -> CallbackRequest {
        CallbackRequest {
            method: "POST".into(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: br#"{"type":"notification","event":"payment.succeeded","object":{"id":"22e12f66-000f-5000-8000-18db351245c7","status":"succeeded","paid":true,"amount":{"value":"50.00","currency":"RUB"},"metadata":{"payment_id":"1"}}}"#.to_vec(),
            remote_ip: from.parse().ok(),
            ..CallbackRequest::default()
        }
    }

    #[tokio::test]
    async fn a_notification_from_outside_yookassas_networks_is_refused_before_any_call() {
        let gw = gateway();
        assert!(matches!(
            gw.verify(&notification("8.8.8.8")).await,
            Err(GatewayError::Unverified(_))
        ));
        // From YooKassa's network, the body is not believed: the re-fetch is tried.
        assert!(matches!(
            gw.verify(&notification("185.71.76.5")).await,
            Err(GatewayError::Unavailable(_))
        ));
    }

    #[test]
    fn only_a_succeeded_and_paid_answer_is_paid() {
        let gw = gateway();
        let api = |status: &str, paid: bool| {
            json!({"id": "2d", "status": status, "paid": paid,
                   "amount": {"value": "50.00", "currency": "RUB"}, "metadata": {"payment_id": "7"}})
        };
        let rub = Currency::from_code("RUB").unwrap();
        assert_eq!(
            gw.read(&api("succeeded", true)).unwrap().1,
            VerifiedCallback::Paid {
                payment: PaymentId::new(7),
                provider_ref: "2d".into(),
                charge: Charge::new(5_000, rub).unwrap(),
            }
        );
        assert_eq!(gw.read(&api("succeeded", false)).unwrap().0, RemoteStatus::Pending);
        assert_eq!(
            gw.read(&api("waiting_for_capture", true)).unwrap().0,
            RemoteStatus::Pending
        );
        assert_eq!(gw.read(&api("canceled", false)).unwrap().0, RemoteStatus::Failed);
        assert!(matches!(
            gw.read(&json!({"id": "2d", "status": "succeeded", "paid": true})),
            Err(GatewayError::Unverified(_))
        ));
    }
}
