//! Telegram Stars (`XTR`) as a payment provider behind [`payments::PaymentGateway`]: an
//! invoice link made with `createInvoiceLink` (one price, whole Stars, empty provider token),
//! a tamper-evident payload naming our payment (and the order it pays, if any), the
//! pre-checkout check and the `successful_payment` reading, and `refundStarPayment`.
//!
//! Stars need no webhook: Telegram delivers the payment as an update, authentic by
//! construction (polling, or the webhook's secret header). The payload is still signed
//! (`payments.md` §7: first 16 hex of HMAC-SHA256), so a payload we did not make is refused
//! before the database is asked.

use async_trait::async_trait;
use kernel::{Currency, DerivedKey, KeyPurpose, OrderId, Secret, TelegramId};
use payments::{
    CallbackReply, CallbackRequest, Charge, Checkout, GatewayError, Payment, PaymentGateway, PaymentId, PaymentRequest,
    Provider, Rate, RemoteStatus, VerifiedCallback,
};

use crate::api::{ApiError, BotApi};
use crate::callback::{constant_time_eq, hmac_sha256};

/// Longest invoice title Telegram accepts.
const TITLE_CHARS: usize = 32;

/// What a Stars payload names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StarsPayload {
    /// Our payment.
    pub payment: PaymentId,
    /// The order the payment tops up for, if any.
    pub order: Option<OrderId>,
}

/// The Telegram Stars provider.
#[derive(Clone)]
pub struct StarsGateway {
    api: BotApi,
    key: [u8; 32],
    rate: Rate,
}

impl std::fmt::Debug for StarsGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StarsGateway")
            .field("rate", &self.rate)
            .finish_non_exhaustive()
    }
}

