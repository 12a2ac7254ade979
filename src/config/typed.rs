//! The checked configuration the rest of the app reads. Built only from [`RawConfig`] through
//! `TryFrom`, so holding a [`Config`] means every key was present and valid.

use std::net::SocketAddr;
use std::time::Duration;

use kernel::{Currency, Secret, ShopName, TelegramId};
use members::{Language, SupportContact};

use super::bot::{TelegramConfig, telegram_config};
use super::database_url::DatabaseUrl;
use super::error::ConfigError;
use super::raw::RawConfig;
use super::receipts::{ReceiptSettings, receipt_settings, receipt_ttl};
use super::security::{metrics_token, secret_key_of, superadmins};

/// The whole, checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    telegram: TelegramConfig,
    database_url: DatabaseUrl,
    superadmins: Vec<TelegramId>,
    http_listen: SocketAddr,
    metrics_token: Option<Secret>,
    secret_key: Secret,
    currency: Currency,
    default_language: Language,
    shop_name: ShopName,
    utc_offset: time::UtcOffset,
    support_contact: Option<SupportContact>,
    receipt_ttl: Duration,
    payments: gateways::PaymentsConfig,
    receipts: ReceiptSettings,
    rate_limits: telegram::RateLimits,
    alert_channel: Option<i64>,
    reconcile_interval: Duration,
    backup_interval: Option<Duration>,
}

impl Config {
    /// Telegram settings.
    pub fn telegram(&self) -> &TelegramConfig {
        &self.telegram
    }

    /// Where the database is.
    pub fn database_url(&self) -> &DatabaseUrl {
        &self.database_url
    }

    /// Telegram ids that are superadmins; never empty.
    pub fn superadmins(&self) -> &[TelegramId] {
        &self.superadmins
    }

    /// Address of the HTTP server (webhooks, health, metrics).
    pub fn http_listen(&self) -> SocketAddr {
        self.http_listen
    }

    /// Bearer token `/metrics` and the detailed `/healthz` require; `None` leaves them open
    /// (fine when `http.listen` is a loopback or private address).
    pub fn metrics_token(&self) -> Option<&Secret> {
        self.metrics_token.as_ref()
    }

    /// Key that encrypts panel passwords and gateway keys at rest.
    pub fn secret_key(&self) -> &Secret {
        &self.secret_key
    }

    /// The currency the shop keeps its books in.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Language for users who have not picked one (`default_language`; unset, Persian for a
    /// shop in IRT or IRR and English otherwise).
    pub fn default_language(&self) -> Language {
        self.default_language
    }

    /// `shop.utc_offset`: the shop's time, where its days start (unset, Tehran's for IRT/IRR,
    /// Moscow's for RUB, else UTC).
    pub fn utc_offset(&self) -> time::UtcOffset {
        self.utc_offset
    }

    /// `shop.name`: the shop's name (`MoonVPN` unless set).
    pub fn shop_name(&self) -> &ShopName {
        &self.shop_name
    }

    /// How users reach support, if configured (a superadmin may set another in the bot).
    pub fn support_contact(&self) -> Option<&SupportContact> {
        self.support_contact.as_ref()
    }

    /// How long a card-to-card receipt may wait before it expires.
    pub fn receipt_ttl(&self) -> Duration {
        self.receipt_ttl
    }

    /// `[payments]`: the providers, checked (every enabled one builds).
    pub fn payments(&self) -> &gateways::PaymentsConfig {
        &self.payments
    }

    /// Top-up bounds, preset amounts and the audit channel.
    pub fn receipts(&self) -> &ReceiptSettings {
        &self.receipts
    }

    /// The Bot API flood limits (`[limits]`).
    pub fn rate_limits(&self) -> telegram::RateLimits {
        self.rate_limits
    }

    /// `admins.alert_channel`: the chat admin alerts go to instead of each admin.
    pub fn alert_channel(&self) -> Option<i64> {
        self.alert_channel
    }

    /// `jobs.reconcile_hours`: time between two scheduled reconciliations.
    pub fn reconcile_interval(&self) -> Duration {
        self.reconcile_interval
    }

    /// `jobs.backup_hours`: time between two backups sent to the superadmins; `None` when
    /// `jobs.backup_to_telegram` is off.
    pub fn backup_interval(&self) -> Option<Duration> {
        self.backup_interval
    }
}

impl TryFrom<RawConfig> for Config {
    type Error = ConfigError;

    fn try_from(raw: RawConfig) -> Result<Self, Self::Error> {
        let telegram = telegram_config(raw.telegram)?;
        let rate_limits = super::limits::rate_limits(&raw.limits, telegram.api_url())?;
        let superadmins = superadmins(raw.admins.superadmins.into_vec())?;
        let secret_key = raw.security.secret_key.filter(|k| !k.is_empty());
        let secret_key = secret_key_of(secret_key.ok_or(ConfigError::Missing {
            key: "security.secret_key",
        })?)?;
        let currency = Currency::from_code(&raw.currency).map_err(|e| ConfigError::Invalid {
            key: "currency",
            problem: e.to_string(),
        })?;
        let receipts = receipt_settings(&raw.receipts, currency)?;
        Ok(Self {
            telegram,
            database_url: DatabaseUrl::parse(&raw.database.url).map_err(|problem| ConfigError::Invalid {
                key: "database.url",
                problem,
            })?,
            superadmins,
            http_listen: raw.http.listen.trim().parse().map_err(|_| ConfigError::Invalid {
                key: "http.listen",
                problem: format!("{:?} is not an IP:port such as 127.0.0.1:8080", raw.http.listen),
            })?,
            metrics_token: metrics_token(raw.http.metrics_token)?,
            secret_key,
            currency,
            default_language: super::shop::default_language(raw.default_language.as_deref(), currency)?,
            shop_name: super::shop::shop_name(&raw.shop)?,
            utc_offset: super::shop::utc_offset(&raw.shop, currency)?,
            support_contact: super::shop::support_contact(raw.support.contact.as_deref())?,
            receipt_ttl: receipt_ttl(raw.receipts.ttl_minutes)?,
            payments: {
                gateways::build(&raw.payments)?;
                raw.payments
            },
            receipts,
            rate_limits,
            alert_channel: super::jobs::alert_channel(raw.admins.alert_channel)?,
            reconcile_interval: super::jobs::reconcile_interval(&raw.jobs)?,
            backup_interval: super::jobs::backup_interval(&raw.jobs)?,
        })
    }
}
