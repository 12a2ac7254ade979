//! Configuration errors. Each one renders as a single line that names the key and says how
//! to fix it, because it is the only thing an operator sees when start-up stops.

use std::path::PathBuf;

use figment::Source;
use figment::error::Kind;

/// Why the configuration could not be loaded. `Display` is one line starting `config error:`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A required key has no value.
    #[error("config error: {key} is missing (set it in moonvpn.toml or {env})", env = env_name(key))]
    Missing {
        /// Dotted key, e.g. `telegram.token`.
        key: &'static str,
    },
    /// A key has a value that cannot be used.
    #[error("config error: {key} is invalid: {problem}")]
    Invalid {
        /// Dotted key, e.g. `security.secret_key`.
        key: &'static str,
        /// What is wrong and what would be accepted.
        problem: String,
    },
    /// A key nobody reads (usually a typo).
    #[error("config error: unknown key {key} in {origin}")]
    UnknownKey {
        /// Dotted key as written.
        key: String,
        /// Where it was found (a file path or an environment variable).
        origin: String,
    },
    /// The file named by `--config` or `MOONVPN_CONFIG` does not exist.
    #[error("config error: config file {} does not exist (named by --config or MOONVPN_CONFIG)", path.display())]
    FileNotFound {
        /// The path that was asked for.
        path: PathBuf,
    },
    /// The file or a variable could not be read as configuration (syntax, wrong type).
    #[error("config error: {0}")]
    Unreadable(String),
    /// A payment provider's settings are missing or wrong (names the key, never a secret).
    #[error("config error: {0}")]
    Payments(#[from] gateways::ConfigError),
}

/// The environment variable that sets a dotted key: `telegram.token` → `MOONVPN_TELEGRAM__TOKEN`.
pub fn env_name(key: &str) -> String {
    format!("MOONVPN_{}", key.replace('.', "__").to_ascii_uppercase())
}

impl From<figment::Error> for ConfigError {
    fn from(err: figment::Error) -> Self {
        let mut key = err.path.join(".");
        let origin = origin(&err, &key);
        match &err.kind {
            Kind::UnknownField(field, _) => {
                if err.path.last() != Some(field) {
                    if !key.is_empty() {
                        key.push('.');
                    }
                    key.push_str(field);
                }
                let origin = if origin.starts_with("environment") {
                    format!("environment variable {}", env_name(&key))
                } else {
                    origin
                };
                Self::UnknownKey { key, origin }
            }
            Kind::InvalidType(_, expected) | Kind::InvalidValue(_, expected) if is_secret(&key) => {
                Self::Unreadable(format!(
                    "{key} must be {} (in {origin}; the value is not shown)",
                    plain_expected(expected)
                ))
            }
            Kind::InvalidType(actual, expected) | Kind::InvalidValue(actual, expected) => Self::Unreadable(format!(
                "{key} must be {}, got {actual} (in {origin})",
                plain_expected(expected)
            )),
            _ if is_secret(&key) => {
                Self::Unreadable(format!("{key} cannot be read (in {origin}; the value is not shown)"))
            }
            Kind::Message(message) if key.is_empty() => Self::Unreadable(format!("{origin}: {}", one_line(message))),
            other => Self::Unreadable(format!("{key}: {} (in {origin})", one_line(&other.to_string()))),
        }
    }
}

/// Whether the value of dotted `key` is a secret that no message may quote.
fn is_secret(key: &str) -> bool {
    super::raw::SECRET_KEYS.contains(&key)
}

/// Names where the offending value came from.
fn origin(err: &figment::Error, key: &str) -> String {
    match &err.metadata {
        Some(md) => match &md.source {
            Some(Source::File(path)) => path.display().to_string(),
            _ if md.name.contains("environment") && !key.is_empty() => {
                format!("environment variable {}", env_name(key))
            }
            _ if md.name.contains("environment") => "environment variables".to_owned(),
            _ => md.name.to_string(),
        },
        None => "configuration".to_owned(),
    }
}

/// Says what serde's type names mean for someone editing a config file.
fn plain_expected(expected: &str) -> &str {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" => "a whole number",
        other => other,
    }
}

/// Folds a multi-line parser message into one line. TOML errors quote the offending source
/// line (`1 | token = …`); those quotes are dropped, as they may hold a secret.
fn one_line(message: &str) -> String {
    let mut lines = message
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.contains('|'));
    let first = lines.next().unwrap_or_default().to_owned();
    let rest: Vec<&str> = lines.collect();
    if rest.is_empty() {
        first
    } else {
        format!("{first}: {}", rest.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_names_use_double_underscores_between_levels() {
        assert_eq!(env_name("telegram.token"), "MOONVPN_TELEGRAM__TOKEN");
        assert_eq!(env_name("currency"), "MOONVPN_CURRENCY");
    }

    #[test]
    fn parser_messages_become_one_line_without_quoting_the_source() {
        let toml = "TOML parse error at line 2, column 9\n  |\n2 | token = 12:sec\n  |         ^\ninvalid string\nexpected `\"`";
        assert_eq!(
            one_line(toml),
            "TOML parse error at line 2, column 9: invalid string, expected `\"`"
        );
    }

    #[test]
    fn a_missing_key_message_says_where_to_set_it() {
        let err = ConfigError::Missing { key: "telegram.token" };
        assert_eq!(
            err.to_string(),
            "config error: telegram.token is missing (set it in moonvpn.toml or MOONVPN_TELEGRAM__TOKEN)"
        );
    }
}
