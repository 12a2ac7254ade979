//! The fake providers: reading a pay link, writing the callback, delivering it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use md5::Digest as _;

use super::callback::{Callback, Delivery, Transport};

/// Which provider is faked, with the shop's credentials as its cabinet holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Robokassa with MD5 signatures.
    Robokassa {
        /// `MerchantLogin`.
        merchant_login: String,
        /// Password #1 (pay links).
        password1: String,
        /// Password #2 (ResultURL).
        password2: String,
    },
    /// FreeKassa.
    FreeKassa {
        /// The shop id.
        merchant_id: String,
        /// Secret word 1 (pay form).
        secret_word_1: String,
        /// Secret word 2 (notifications).
        secret_word_2: String,
    },
}

/// A payment the fake provider accepted from a pay link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    /// The shop's order id (`InvId`, `o`).
    pub order: String,
    /// The amount as the link gave it (`OutSum`, `oa`).
    pub amount: String,
    /// The currency the link named, when it names one.
    pub currency: Option<String>,
}

/// A fake provider calling back to `callback_url`.
#[derive(Debug, Clone)]
pub struct FakeGateway {
    kind: Kind,
    callback_url: String,
    client: reqwest::Client,
    attempts: u32,
    retry_every: Duration,
    next_ref: Arc<AtomicU64>,
}

/// Lower-case hex MD5.
pub(super) fn md5_hex(text: &str) -> String {
    md5::Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl FakeGateway {
    /// A fake `kind` that calls back to `callback_url`, trying up to 5 times 50 ms apart.
    pub fn new(kind: Kind, callback_url: impl Into<String>) -> Self {
        Self {
            kind,
            callback_url: callback_url.into(),
            client: reqwest::Client::new(),
            attempts: 5,
            retry_every: Duration::from_millis(50),
            next_ref: Arc::new(AtomicU64::new(900_001)),
        }
    }

    /// Changes how many times a callback is tried and how long apart.
    #[must_use]
    pub fn with_retries(mut self, attempts: u32, every: Duration) -> Self {
        self.attempts = attempts.max(1);
        self.retry_every = every;
        self
    }

    /// Opens a pay link as the provider's payment page would: the link's signature must check
    /// with the first secret, or the page refuses it (the `Err` says why).
    pub fn open(&self, pay_url: &str) -> Result<Invoice, String> {
        let url = url::Url::parse(pay_url).map_err(|e| e.to_string())?;
        let q: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let get = |name: &str| {
            q.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .ok_or(format!("the link has no {name}"))
        };
        match &self.kind {
            Kind::Robokassa {
                merchant_login,
                password1,
                ..
            } => {
                let (login, sum, inv) = (get("MerchantLogin")?, get("OutSum")?, get("InvId")?);
                let expected = md5_hex(&format!("{login}:{sum}:{inv}:{password1}"));
                if &login != merchant_login || !get("SignatureValue")?.eq_ignore_ascii_case(&expected) {
                    return Err("SignatureValue does not match".into());
                }
                Ok(Invoice {
                    order: inv,
                    amount: sum,
                    currency: None,
                })
            }
            Kind::FreeKassa {
                merchant_id,
                secret_word_1,
                ..
            } => {
                let (m, oa, cur, o) = (get("m")?, get("oa")?, get("currency")?, get("o")?);
                let expected = md5_hex(&format!("{m}:{oa}:{secret_word_1}:{cur}:{o}"));
                if &m != merchant_id || !get("s")?.eq_ignore_ascii_case(&expected) {
                    return Err("s does not match".into());
                }
                Ok(Invoice {
                    order: o,
                    amount: oa,
                    currency: Some(cur),
                })
            }
        }
    }

    /// The callback the provider sends once `invoice` is paid, signed with the second secret.
    /// Robokassa posts a form with `OutSum` in six decimals; FreeKassa calls with a query.
    pub fn paid(&self, invoice: &Invoice) -> Callback {
        match &self.kind {
            Kind::Robokassa { password2, .. } => {
                let out_sum = six_decimals(&invoice.amount);
                Callback::new(
                    self.kind.clone(),
                    Transport::PostForm,
                    vec![
                        ("OutSum".into(), out_sum.clone()),
                        ("InvId".into(), invoice.order.clone()),
                        ("Fee".into(), "0.000000".into()),
                        ("EMail".into(), "payer@example.com".into()),
                        (
                            "SignatureValue".into(),
                            md5_hex(&format!("{out_sum}:{}:{password2}", invoice.order)).to_ascii_uppercase(),
                        ),
                        ("PaymentMethod".into(), "BankCard".into()),
                        ("IncCurrLabel".into(), "BankCardPSR".into()),
                    ],
                    format!("OK{}", invoice.order),
                )
            }
            Kind::FreeKassa {
                merchant_id,
                secret_word_2,
                ..
            } => {
                let intid = self.next_ref.fetch_add(1, Ordering::Relaxed).to_string();
                let sign = md5_hex(&format!(
                    "{merchant_id}:{}:{secret_word_2}:{}",
                    invoice.amount, invoice.order
                ));
                Callback::new(
                    self.kind.clone(),
                    Transport::Get,
                    vec![
                        ("MERCHANT_ID".into(), merchant_id.clone()),
                        ("AMOUNT".into(), invoice.amount.clone()),
                        ("intid".into(), intid),
                        ("MERCHANT_ORDER_ID".into(), invoice.order.clone()),
                        ("P_EMAIL".into(), "payer@example.com".into()),
                        ("CUR_ID".into(), "36".into()),
                        ("SIGN".into(), sign),
                    ],
                    "YES".to_owned(),
                )
            }
        }
    }

    /// Delivers `callback` like the provider: again and again until the answer is the
    /// acknowledgement it expects, at most the configured number of times.
    pub async fn deliver(&self, callback: &Callback) -> Delivery {
        let mut delivery = Delivery::default();
        for attempt in 0..self.attempts {
            if attempt > 0 {
                tokio::time::sleep(self.retry_every).await;
            }
            let answer = callback.send_once(&self.client, &self.callback_url).await;
            let acked = answer.0 == 200 && answer.1.trim() == callback.expected_ack();
            delivery.answers.push(answer);
            if acked {
                delivery.acknowledged = true;
                break;
            }
        }
        delivery
    }

    /// Opens `pay_url` and delivers the paid callback: what happens when the user pays.
    pub async fn pay(&self, pay_url: &str) -> Result<Delivery, String> {
        let invoice = self.open(pay_url)?;
        Ok(self.deliver(&self.paid(&invoice)).await)
    }
}

/// `100.00` → `100.000000`, as Robokassa sends `OutSum`.
fn six_decimals(amount: &str) -> String {
    let (whole, frac) = amount.split_once('.').unwrap_or((amount, ""));
    format!("{whole}.{frac:0<6}")
}
