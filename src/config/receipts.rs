//! `[receipts]`, checked: the TTL, top-up bounds and presets in the shop's currency.

use std::time::Duration;

use kernel::{Currency, Money};

use super::error::ConfigError;
use super::raw::RawReceipts;

/// Longest accepted `receipts.ttl_minutes` (one week).
const MAX_RECEIPT_TTL_MINUTES: i64 = 7 * 24 * 60;

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

/// Checks `receipts.ttl_minutes`.
pub fn receipt_ttl(minutes: i64) -> Result<Duration, ConfigError> {
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

/// Checks the top-up bounds, presets and audit channel.
pub fn receipt_settings(raw: &RawReceipts, currency: Currency) -> Result<ReceiptSettings, ConfigError> {
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
