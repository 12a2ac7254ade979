//! Honouring 429 `retry_after`: wait as Telegram asks, a bounded number of times.

use std::future::Future;
use std::time::Duration;

use super::ApiError;

/// How patiently to retry rate-limited calls. Only 429s are retried: Telegram did not
/// perform the call, so a retry cannot duplicate a message. Network errors are not
/// retried here, because the message may have been sent before the connection dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The longest single wait accepted; a longer `retry_after` is returned to the caller
    /// at once (the outbox reschedules instead of holding a chat's queue for minutes).
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            max_wait: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Runs `call`, sleeping (tokio time, so tests can pause the clock) for each 429's
    /// `retry_after` within the policy.
    pub async fn run<T, F, Fut>(&self, method: &str, mut call: F) -> Result<T, ApiError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let mut retries = 0;
        loop {
            match call().await {
                Err(e) => match e.retry_after() {
                    Some(wait) if retries < self.max_retries && wait <= self.max_wait => {
                        retries += 1;
                        tracing::warn!(
                            method,
                            wait_secs = wait.as_secs(),
                            retries,
                            "rate limited by Telegram; waiting"
                        );
                        tokio::time::sleep(wait).await;
                    }
                    _ => return Err(e),
                },
                ok => return ok,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    fn limited(secs: u64) -> ApiError {
        ApiError::RateLimited {
            retry_after: Duration::from_secs(secs),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_is_retried_after_the_time_telegram_asked_for() {
        let calls = AtomicU32::new(0);
        let started = tokio::time::Instant::now();
        let result = RetryPolicy::default()
            .run("sendMessage", || async {
                match calls.fetch_add(1, Ordering::SeqCst) {
                    0 => Err(limited(5)),
                    _ => Ok("sent"),
                }
            })
            .await;
        assert_eq!(result, Ok("sent"));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert!(started.elapsed() >= Duration::from_secs(5));
        assert!(started.elapsed() < Duration::from_secs(6));
    }

    #[tokio::test(start_paused = true)]
    async fn retries_stop_after_the_budget() {
        let calls = AtomicU32::new(0);
        let result: Result<(), _> = RetryPolicy::default()
            .run("sendMessage", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(limited(1))
            })
            .await;
        assert_eq!(result, Err(limited(1)));
        assert_eq!(calls.load(Ordering::SeqCst), 4);
    }

    #[tokio::test(start_paused = true)]
    async fn a_wait_longer_than_allowed_is_returned_at_once() {
        let calls = AtomicU32::new(0);
        let result: Result<(), _> = RetryPolicy::default()
            .run("sendMessage", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(limited(600))
            })
            .await;
        assert_eq!(result, Err(limited(600)));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn other_errors_are_not_retried() {
        let calls = AtomicU32::new(0);
        let result: Result<(), _> = RetryPolicy::default()
            .run("sendMessage", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(ApiError::Blocked("Forbidden: bot was blocked by the user".into()))
            })
            .await;
        assert!(matches!(result, Err(ApiError::Blocked(_))));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
