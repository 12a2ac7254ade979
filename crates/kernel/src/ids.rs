//! Id newtypes: a `UserId` can never be passed where an `OrderId` is expected.

macro_rules! id_newtype {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// Wraps a database id.
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            /// The raw database id.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map(Self)
            }
        }
    )*};
}

id_newtype! {
    /// A registered user.
    UserId,
    /// A 3x-ui panel.
    PanelId,
    /// An inbound on a panel, as stored by MoonVPN (not the panel's own inbound id).
    InboundId,
    /// A location (a human-readable group of inbounds, e.g. "France").
    LocationId,
    /// A VPN client account sold to a user.
    ClientAccountId,
    /// A plan on sale.
    PlanId,
    /// An order.
    OrderId,
    /// A discount code.
    DiscountCodeId,
    /// A bank card receiving card-to-card payments.
    BankCardId,
    /// A card-to-card receipt.
    ReceiptId,
    /// A ledger row.
    LedgerEntryId,
    /// A notice in the outbox.
    NoticeId,
    /// An audit log entry.
    AuditEntryId,
    /// A transfer of a client account to another location.
    TransferId,
    /// A broadcast campaign.
    CampaignId,
    /// One recipient of a broadcast campaign.
    CampaignRecipientId,
}
