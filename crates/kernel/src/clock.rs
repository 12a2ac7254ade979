//! The `Clock` port: every rule that depends on "now" asks a clock, so tests can fix time.

use std::sync::Mutex;
use time::OffsetDateTime;

/// Tells the current time in UTC.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
pub trait Clock: Send + Sync {
    /// The current instant, always UTC.
    fn now(&self) -> OffsetDateTime;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that stays where it is put; tests move it with [`FixedClock::set`] or
/// [`FixedClock::advance`].
#[derive(Debug)]
pub struct FixedClock(Mutex<OffsetDateTime>);

impl FixedClock {
    /// A clock stopped at `at` (converted to UTC).
    pub fn new(at: OffsetDateTime) -> Self {
        Self(Mutex::new(at.to_offset(time::UtcOffset::UTC)))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: OffsetDateTime) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at.to_offset(time::UtcOffset::UTC);
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: time::Duration) {
        let mut now = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let clock = FixedClock::new(datetime!(2026-01-01 10:00 +3));
        assert_eq!(clock.now(), datetime!(2026-01-01 07:00 UTC));
        clock.advance(time::Duration::minutes(30));
        assert_eq!(clock.now(), datetime!(2026-01-01 07:30 UTC));
    }
}
