//! The panel's spelling of limits: a number where 0 means "unlimited" (`totalGB`, `limitIp`).
//! The only place, with the store's columns, where a [`kernel::Limit`] meets that 0.

use kernel::{ByteLimit, CountLimit};

use super::WireClient;

impl WireClient {
    /// `totalGB` (bytes, despite the name): 0, or anything not a byte count, is unlimited.
    pub fn traffic_limit(&self) -> ByteLimit {
        u64::try_from(self.total_gb)
            .ok()
            .and_then(ByteLimit::upto)
            .unwrap_or(ByteLimit::Unlimited)
    }

    /// `limitIp`: 0, or anything not a count, is unlimited.
    pub fn ip_limit(&self) -> CountLimit {
        u32::try_from(self.limit_ip)
            .ok()
            .and_then(CountLimit::upto)
            .unwrap_or(CountLimit::Unlimited)
    }
}

/// `totalGB` to write: the bytes, or 0 for unlimited.
pub(crate) fn total_gb(limit: ByteLimit) -> u64 {
    limit.amount().unwrap_or(0)
}

/// `limitIp` to write: the count, or 0 for unlimited.
pub(crate) fn limit_ip(limit: CountLimit) -> u32 {
    limit.amount().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(total_gb: i64, limit_ip: i64) -> WireClient {
        WireClient {
            total_gb,
            limit_ip,
            ..WireClient::default()
        }
    }

    #[test]
    fn zero_on_the_panel_is_unlimited_and_unlimited_is_written_as_zero() {
        let read = client(0, 0);
        assert_eq!(read.traffic_limit(), ByteLimit::Unlimited);
        assert_eq!(read.ip_limit(), CountLimit::Unlimited);
        assert_eq!(total_gb(ByteLimit::Unlimited), 0);
        assert_eq!(limit_ip(CountLimit::Unlimited), 0);
    }

    #[test]
    fn an_amount_reads_and_writes_as_itself() {
        let read = client(53_687_091_200, 2);
        assert_eq!(read.traffic_limit(), ByteLimit::upto(53_687_091_200).unwrap());
        assert_eq!(read.ip_limit(), CountLimit::upto(2).unwrap());
        assert_eq!(total_gb(read.traffic_limit()), 53_687_091_200);
        assert_eq!(limit_ip(read.ip_limit()), 2);
    }

    #[test]
    fn a_number_that_is_no_limit_reads_as_unlimited() {
        let read = client(-5, i64::from(u32::MAX) + 1);
        assert_eq!(read.traffic_limit(), ByteLimit::Unlimited);
        assert_eq!(read.ip_limit(), CountLimit::Unlimited);
    }
}
