//! How patient the driver is with a panel.

use std::time::Duration;

/// Timeouts and retry policy. The defaults suit a panel across the Internet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XuiConfig {
    /// Longest wait for a TCP + TLS connection.
    pub connect_timeout: Duration,
    /// Longest wait for a whole answer (the read timeout).
    pub request_timeout: Duration,
    /// Extra attempts after a failed read (or a request that never left); 0 = try once.
    pub retries: u32,
    /// Pause before the first extra attempt; doubled before each next one.
    pub backoff: Duration,
}

impl Default for XuiConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            retries: 2,
            backoff: Duration::from_millis(300),
        }
    }
}

impl XuiConfig {
    /// The pause before extra attempt number `attempt` (1-based), capped at 30 s.
    pub fn backoff_for(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.backoff.saturating_mul(factor).min(Duration::from_secs(30))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let c = XuiConfig {
            backoff: Duration::from_millis(100),
            ..XuiConfig::default()
        };
        assert_eq!(c.backoff_for(1), Duration::from_millis(100));
        assert_eq!(c.backoff_for(3), Duration::from_millis(400));
        assert_eq!(c.backoff_for(40), Duration::from_secs(30));
    }
}
