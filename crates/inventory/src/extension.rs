//! What an admin adds to a user's running service ([`Extension`]: days and/or gigabytes) and
//! what the service looks like afterwards ([`ExtendedLimits`]), decided here once for the bot's
//! confirmation, the use case and the CLI.

use kernel::{BYTES_PER_GB, ByteLimit};
use time::{Duration, OffsetDateTime};

use crate::{AccountStatus, ClientAccount};

/// Why an extension was refused; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionError {
    /// Both amounts are zero.
    #[error("add at least one day or one GB")]
    Empty,
    /// More days than [`Extension::MAX_DAYS`].
    #[error("at most {max} days can be added at once", max = Extension::MAX_DAYS)]
    TooManyDays,
    /// More gigabytes than [`Extension::MAX_GB`].
    #[error("at most {max} GB can be added at once", max = Extension::MAX_GB)]
    TooManyGb,
    /// Days were asked for a service that never expires.
    #[error("this service never expires, so days cannot be added to it")]
    NeverExpires,
    /// Gigabytes were asked for a service with unlimited traffic.
    #[error("this service has unlimited traffic, so GB cannot be added to it")]
    UnlimitedTraffic,
    /// The service was moved away or turned off by an admin.
    #[error("the service is {status}; only a running or expired service can be extended")]
    NotRunning {
        /// Its status.
        status: AccountStatus,
    },
}

/// Days and gigabytes to add to a service: at least one of them, each within its bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extension {
    days: u32,
    gb: u32,
}

impl Extension {
    /// The most days one extension adds (ten years).
    pub const MAX_DAYS: u32 = 3650;
    /// The most gigabytes one extension adds.
    pub const MAX_GB: u32 = 100_000;

    /// `days` days and `gb` GB (either may be 0, not both).
    pub fn new(days: u32, gb: u32) -> Result<Self, ExtensionError> {
        if days == 0 && gb == 0 {
            return Err(ExtensionError::Empty);
        }
        if days > Self::MAX_DAYS {
            return Err(ExtensionError::TooManyDays);
        }
        if gb > Self::MAX_GB {
            return Err(ExtensionError::TooManyGb);
        }
        Ok(Self { days, gb })
    }

    /// Days added.
    pub fn days(self) -> u32 {
        self.days
    }

    /// Gigabytes added.
    pub fn gb(self) -> u32 {
        self.gb
    }

    /// What `account` looks like once extended at `now`: the days go on top of its expiry (or
    /// of now, when it has passed), the gigabytes on top of its limit (or of what it used, when
    /// it went over). It is Active again when it has traffic and time left, Expired otherwise.
    /// A side asked for that is unlimited already, or a service that does not run, is refused.
    pub fn apply_to(self, account: &ClientAccount, now: OffsetDateTime) -> Result<ExtendedLimits, ExtensionError> {
        if !matches!(account.status, AccountStatus::Active | AccountStatus::Expired) {
            return Err(ExtensionError::NotRunning { status: account.status });
        }
        let expires_at = match account.expires_at {
            None if self.days > 0 => return Err(ExtensionError::NeverExpires),
            None => None,
            Some(at) if self.days == 0 => Some(at),
            Some(at) => Some(at.max(now) + Duration::days(i64::from(self.days))),
        };
        let total_bytes = match account.traffic_limit_bytes {
            ByteLimit::Unlimited if self.gb > 0 => return Err(ExtensionError::UnlimitedTraffic),
            limit if self.gb == 0 => limit,
            limit => limit
                .at_least(account.traffic_used_bytes)
                .saturating_add(u64::from(self.gb) * BYTES_PER_GB),
        };
        let extended = ClientAccount {
            traffic_limit_bytes: total_bytes,
            expires_at,
            ..account.clone()
        };
        let status = if extended.is_exhausted(now) {
            AccountStatus::Expired
        } else {
            AccountStatus::Active
        };
        Ok(ExtendedLimits {
            traffic_limit_bytes: total_bytes,
            expires_at,
            status,
        })
    }
}

