//! `[shop]`: the shop's name, shown in the welcome text and carried by every new client's name
//! on the panels (`FR-<name>-1001`); and `default_language`, Persian for a shop that sells in
//! Toman or Rial unless set.

use kernel::{Currency, ShopName};
use members::{Language, SupportContact};
use serde::Deserialize;

use super::error::ConfigError;

/// `[shop]`, unchecked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawShop {
    /// The shop's name (`MoonVPN` when unset).
    pub name: Option<String>,
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
