//! A requested movement of money, checked before it reaches storage.

use kernel::{IdempotencyKey, Money, UserId};

use crate::{Direction, LedgerEntry, LedgerKind, WalletError};

/// A checked request to move money. Build it with the constructors; they refuse zero amounts,
/// a direction its kind doesn't allow, and adjustments without a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    user: UserId,
    kind: LedgerKind,
    direction: Direction,
    amount: Money,
    key: IdempotencyKey,
    note: Option<String>,
}

impl Movement {
    /// The longest note or reason kept.
    pub const MAX_NOTE_CHARS: usize = 500;

    /// Money in: a receipt approved, a gateway payment.
    pub fn deposit(
        user: UserId,
        amount: Money,
        key: IdempotencyKey,
        note: Option<String>,
    ) -> Result<Self, WalletError> {
        Self::build(user, LedgerKind::Deposit, Direction::Credit, amount, key, note)
    }

    /// Money out for an order.
    pub fn purchase(
        user: UserId,
        amount: Money,
        key: IdempotencyKey,
        note: Option<String>,
    ) -> Result<Self, WalletError> {
        Self::build(user, LedgerKind::Purchase, Direction::Debit, amount, key, note)
    }

    /// Money back for a failed order.
    pub fn refund(user: UserId, amount: Money, key: IdempotencyKey, note: Option<String>) -> Result<Self, WalletError> {
        Self::build(user, LedgerKind::Refund, Direction::Credit, amount, key, note)
    }

    /// An admin's correction by `delta_minor` (positive adds, negative removes). The reason is
    /// mandatory.
    pub fn adjustment(user: UserId, delta_minor: i64, key: IdempotencyKey, reason: &str) -> Result<Self, WalletError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(WalletError::InvalidMovement("an adjustment needs a reason"));
        }
        let direction = if delta_minor < 0 {
            Direction::Debit
        } else {
            Direction::Credit
        };
        let amount = Money::from_minor(
            delta_minor
                .checked_abs()
                .ok_or(WalletError::InvalidMovement("amount too large"))?,
        )
        .map_err(|_| WalletError::InvalidMovement("amount too large"))?;
        Self::build(
            user,
            LedgerKind::Adjustment,
            direction,
            amount,
            key,
            Some(reason.to_owned()),
        )
    }

    fn build(
        user: UserId,
        kind: LedgerKind,
        direction: Direction,
        amount: Money,
        key: IdempotencyKey,
        note: Option<String>,
    ) -> Result<Self, WalletError> {
        if amount.is_zero() {
            return Err(WalletError::InvalidMovement("the amount must be more than zero"));
        }
        if kind.fixed_direction().is_some_and(|d| d != direction) {
            return Err(WalletError::InvalidMovement("this kind of movement cannot go that way"));
        }
        let note = note
            .map(|n| n.trim().chars().take(Self::MAX_NOTE_CHARS).collect::<String>())
            .filter(|n| !n.is_empty());
        Ok(Self {
            user,
            kind,
            direction,
            amount,
            key,
            note,
        })
    }

    /// Whose wallet.
    pub fn user(&self) -> UserId {
        self.user
    }
    /// Why.
    pub fn kind(&self) -> LedgerKind {
        self.kind
    }
    /// Which way.
    pub fn direction(&self) -> Direction {
        self.direction
    }
    /// How much.
    pub fn amount(&self) -> Money {
        self.amount
    }
    /// The idempotency key.
    pub fn key(&self) -> &IdempotencyKey {
        &self.key
    }
    /// The note or reason.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Whether an existing entry is this same movement (a replay) rather than a reuse of its key.
    pub fn matches(&self, entry: &LedgerEntry) -> bool {
        entry.user == self.user
            && entry.kind == self.kind
            && entry.direction == self.direction
            && entry.amount == self.amount
    }
}

/// What applying a movement did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MovementOutcome {
    /// The movement was appended now.
    Applied(LedgerEntry),
    /// The key was seen before; nothing changed. The earlier entry.
    Replayed(LedgerEntry),
}

impl MovementOutcome {
    /// The ledger entry, new or earlier.
    pub fn entry(&self) -> &LedgerEntry {
        match self {
            Self::Applied(e) | Self::Replayed(e) => e,
        }
    }

    /// Whether this call changed the balance.
    pub fn is_applied(&self) -> bool {
        matches!(self, Self::Applied(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> IdempotencyKey {
        IdempotencyKey::new("k:1").unwrap()
    }
    fn money(m: i64) -> Money {
        Money::from_minor(m).unwrap()
    }

    #[test]
    fn zero_amounts_are_refused() {
        assert!(matches!(
            Movement::deposit(UserId::new(1), Money::ZERO, key(), None),
            Err(WalletError::InvalidMovement(_))
        ));
        assert!(Movement::adjustment(UserId::new(1), 0, key(), "typo").is_err());
    }

    #[test]
    fn adjustments_need_a_reason_and_take_either_direction() {
        assert!(Movement::adjustment(UserId::new(1), 500, key(), "  ").is_err());
        let down = Movement::adjustment(UserId::new(1), -500, key(), "refund by hand").unwrap();
        assert_eq!((down.direction(), down.amount()), (Direction::Debit, money(500)));
        let up = Movement::adjustment(UserId::new(1), 700, key(), "gift").unwrap();
        assert_eq!((up.direction(), up.note()), (Direction::Credit, Some("gift")));
        assert!(Movement::adjustment(UserId::new(1), i64::MIN, key(), "x").is_err());
    }

    #[test]
    fn kinds_keep_their_direction() {
        assert_eq!(
            Movement::purchase(UserId::new(1), money(5), key(), None)
                .unwrap()
                .direction(),
            Direction::Debit
        );
        assert_eq!(
            Movement::refund(UserId::new(1), money(5), key(), None)
                .unwrap()
                .direction(),
            Direction::Credit
        );
        assert_eq!(LedgerKind::Deposit.fixed_direction(), Some(Direction::Credit));
        assert_eq!(LedgerKind::parse("refund"), Some(LedgerKind::Refund));
        assert_eq!(LedgerKind::parse("gift"), None);
    }

    #[test]
    fn long_notes_are_cut_and_blank_notes_dropped() {
        let m = Movement::deposit(UserId::new(1), money(1), key(), Some("x".repeat(900))).unwrap();
        assert_eq!(m.note().unwrap().chars().count(), Movement::MAX_NOTE_CHARS);
        assert_eq!(
            Movement::deposit(UserId::new(1), money(1), key(), Some("  ".into()))
                .unwrap()
                .note(),
            None
        );
    }
}
