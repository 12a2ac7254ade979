//! The checked configuration the rest of the app reads. Built only from [`RawConfig`] through
//! `TryFrom`, so holding a [`Config`] means every key was present and valid.

use std::net::SocketAddr;
use std::time::Duration;

use kernel::{Currency, Money, Secret, TelegramId};
use members::Language;

use super::database_url::DatabaseUrl;
use super::error::ConfigError;
use super::raw::RawConfig;

/// Shortest accepted `security.secret_key`, in characters.
pub const MIN_SECRET_KEY_CHARS: usize = 32;

/// Longest accepted `receipts.ttl_minutes` (one week).
const MAX_RECEIPT_TTL_MINUTES: i64 = 7 * 24 * 60;

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
    support_contact: Option<String>,
    receipt_ttl: Duration,
    payments: gateways::PaymentsConfig,
    receipts: ReceiptSettings,
    rate_limits: telegram::RateLimits,
    alert_channel: Option<i64>,
    reconcile_interval: Duration,
    backup_interval: Option<Duration>,
}

/// `[receipts]` besides the TTL, checked: amounts in the shop's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptSettings {
    /// The smallest top-up.
    pub min_amount: Money,
    /// The largest top-up.
    pub max_amount: Money,
    /// The amounts offered as buttons (each within the bounds).
    pub presets: Vec<Money>,
    /// The central channel every receipt is posted to for review.
    pub audit_channel: Option<i64>,
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

    /// Language for users who have not picked one.
    pub fn default_language(&self) -> Language {
        self.default_language
    }

    /// How users reach support, if configured.
    pub fn support_contact(&self) -> Option<&str> {
        self.support_contact.as_deref()
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

/// How the bot receives updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TelegramMode {
    /// Long polling (`getUpdates`); one instance per token.
    Polling,
    /// Telegram calls our HTTP server; several instances may share PostgreSQL.
    Webhook,
}

impl TelegramMode {
    /// The config spelling, `polling` or `webhook`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Polling => "polling",
            Self::Webhook => "webhook",
        }
    }
}

/// `[telegram]`, checked.
#[derive(Debug, Clone)]
pub struct TelegramConfig {
    token: Secret,
    api_url: String,
    mode: TelegramMode,
    webhook: Option<WebhookConfig>,
}

/// Where Telegram delivers updates in webhook mode, checked.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    public_url: String,
    secret: Secret,
}

impl WebhookConfig {
    /// The public base URL (`https://bot.example.com`), without a trailing slash.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token`.
    pub fn secret(&self) -> &Secret {
        &self.secret
    }
}

impl TelegramConfig {
    /// The bot token.
    pub fn token(&self) -> &Secret {
        &self.token
    }

    /// Base URL of the Bot API without a trailing slash, e.g. `https://api.telegram.org`.
    pub fn api_url(&self) -> &str {
        &self.api_url
    }

    /// Polling or webhook.
    pub fn mode(&self) -> TelegramMode {
        self.mode
    }

    /// The bot's own numeric id: the part of the token before `:`. Not secret.
    pub fn bot_id(&self) -> &str {
        self.token.expose().split(':').next().unwrap_or_default()
    }

    /// The webhook settings; `Some` exactly when the mode is webhook.
    pub fn webhook(&self) -> Option<&WebhookConfig> {
        self.webhook.as_ref()
    }

    /// The unguessable last segment of the webhook route (`/telegram/<path>`): derived from
    /// the token, so every instance of one bot serves the same route and scanners never
    /// reach the secret check.
    pub fn webhook_path(&self) -> String {
        let key = kernel::DerivedKey::derive(&self.token, kernel::KeyPurpose::WebhookPath);
        key.bytes().iter().take(16).map(|b| format!("{b:02x}")).collect()
    }

    /// The URL given to Telegram in `setWebhook`, when in webhook mode.
    pub fn webhook_endpoint(&self) -> Option<String> {
        self.webhook
            .as_ref()
            .map(|w| format!("{}/telegram/{}", w.public_url, self.webhook_path()))
    }
}

impl TryFrom<RawConfig> for Config {
    type Error = ConfigError;

