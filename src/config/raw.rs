//! The configuration exactly as written in `moonvpn.toml` and `MOONVPN_*` variables, before
//! any checking. Every section has serde defaults so a missing section is fine; unknown keys
//! are refused so a typo never silently does nothing.

use serde::Deserialize;

/// Keys whose values are strings. Environment values for them are taken verbatim, because
/// figment would otherwise parse `0012` as the number 12 or `+98912…` as a number.
pub const STRING_KEYS: &[&str] = &[
    "telegram.token",
    "telegram.api_url",
    "telegram.mode",
    "telegram.webhook_url",
    "telegram.webhook_secret",
    "database.url",
    "http.listen",
    "security.secret_key",
    "http.metrics_token",
    "currency",
    "default_language",
    "support.contact",
    "shop.name",
    "shop.utc_offset",
    "payments.public_url",
    "payments.zarinpal.merchant_id",
    "payments.zarinpal.currency",
    "payments.zarinpal.api_url",
    "payments.nowpayments.api_key",
    "payments.nowpayments.ipn_secret",
    "payments.nowpayments.currency",
    "payments.nowpayments.api_url",
    "payments.robokassa.merchant_login",
    "payments.robokassa.password1",
    "payments.robokassa.password2",
    "payments.robokassa.currency",
    "payments.freekassa.merchant_id",
    "payments.freekassa.secret_word_1",
    "payments.freekassa.secret_word_2",
    "payments.freekassa.currency",
    "payments.yookassa.shop_id",
    "payments.yookassa.secret_key",
    "payments.yookassa.return_url",
    "payments.yookassa.currency",
    "payments.yookassa.api_url",
    "payments.coingate.api_token",
    "payments.coingate.callback_secret",
    "payments.coingate.currency",
    "payments.coingate.receive_currency",
    "payments.coingate.api_url",
    "payments.cryptomus.merchant",
    "payments.cryptomus.payment_key",
    "payments.cryptomus.currency",
    "payments.cryptomus.api_url",
];

/// Keys whose values are secrets: never echoed in an error or printed by `config check`.
pub const SECRET_KEYS: &[&str] = &[
    "telegram.token",
    "telegram.webhook_secret",
    "database.url",
    "security.secret_key",
    "http.metrics_token",
    "payments.robokassa.password1",
    "payments.robokassa.password2",
    "payments.freekassa.secret_word_1",
    "payments.freekassa.secret_word_2",
    "payments.zarinpal.merchant_id",
    "payments.nowpayments.api_key",
    "payments.nowpayments.ipn_secret",
    "payments.yookassa.secret_key",
    "payments.coingate.api_token",
    "payments.coingate.callback_secret",
    "payments.cryptomus.payment_key",
];

/// The whole file, unchecked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawConfig {
    /// `[telegram]`
    pub telegram: RawTelegram,
    /// `[database]`
    pub database: RawDatabase,
    /// `[admins]`
    pub admins: RawAdmins,
    /// `[http]`
    pub http: RawHttp,
    /// `[security]`
    pub security: RawSecurity,
    /// `currency`
    pub currency: String,
    /// `default_language`; unset, it follows `currency` (Persian for IRT and IRR).
    pub default_language: Option<String>,
    /// `[support]`
    pub support: RawSupport,
    /// `[shop]`
    pub shop: super::shop::RawShop,
    /// `[receipts]`
    pub receipts: RawReceipts,
    /// `[payments]`: the payment providers (checked by `gateways`).
    pub payments: gateways::PaymentsConfig,
    /// `[limits]`
    pub limits: super::limits::RawLimits,
    /// `[jobs]`
    pub jobs: super::jobs::RawJobs,
}

impl Default for RawConfig {
    fn default() -> Self {
        Self {
            telegram: RawTelegram::default(),
            database: RawDatabase::default(),
            admins: RawAdmins::default(),
            http: RawHttp::default(),
            security: RawSecurity::default(),
            currency: "IRT".to_owned(),
            default_language: None,
            support: RawSupport::default(),
            shop: super::shop::RawShop::default(),
            receipts: RawReceipts::default(),
            payments: gateways::PaymentsConfig::default(),
            limits: super::limits::RawLimits::default(),
            jobs: super::jobs::RawJobs::default(),
        }
    }
}

