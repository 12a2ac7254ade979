//! Which card a payer is shown, by the rotation policy in force.

use kernel::BankCardId;
use time::{Duration, OffsetDateTime};

use crate::{BankCard, Rotation};

/// How busy a card is: what load balancing compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardLoad {
    /// The card.
    pub card: BankCardId,
    /// Its receipts still waiting for review.
    pub pending: u64,
    /// Its receipts submitted within [`LOAD_WINDOW`] (any status).
    pub recent: u64,
}

/// How far back "recent" receipts count for load balancing.
pub const LOAD_WINDOW: Duration = Duration::hours(24);

/// The policy in force: the one on the card marked current, or `Manual` when none is.
pub fn policy_in_force(cards: &[BankCard]) -> Rotation {
    cards
        .iter()
        .find(|c| c.current)
        .map_or(Rotation::Manual, |c| c.rotation)
}

/// Picks the card to show a payer, or `None` when no card is active.
///
/// - `Manual`: the current card; if it is inactive, the oldest active card.
/// - `Interval { every }`: active cards by id take turns, switching every `every` (counted
///   from the Unix epoch, so every instance of the bot agrees without shared state).
/// - `LoadBalance`: the active card with the fewest pending plus recent receipts (`loads`;
///   a card missing there counts as idle); ties go to the oldest card.
pub fn choose_card<'a>(cards: &'a [BankCard], loads: &[CardLoad], now: OffsetDateTime) -> Option<&'a BankCard> {
    let mut active: Vec<&BankCard> = cards.iter().filter(|c| c.active).collect();
    active.sort_by_key(|c| c.id);
    match policy_in_force(cards) {
        Rotation::Manual => active.iter().find(|c| c.current).or_else(|| active.first()).copied(),
        Rotation::Interval { every } => {
            let len = u64::try_from(active.len()).ok().filter(|n| *n > 0)?;
            let every = u64::try_from(every.whole_seconds()).ok().filter(|s| *s > 0)?;
            let elapsed = u64::try_from(now.unix_timestamp()).unwrap_or(0);
            let slot = (elapsed / every) % len;
            active.get(usize::try_from(slot).ok()?).copied()
        }
        Rotation::LoadBalance => active.into_iter().min_by_key(|c| {
            let load = loads
                .iter()
                .find(|l| l.card == c.id)
                .map_or(0, |l| l.pending.saturating_add(l.recent));
            (load, c.id)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card_number::tests::VALID;
    use crate::{CardNumber, Label};
    use kernel::UserId;
    use time::macros::datetime;

    fn card(id: i64, rotation: Rotation, active: bool, current: bool) -> BankCard {
        BankCard {
            id: BankCardId::new(id),
            holder: Label::new("Holder").unwrap(),
            bank: Label::new("Bank").unwrap(),
            number: CardNumber::parse(VALID).unwrap(),
            owner: UserId::new(1),
            channel_id: None,
            rotation,
            active,
            current,
            created_at: datetime!(2026-11-01 0:00 UTC),
        }
    }

    const NOW: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);

    fn chosen(cards: &[BankCard], loads: &[CardLoad], now: OffsetDateTime) -> Option<i64> {
        choose_card(cards, loads, now).map(|c| c.id.get())
    }

    #[test]
    fn manual_policy_shows_the_current_card() {
        let cards = [
            card(1, Rotation::Manual, true, false),
            card(2, Rotation::Manual, true, true),
        ];
        assert_eq!(chosen(&cards, &[], NOW), Some(2));
    }

    #[test]
    fn manual_policy_falls_back_to_the_oldest_active_card_when_the_current_one_is_off() {
        let cards = [
            card(3, Rotation::Manual, true, false),
            card(2, Rotation::Manual, false, true),
            card(1, Rotation::Manual, false, false),
        ];
        assert_eq!(chosen(&cards, &[], NOW), Some(3));
    }

    #[test]
    fn without_a_current_card_the_oldest_active_card_is_shown() {
        let cards = [
            card(5, Rotation::LoadBalance, true, false),
            card(4, Rotation::LoadBalance, true, false),
        ];
        assert_eq!(policy_in_force(&cards), Rotation::Manual);
        assert_eq!(chosen(&cards, &[], NOW), Some(4));
    }

    #[test]
    fn no_active_card_means_no_card() {
        let cards = [card(1, Rotation::Manual, false, true)];
        assert_eq!(chosen(&cards, &[], NOW), None);
        assert_eq!(chosen(&[], &[], NOW), None);
        let interval = Rotation::interval(Duration::hours(1)).unwrap();
        assert_eq!(chosen(&[card(1, interval, false, true)], &[], NOW), None);
        assert_eq!(chosen(&[card(1, Rotation::LoadBalance, false, true)], &[], NOW), None);
    }

    #[test]
    fn interval_policy_takes_turns_as_time_passes() {
        let every = Rotation::interval(Duration::hours(1)).unwrap();
        let cards = [
            card(1, every, true, true),
            card(2, Rotation::Manual, true, false),
            card(3, Rotation::Manual, false, false),
            card(4, Rotation::Manual, true, false),
        ];
        let picks: Vec<_> = (0..6)
            .map(|h| chosen(&cards, &[], NOW + Duration::hours(h)).unwrap())
            .collect();
        // three active cards, one hour each, cycling; the inactive card 3 is never shown
        assert_eq!(picks[0..3], picks[3..6]);
        let mut first_three = picks[0..3].to_vec();
        first_three.sort_unstable();
        assert_eq!(first_three, vec![1, 2, 4]);
        assert_eq!(
            chosen(&cards, &[], NOW + Duration::minutes(59)),
            chosen(&cards, &[], NOW)
        );
    }

    #[test]
    fn load_balance_picks_the_least_busy_active_card() {
        let cards = [
            card(1, Rotation::LoadBalance, true, true),
            card(2, Rotation::Manual, true, false),
            card(3, Rotation::Manual, false, false),
        ];
        let load = |card, pending, recent| CardLoad {
            card: BankCardId::new(card),
            pending,
            recent,
        };
        assert_eq!(
            chosen(&cards, &[load(1, 2, 5), load(2, 1, 3), load(3, 0, 0)], NOW),
            Some(2)
        );
        assert_eq!(chosen(&cards, &[load(1, 0, 1), load(2, 1, 3)], NOW), Some(1));
        // card 2 has no receipts at all, so it is idle
        assert_eq!(chosen(&cards, &[load(1, 0, 1)], NOW), Some(2));
        // equal load: the oldest card
        assert_eq!(chosen(&cards, &[load(1, 1, 1), load(2, 0, 2)], NOW), Some(1));
    }
}
