//! Ledger rows.

use kernel::{IdempotencyKey, LedgerEntryId, Money, TrackingCode, UserId};
use time::OffsetDateTime;

/// Why money moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LedgerKind {
    /// Money came in (receipt approved, gateway payment). Always a credit.
    Deposit,
    /// Money paid for an order. Always a debit.
    Purchase,
    /// Money given back for a failed order. Always a credit.
    Refund,
    /// An admin's correction, either way, with a reason.
    Adjustment,
}

impl LedgerKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Deposit => "deposit",
            Self::Purchase => "purchase",
            Self::Refund => "refund",
            Self::Adjustment => "adjustment",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Deposit, Self::Purchase, Self::Refund, Self::Adjustment]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The only direction this kind may take, if it is fixed.
    pub fn fixed_direction(self) -> Option<Direction> {
        match self {
            Self::Deposit | Self::Refund => Some(Direction::Credit),
            Self::Purchase => Some(Direction::Debit),
            Self::Adjustment => None,
        }
    }
}

/// Which way money moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Into the wallet.
    Credit,
    /// Out of the wallet.
    Debit,
}

/// A wallet at a glance (the wallet screen): the balance and the newest ledger rows, read
/// together in one query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recent {
    /// The balance: the newest row's `balance_after` (every change of a balance appends its
    /// row in the same transaction, so the newest row holds it), zero without rows.
    pub balance: Money,
    /// The newest rows, newest first, at most the number asked for.
    pub entries: Vec<LedgerEntry>,
    /// Whether older rows exist beyond these.
    pub more: bool,
}

/// One appended ledger row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    /// Row id.
    pub id: LedgerEntryId,
    /// Whose wallet.
    pub user: UserId,
    /// Why.
    pub kind: LedgerKind,
    /// Which way.
    pub direction: Direction,
    /// How much (always positive).
    pub amount: Money,
    /// The balance right after this row.
    pub balance_after: Money,
    /// The unique cause of this movement.
    pub key: IdempotencyKey,
    /// Code shown to the user and support.
    pub tracking: TrackingCode,
    /// Free text (an adjustment's reason, an order's plan name).
    pub note: Option<String>,
    /// When it was appended.
    pub created_at: OffsetDateTime,
}

impl LedgerEntry {
    /// The change to the balance in minor units: positive for credits, negative for debits.
    pub fn signed_minor(&self) -> i64 {
        match self.direction {
            Direction::Credit => self.amount.minor(),
            Direction::Debit => -self.amount.minor(),
        }
    }
}
