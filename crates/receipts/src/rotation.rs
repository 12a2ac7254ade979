//! Which card a payer is shown, by the rotation policy in force.

use kernel::{BankCardId, Money};
use time::{Duration, OffsetDateTime};

use crate::{BankCard, Rotation};

/// How much a card received lately: the amounts of its pending receipts plus the credited
/// amounts of its approved ones, opened within the last day and the last 30 days. Load
/// balancing compares `day`; the caps compare both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardLoad {
    /// The card.
    pub card: BankCardId,
    /// Pending plus approved within [`DAY_WINDOW`].
    pub day: Money,
    /// Pending plus approved within [`MONTH_WINDOW`].
    pub month: Money,
}

impl CardLoad {
    /// A card that received nothing.
    pub fn idle(card: BankCardId) -> Self {
        Self {
            card,
            day: Money::ZERO,
            month: Money::ZERO,
        }
    }
}

/// The window of the daily cap and of load balancing.
pub const DAY_WINDOW: Duration = Duration::hours(24);
/// The window of the monthly cap.
pub const MONTH_WINDOW: Duration = Duration::days(30);

/// The policy in force: the one on the card marked current, or `Manual` when none is.
pub fn policy_in_force(cards: &[BankCard]) -> Rotation {
    cards
        .iter()
        .find(|c| c.current)
        .map_or(Rotation::Manual, |c| c.rotation)
}

/// Picks the card to show a payer who will transfer `amount`, or `None` when no active
/// card has room for it. Cards that would pass a cap with `amount` are skipped (`loads`; a
/// card missing there received nothing).
///
/// - `Manual`: the current card; if it is inactive or full, the oldest active card with room.
/// - `Interval { every }`: active cards with room, by id, take turns, switching every `every`
///   (counted from the Unix epoch, so every instance of the bot agrees without shared state).
/// - `LoadBalance`: the active card with room that received the least in the last day; ties
///   go to the oldest card.
pub fn choose_card<'a>(
    cards: &'a [BankCard],
    loads: &[CardLoad],
    now: OffsetDateTime,
    amount: Money,
) -> Option<&'a BankCard> {
    let load_of = |c: &BankCard| {
        loads
            .iter()
            .find(|l| l.card == c.id)
            .copied()
            .unwrap_or(CardLoad::idle(c.id))
    };
    let mut open: Vec<&BankCard> = cards
        .iter()
        .filter(|c| c.active && c.has_room_for(amount, &load_of(c)))
        .collect();
    open.sort_by_key(|c| c.id);
    match policy_in_force(cards) {
        Rotation::Manual => open.iter().find(|c| c.current).or_else(|| open.first()).copied(),
        Rotation::Interval { every } => {
            let len = u64::try_from(open.len()).ok().filter(|n| *n > 0)?;
            let every = u64::try_from(every.whole_seconds()).ok().filter(|s| *s > 0)?;
            let elapsed = u64::try_from(now.unix_timestamp()).unwrap_or(0);
            let slot = (elapsed / every) % len;
            open.get(usize::try_from(slot).ok()?).copied()
        }
        Rotation::LoadBalance => open.into_iter().min_by_key(|c| (load_of(c).day, c.id)),
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
            daily_cap: None,
            monthly_cap: None,
            sms_pattern: None,
            auto_approve: false,
            created_at: datetime!(2026-11-01 0:00 UTC),
        }
    }

    fn money(m: i64) -> Money {
        Money::from_minor(m).unwrap()
    }

    fn load(card: i64, day: i64, month: i64) -> CardLoad {
        CardLoad {
            card: BankCardId::new(card),
            day: money(day),
            month: money(month),
        }
    }

    const NOW: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);

    fn chosen(cards: &[BankCard], loads: &[CardLoad], now: OffsetDateTime) -> Option<i64> {
        choose_card(cards, loads, now, money(100)).map(|c| c.id.get())
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
    fn load_balance_picks_the_active_card_that_received_least_in_the_last_day() {
        let cards = [
            card(1, Rotation::LoadBalance, true, true),
            card(2, Rotation::Manual, true, false),
            card(3, Rotation::Manual, false, false),
        ];
        assert_eq!(
            chosen(&cards, &[load(1, 700, 700), load(2, 400, 9_000), load(3, 0, 0)], NOW),
            Some(2)
        );
        assert_eq!(chosen(&cards, &[load(1, 100, 100), load(2, 400, 400)], NOW), Some(1));
        // card 2 received nothing at all, so it is idle
        assert_eq!(chosen(&cards, &[load(1, 100, 100)], NOW), Some(2));
        // equal load: the oldest card
        assert_eq!(chosen(&cards, &[load(1, 200, 200), load(2, 200, 200)], NOW), Some(1));
    }

    #[test]
    fn a_card_that_would_pass_its_daily_or_monthly_cap_is_skipped_by_every_policy() {
        for rotation in [
            Rotation::Manual,
            Rotation::LoadBalance,
            Rotation::interval(Duration::hours(1)).unwrap(),
        ] {
            let mut full = card(1, rotation, true, true);
            full.daily_cap = Some(money(1_000));
            full.monthly_cap = Some(money(10_000));
            let mut other = card(2, Rotation::Manual, true, false);
            other.daily_cap = Some(money(1_000));
            let cards = [full.clone(), other];
            // card 1 has 950 today: 100 more would pass its daily cap of 1,000
            for h in 0..4 {
                let at = NOW + Duration::hours(h);
                assert_eq!(
                    chosen(&cards, &[load(1, 950, 950), load(2, 990, 990)], at),
                    None,
                    "{rotation:?}"
                );
                assert_eq!(chosen(&cards, &[load(1, 950, 950)], at), Some(2), "{rotation:?}");
            }
            // exactly reaching the cap is allowed
            assert_eq!(chosen(&[full.clone()], &[load(1, 900, 900)], NOW), Some(1));
            // the monthly cap counts too
            assert_eq!(chosen(&[full], &[load(1, 0, 9_950)], NOW), None);
        }
    }
}