/// A service's limits after an [`Extension`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtendedLimits {
    /// Traffic allowed in bytes.
    pub traffic_limit_bytes: ByteLimit,
    /// When it stops working; `None` = never.
    pub expires_at: Option<OffsetDateTime>,
    /// Active when it has traffic and time left, Expired otherwise.
    pub status: AccountStatus,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClientEmail, ClientName, LocationPrefix};
    use kernel::{ClientAccountId, InboundId, LocationId, UserId};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-06 12:00 UTC);
    const GB: u64 = BYTES_PER_GB;

    fn account(limit: u64, used: u64, expires_at: Option<OffsetDateTime>, status: AccountStatus) -> ClientAccount {
        let name = ClientName::new(&LocationPrefix::new("FR").unwrap(), &kernel::ShopName::default(), 1001).unwrap();
        ClientAccount {
            id: ClientAccountId::new(1),
            user: UserId::new(1),
            inbound: InboundId::new(1),
            location: LocationId::new(1),
            email: ClientEmail::from(&name),
            name,
            client_uuid: "u".into(),
            sub_id: "s".into(),
            traffic_limit_bytes: ByteLimit::upto(limit).unwrap_or(ByteLimit::Unlimited),
            traffic_used_bytes: used,
            expires_at,
            status,
            config_url: "vless://x".into(),
            subscription_url: None,
            created_at: datetime!(2026-11-01 0:00 UTC),
        }
    }

    #[test]
    fn nothing_at_all_or_too_much_is_refused() {
        assert_eq!(Extension::new(0, 0), Err(ExtensionError::Empty));
        assert_eq!(
            Extension::new(Extension::MAX_DAYS + 1, 0),
            Err(ExtensionError::TooManyDays)
        );
        assert_eq!(Extension::new(0, Extension::MAX_GB + 1), Err(ExtensionError::TooManyGb));
        assert!(Extension::new(0, 5).is_ok());
        assert!(Extension::new(7, 0).is_ok());
    }

    #[test]
    fn days_go_on_top_of_the_expiry_and_gigabytes_on_top_of_the_limit() {
        let expiry = datetime!(2026-12-20 0:00 UTC);
        let running = account(50 * GB, 10 * GB, Some(expiry), AccountStatus::Active);
        let got = Extension::new(10, 5).unwrap().apply_to(&running, NOW).unwrap();
        assert_eq!(got.expires_at, Some(datetime!(2026-12-30 0:00 UTC)));
        assert_eq!(got.traffic_limit_bytes.amount(), Some(55 * GB));
        assert_eq!(got.status, AccountStatus::Active);
    }

    #[test]
    fn an_expired_service_gets_its_days_from_now_and_runs_again() {
        let expired = account(
            50 * GB,
            10 * GB,
            Some(datetime!(2026-11-01 0:00 UTC)),
            AccountStatus::Expired,
        );
        let got = Extension::new(3, 0).unwrap().apply_to(&expired, NOW).unwrap();
        assert_eq!(got.expires_at, Some(NOW + Duration::days(3)));
        assert_eq!(
            got.traffic_limit_bytes.amount(),
            Some(50 * GB),
            "no GB asked, the limit stays"
        );
        assert_eq!(got.status, AccountStatus::Active);
    }

    #[test]
    fn gigabytes_for_a_service_over_its_limit_are_fresh_ones() {
        let over = account(
            50 * GB,
            52 * GB,
            Some(datetime!(2027-01-01 0:00 UTC)),
            AccountStatus::Expired,
        );
        let got = Extension::new(0, 5).unwrap().apply_to(&over, NOW).unwrap();
        assert_eq!(got.traffic_limit_bytes.amount(), Some(57 * GB));
        assert_eq!(got.status, AccountStatus::Active);
    }

    #[test]
    fn gigabytes_alone_leave_a_service_out_of_time_expired() {
        let late = account(
            50 * GB,
            50 * GB,
            Some(datetime!(2026-11-01 0:00 UTC)),
            AccountStatus::Expired,
        );
        let got = Extension::new(0, 5).unwrap().apply_to(&late, NOW).unwrap();
        assert_eq!(got.status, AccountStatus::Expired);
    }

    #[test]
    fn an_unlimited_side_cannot_grow_and_a_moved_service_cannot_be_extended() {
        let forever = account(50 * GB, 0, None, AccountStatus::Active);
        assert_eq!(
            Extension::new(5, 0).unwrap().apply_to(&forever, NOW),
            Err(ExtensionError::NeverExpires)
        );
        assert_eq!(
            Extension::new(0, 5)
                .unwrap()
                .apply_to(&forever, NOW)
                .unwrap()
                .expires_at,
            None
        );
        let unlimited = account(0, 9 * GB, Some(NOW), AccountStatus::Active);
        assert_eq!(
            Extension::new(0, 5).unwrap().apply_to(&unlimited, NOW),
            Err(ExtensionError::UnlimitedTraffic)
        );
        let moved = account(50 * GB, 0, Some(NOW), AccountStatus::Switched);
        assert_eq!(
            Extension::new(5, 0).unwrap().apply_to(&moved, NOW),
            Err(ExtensionError::NotRunning {
                status: AccountStatus::Switched
            })
        );
    }
}
