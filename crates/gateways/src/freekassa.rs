//! FreeKassa: a pay form link signed `md5(m:oa:secret_word_1:currency:o)`, a notification
//! signed `md5(MERCHANT_ID:AMOUNT:secret_word_2:MERCHANT_ORDER_ID)` (AMOUNT as received),
//! optionally from listed addresses only, acknowledged with `YES`. Our payment id is the
//! `MERCHANT_ORDER_ID`; FreeKassa's `intid` is its reference.

use async_trait::async_trait;
use kernel::Currency;
use payments::{
    CallbackReply, CallbackRequest, Charge, Checkout, GatewayError, Payment, PaymentGateway, PaymentId, PaymentRequest,
    Provider, Rate, RemoteStatus, VerifiedCallback,
};

use crate::config::{ConfigError, FreeKassaConfig, currency, required};
use crate::form;
use crate::sign::{eq_ignore_case_ct, md5_hex};

/// Where the payer is sent.
pub const PAY_URL: &str = "https://pay.freekassa.com/";

/// The FreeKassa adapter.
#[derive(Debug)]
pub struct FreeKassa {
    config: FreeKassaConfig,
    currency: Currency,
    rate: Rate,
}

impl FreeKassa {
    /// Checks the settings.
    pub fn new(config: FreeKassaConfig) -> Result<Self, ConfigError> {
        required("freekassa", "merchant_id", &config.merchant_id)?;
        required("freekassa", "secret_word_1", &config.secret_word_1)?;
        required("freekassa", "secret_word_2", &config.secret_word_2)?;
        let currency = currency("freekassa", &config.currency)?;
        let rate = config.rate.rate("freekassa")?;
        Ok(Self { config, currency, rate })
    }

    /// The pay form's `s`: `md5(m:oa:secret_word_1:currency:o)`.
    pub fn form_sign(merchant: &str, amount: &str, secret1: &str, currency: &str, order: &str) -> String {
        md5_hex(&format!("{merchant}:{amount}:{secret1}:{currency}:{order}"))
    }

    /// A notification's `SIGN`: `md5(MERCHANT_ID:AMOUNT:secret_word_2:MERCHANT_ORDER_ID)`.
    pub fn notification_sign(merchant: &str, amount: &str, secret2: &str, order: &str) -> String {
        md5_hex(&format!("{merchant}:{amount}:{secret2}:{order}"))
    }
}

#[async_trait]
impl PaymentGateway for FreeKassa {
    fn provider(&self) -> Provider {
        Provider::FreeKassa
    }

    fn pricing(&self) -> (Currency, Rate) {
        (self.currency, self.rate)
    }

    async fn create(&self, request: &PaymentRequest) -> Result<Checkout, GatewayError> {
        let c = &self.config;
        let amount = request.charge.decimal();
        let order = request.payment.to_string();
        let code = self.currency.code();
        let sign = Self::form_sign(&c.merchant_id, &amount, &c.secret_word_1, code, &order);
        let mut url = url::Url::parse(PAY_URL).expect("a valid constant URL");
        url.query_pairs_mut()
            .append_pair("m", &c.merchant_id)
            .append_pair("oa", &amount)
            .append_pair("currency", code)
            .append_pair("o", &order)
            .append_pair("s", &sign);
        Ok(Checkout {
            pay_url: url.into(),
            provider_ref: None,
        })
    }

