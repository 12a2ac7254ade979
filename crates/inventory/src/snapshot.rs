//! What one read of a panel's inbound list says about every client on it.

use kernel::ByteLimit;
use time::OffsetDateTime;

use crate::{ClientTraffic, RemoteInbound};

/// When a client on a panel stops working, as the panel keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelExpiry {
    /// It never expires.
    Never,
    /// It expires at this instant.
    At(OffsetDateTime),
    /// Its clock starts at its first connection and runs this long (an admin's choice in the
    /// panel; MoonVPN never sells such clients).
    AfterFirstUse(time::Duration),
}

impl PanelExpiry {
    /// The 3x-ui `expiryTime` (Unix milliseconds; 0 = never; negative = duration after first
    /// use).
    pub fn from_millis(ms: i64) -> Self {
        match ms {
            0 => Self::Never,
            ms if ms < 0 => Self::AfterFirstUse(time::Duration::milliseconds(ms.saturating_neg())),
            ms => OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).map_or(Self::Never, Self::At),
        }
    }
}

/// A client as a panel's inbound list shows it, with its counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientUsage {
    /// The panel's id of the inbound holding it.
    pub inbound_remote_id: i64,
    /// Its email as the panel spells it. Not necessarily a valid
    /// [`ClientEmail`](crate::ClientEmail): clients added by hand in the panel can be anything.
    pub email: String,
    /// Whether it may connect (3x-ui turns clients off when they run out).
    pub enabled: bool,
    /// Traffic used so far.
    pub traffic: ClientTraffic,
    /// Traffic allowed in bytes.
    pub total_bytes: ByteLimit,
    /// When it stops working.
    pub expiry: PanelExpiry,
}

/// Every inbound of a panel and every client on them, from one read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanelSnapshot {
    /// The inbounds, with their specs and client counts.
    pub inbounds: Vec<RemoteInbound>,
    /// The clients of every inbound.
    pub clients: Vec<ClientUsage>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn panel_expiry_times_follow_the_3x_ui_convention() {
        assert_eq!(PanelExpiry::from_millis(0), PanelExpiry::Never);
        assert_eq!(
            PanelExpiry::from_millis(1_767_225_600_000),
            PanelExpiry::At(datetime!(2026-01-01 0:00 UTC))
        );
        assert_eq!(
            PanelExpiry::from_millis(-86_400_000),
            PanelExpiry::AfterFirstUse(time::Duration::days(1))
        );
    }
}
