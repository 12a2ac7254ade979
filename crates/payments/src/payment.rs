//! A payment through a provider and its status.

use kernel::{Money, OrderId, UserId};
use time::OffsetDateTime;

use crate::{Charge, Provider};

/// A stored payment (`gateway_payment.id`); also "our payment id" sent to providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PaymentId(i64);

impl PaymentId {
    /// Wraps a database id.
    pub const fn new(raw: i64) -> Self {
        Self(raw)
    }

    /// The raw database id.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// Reads our id back from a provider's field (digits only, positive).
    pub fn parse(text: &str) -> Option<Self> {
        if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok().filter(|id| *id > 0).map(Self)
    }
}

impl std::fmt::Display for PaymentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Where a payment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentStatus {
    /// Created; the user has the invoice or the pay link.
    Created,
    /// The provider confirmed it; the wallet was credited.
    Paid,
    /// The provider reported it failed or cancelled.
    Failed,
    /// Nothing arrived in time.
    Expired,
    /// Paid, then given back to the payer (the credit was taken back).
    Refunded,
}

impl PaymentStatus {
    /// Every status.
    pub const ALL: [PaymentStatus; 5] = [Self::Created, Self::Paid, Self::Failed, Self::Expired, Self::Refunded];

    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Paid => "paid",
            Self::Failed => "failed",
            Self::Expired => "expired",
            Self::Refunded => "refunded",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.code() == s)
    }

    /// Whether money may still arrive for it (created, or expired/failed but paid late).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Created)
    }
}

impl std::fmt::Display for PaymentStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A payment to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    /// The payer.
    pub user: UserId,
    /// Through whom.
    pub provider: Provider,
    /// What the wallet receives, in the shop's currency.
    pub amount: Money,
    /// What the provider must collect.
    pub charge: Charge,
    /// The order this payment tops the balance up for (the checkout's "balance short"), paid
    /// from the wallet as soon as the payment lands.
    pub order: Option<OrderId>,
    /// When.
    pub created_at: OffsetDateTime,
}

/// A stored payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// Our id.
    pub id: PaymentId,
    /// The payer.
    pub user: UserId,
    /// Through whom.
    pub provider: Provider,
    /// What the wallet receives, in the shop's currency.
    pub amount: Money,
    /// What the provider must collect.
    pub charge: Charge,
    /// Where it is.
    pub status: PaymentStatus,
    /// The provider's id (authority, invoice id, charge id), once known.
    pub provider_ref: Option<String>,
    /// What the user opens (a pay link), once known.
    pub pay_url: Option<String>,
    /// The order to pay from the wallet once this payment lands, if any.
    pub order: Option<OrderId>,
    /// Created at.
    pub created_at: OffsetDateTime,
    /// Last status change.
    pub updated_at: OffsetDateTime,
}
