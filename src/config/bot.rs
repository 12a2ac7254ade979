//! `[telegram]`, checked: the token, the Bot API URL, polling or webhook.

use kernel::Secret;

use super::error::ConfigError;
use super::raw::RawTelegram;

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

/// Checks `[telegram]`.
pub fn telegram_config(raw: RawTelegram) -> Result<TelegramConfig, ConfigError> {
    let token = raw.token.filter(|t| !t.trim().is_empty());
    let token = bot_token(&token.ok_or(ConfigError::Missing { key: "telegram.token" })?)?;
    let mode = mode(&raw.mode)?;
    let webhook = match mode {
        TelegramMode::Polling => None,
        TelegramMode::Webhook => Some(webhook(raw.webhook_url, raw.webhook_secret)?),
    };
    Ok(TelegramConfig {
        token,
        api_url: api_url(&raw.api_url)?,
        mode,
        webhook,
    })
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
