//! Low balance after a purchase: when a paid purchase or renewal leaves the wallet below what
//! that purchase cost, the buyer is told once, with a Top-up button, unless they muted it.
//!
//! The threshold is the delivered order's own price (what the buyer just paid, after any
//! discount): below it, buying or renewing the same thing again would be refused for lack of
//! money. The store calls [`low_balance`] inside the delivery's transaction, with the balance
//! it reads there, and queues the notice in that same transaction.

use std::collections::BTreeSet;

use kernel::{Money, UserId};

use crate::{NewNotice, Notice, ReminderKind};

/// How long the low-balance notice waits in the outbox: past [`crate::INLINE_GRACE`], so it
/// reaches the buyer after the delivery itself (shown on the screen where they paid, or told
/// by the order's notice), never before it.
pub const AFTER_DELIVERY: time::Duration = time::Duration::seconds(20);

/// The low-balance notice for `user`, if a delivered order that cost `price` left `balance`
/// behind it and the user did not mute [`ReminderKind::LowBalance`]. Free orders (a test
/// account, a 100% discount) never trigger it.
pub fn low_balance(user: UserId, balance: Money, price: Money, muted: &BTreeSet<ReminderKind>) -> Option<NewNotice> {
    let low = price > Money::ZERO && balance < price;
    (low && !muted.contains(&ReminderKind::LowBalance))
        .then(|| NewNotice::to_user(user, Notice::LowBalance { balance, price }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(minor: i64) -> Money {
        Money::from_minor(minor).unwrap()
    }

    #[test]
    fn a_balance_below_the_price_just_paid_is_told_once_unless_muted() {
        let user = UserId::new(4);
        let none = BTreeSet::new();
        let told = low_balance(user, money(30_000), money(100_000), &none).unwrap();
        assert_eq!(
            told,
            NewNotice::to_user(
                user,
                Notice::LowBalance {
                    balance: money(30_000),
                    price: money(100_000)
                }
            )
        );
        assert_eq!(told.notice.inline_grace(), AFTER_DELIVERY);
        assert!(AFTER_DELIVERY > crate::INLINE_GRACE);
        let muted = BTreeSet::from([ReminderKind::LowBalance]);
        assert_eq!(low_balance(user, money(30_000), money(100_000), &muted), None);
    }

    #[test]
    fn enough_left_for_the_same_purchase_or_a_free_order_says_nothing() {
        let user = UserId::new(4);
        let none = BTreeSet::new();
        assert_eq!(low_balance(user, money(100_000), money(100_000), &none), None);
        assert_eq!(low_balance(user, money(0), money(0), &none), None);
    }
}
