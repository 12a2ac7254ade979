//! What an account looks like after a renewal, by the plan's [`RenewalRule`].
//!
//! Traffic on the panel is a total that includes what was already used, so "give the user `v`
//! fresh bytes" means "total = used + v". An unlimited side stays unlimited.

use inventory::{ClientAccount, ClientLimits};
use kernel::{ByteLimit, CountLimit};
use time::{Duration, OffsetDateTime};

use crate::{Quote, RenewalRule};

/// The account's limits after renewing it with `quote` under `rule` at `now`.
///
/// - [`RenewalRule::AddToRemaining`]: the bytes left are kept and the new volume added; the days
///   are added to the current expiry, or to now if it has passed. An unlimited side stays
///   unlimited.
/// - [`RenewalRule::RestartFromNow`]: what is left is dropped; the account gets exactly the new
///   volume from now on and expires `days` from now.
pub fn renewed_limits(
    account: &ClientAccount,
    quote: &Quote,
    rule: RenewalRule,
    ip_limit: CountLimit,
    now: OffsetDateTime,
) -> ClientLimits {
    let used = account.traffic_used_bytes;
    let days = Duration::days(i64::from(quote.duration_days));
    let (total_bytes, expires_at) = match rule {
        RenewalRule::AddToRemaining => {
            let bytes = match (account.traffic_limit_bytes, quote.volume_bytes) {
                (ByteLimit::Upto(limit), ByteLimit::Upto(volume)) => {
                    ByteLimit::Upto(limit).at_least(used).saturating_add(volume.get())
                }
                _ => ByteLimit::Unlimited,
            };
            let expiry = account.expires_at.map(|at| at.max(now) + days);
            (bytes, expiry)
        }
        RenewalRule::RestartFromNow => {
            let bytes = match quote.volume_bytes {
                ByteLimit::Upto(volume) => ByteLimit::Upto(volume.saturating_add(used)),
                ByteLimit::Unlimited => ByteLimit::Unlimited,
            };
            (bytes, Some(now + days))
        }
    };
    ClientLimits {
        total_bytes,
        expires_at,
        ip_limit,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use inventory::{AccountStatus, ClientEmail, ClientName};
    use kernel::{ClientAccountId, InboundId, LocationId, Money, UserId};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);
    const GB: u64 = crate::BYTES_PER_GB;

    /// `n` bytes as a limit; 0 is unlimited (the panel's spelling, kept for short fixtures).
    pub(crate) fn bytes(n: u64) -> ByteLimit {
        ByteLimit::upto(n).unwrap_or(ByteLimit::Unlimited)
    }

    /// `n` as a count limit; 0 is unlimited.
    pub(crate) fn count(n: u32) -> CountLimit {
        CountLimit::upto(n).unwrap_or(CountLimit::Unlimited)
    }

    pub(crate) fn account(limit: u64, used: u64, expires_at: Option<OffsetDateTime>) -> ClientAccount {
        let name = ClientName::parse("FR-MoonVPN-1001").unwrap();
        ClientAccount {
            id: ClientAccountId::new(9),
            user: UserId::new(1),
            inbound: InboundId::new(3),
            location: LocationId::new(5),
            email: ClientEmail::from(&name),
            name,
            client_uuid: "uuid".into(),
            sub_id: "sub".into(),
            traffic_limit_bytes: bytes(limit),
            traffic_used_bytes: used,
            expires_at,
            status: AccountStatus::Active,
            config_url: "vless://x".into(),
            subscription_url: None,
            created_at: datetime!(2026-10-01 0:00 UTC),
        }
    }

    fn quote(gb: u64, days: u32) -> Quote {
        Quote {
            volume_bytes: bytes(gb * GB),
            duration_days: days,
            price: Money::ZERO,
        }
    }

    #[test]
    fn adding_keeps_what_is_left_of_traffic_and_time() {
        let acc = account(50 * GB, 20 * GB, Some(NOW + Duration::days(5)));
        let l = renewed_limits(&acc, &quote(30, 30), RenewalRule::AddToRemaining, count(2), NOW);
        assert_eq!(
            l.total_bytes,
            bytes(80 * GB),
            "30 GB left + 30 GB new on top of 20 GB used"
        );
        assert_eq!(l.expires_at, Some(NOW + Duration::days(35)));
        assert_eq!(l.ip_limit, count(2));
    }

    #[test]
    fn adding_to_an_expired_or_overused_account_starts_from_now_and_from_zero_left() {
        let acc = account(50 * GB, 60 * GB, Some(NOW - Duration::days(3)));
        let l = renewed_limits(&acc, &quote(10, 30), RenewalRule::AddToRemaining, count(0), NOW);
        assert_eq!(l.total_bytes, bytes(70 * GB));
        assert_eq!(l.expires_at, Some(NOW + Duration::days(30)));
    }

    #[test]
    fn adding_keeps_unlimited_sides_unlimited() {
        let acc = account(0, 20 * GB, None);
        let l = renewed_limits(&acc, &quote(10, 30), RenewalRule::AddToRemaining, count(0), NOW);
        assert_eq!((l.total_bytes, l.expires_at), (ByteLimit::Unlimited, None));
        let acc = account(10 * GB, 0, Some(NOW));
        let l = renewed_limits(&acc, &quote(0, 30), RenewalRule::AddToRemaining, count(0), NOW);
        assert_eq!(l.total_bytes, ByteLimit::Unlimited);
    }

    #[test]
    fn restarting_drops_what_is_left() {
        let acc = account(50 * GB, 20 * GB, Some(NOW + Duration::days(5)));
        let l = renewed_limits(&acc, &quote(30, 30), RenewalRule::RestartFromNow, count(1), NOW);
        assert_eq!(
            l.total_bytes,
            bytes(50 * GB),
            "exactly 30 fresh GB on top of 20 GB used"
        );
        assert_eq!(l.expires_at, Some(NOW + Duration::days(30)));
        let l = renewed_limits(&acc, &quote(0, 7), RenewalRule::RestartFromNow, count(1), NOW);
        assert_eq!(l.total_bytes, ByteLimit::Unlimited);
    }
}
