//! `[shop]`: the shop's name, shown in the welcome text and carried by every new client's name
//! on the panels (`FR-<name>-1001`).

use kernel::ShopName;
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
