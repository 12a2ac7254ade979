//! `[shop]`: the shop's name, shown in the welcome text and carried by every new client's name
//! on the panels (`FR-<name>-1001`); its time (`shop.utc_offset`), where its days start; and
//! `default_language`, Persian for a shop that sells in Toman or Rial unless set.

use kernel::{Currency, ShopName};
use members::{Language, SupportContact};
use serde::Deserialize;
use time::UtcOffset;

use super::error::ConfigError;

/// `[shop]`, unchecked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawShop {
    /// The shop's name (`MoonVPN` when unset).
    pub name: Option<String>,
    /// The shop's time as an offset from UTC (`+03:30`); unset, it follows the currency.
    pub utc_offset: Option<String>,
}

/// Checks `shop.name`; `MoonVPN` when unset.
pub fn shop_name(raw: &RawShop) -> Result<ShopName, ConfigError> {
    match &raw.name {
        None => Ok(ShopName::default()),
        Some(name) => ShopName::new(name).map_err(|e| ConfigError::Invalid {
            key: "shop.name",
            problem: e.to_string(),
        }),
    }
}

/// The shop's time when `shop.utc_offset` is not set: Tehran (`+03:30`) for a shop in Toman or
/// Rial, Moscow (`+03:00`) for one in roubles, UTC otherwise.
pub fn utc_offset_for(currency: Currency) -> UtcOffset {
    match currency.code() {
        "IRT" | "IRR" => time::macros::offset!(+3:30),
        "RUB" => time::macros::offset!(+3),
        _ => UtcOffset::UTC,
    }
}

/// Checks `shop.utc_offset` (`+03:30`, `-05:00`, `+00:00` or `UTC`, at most 14 hours either
/// way); when it is not set, [`utc_offset_for`] the currency.
pub fn utc_offset(raw: &RawShop, currency: Currency) -> Result<UtcOffset, ConfigError> {
    let Some(text) = raw.utc_offset.as_deref().map(str::trim) else {
        return Ok(utc_offset_for(currency));
    };
    parse_utc_offset(text).ok_or_else(|| ConfigError::Invalid {
        key: "shop.utc_offset",
        problem: format!("{text:?} is not an offset from UTC such as +03:30, -05:00 or UTC"),
    })
}

/// `+03:30`: an offset as `shop.utc_offset` is written.
pub fn offset_text(offset: UtcOffset) -> String {
    let (hours, minutes, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", hours.unsigned_abs(), minutes.unsigned_abs())
}

fn parse_utc_offset(text: &str) -> Option<UtcOffset> {
    if text.eq_ignore_ascii_case("utc") || text.eq_ignore_ascii_case("z") {
        return Some(UtcOffset::UTC);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':')?;
    let all_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let (hours, minutes): (i8, i8) = (hours.parse().ok()?, minutes.parse().ok()?);
    if hours > 14 || minutes > 59 || (hours == 14 && minutes > 0) {
        return None;
    }
    UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

/// The language new users start in when `default_language` is not set: Persian (`fa`) for a
/// shop that keeps its books in Toman (`IRT`) or Rial (`IRR`), English otherwise.
pub fn default_language_for(currency: Currency) -> Language {
    match currency.code() {
        "IRT" | "IRR" => Language::Fa,
        _ => Language::En,
    }
}

/// Checks `default_language`; when it is not set, [`default_language_for`] the currency.
pub fn default_language(raw: Option<&str>, currency: Currency) -> Result<Language, ConfigError> {
    match raw {
        None => Ok(default_language_for(currency)),
        Some(code) => code.parse().map_err(|e: members::ParseCodeError| ConfigError::Invalid {
            key: "default_language",
            problem: e.to_string(),
        }),
    }
}

/// Checks `support.contact`; empty means not set.
pub fn support_contact(raw: Option<&str>) -> Result<Option<SupportContact>, ConfigError> {
    match raw.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(contact) => SupportContact::new(contact)
            .map(Some)
            .map_err(|e| ConfigError::Invalid {
                key: "support.contact",
                problem: e.to_string(),
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset(text: &str) -> Result<UtcOffset, ConfigError> {
        let raw = RawShop {
            utc_offset: Some(text.to_owned()),
            ..RawShop::default()
        };
        utc_offset(&raw, Currency::from_code("USD").unwrap())
    }

    #[test]
    fn an_offset_is_read_with_its_sign_and_minutes() {
        assert_eq!(offset("+03:30").unwrap(), time::macros::offset!(+3:30));
        assert_eq!(offset("-05:00").unwrap(), time::macros::offset!(-5));
        assert_eq!(offset("-03:30").unwrap(), time::macros::offset!(-3:30));
        assert_eq!(offset("UTC").unwrap(), UtcOffset::UTC);
        assert_eq!(offset(" +14:00 ").unwrap(), time::macros::offset!(+14));
        for text in ["+03:30", "-03:30", "+00:00", "-05:00"] {
            assert_eq!(offset_text(offset(text).unwrap()), text, "written back as read");
        }
    }

    #[test]
    fn anything_else_is_refused_naming_the_key() {
        for bad in ["3:30", "+3:30", "+03", "+15:00", "+14:30", "+03:60", "Asia/Tehran", ""] {
            let err = offset(bad).unwrap_err().to_string();
            assert!(err.contains("shop.utc_offset"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn unset_it_follows_the_currency() {
        let unset = RawShop::default();
        let at = |code: &str| utc_offset(&unset, Currency::from_code(code).unwrap()).unwrap();
        assert_eq!(at("IRT"), time::macros::offset!(+3:30));
        assert_eq!(at("IRR"), time::macros::offset!(+3:30));
        assert_eq!(at("RUB"), time::macros::offset!(+3));
        assert_eq!(at("USD"), UtcOffset::UTC);
    }
}
