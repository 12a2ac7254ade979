//! Client names (`FR-MoonVPN-1001`) and the panel email that identifies a client.

use crate::{LocationPrefix, ParseError};

/// The text between prefix and number in every client name.
const BRAND: &str = "MoonVPN";

/// A client's name: `<PREFIX>-MoonVPN-<n>` with `n ≥ 1`. Numbers are handed out per location
/// and never reused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientName {
    text: String,
    prefix: LocationPrefix,
    number: u32,
}

impl ClientName {
    /// The name of client number `number` of the location with `prefix`.
    pub fn new(prefix: &LocationPrefix, number: u32) -> Result<Self, ParseError> {
        if number == 0 {
            return Err(ParseError::ZeroClientNumber);
        }
        Ok(Self {
            text: format!("{prefix}-{BRAND}-{number}"),
            prefix: prefix.clone(),
            number,
        })
    }

    /// Parses a stored or typed name; strict (the prefix must already be upper-case, no
    /// leading zeros).
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::BadClientName(raw.to_owned());
        let mut parts = raw.split('-');
        let (Some(prefix), Some(brand), Some(number), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let strict_prefix = prefix.bytes().all(|b| b.is_ascii_uppercase());
        let strict_number =
            !number.is_empty() && !number.starts_with('0') && number.bytes().all(|b| b.is_ascii_digit());
        if brand != BRAND || !strict_prefix || !strict_number {
            return Err(bad());
        }
        let prefix = LocationPrefix::new(prefix).map_err(|_| bad())?;
        let number = number.parse().map_err(|_| bad())?;
        Self::new(&prefix, number)
    }

    /// The location prefix part.
    pub fn prefix(&self) -> &LocationPrefix {
        &self.prefix
    }

    /// The number part.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for ClientName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// The email of a client on a 3x-ui panel: its identity there, unique across the panel
/// (case-insensitively). 1 to 64 of `A-Z a-z 0-9 . _ @ -`. MoonVPN uses the client name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientEmail(String);

impl ClientEmail {
    /// The longest email accepted.
    pub const MAX_LEN: usize = 64;

    /// Checks an email.
    pub fn new(raw: &str) -> Result<Self, ParseError> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX_LEN
            && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b"._@-".contains(&b));
        if !ok {
            return Err(ParseError::BadEmail(raw.to_owned()));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The email as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&ClientName> for ClientEmail {
    fn from(name: &ClientName) -> Self {
        // A client name is letters, digits and dashes, at most 5 + 9 + 10 characters.
        Self(name.as_str().to_owned())
    }
}

impl std::fmt::Display for ClientEmail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr() -> LocationPrefix {
        LocationPrefix::new("FR").unwrap()
    }

    #[test]
    fn a_name_is_prefix_brand_and_number() {
        let name = ClientName::new(&fr(), 1001).unwrap();
        assert_eq!(name.as_str(), "FR-MoonVPN-1001");
        assert_eq!(ClientName::parse("FR-MoonVPN-1001").unwrap(), name);
        assert_eq!(name.number(), 1001);
        assert_eq!(name.prefix(), &fr());
    }

    #[test]
    fn malformed_names_are_refused() {
        for bad in [
            "fr-MoonVPN-1",
            "FR-moonvpn-1",
            "FR-MoonVPN-01",
            "FR-MoonVPN-0",
            "FR-MoonVPN-",
            "FR-MoonVPN-1-2",
            "FR-MoonVPN-99999999999",
            "F-MoonVPN-1",
        ] {
            assert!(ClientName::parse(bad).is_err(), "{bad} was accepted");
        }
        assert_eq!(ClientName::new(&fr(), 0), Err(ParseError::ZeroClientNumber));
    }

    #[test]
    fn the_client_name_is_a_valid_panel_email() {
        let name = ClientName::new(&LocationPrefix::new("USWST").unwrap(), u32::MAX).unwrap();
        let email = ClientEmail::from(&name);
        assert_eq!(ClientEmail::new(email.as_str()).unwrap(), email);
    }

    #[test]
    fn emails_refuse_spaces_slashes_and_overlong_text() {
        assert!(ClientEmail::new("tg123_1@x.y-z").is_ok());
        assert!(ClientEmail::new("").is_err());
        assert!(ClientEmail::new("a b").is_err());
        assert!(ClientEmail::new("a/b").is_err());
        assert!(ClientEmail::new(&"a".repeat(65)).is_err());
    }
}
