//! Client accounts: a user's VPN client on one inbound, and the steps that create one.

use kernel::{ByteLimit, ClientAccountId, CountLimit, InboundId, LocationId, UserId};
use time::OffsetDateTime;

use crate::{AccountStatus, ClientEmail, ClientName};

/// How much a client may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientLimits {
    /// Traffic allowed in bytes.
    pub total_bytes: ByteLimit,
    /// When the client stops working; `None` = never.
    pub expires_at: Option<OffsetDateTime>,
    /// Simultaneous IPs allowed.
    pub ip_limit: CountLimit,
}

/// A place and an identity reserved for a new client, before it exists on the panel.
/// Keep it (e.g. on the order): [`crate::AccountService::provision`] and
/// [`crate::AccountService::release`] take it again on retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// The inbound chosen.
    pub inbound: InboundId,
    /// Its location.
    pub location: LocationId,
    /// The client name reserved (never handed out again).
    pub name: ClientName,
    /// The panel email (the client name).
    pub email: ClientEmail,
    /// The client's key: a UUID for vless/vmess, the password for trojan/shadowsocks.
    pub client_uuid: String,
    /// The subscription id.
    pub sub_id: String,
}

/// What the panel handed back for a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provisioned {
    /// The share link (vless://, vmess://, ...) the user imports.
    pub config_url: String,
    /// The subscription URL, when the panel serves subscriptions.
    pub subscription_url: Option<String>,
}

/// A client account to store once the client exists on its panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClientAccount {
    /// The owner.
    pub user: UserId,
    /// Where and who it is.
    pub allocation: Allocation,
    /// What it may use.
    pub limits: ClientLimits,
    /// Its links.
    pub provisioned: Provisioned,
    /// When it was created.
    pub created_at: OffsetDateTime,
}

/// A user's VPN client account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAccount {
    /// Its id.
    pub id: ClientAccountId,
    /// The owner.
    pub user: UserId,
    /// The inbound it lives on.
    pub inbound: InboundId,
    /// The inbound's location.
    pub location: LocationId,
    /// Its name, e.g. `FR-MoonVPN-1001`.
    pub name: ClientName,
    /// Its panel email.
    pub email: ClientEmail,
    /// Its key on the panel.
    pub client_uuid: String,
    /// Its subscription id.
    pub sub_id: String,
    /// Traffic allowed in bytes.
    pub traffic_limit_bytes: ByteLimit,
    /// Traffic used in bytes, as last read from the panel.
    pub traffic_used_bytes: u64,
    /// When it stops working; `None` = never.
    pub expires_at: Option<OffsetDateTime>,
    /// Where it is in its life.
    pub status: AccountStatus,
    /// The share link.
    pub config_url: String,
    /// The subscription URL, if any.
    pub subscription_url: Option<String>,
    /// When it was created.
    pub created_at: OffsetDateTime,
}

impl ClientAccount {
    /// Bytes left; `None` = unlimited.
    pub fn remaining_bytes(&self) -> Option<u64> {
        self.traffic_limit_bytes.remaining(self.traffic_used_bytes)
    }

    /// Whether it has run out of traffic or time at `now`.
    pub fn is_exhausted(&self, now: OffsetDateTime) -> bool {
        let out_of_traffic = self.remaining_bytes() == Some(0);
        let out_of_time = self.expires_at.is_some_and(|at| at <= now);
        out_of_traffic || out_of_time
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LocationPrefix;
    use time::macros::datetime;

    fn account(limit: u64, used: u64, expires_at: Option<OffsetDateTime>) -> ClientAccount {
        let limit = ByteLimit::upto(limit).unwrap_or(ByteLimit::Unlimited);
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
            traffic_limit_bytes: limit,
            traffic_used_bytes: used,
            expires_at,
            status: AccountStatus::Active,
            config_url: "vless://x".into(),
            subscription_url: None,
            created_at: datetime!(2026-01-01 0:00 UTC),
        }
    }

    #[test]
    fn an_account_is_exhausted_by_traffic_or_time_but_not_when_unlimited() {
        let now = datetime!(2026-02-01 0:00 UTC);
        assert_eq!(account(100, 30, None).remaining_bytes(), Some(70));
        assert_eq!(account(100, 130, None).remaining_bytes(), Some(0));
        assert!(account(100, 100, None).is_exhausted(now));
        assert!(account(0, 10_000, Some(now)).is_exhausted(now));
        assert!(!account(0, 10_000, None).is_exhausted(now));
        assert_eq!(account(0, 10_000, None).remaining_bytes(), None);
    }
}
