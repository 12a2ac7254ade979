//! `[security]`, `[admins]` and the metrics token, checked.

use kernel::{Secret, TelegramId};

use super::error::ConfigError;

/// Shortest accepted `security.secret_key`, in characters.
pub const MIN_SECRET_KEY_CHARS: usize = 32;

/// An optional bearer token: 16 to 256 characters of A-Z, a-z, 0-9, `_`, `-` and `.`.
pub fn metrics_token(raw: Option<String>) -> Result<Option<Secret>, ConfigError> {
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

/// Checks `admins.superadmins`: at least one positive Telegram id; duplicates are dropped.
pub fn superadmins(raw: Vec<i64>) -> Result<Vec<TelegramId>, ConfigError> {
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

/// Checks `security.secret_key`: at least [`MIN_SECRET_KEY_CHARS`] characters.
pub fn secret_key_of(raw: String) -> Result<Secret, ConfigError> {
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
