//! What `moonvpn init` writes, and its check: the values are run through the same
//! [`Config`] checks `moonvpn run` applies, so init never writes a file `run` would refuse.

use crate::config::{Config, ConfigError, OneOrMany, RawConfig};

/// The values of a new configuration file. `None` means "not given yet".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// `telegram.token`.
    pub token: Option<String>,
    /// `admins.superadmins`.
    pub superadmins: Vec<i64>,
    /// `currency`; the default (`IRT`) when `None`.
    pub currency: Option<String>,
    /// `default_language`; when `None`, Persian for IRT and IRR, else English.
    pub language: Option<String>,
    /// `database.url`; the default (SQLite next to the binary's working directory) when `None`.
    pub database_url: Option<String>,
}

/// A token of the right shape, standing in for one not asked for yet while another value
/// is being checked.
const PLACEHOLDER_TOKEN: &str = "1:placeholder";
/// A superadmin id standing in likewise.
const PLACEHOLDER_ADMIN: i64 = 1;

impl Answers {
    /// Checks every value together with `secret_key` as `moonvpn run` would. Values not
    /// given yet are replaced by valid placeholders, so an error is about a given value.
    pub fn check(&self, secret_key: &str) -> Result<Config, ConfigError> {
        let mut raw = RawConfig::default();
        raw.telegram.token = Some(self.token.clone().unwrap_or_else(|| PLACEHOLDER_TOKEN.to_owned()));
        raw.admins.superadmins = OneOrMany::Many(if self.superadmins.is_empty() {
            vec![PLACEHOLDER_ADMIN]
        } else {
            self.superadmins.clone()
        });
        raw.security.secret_key = Some(secret_key.to_owned());
        if let Some(currency) = &self.currency {
            raw.currency = currency.clone();
        }
        if let Some(language) = &self.language {
            raw.default_language = Some(language.clone());
        }
        if let Some(url) = &self.database_url {
            raw.database.url = url.clone();
        }
        Config::try_from(raw)
    }

    /// The first required value still missing, as the flag that sets it.
    pub fn missing(&self) -> Option<&'static str> {
        if self.token.as_deref().is_none_or(|t| t.trim().is_empty()) {
            Some("--token")
        } else if self.superadmins.is_empty() {
            Some("--superadmin")
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef";

    fn complete() -> Answers {
        Answers {
            token: Some("123456:AAbb-cc_dd".to_owned()),
            superadmins: vec![42],
            ..Answers::default()
        }
    }

    #[test]
    fn complete_answers_pass_the_run_checks_with_the_defaults() {
        let config = complete().check(KEY).expect("valid");
        assert_eq!(config.currency().code(), "IRT");
        assert_eq!(config.default_language().code(), "fa", "Persian for a shop in Toman");
        assert_eq!(complete().missing(), None);
        let in_dollars = Answers {
            currency: Some("USD".to_owned()),
            ..complete()
        };
        assert_eq!(in_dollars.check(KEY).unwrap().default_language().code(), "en");
    }

    #[test]
    fn a_bad_value_is_refused_naming_its_key() {
        let bad_token = Answers {
            token: Some("not a token".to_owned()),
            ..complete()
        };
        assert!(bad_token.check(KEY).unwrap_err().to_string().contains("telegram.token"));
        let bad_currency = Answers {
            currency: Some("GBP".to_owned()),
            ..complete()
        };
        assert!(bad_currency.check(KEY).unwrap_err().to_string().contains("currency"));
        let bad_admin = Answers {
            superadmins: vec![-5],
            ..complete()
        };
        assert!(
            bad_admin
                .check(KEY)
                .unwrap_err()
                .to_string()
                .contains("admins.superadmins")
        );
    }

    #[test]
    fn values_not_given_yet_do_not_fail_the_check_but_are_reported_missing() {
        let partial = Answers {
            currency: Some("usd".to_owned()),
            ..Answers::default()
        };
        assert!(partial.check(KEY).is_ok());
        assert_eq!(partial.missing(), Some("--token"));
        let no_admin = Answers {
            superadmins: Vec::new(),
            ..complete()
        };
        assert_eq!(no_admin.missing(), Some("--superadmin"));
    }
}
