//! Robokassa: a pay link signed with Password #1, a ResultURL callback signed with Password
//! #2 (`OutSum:InvId:Password2[:Shp_k=v…]`, hash set in the cabinet, compared ignoring case,
//! OutSum signed exactly as received), acknowledged with `OK<InvId>`. Our payment id is the
//! `InvId`.

use async_trait::async_trait;
use kernel::Currency;
use payments::{
    CallbackReply, CallbackRequest, Charge, Checkout, GatewayError, Payment, PaymentGateway, PaymentId, PaymentRequest,
    Provider, Rate, RemoteStatus, VerifiedCallback,
};

use crate::config::{ConfigError, RobokassaConfig, SignatureAlgorithm, currency, required};
use crate::form;
use crate::sign::{eq_ignore_case_ct, md5_hex, sha256_hex};

/// Where the payer is sent.
pub const PAY_URL: &str = "https://auth.robokassa.ru/Merchant/Index.aspx";

/// The Robokassa adapter.
#[derive(Debug)]
pub struct Robokassa {
    config: RobokassaConfig,
    currency: Currency,
    rate: Rate,
}

impl Robokassa {
    /// Checks the settings.
    pub fn new(config: RobokassaConfig) -> Result<Self, ConfigError> {
        required("robokassa", "merchant_login", &config.merchant_login)?;
        required("robokassa", "password1", &config.password1)?;
        required("robokassa", "password2", &config.password2)?;
        let currency = currency("robokassa", &config.currency)?;
        let rate = config.rate.rate("robokassa")?;
        Ok(Self { config, currency, rate })
    }

    /// `HASH(base[:Shp_k=v…])` in upper-case hex, `Shp_*` sorted by name.
    pub fn signature(algorithm: SignatureAlgorithm, base: &[&str], shp: &[(String, String)]) -> String {
        let mut shp: Vec<String> = shp.iter().map(|(k, v)| format!("{k}={v}")).collect();
        shp.sort();
        let mut parts: Vec<&str> = base.to_vec();
        parts.extend(shp.iter().map(String::as_str));
        let text = parts.join(":");
        match algorithm {
            SignatureAlgorithm::Md5 => md5_hex(&text),
            SignatureAlgorithm::Sha256 => sha256_hex(&text),
        }
        .to_ascii_uppercase()
    }

    /// The signed pay link for `request`.
    pub fn pay_link(&self, request: &PaymentRequest) -> String {
        let out_sum = request.charge.decimal();
        let inv_id = request.payment.to_string();
        let c = &self.config;
        let signature = Self::signature(c.algorithm, &[&c.merchant_login, &out_sum, &inv_id, &c.password1], &[]);
        let mut url = url::Url::parse(PAY_URL).expect("a valid constant URL");
        url.query_pairs_mut()
            .append_pair("MerchantLogin", &c.merchant_login)
            .append_pair("OutSum", &out_sum)
            .append_pair("InvId", &inv_id)
            .append_pair("Description", &request.description)
            .append_pair("SignatureValue", &signature);
        if c.test {
            url.query_pairs_mut().append_pair("IsTest", "1");
        }
        url.into()
    }
}

#[async_trait]
impl PaymentGateway for Robokassa {
    fn provider(&self) -> Provider {
        Provider::Robokassa
    }

    fn pricing(&self) -> (Currency, Rate) {
        (self.currency, self.rate)
    }

    async fn create(&self, request: &PaymentRequest) -> Result<Checkout, GatewayError> {
        Ok(Checkout {
            pay_url: self.pay_link(request),
            provider_ref: Some(request.payment.to_string()),
        })
    }

    async fn verify(&self, call: &CallbackRequest) -> Result<VerifiedCallback, GatewayError> {
        let fields = form::fields(call);
        let field = |name: &str| form::get(&fields, name).ok_or_else(|| GatewayError::Malformed(format!("no {name}")));
        let out_sum = field("OutSum")?;
        let inv_id = field("InvId")?;
        let given = field("SignatureValue")?;
        let shp: Vec<(String, String)> = fields
            .iter()
            .filter(|(k, _)| k.starts_with("Shp_") || k.starts_with("shp_"))
            .cloned()
            .collect();
        let expected = Self::signature(self.config.algorithm, &[out_sum, inv_id, &self.config.password2], &shp);
        if !eq_ignore_case_ct(&expected, given) {
            return Err(GatewayError::Unverified("SignatureValue does not match".into()));
        }
        let payment = PaymentId::parse(inv_id).ok_or_else(|| GatewayError::Malformed("InvId".into()))?;
        let charge =
            Charge::parse_decimal(out_sum, self.currency).map_err(|e| GatewayError::Malformed(e.to_string()))?;
        Ok(VerifiedCallback::Paid {
            payment,
            provider_ref: inv_id.to_owned(),
            charge,
        })
    }

    fn ack(&self, callback: &VerifiedCallback) -> CallbackReply {
        match callback {
            VerifiedCallback::Paid { provider_ref, .. } | VerifiedCallback::Failed { provider_ref, .. } => {
                CallbackReply::ok(format!("OK{provider_ref}"))
            }
            VerifiedCallback::Ignored => CallbackReply::ok("OK"),
        }
    }

