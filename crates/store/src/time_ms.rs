//! Instants are stored as BIGINT Unix milliseconds UTC: portable and ordered on every backend.

use kernel::StorageError;
use time::OffsetDateTime;

/// An instant as Unix milliseconds.
pub fn to_ms(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// Unix milliseconds back to an instant (UTC).
pub fn from_ms(ms: i64) -> Result<OffsetDateTime, StorageError> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map_err(|e| StorageError::Other(format!("stored instant {ms} is out of range: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn instants_round_trip_to_the_millisecond() {
        let at = datetime!(2038-06-01 12:34:56.789 UTC);
        assert_eq!(from_ms(to_ms(at)).unwrap(), at);
        assert!(from_ms(i64::MAX).is_err());
    }
}
