//! Limit columns (`traffic_limit_bytes`, `ip_limit`, `max_clients`, `volume_bytes`,
//! `carried_bytes`): BIGINT, 0 for unlimited, as the panel writes them. With panel-xui's wire
//! types, the only place a [`kernel::Limit`] meets that 0.

use kernel::{ByteLimit, CountLimit};

/// The bytes to store: the amount, or 0 for unlimited.
pub(crate) fn bytes(limit: ByteLimit) -> u64 {
    limit.amount().unwrap_or(0)
}

/// The count to store: the amount, or 0 for unlimited.
pub(crate) fn count(limit: CountLimit) -> u32 {
    limit.amount().unwrap_or(0)
}

/// A stored byte limit: 0 is unlimited.
pub(crate) fn byte_limit(stored: u64) -> ByteLimit {
    ByteLimit::upto(stored).unwrap_or(ByteLimit::Unlimited)
}

/// A stored count limit: 0 is unlimited.
pub(crate) fn count_limit(stored: u32) -> CountLimit {
    CountLimit::upto(stored).unwrap_or(CountLimit::Unlimited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_stored_for_unlimited_and_read_back_as_unlimited() {
        assert_eq!(bytes(ByteLimit::Unlimited), 0);
        assert_eq!(count(CountLimit::Unlimited), 0);
        assert_eq!(byte_limit(0), ByteLimit::Unlimited);
        assert_eq!(count_limit(0), CountLimit::Unlimited);
        assert_eq!(
            byte_limit(bytes(ByteLimit::upto(7).unwrap())),
            ByteLimit::upto(7).unwrap()
        );
        assert_eq!(
            count_limit(count(CountLimit::upto(3).unwrap())),
            CountLimit::upto(3).unwrap()
        );
    }
}