/// The first 16 hex digits of HMAC-SHA256(`key`, `body`).
pub fn payload_tag(key: &[u8], body: &str) -> String {
    hmac_sha256(key, body.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl StarsGateway {
    /// Stars through `api`, payloads signed with a key derived from `secret_key`, `rate`
    /// Stars per sum of the shop's currency.
    pub fn new(api: BotApi, secret_key: &Secret, rate: Rate) -> Self {
        Self {
            api,
            key: *DerivedKey::derive(secret_key, KeyPurpose::StarsPayload).bytes(),
            rate,
        }
    }

    /// `p<payment>[-o<order>].<tag>`.
    pub fn payload(&self, payload: StarsPayload) -> String {
        let body = match payload.order {
            Some(order) => format!("p{}-o{order}", payload.payment),
            None => format!("p{}", payload.payment),
        };
        let tag = payload_tag(&self.key, &body);
        format!("{body}.{tag}")
    }

    /// Reads a payload this bot made; `None` for anything else (forged, another bot's).
    pub fn read_payload(&self, text: &str) -> Option<StarsPayload> {
        let (body, tag) = text.rsplit_once('.')?;
        if !constant_time_eq(payload_tag(&self.key, body).as_bytes(), tag.as_bytes()) {
            return None;
        }
        let rest = body.strip_prefix('p')?;
        let (payment, order) = match rest.split_once("-o") {
            Some((payment, order)) => (payment, Some(order)),
            None => (rest, None),
        };
        Some(StarsPayload {
            payment: PaymentId::parse(payment)?,
            order: match order {
                Some(o) => Some(OrderId::new(PaymentId::parse(o)?.get())),
                None => None,
            },
        })
    }

    /// What a `successful_payment` (or a pre-checkout query) says: our payment, Telegram's
    /// charge id as the reference, and the amount in the currency Telegram names.
    pub fn read_payment(
        &self,
        payload: &str,
        currency: &str,
        total_amount: u32,
        charge_id: &str,
    ) -> Result<(VerifiedCallback, StarsPayload), GatewayError> {
        let read = self
            .read_payload(payload)
            .ok_or_else(|| GatewayError::Unverified("a Stars payload this bot did not make".into()))?;
        let currency = Currency::from_code(currency).map_err(|e| GatewayError::Malformed(e.to_string()))?;
        let charge =
            Charge::new(i64::from(total_amount), currency).map_err(|e| GatewayError::Malformed(e.to_string()))?;
        Ok((
            VerifiedCallback::Paid {
                payment: read.payment,
                provider_ref: charge_id.to_owned(),
                charge,
            },
            read,
        ))
    }
}

fn xtr() -> Currency {
    Currency::from_code("XTR").expect("XTR is a supported currency")
}

#[async_trait]
impl PaymentGateway for StarsGateway {
    fn provider(&self) -> Provider {
        Provider::Stars
    }

    fn pricing(&self) -> (Currency, Rate) {
        (xtr(), self.rate)
    }

    async fn create(&self, request: &PaymentRequest) -> Result<Checkout, GatewayError> {
        let stars = u32::try_from(request.charge.minor())
            .map_err(|_| GatewayError::Unavailable("more Stars than one invoice can ask".into()))?;
        let title: String = request.description.chars().take(TITLE_CHARS).collect();
        let payload = self.payload(StarsPayload {
            payment: request.payment,
            order: request.order,
        });
        let link = self
            .api
            .create_stars_invoice_link(&title, &request.description, &payload, stars)
            .await
            .map_err(|e| GatewayError::Unavailable(e.to_string()))?;
        Ok(Checkout {
            pay_url: link,
            provider_ref: None,
        })
    }

    async fn verify(&self, _call: &CallbackRequest) -> Result<VerifiedCallback, GatewayError> {
        Err(GatewayError::Unverified(
            "Stars payments arrive as Telegram updates, never as webhooks".into(),
        ))
    }

    fn ack(&self, _callback: &VerifiedCallback) -> CallbackReply {
        CallbackReply::ok("")
    }

    async fn fetch_status(&self, _payment: &Payment) -> Result<RemoteStatus, GatewayError> {
        // Telegram delivers `successful_payment` itself; an unpaid invoice simply expires.
        Err(GatewayError::Unsupported(Provider::Stars))
    }

    fn refunds(&self) -> bool {
        true
    }

    async fn refund(&self, payment: &Payment, payer: TelegramId) -> Result<(), GatewayError> {
        let charge_id = payment
            .provider_ref
            .as_deref()
            .ok_or_else(|| GatewayError::Unavailable(format!("payment {} has no Telegram charge id", payment.id)))?;
        let user = u64::try_from(payer.get())
            .map_err(|_| GatewayError::Unavailable(format!("{payer} is not a user id Telegram refunds to")))?;
        match self.api.refund_star_payment(user, charge_id).await {
            Ok(()) => Ok(()),
            // Telegram's answer to a second refund of the same charge: it was given back.
            Err(ApiError::BadRequest(why)) if why.contains("CHARGE_ALREADY_REFUNDED") => Ok(()),
            Err(e) => Err(GatewayError::Unavailable(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gateway() -> StarsGateway {
        let api = BotApi::new("http://127.0.0.1:9", &Secret::new("1:x")).unwrap();
        StarsGateway::new(api, &Secret::new("k".repeat(32)), Rate::new(1000, 1).unwrap())
    }

    #[test]
    fn documented_vector() {
        assert_eq!(payload_tag(b"stars_payload_secret", "order-42"), "33805f038d0915fc");
    }

    #[test]
    fn payloads_round_trip_and_forgeries_are_refused() {
        let gw = gateway();
        for order in [None, Some(OrderId::new(9))] {
            let made = StarsPayload {
                payment: PaymentId::new(42),
                order,
            };
            let text = gw.payload(made);
            assert!(text.len() <= 128);
            assert_eq!(gw.read_payload(&text), Some(made));
        }
        let good = gw.payload(StarsPayload {
            payment: PaymentId::new(42),
            order: None,
        });
        let (_, tag) = good.rsplit_once('.').unwrap();
        assert_eq!(
            gw.read_payload(&format!("p43.{tag}")),
            None,
            "another payment, same tag"
        );
        assert_eq!(gw.read_payload("p42"), None);
        assert_eq!(gw.read_payload("p42.0000000000000000"), None);
        let other_bot = StarsGateway::new(
            BotApi::new("http://127.0.0.1:9", &Secret::new("1:x")).unwrap(),
            &Secret::new("z".repeat(32)),
            Rate::PAR,
        );
        assert_eq!(other_bot.read_payload(&good), None);
    }

    #[test]
    fn a_payment_is_read_in_the_currency_telegram_names() {
        let gw = gateway();
        let payload = gw.payload(StarsPayload {
            payment: PaymentId::new(5),
            order: None,
        });
        let (verified, _) = gw.read_payment(&payload, "XTR", 50, "stx1").unwrap();
        assert_eq!(
            verified,
            VerifiedCallback::Paid {
                payment: PaymentId::new(5),
                provider_ref: "stx1".into(),
                charge: Charge::new(50, xtr()).unwrap(),
            }
        );
        let (usd, _) = gw.read_payment(&payload, "USD", 50, "stx1").unwrap();
        assert!(matches!(usd, VerifiedCallback::Paid { charge, .. } if charge.currency().code() == "USD"));
        assert!(gw.read_payment("p5.bad", "XTR", 50, "stx1").is_err());
    }
}