    fn try_from(raw: RawConfig) -> Result<Self, Self::Error> {
        let token = raw.telegram.token.filter(|t| !t.trim().is_empty());
        let token = bot_token(&token.ok_or(ConfigError::Missing { key: "telegram.token" })?)?;
        let superadmins = superadmins(raw.admins.superadmins.into_vec())?;
        let secret_key = raw.security.secret_key.filter(|k| !k.is_empty());
        let secret_key = secret_key_of(secret_key.ok_or(ConfigError::Missing {
            key: "security.secret_key",
        })?)?;
        let mode = mode(&raw.telegram.mode)?;
        let currency = Currency::from_code(&raw.currency).map_err(|e| ConfigError::Invalid {
            key: "currency",
            problem: e.to_string(),
        })?;
        let receipts = receipt_settings(&raw.receipts, currency)?;
        let webhook = match mode {
            TelegramMode::Polling => None,
            TelegramMode::Webhook => Some(webhook(raw.telegram.webhook_url, raw.telegram.webhook_secret)?),
        };
        Ok(Self {
            telegram: TelegramConfig {
                token,
                api_url: api_url(&raw.telegram.api_url)?,
                mode,
                webhook,
            },
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
            default_language: raw.default_language.parse().map_err(|e: members::ParseCodeError| {
                ConfigError::Invalid {
                    key: "default_language",
                    problem: e.to_string(),
                }
            })?,
            support_contact: raw
                .support
                .contact
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty()),
            receipt_ttl: receipt_ttl(raw.receipts.ttl_minutes)?,
            payments: {
                gateways::build(&raw.payments)?;
                raw.payments
            },
            receipts,
            rate_limits: super::limits::rate_limits(&raw.limits)?,
            alert_channel: super::jobs::alert_channel(raw.admins.alert_channel)?,
            reconcile_interval: super::jobs::reconcile_interval(&raw.jobs)?,
            backup_interval: super::jobs::backup_interval(&raw.jobs)?,
        })
    }
}

/// A bot token looks like `123456789:AA…`: the bot id, a colon, then the secret part.
fn bot_token(raw: &str) -> Result<Secret, ConfigError> {
    let raw = raw.trim();
    let well_formed = raw.split_once(':').is_some_and(|(id, rest)| {
        !id.is_empty()
            && id.chars().all(|c| c.is_ascii_digit())
            && !rest.is_empty()
            && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    });
    if well_formed {
        Ok(Secret::new(raw))
    } else {
        Err(ConfigError::Invalid {
            key: "telegram.token",
            problem: "it does not look like a bot token (expected 123456789:AA… from @BotFather)".to_owned(),
        })
    }
}

fn api_url(raw: &str) -> Result<String, ConfigError> {
    let url = raw.trim().trim_end_matches('/');
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or_default();
    if host.is_empty() {
        return Err(ConfigError::Invalid {
            key: "telegram.api_url",
            problem: format!("{raw:?} is not an http:// or https:// URL"),
        });
    }
    Ok(url.to_owned())
}

fn mode(raw: &str) -> Result<TelegramMode, ConfigError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "polling" => Ok(TelegramMode::Polling),
        "webhook" => Ok(TelegramMode::Webhook),
        _ => Err(ConfigError::Invalid {
            key: "telegram.mode",
            problem: format!("{raw:?} is neither polling nor webhook"),
        }),
    }
}

/// Webhook mode needs the public URL Telegram calls and the secret it sends back.
fn webhook(url: Option<String>, secret: Option<String>) -> Result<WebhookConfig, ConfigError> {
    let url = url.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
    let url = url.ok_or(ConfigError::Missing {
        key: "telegram.webhook_url",
    })?;
    let public_url = url.trim_end_matches('/').to_owned();
    let host = public_url
        .strip_prefix("https://")
        .or_else(|| public_url.strip_prefix("http://"))
        .unwrap_or_default();
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(ConfigError::Invalid {
            key: "telegram.webhook_url",
            problem: format!("{url:?} is not an https:// URL such as https://bot.example.com"),
        });
    }
    let secret = secret.filter(|s| !s.is_empty()).ok_or(ConfigError::Missing {
        key: "telegram.webhook_secret",
    })?;
    let well_formed = (16..=256).contains(&secret.len())
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !well_formed {
        return Err(ConfigError::Invalid {
            key: "telegram.webhook_secret",
            problem: "it needs 16 to 256 characters of A-Z, a-z, 0-9, _ and - (try `openssl rand -hex 32`)".to_owned(),
        });
    }
    Ok(WebhookConfig {
        public_url,
        secret: Secret::new(secret),
    })
}

