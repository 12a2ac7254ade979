//! Unique payable amounts: each open request asks for a slightly different amount
//! (500,037 instead of 500,000) so a bank notification of the transfer names its request.

use std::collections::BTreeSet;

use kernel::Money;

/// The default largest number of units added to a requested amount.
pub const MAX_OFFSET: i64 = 999;

/// The smallest amount above `requested` (by 1 to `max_offset` units) that no open request
/// uses (`taken`), or `None` when all of them are taken.
pub fn unique_payable(requested: Money, taken: &BTreeSet<Money>, max_offset: i64) -> Option<Money> {
    (1..=max_offset)
        .filter_map(|offset| requested.minor().checked_add(offset))
        .filter_map(|minor| Money::from_minor(minor).ok())
        .find(|amount| !taken.contains(amount))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn money(m: i64) -> Money {
        Money::from_minor(m).unwrap()
    }

    #[test]
    fn the_first_request_pays_one_unit_more_and_the_next_ones_skip_taken_amounts() {
        let taken = BTreeSet::from([money(500_001), money(500_002)]);
        assert_eq!(
            unique_payable(money(500_000), &BTreeSet::new(), MAX_OFFSET),
            Some(money(500_001))
        );
        assert_eq!(unique_payable(money(500_000), &taken, MAX_OFFSET), Some(money(500_003)));
        assert_eq!(unique_payable(money(500_000), &taken, 2), None);
    }

    proptest! {
        /// However requests arrive (equal or nearby amounts), no two open ones share a
        /// payable amount, and each pays 1 to MAX_OFFSET units more than it asked.
        #[test]
        fn payable_amounts_never_collide_among_open_requests(
            requests in proptest::collection::vec(100_000i64..100_050, 1..200),
            closes in proptest::collection::vec(any::<bool>(), 200),
        ) {
            let mut open: Vec<Money> = Vec::new();
            for (i, minor) in requests.into_iter().enumerate() {
                let taken: BTreeSet<Money> = open.iter().copied().collect();
                let payable = unique_payable(money(minor), &taken, MAX_OFFSET).unwrap();
                prop_assert!(!taken.contains(&payable));
                prop_assert!((1..=MAX_OFFSET).contains(&(payable.minor() - minor)));
                open.push(payable);
                if closes[i] && open.len() > 1 {
                    open.remove(i % open.len());
                }
                let distinct: BTreeSet<Money> = open.iter().copied().collect();
                prop_assert_eq!(distinct.len(), open.len());
            }
        }
    }
}
