//! Flood limits like Telegram's working figures: a token bucket per chat (default 1 message
//! per second, bursts of 3) and one for the whole bot (default 30 per second). A refused send
//! gets `retry_after`; sending again before that time has passed makes the wait longer.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

/// The key used for the bot-wide bucket's penalty.
const GLOBAL: i64 = i64::MIN;

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The limiter's settings and buckets.
#[derive(Debug)]
pub(crate) struct RateLimits {
    per_chat: u32,
    burst: u32,
    global: u32,
    chats: HashMap<i64, Bucket>,
    global_bucket: Option<Bucket>,
    penalties: HashMap<i64, Instant>,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            per_chat: 1,
            burst: 3,
            global: 30,
            chats: HashMap::new(),
            global_bucket: None,
            penalties: HashMap::new(),
        }
    }
}

impl RateLimits {
    /// New limits (0 turns a limit off); buckets start full again.
    pub(crate) fn configure(&mut self, per_chat: u32, burst: u32, global: u32) {
        *self = RateLimits {
            per_chat,
            burst: burst.max(1),
            global,
            ..RateLimits::default()
        };
    }

    /// Takes one message from `chat`'s and the bot's allowance, or says how many whole
    /// seconds to wait.
    pub(crate) fn take(&mut self, chat: i64, now: Instant) -> Result<(), u32> {
        for key in [chat, GLOBAL] {
            if let Some(until) = self.penalties.get_mut(&key)
                && now < *until
            {
                // Ignoring retry_after escalates the wait.
                *until += Duration::from_secs(1);
                return Err(whole_seconds(*until - now));
            }
        }
        let chat_bucket = (self.per_chat > 0).then(|| {
            let bucket = self.chats.entry(chat).or_insert(Bucket {
                tokens: f64::from(self.burst),
                at: now,
            });
            refill(bucket, now, self.per_chat, self.burst)
        });
        let global_bucket = (self.global > 0).then(|| {
            let bucket = self.global_bucket.get_or_insert(Bucket {
                tokens: f64::from(self.global),
                at: now,
            });
            refill(bucket, now, self.global, self.global)
        });
        for (key, bucket, rate) in [(chat, chat_bucket, self.per_chat), (GLOBAL, global_bucket, self.global)] {
            if let Some(bucket) = bucket
                && bucket.tokens < 1.0
            {
                let wait = whole_seconds(Duration::from_secs_f64((1.0 - bucket.tokens) / f64::from(rate)));
                self.penalties.insert(key, now + Duration::from_secs(u64::from(wait)));
                return Err(wait);
            }
        }
        if let Some(bucket) = self.chats.get_mut(&chat).filter(|_| self.per_chat > 0) {
            bucket.tokens -= 1.0;
        }
        if let Some(bucket) = self.global_bucket.as_mut().filter(|_| self.global > 0) {
            bucket.tokens -= 1.0;
        }
        Ok(())
    }
}

fn refill(bucket: &mut Bucket, now: Instant, rate: u32, capacity: u32) -> Bucket {
    let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
    bucket.tokens = (bucket.tokens + elapsed * f64::from(rate)).min(f64::from(capacity));
    bucket.at = now;
    *bucket
}

fn whole_seconds(wait: Duration) -> u32 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    u32::try_from(secs.max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_three_passes_and_the_fourth_waits_a_second() {
        let mut limits = RateLimits::default();
        let now = Instant::now();
        for _ in 0..3 {
            assert_eq!(limits.take(7, now), Ok(()));
        }
        assert_eq!(limits.take(7, now), Err(1));
        assert_eq!(limits.take(8, now), Ok(()), "another chat has its own allowance");
    }

    #[test]
    fn retrying_before_retry_after_makes_the_wait_longer() {
        let mut limits = RateLimits::default();
        let now = Instant::now();
        for _ in 0..3 {
            let _ = limits.take(1, now);
        }
        assert_eq!(limits.take(1, now), Err(1));
        assert_eq!(limits.take(1, now), Err(2));
        assert_eq!(limits.take(1, now + Duration::from_secs(3)), Ok(()));
    }

    #[test]
    fn the_global_limit_spans_chats() {
        let mut limits = RateLimits::default();
        limits.configure(0, 1, 2);
        let now = Instant::now();
        assert_eq!(limits.take(1, now), Ok(()));
        assert_eq!(limits.take(2, now), Ok(()));
        assert_eq!(limits.take(3, now), Err(1));
    }

    #[test]
    fn zero_turns_limits_off() {
        let mut limits = RateLimits::default();
        limits.configure(0, 1, 0);
        let now = Instant::now();
        for _ in 0..100 {
            assert_eq!(limits.take(1, now), Ok(()));
        }
    }
}