    async fn fetch_status(&self, _payment: &Payment) -> Result<RemoteStatus, GatewayError> {
        // OpStateExt's state codes other than 5 and 100 are unverified (payments.md §10):
        // an unconfirmed payment is left to expire, ResultURL retries deliver late ones.
        Err(GatewayError::Unsupported(Provider::Robokassa))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> RobokassaConfig {
        RobokassaConfig {
            enabled: true,
            merchant_login: "demo_shop".into(),
            password1: "test_pass1".into(),
            password2: "test_pass2".into(),
            algorithm: SignatureAlgorithm::Md5,
            test: false,
            currency: "RUB".into(),
            rate: crate::RateConfig::default(),
        }
    }

    fn shp() -> Vec<(String, String)> {
        vec![
            ("Shp_user_id".into(), "12345".into()),
            ("Shp_plan".into(), "month".into()),
        ]
    }

    #[test]
    fn documented_vectors() {
        assert_eq!(
            Robokassa::signature(
                SignatureAlgorithm::Md5,
                &["demo_shop", "100.00", "42", "test_pass1"],
                &shp()
            ),
            "96c565961d97a5ae7f7335a003ece761".to_ascii_uppercase()
        );
        assert_eq!(
            Robokassa::signature(SignatureAlgorithm::Md5, &["100.000000", "42", "test_pass2"], &shp()),
            "364713D32F29C27D85D48B99B35692D0"
        );
        assert_eq!(
            Robokassa::signature(SignatureAlgorithm::Sha256, &["100.000000", "42", "test_pass2"], &shp()),
            "E0E51B49A719F2E35285ECD89B770C5B147E1F2E448DADFFC042673E68E507B5"
        );
        assert_eq!(
            Robokassa::signature(SignatureAlgorithm::Md5, &["100.000000", "42", "test_pass2"], &[]),
            "22B6DFC146E911AEC6CDF6C00392D2C7"
        );
    }

    fn call(body: &str) -> CallbackRequest {
        CallbackRequest {
            method: "POST".into(),
            body: body.as_bytes().to_vec(),
            headers: vec![("content-type".into(), "application/x-www-form-urlencoded".into())],
            ..CallbackRequest::default()
        }
    }

    #[tokio::test]
    async fn result_url_is_verified_and_acknowledged() {
        let gw = Robokassa::new(config()).unwrap();
        let body = "OutSum=100.000000&InvId=42&SignatureValue=364713d32f29c27d85d48b99b35692d0\
                    &Shp_plan=month&Shp_user_id=12345&EMail=a%40b.c";
        let verified = gw.verify(&call(body)).await.unwrap();
        let rub = Currency::from_code("RUB").unwrap();
        assert_eq!(
            verified,
            VerifiedCallback::Paid {
                payment: PaymentId::new(42),
                provider_ref: "42".into(),
                charge: Charge::new(10_000, rub).unwrap(),
            }
        );
        assert_eq!(gw.ack(&verified), CallbackReply::ok("OK42"));
    }

    #[tokio::test]
    async fn forged_or_altered_calls_are_refused() {
        let gw = Robokassa::new(config()).unwrap();
        for body in [
            "OutSum=100.000000&InvId=42&SignatureValue=364713D32F29C27D85D48B99B35692D1&Shp_plan=month&Shp_user_id=12345",
            "OutSum=1.000000&InvId=42&SignatureValue=364713D32F29C27D85D48B99B35692D0&Shp_plan=month&Shp_user_id=12345",
            "OutSum=100.000000&InvId=43&SignatureValue=364713D32F29C27D85D48B99B35692D0&Shp_plan=month&Shp_user_id=12345",
            "OutSum=100.000000&InvId=42&SignatureValue=364713D32F29C27D85D48B99B35692D0&Shp_plan=year&Shp_user_id=12345",
        ] {
            assert!(
                matches!(gw.verify(&call(body)).await, Err(GatewayError::Unverified(_))),
                "{body}"
            );
        }
        assert!(matches!(
            gw.verify(&call("InvId=42")).await,
            Err(GatewayError::Malformed(_))
        ));
    }

    #[tokio::test]
    async fn the_pay_link_is_signed_with_password_1() {
        let gw = Robokassa::new(config()).unwrap();
        let rub = Currency::from_code("RUB").unwrap();
        let checkout = gw
            .create(&PaymentRequest {
                payment: PaymentId::new(42),
                charge: Charge::new(10_000, rub).unwrap(),
                description: "Top-up".into(),
                order: None,
            })
            .await
            .unwrap();
        let expected = md5_hex("demo_shop:100.00:42:test_pass1").to_ascii_uppercase();
        assert!(checkout.pay_url.starts_with(PAY_URL));
        assert!(checkout.pay_url.contains("OutSum=100.00&InvId=42"));
        assert!(checkout.pay_url.contains(&format!("SignatureValue={expected}")));
        assert_eq!(checkout.provider_ref.as_deref(), Some("42"));
    }
}