/// An optional bearer token: 16 to 256 characters of A-Z, a-z, 0-9, `_`, `-` and `.`.
fn metrics_token(raw: Option<String>) -> Result<Option<Secret>, ConfigError> {
    let Some(token) = raw.filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let well_formed = (16..=256).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if !well_formed {
        return Err(ConfigError::Invalid {
            key: "http.metrics_token",
            problem: "it needs 16 to 256 characters of A-Z, a-z, 0-9, _, - and . (try `openssl rand -hex 32`)"
                .to_owned(),
        });
    }
    Ok(Some(Secret::new(token)))
}

fn superadmins(raw: Vec<i64>) -> Result<Vec<TelegramId>, ConfigError> {
    if raw.is_empty() {
        return Err(ConfigError::Missing {
            key: "admins.superadmins",
        });
    }
    let mut ids = Vec::with_capacity(raw.len());
    for id in raw {
        let id = TelegramId::new(id).map_err(|e| ConfigError::Invalid {
            key: "admins.superadmins",
            problem: e.to_string(),
        })?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

fn secret_key_of(raw: String) -> Result<Secret, ConfigError> {
    let chars = raw.chars().count();
    if chars < MIN_SECRET_KEY_CHARS {
        return Err(ConfigError::Invalid {
            key: "security.secret_key",
            problem: format!(
                "it has {chars} characters, at least {MIN_SECRET_KEY_CHARS} are needed (try `openssl rand -hex 32`)"
            ),
        });
    }
    Ok(Secret::new(raw))
}

fn receipt_ttl(minutes: i64) -> Result<Duration, ConfigError> {
    match u64::try_from(minutes) {
        Ok(m) if (1..=MAX_RECEIPT_TTL_MINUTES.unsigned_abs()).contains(&m) => Ok(Duration::from_secs(m * 60)),
        _ => Err(ConfigError::Invalid {
            key: "receipts.ttl_minutes",
            problem: format!("{minutes} is not between 1 and {MAX_RECEIPT_TTL_MINUTES} minutes"),
        }),
    }
}

/// Whole units of `currency` as an amount, positive.
fn amount(key: &'static str, units: i64, currency: Currency) -> Result<Money, ConfigError> {
    let scale = 10_i64.pow(u32::from(currency.exponent()));
    units
        .checked_mul(scale)
        .filter(|minor| *minor > 0)
        .and_then(|minor| Money::from_minor(minor).ok())
        .ok_or_else(|| ConfigError::Invalid {
            key,
            problem: format!("{units} is not a positive amount of {}", currency.code()),
        })
}

fn receipt_settings(raw: &super::raw::RawReceipts, currency: Currency) -> Result<ReceiptSettings, ConfigError> {
    let min_amount = amount("receipts.min_amount", raw.min_amount, currency)?;
    let max_amount = amount("receipts.max_amount", raw.max_amount, currency)?;
    if max_amount < min_amount {
        return Err(ConfigError::Invalid {
            key: "receipts.max_amount",
            problem: format!("{} is below receipts.min_amount ({})", raw.max_amount, raw.min_amount),
        });
    }
    let mut presets = Vec::with_capacity(raw.presets.len());
    for units in &raw.presets {
        let preset = amount("receipts.presets", *units, currency)?;
        if preset < min_amount || preset > max_amount {
            return Err(ConfigError::Invalid {
                key: "receipts.presets",
                problem: format!("{units} is outside receipts.min_amount..receipts.max_amount"),
            });
        }
        presets.push(preset);
    }
    if raw.audit_channel == Some(0) {
        return Err(ConfigError::Invalid {
            key: "receipts.audit_channel",
            problem: "0 is not a chat id".to_owned(),
        });
    }
    Ok(ReceiptSettings {
        min_amount,
        max_amount,
        presets,
        audit_channel: raw.audit_channel,
    })
}