    async fn verify(&self, call: &CallbackRequest) -> Result<VerifiedCallback, GatewayError> {
        if !self.config.allowed_ips.is_empty()
            && !call.remote_ip.is_some_and(|ip| self.config.allowed_ips.contains(&ip))
        {
            return Err(GatewayError::Unverified("source address not allowed".into()));
        }
        let fields = form::fields(call);
        let field = |name: &str| form::get(&fields, name).ok_or_else(|| GatewayError::Malformed(format!("no {name}")));
        let merchant = field("MERCHANT_ID")?;
        let amount = field("AMOUNT")?;
        let order = field("MERCHANT_ORDER_ID")?;
        let given = field("SIGN")?;
        let expected = Self::notification_sign(merchant, amount, &self.config.secret_word_2, order);
        if !eq_ignore_case_ct(&expected, given) || merchant != self.config.merchant_id {
            return Err(GatewayError::Unverified("SIGN does not match".into()));
        }
        let intid = field("intid")?;
        let payment = PaymentId::parse(order).ok_or_else(|| GatewayError::Malformed("MERCHANT_ORDER_ID".into()))?;
        let charge =
            Charge::parse_decimal(amount, self.currency).map_err(|e| GatewayError::Malformed(e.to_string()))?;
        Ok(VerifiedCallback::Paid {
            payment,
            provider_ref: intid.to_owned(),
            charge,
        })
    }

    fn ack(&self, _callback: &VerifiedCallback) -> CallbackReply {
        CallbackReply::ok("YES")
    }

    async fn fetch_status(&self, _payment: &Payment) -> Result<RemoteStatus, GatewayError> {
        // The orders API's status meanings are unverified (payments.md §4): an unconfirmed
        // payment is left to expire.
        Err(GatewayError::Unsupported(Provider::FreeKassa))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> FreeKassaConfig {
        FreeKassaConfig {
            enabled: true,
            merchant_id: "14963".into(),
            secret_word_1: "secret_word_1".into(),
            secret_word_2: "secret_word_2".into(),
            currency: "RUB".into(),
            rate: crate::RateConfig::default(),
            allowed_ips: Vec::new(),
        }
    }

    #[test]
    fn documented_vectors() {
        assert_eq!(
            FreeKassa::notification_sign("14963", "99", "secret_word_2", "ID_234"),
            "c0905625cf96d7730487a4dda69c6a09"
        );
        assert_eq!(
            FreeKassa::form_sign("14963", "99", "secret_word_1", "RUB", "ID_234"),
            "4215c47e42808317f0644ba282499829"
        );
    }

    fn call(query: &str, ip: &str) -> CallbackRequest {
        CallbackRequest {
            method: "GET".into(),
            query: query.into(),
            remote_ip: Some(ip.parse().unwrap()),
            ..CallbackRequest::default()
        }
    }

    fn signed(amount: &str, order: &str) -> String {
        let sign = FreeKassa::notification_sign("14963", amount, "secret_word_2", order);
        format!("MERCHANT_ID=14963&AMOUNT={amount}&intid=777&MERCHANT_ORDER_ID={order}&CUR_ID=36&SIGN={sign}")
    }

    #[tokio::test]
    async fn a_signed_notification_is_taken_and_answered_yes() {
        let gw = FreeKassa::new(config()).unwrap();
        let verified = gw.verify(&call(&signed("99", "5"), "168.119.157.136")).await.unwrap();
        let rub = Currency::from_code("RUB").unwrap();
        assert_eq!(
            verified,
            VerifiedCallback::Paid {
                payment: PaymentId::new(5),
                provider_ref: "777".into(),
                charge: Charge::new(9_900, rub).unwrap(),
            }
        );
        assert_eq!(gw.ack(&verified), CallbackReply::ok("YES"));
    }

    #[tokio::test]
    async fn forged_altered_or_foreign_calls_are_refused() {
        let gw = FreeKassa::new(config()).unwrap();
        let altered = signed("99", "5").replace("AMOUNT=99", "AMOUNT=1");
        let forged = signed("99", "5").replace("SIGN=", "SIGN=0");
        for q in [altered, forged] {
            assert!(matches!(
                gw.verify(&call(&q, "1.2.3.4")).await,
                Err(GatewayError::Unverified(_))
            ));
        }
        let mut listed = config();
        listed.allowed_ips = vec!["168.119.157.136".parse().unwrap()];
        let gw = FreeKassa::new(listed).unwrap();
        assert!(matches!(
            gw.verify(&call(&signed("99", "5"), "8.8.8.8")).await,
            Err(GatewayError::Unverified(_))
        ));
        assert!(gw.verify(&call(&signed("99", "5"), "168.119.157.136")).await.is_ok());
    }
}
