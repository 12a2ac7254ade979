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
    /// Lifts every limit above, for a benchmark against a fake Bot API on this machine;
    /// refused unless `telegram.api_url` is a loopback address (Telegram would answer 429).
    pub unthrottled: bool,
}

impl Default for RawLimits {
    fn default() -> Self {
        let limits = RateLimits::default();
        Self {
            global_per_sec: limits.global_per_sec.get(),
            global_burst: limits.global_burst.get(),
            chat_interval_ms: u64::try_from(limits.chat_interval.as_millis()).unwrap_or(1000),
            chat_burst: limits.chat_burst.get(),
            unthrottled: false,
        }
    }
}

/// Checks `[limits]`: every number at least 1, the bot-wide rate at most 30 a second (more
/// is answered with 429s by Telegram) and a chat's interval at least 100 ms. `unthrottled`
/// is accepted only when `api_url` (the checked `telegram.api_url`) is on loopback.
pub fn rate_limits(raw: &RawLimits, api_url: &str) -> Result<RateLimits, ConfigError> {
    if raw.unthrottled {
        return if is_loopback(api_url) {
            Ok(RateLimits::unthrottled())
        } else {
            Err(ConfigError::Invalid {
                key: "limits.unthrottled",
                problem: format!(
                    "only for a Bot API on this machine (a benchmark's fake), not {api_url:?}: Telegram answers a bot without limits with 429s"
                ),
            })
        };
    }
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

/// Whether `url` (http:// or https://) points at this machine: `localhost`, 127.0.0.0/8 or
/// `[::1]`.
fn is_loopback(url: &str) -> bool {
    let Ok(url) = url::Url::parse(url) else {
        return false;
    };
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unthrottled() -> RawLimits {
        RawLimits {
            unthrottled: true,
            ..RawLimits::default()
        }
    }

    #[test]
    fn unthrottled_is_taken_for_a_bot_api_on_this_machine() {
        for url in [
            "http://127.0.0.1:8081",
            "http://localhost:9000",
            "http://[::1]:80",
            "https://127.0.0.2",
        ] {
            assert_eq!(
                rate_limits(&unthrottled(), url).unwrap(),
                RateLimits::unthrottled(),
                "{url}"
            );
        }
    }

    #[test]
    fn unthrottled_is_refused_for_telegram_or_any_other_host() {
        for url in [
            "https://api.telegram.org",
            "http://10.0.0.5:8081",
            "http://localhost.example.com",
        ] {
            let err = rate_limits(&unthrottled(), url).unwrap_err().to_string();
            assert!(err.contains("limits.unthrottled"), "{url}: {err}");
        }
        assert_eq!(
            rate_limits(&RawLimits::default(), "https://api.telegram.org").unwrap(),
            RateLimits::default()
        );
    }
}
