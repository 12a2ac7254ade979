//! Telegram's flood limits, kept on our side so Telegram never has to answer 429.
//!
//! Every Bot API call passes [`Limiter::acquire`] with its [`Cost`]: a new message waits for
//! its chat's allowance (≈ 1 per second sustained, short bursts allowed) and the bot's
//! (≈ 30 per second); an edit waits for the bot's only; calls that send nothing to a chat
//! (answering a button, polling, settings) are never held. A 429 that still comes back pauses
//! every message until its `retry_after` has passed. Two lanes share the bot's allowance:
//! [`Lane::Interactive`] (answers to what a user just did) always goes first, and
//! [`Lane::Bulk`] (outbox notices, broadcasts) takes a slot only while no interactive call is
//! waiting for one, so a broadcast never slows the menus.
//!
//! The buckets are `governor`'s GCRA limiters (a direct one for the bot, a keyed one per
//! chat).

use std::num::NonZeroU32;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota};
use tokio::time::Instant;

/// The flood limits, from config (`[telegram.limits]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// New messages plus edits per second for the whole bot.
    pub global_per_sec: NonZeroU32,
    /// How many of those may go out at once after a quiet spell.
    pub global_burst: NonZeroU32,
    /// Seconds between two new messages in one chat, sustained.
    pub chat_interval: Duration,
    /// How many new messages one chat may get at once after a quiet spell.
    pub chat_burst: NonZeroU32,
}

impl Default for RateLimits {
    /// 30 messages a second overall with bursts of 20 (leaving Telegram's own bucket slack
    /// for network jitter); one message a second per chat with bursts of 3.
    fn default() -> Self {
        Self {
            global_per_sec: NonZeroU32::new(30).unwrap_or(NonZeroU32::MIN),
            global_burst: NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN),
            chat_interval: Duration::from_secs(1),
            chat_burst: NonZeroU32::new(3).unwrap_or(NonZeroU32::MIN),
        }
    }
}

impl RateLimits {
    /// Practically no limits: for a world whose fake Bot API enforces no flood limits
    /// either, so tests that wait for a quiet Bot API are not fooled by a held message.
    /// Never for Telegram (the config cannot choose it).
    pub fn unthrottled() -> Self {
        let many = NonZeroU32::new(10_000).unwrap_or(NonZeroU32::MAX);
        Self {
            global_per_sec: many,
            global_burst: many,
            chat_interval: Duration::from_millis(1),
            chat_burst: many,
        }
    }
}

/// What a call takes from the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// A new message in `chat` (sendMessage, sendPhoto, sendInvoice…).
    Message(i64),
    /// An edit of a message already there.
    Edit,
    /// No message at all: answering a button, polling, webhook and command settings.
    Free,
}

/// Who is waiting for the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lane {
    /// A user just did something and waits for the answer.
    #[default]
    Interactive,
    /// Sends nobody is waiting for (notices, broadcasts): they yield to interactive calls.
    Bulk,
}

/// Counts for metrics and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LimiterStats {
    /// Calls that took a slot (messages and edits).
    pub admitted: u64,
    /// 429 answers Telegram gave despite the limits.
    pub rate_limited: u64,
    /// Bulk calls waiting for a slot right now.
    pub bulk_waiting: usize,
}

