//! Client names (`FR-MoonVPN-1001`) and the panel email that identifies a client.

use kernel::ShopName;

use crate::{LocationPrefix, ParseError};

/// A client's name: `<PREFIX>-<brand>-<n>` with `n ≥ 1`, where the brand is the shop's name
/// as a remark segment ([`ShopName::remark_segment`]: `Moon VPN` gives `FR-Moon_VPN-1001`).
/// Numbers are handed out per location and never reused, so two names never differ only by
/// their brand.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientName {
    text: String,
    prefix: LocationPrefix,
    number: u32,
}

impl ClientName {
    /// The longest brand segment a stored name may carry.
    pub const MAX_BRAND_LEN: usize = ShopName::MAX_CHARS;

    /// The name of client number `number` of the location with `prefix` in the shop `shop`.
    pub fn new(prefix: &LocationPrefix, shop: &ShopName, number: u32) -> Result<Self, ParseError> {
        Self::with_brand(prefix, &shop.remark_segment(), number)
    }

    fn with_brand(prefix: &LocationPrefix, brand: &str, number: u32) -> Result<Self, ParseError> {
        if number == 0 {
            return Err(ParseError::ZeroClientNumber);
        }
        Ok(Self {
            text: format!("{prefix}-{brand}-{number}"),
            prefix: prefix.clone(),
            number,
        })
    }

    /// Parses a stored or typed name; strict (the prefix must already be upper-case, no
    /// leading zeros). The brand may be any remark segment (1 to 32 of `A-Z a-z 0-9 _`), not
    /// only today's: clients made before the shop was renamed keep their names.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::BadClientName(raw.to_owned());
        let mut parts = raw.split('-');
        let (Some(prefix), Some(brand), Some(number), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let strict_prefix = prefix.bytes().all(|b| b.is_ascii_uppercase());
        let strict_brand = !brand.is_empty()
            && brand.len() <= Self::MAX_BRAND_LEN
            && brand.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        let strict_number =
            !number.is_empty() && !number.starts_with('0') && number.bytes().all(|b| b.is_ascii_digit());
        if !strict_brand || !strict_prefix || !strict_number {
            return Err(bad());
        }
        let prefix = LocationPrefix::new(prefix).map_err(|_| bad())?;
        let number = number.parse().map_err(|_| bad())?;
        Self::with_brand(&prefix, brand, number)
    }

    /// The brand part (the shop's name when the client was made).
    pub fn brand(&self) -> &str {
        let start = self.prefix.as_str().len() + 1;
        let end = self.text.len() - self.number.to_string().len() - 1;
        &self.text[start..end]
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
        // A client name is letters, digits, `_` and dashes, at most 5 + 1 + 32 + 1 + 10
        // characters.
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

    fn shop(name: &str) -> ShopName {
        ShopName::new(name).unwrap()
    }

    #[test]
    fn a_name_is_prefix_brand_and_number() {
        let name = ClientName::new(&fr(), &ShopName::default(), 1001).unwrap();
        assert_eq!(name.as_str(), "FR-MoonVPN-1001");
        assert_eq!(ClientName::parse("FR-MoonVPN-1001").unwrap(), name);
        assert_eq!(name.number(), 1001);
        assert_eq!(name.prefix(), &fr());
        assert_eq!(name.brand(), "MoonVPN");
    }

    #[test]
    fn the_brand_is_the_shop_name_as_a_remark_segment() {
        let name = ClientName::new(&fr(), &shop("Sky-Net 2"), 1001).unwrap();
        assert_eq!(name.as_str(), "FR-Sky_Net_2-1001");
        assert_eq!(name.brand(), "Sky_Net_2");
        assert_eq!(ClientName::parse(name.as_str()).unwrap(), name);
        let persian = ClientName::new(&fr(), &shop("ماه نت"), 7).unwrap();
        assert_eq!(persian.as_str(), "FR-VPN-7");
    }

    #[test]
    fn names_made_under_an_earlier_shop_name_still_parse() {
        for old in [
            "FR-MoonVPN-1001",
            "FR-Old_Brand-12",
            "DE-X-1",
            &format!("US-{}-3", "B".repeat(32)),
        ] {
            let name = ClientName::parse(old).unwrap_or_else(|e| panic!("{old}: {e}"));
            assert_eq!(name.as_str(), old);
        }
        let renamed = ClientName::parse("FR-Old_Brand-12").unwrap();
        assert_eq!((renamed.brand(), renamed.number()), ("Old_Brand", 12));
    }

    #[test]
    fn the_longest_name_is_still_a_valid_panel_email() {
        let long = shop(&"W".repeat(ShopName::MAX_CHARS));
        let name = ClientName::new(&LocationPrefix::new("USWST").unwrap(), &long, u32::MAX).unwrap();
        let email = ClientEmail::from(&name);
        assert_eq!(ClientEmail::new(email.as_str()).unwrap(), email);
    }

    #[test]
    fn malformed_names_are_refused() {
        for bad in [
            "fr-MoonVPN-1",
            "FR--1",
            "FR-Moon VPN-1",
            "FR-Moon.VPN-1",
            "FR-ماه-1",
            "FR-MoonVPN-01",
            "FR-MoonVPN-0",
            "FR-MoonVPN-",
            "FR-MoonVPN-1-2",
            "FR-MoonVPN-99999999999",
            "F-MoonVPN-1",
        ] {
            assert!(ClientName::parse(bad).is_err(), "{bad} was accepted");
        }
        assert!(ClientName::parse(&format!("FR-{}-1", "B".repeat(33))).is_err());
        assert_eq!(
            ClientName::new(&fr(), &ShopName::default(), 0),
            Err(ParseError::ZeroClientNumber)
        );
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