/// `[telegram]`, unchecked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawTelegram {
    /// Bot token from @BotFather.
    pub token: Option<String>,
    /// Bot API base URL.
    pub api_url: String,
    /// `polling` or `webhook`.
    pub mode: String,
    /// Public HTTPS base URL Telegram calls in webhook mode.
    pub webhook_url: Option<String>,
    /// Secret Telegram sends with every webhook call.
    pub webhook_secret: Option<String>,
}

impl Default for RawTelegram {
    fn default() -> Self {
        Self {
            token: None,
            api_url: "https://api.telegram.org".to_owned(),
            mode: "polling".to_owned(),
            webhook_url: None,
            webhook_secret: None,
        }
    }
}

/// `[database]`, unchecked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawDatabase {
    /// Connection URL.
    pub url: String,
}

impl Default for RawDatabase {
    fn default() -> Self {
        Self {
            url: "sqlite://moonvpn.db?mode=rwc".to_owned(),
        }
    }
}

/// `[admins]`, unchecked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawAdmins {
    /// Telegram ids of the superadmins: one id or a list.
    pub superadmins: OneOrMany,
    /// A chat (channel or group id such as `-1001234567890`) that gets the admin alerts
    /// instead of each admin's private chat.
    pub alert_channel: Option<i64>,
}

/// One number or a list of numbers (`MOONVPN_ADMINS__SUPERADMINS=123` or `'[123, 456]'`).
#[derive(Debug)]
pub enum OneOrMany {
    /// A single id.
    One(i64),
    /// A list of ids.
    Many(Vec<i64>),
}

impl Default for OneOrMany {
    fn default() -> Self {
        Self::Many(Vec::new())
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OneOrManyVisitor)
    }
}

struct OneOrManyVisitor;

impl<'de> serde::de::Visitor<'de> for OneOrManyVisitor {
    type Value = OneOrMany;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Telegram id or a list of Telegram ids")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(OneOrMany::One(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(OneOrMany::One)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut ids = Vec::new();
        while let Some(id) = seq.next_element::<i64>()? {
            ids.push(id);
        }
        Ok(OneOrMany::Many(ids))
    }
}

impl OneOrMany {
    /// The ids, in order.
    pub fn into_vec(self) -> Vec<i64> {
        match self {
            Self::One(id) => vec![id],
            Self::Many(ids) => ids,
        }
    }
}

/// `[http]`, unchecked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawHttp {
    /// Socket address to listen on.
    pub listen: String,
    /// Bearer token that `/metrics` and the detailed `/healthz` require, if set.
    pub metrics_token: Option<String>,
}

impl Default for RawHttp {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".to_owned(),
            metrics_token: None,
        }
    }
}

/// `[security]`, unchecked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSecurity {
    /// Key that encrypts panel passwords and gateway keys at rest.
    pub secret_key: Option<String>,
}

/// `[support]`, unchecked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSupport {
    /// How users reach support (a @username, link or phone number).
    pub contact: Option<String>,
}

/// `[receipts]`, unchecked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawReceipts {
    /// Minutes a card-to-card receipt may wait before it expires.
    pub ttl_minutes: i64,
    /// The smallest top-up, in whole units of `currency`.
    pub min_amount: i64,
    /// The largest top-up, in whole units of `currency`.
    pub max_amount: i64,
    /// The top-up amounts offered as buttons, in whole units of `currency`.
    pub presets: Vec<i64>,
    /// The channel every receipt is also posted to for review (a chat id such as
    /// `-1001234567890`), besides the card's own channel.
    pub audit_channel: Option<i64>,
}

impl Default for RawReceipts {
    fn default() -> Self {
        Self {
            ttl_minutes: 30,
            min_amount: 10_000,
            max_amount: 100_000_000,
            presets: vec![50_000, 100_000, 200_000, 500_000],
            audit_channel: None,
        }
    }
}