/// The bot's limiters, shared by every clone of [`super::BotApi`].
pub struct Limiter {
    limits: RateLimits,
    global: DefaultDirectRateLimiter,
    chats: DefaultKeyedRateLimiter<i64>,
    paused_until: Mutex<Option<Instant>>,
    interactive_waiting: AtomicUsize,
    bulk_waiting: AtomicUsize,
    admitted: AtomicU64,
    rate_limited: AtomicU64,
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter")
            .field("limits", &self.limits)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

/// Slots released while a bulk sender waits for interactive calls to go first are checked
/// again this often.
const YIELD_POLL: Duration = Duration::from_millis(5);

impl Limiter {
    /// Limiters with `limits`.
    pub fn new(limits: RateLimits) -> Self {
        let global = Quota::per_second(limits.global_per_sec).allow_burst(limits.global_burst);
        let chat_period = limits.chat_interval.max(Duration::from_millis(1));
        let chat = Quota::with_period(chat_period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(limits.chat_burst);
        Self {
            limits,
            global: DefaultDirectRateLimiter::direct(global),
            chats: DefaultKeyedRateLimiter::dashmap(chat),
            paused_until: Mutex::new(None),
            interactive_waiting: AtomicUsize::new(0),
            bulk_waiting: AtomicUsize::new(0),
            admitted: AtomicU64::new(0),
            rate_limited: AtomicU64::new(0),
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> RateLimits {
        self.limits
    }

    /// Waits until a call of `cost` on `lane` may go out, and takes its slot.
    pub async fn acquire(&self, cost: Cost, lane: Lane) {
        if cost == Cost::Free {
            return;
        }
        self.wait_out_pause().await;
        if let Cost::Message(chat) = cost {
            self.chats.until_key_ready(&chat).await;
        }
        match lane {
            Lane::Interactive => {
                self.interactive_waiting.fetch_add(1, Ordering::SeqCst);
                self.global.until_ready().await;
                self.interactive_waiting.fetch_sub(1, Ordering::SeqCst);
            }
            Lane::Bulk => {
                self.bulk_waiting.fetch_add(1, Ordering::SeqCst);
                self.take_global_slot_after_interactive().await;
                self.bulk_waiting.fetch_sub(1, Ordering::SeqCst);
            }
        }
        // A pause may have started while this call waited for its slots.
        self.wait_out_pause().await;
        self.admitted.fetch_add(1, Ordering::Relaxed);
    }

    /// Telegram answered 429 with `retry_after`: no message or edit goes out before it passed.
    pub fn pause(&self, retry_after: Duration) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
        let until = Instant::now() + retry_after;
        let mut paused = self
            .paused_until
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if paused.is_none_or(|current| current < until) {
            *paused = Some(until);
        }
    }

    /// What the limiter has done so far.
    pub fn stats(&self) -> LimiterStats {
        LimiterStats {
            admitted: self.admitted.load(Ordering::Relaxed),
            rate_limited: self.rate_limited.load(Ordering::Relaxed),
            bulk_waiting: self.bulk_waiting.load(Ordering::Relaxed),
        }
    }

    async fn wait_out_pause(&self) {
        loop {
            let until = *self
                .paused_until
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match until {
                Some(until) if until > Instant::now() => tokio::time::sleep_until(until).await,
                _ => return,
            }
        }
    }

    async fn take_global_slot_after_interactive(&self) {
        loop {
            if self.interactive_waiting.load(Ordering::SeqCst) > 0 {
                tokio::time::sleep(YIELD_POLL).await;
                continue;
            }
            match self.global.check() {
                Ok(()) => return,
                Err(not_until) => {
                    let wait = not_until.wait_time_from(DefaultClock::default().now());
                    tokio::time::sleep(wait.clamp(Duration::from_millis(1), YIELD_POLL * 20)).await;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn limits(global: u32, burst: u32) -> RateLimits {
        RateLimits {
            global_per_sec: NonZeroU32::new(global).unwrap(),
            global_burst: NonZeroU32::new(burst).unwrap(),
            ..RateLimits::default()
        }
    }

    #[tokio::test]
    async fn one_chat_gets_its_burst_then_one_message_a_second() {
        let limiter = Limiter::new(RateLimits::default());
        let started = std::time::Instant::now();
        for _ in 0..3 {
            limiter.acquire(Cost::Message(7), Lane::Interactive).await;
        }
        assert!(started.elapsed() < Duration::from_millis(200), "the burst goes at once");
        limiter.acquire(Cost::Message(8), Lane::Interactive).await;
        assert!(
            started.elapsed() < Duration::from_millis(200),
            "another chat is not held"
        );
        limiter.acquire(Cost::Message(7), Lane::Interactive).await;
        assert!(
            started.elapsed() >= Duration::from_millis(900),
            "the fourth waits its second"
        );
    }

    #[tokio::test]
    async fn edits_and_free_calls_do_not_use_a_chats_allowance() {
        let limiter = Limiter::new(RateLimits::default());
        let started = std::time::Instant::now();
        for _ in 0..10 {
            limiter.acquire(Cost::Edit, Lane::Interactive).await;
            limiter.acquire(Cost::Free, Lane::Interactive).await;
        }
        assert!(started.elapsed() < Duration::from_millis(200));
        assert_eq!(limiter.stats().admitted, 10, "free calls take no slot");
    }

    #[tokio::test]
    async fn the_bot_wide_rate_holds_across_chats() {
        let limiter = Limiter::new(limits(20, 5));
        let started = std::time::Instant::now();
        for chat in 0..15 {
            limiter.acquire(Cost::Message(chat), Lane::Bulk).await;
        }
        // 5 at once, then 10 more at 20 a second: about half a second.
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(400), "{took:?}");
        assert!(took < Duration::from_millis(1500), "{took:?}");
    }

    #[tokio::test]
    async fn a_429_pauses_every_message() {
        let limiter = Limiter::new(RateLimits::default());
        limiter.pause(Duration::from_millis(300));
        let started = std::time::Instant::now();
        limiter.acquire(Cost::Message(1), Lane::Interactive).await;
        limiter.acquire(Cost::Edit, Lane::Bulk).await;
        assert!(started.elapsed() >= Duration::from_millis(250));
        assert_eq!(limiter.stats().rate_limited, 1);
        let started = std::time::Instant::now();
        limiter.acquire(Cost::Free, Lane::Interactive).await;
        assert!(
            started.elapsed() < Duration::from_millis(50),
            "answering a button is never held"
        );
    }

    #[tokio::test]
    async fn interactive_calls_overtake_a_running_broadcast() {
        let limiter = Arc::new(Limiter::new(limits(10, 1)));
        let bulk = {
            let limiter = Arc::clone(&limiter);
            tokio::spawn(async move {
                for chat in 0..30 {
                    limiter.acquire(Cost::Message(chat), Lane::Bulk).await;
                }
            })
        };
        tokio::time::sleep(Duration::from_millis(300)).await;
        let mut waits = Vec::new();
        for chat in 1000..1005 {
            let started = std::time::Instant::now();
            limiter.acquire(Cost::Message(chat), Lane::Interactive).await;
            waits.push(started.elapsed());
        }
        bulk.abort();
        // Each interactive call waits at most about one slot (100 ms), never behind the queue.
        assert!(waits.iter().all(|w| *w < Duration::from_millis(250)), "{waits:?}");
    }
}
