//! `[limits]`: the Bot API flood limits (see [`telegram::RateLimits`]).

use std::num::NonZeroU32;
use std::time::Duration;

use serde::Deserialize;
use telegram::RateLimits;

use super::error::ConfigError;

/// `[limits]`, unchecked. The defaults are Telegram's working figures.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawLimits {
    /// Messages (and edits) per second for the whole bot; Telegram allows about 30.
    pub global_per_sec: u32,
    /// How many of those may leave at once after a quiet spell.
    pub global_burst: u32,
    /// Milliseconds between two new messages in one chat, sustained; Telegram allows about 1 s.
    pub chat_interval_ms: u64,
    /// How many new messages one chat may get at once.
    pub chat_burst: u32,
}

impl Default for RawLimits {
    fn default() -> Self {
        let limits = RateLimits::default();
        Self {
            global_per_sec: limits.global_per_sec.get(),
            global_burst: limits.global_burst.get(),
            chat_interval_ms: u64::try_from(limits.chat_interval.as_millis()).unwrap_or(1000),
            chat_burst: limits.chat_burst.get(),
        }
    }
}

/// Checks `[limits]`: every number at least 1, the bot-wide rate at most 30 a second (more
/// is answered with 429s by Telegram) and a chat's interval at least 100 ms.
pub fn rate_limits(raw: &RawLimits) -> Result<RateLimits, ConfigError> {
    let bounded = |key: &'static str, value: u32, max: u32| {
        NonZeroU32::new(value)
            .filter(|v| v.get() <= max)
            .ok_or_else(|| ConfigError::Invalid {
                key,
                problem: format!("{value} is not between 1 and {max}"),
            })
    };
    if !(100..=60_000).contains(&raw.chat_interval_ms) {
        return Err(ConfigError::Invalid {
            key: "limits.chat_interval_ms",
            problem: format!("{} is not between 100 and 60000", raw.chat_interval_ms),
        });
    }
    Ok(RateLimits {
        global_per_sec: bounded("limits.global_per_sec", raw.global_per_sec, 30)?,
        global_burst: bounded("limits.global_burst", raw.global_burst, 30)?,
        chat_interval: Duration::from_millis(raw.chat_interval_ms),
        chat_burst: bounded("limits.chat_burst", raw.chat_burst, 20)?,
    })
}
