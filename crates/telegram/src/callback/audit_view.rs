//! [`AuditView`]: the audit-log browser's filters, carried in its buttons (no state kept
//! between taps): `actor:action:from:to`, each empty or `0` when unset.

use kernel::UserId;
use time::Date;

/// The Julian day of 1970-01-01: days are sent as days since then (5 digits).
const EPOCH_JULIAN_DAY: i32 = 2_440_588;

/// Which entries the audit browser shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AuditView {
    /// Only entries by this user.
    pub actor: Option<UserId>,
    /// Only this action or family: its 1-based place among the choices
    /// `MemberService::audit_actions` returns (0: every action).
    pub action: u16,
    /// From this day (UTC).
    pub from: Option<Date>,
    /// Up to this day, included (UTC).
    pub to: Option<Date>,
}

impl AuditView {
    /// Whether any filter is set.
    pub fn is_filtered(&self) -> bool {
        *self != Self::default()
    }

    /// `actor:action:from:to`.
    pub fn to_wire(self) -> String {
        let day = |d: Option<Date>| {
            d.map(|d| (d.to_julian_day() - EPOCH_JULIAN_DAY).to_string())
                .unwrap_or_default()
        };
        format!(
            "{}:{}:{}:{}",
            self.actor.map(|a| a.to_string()).unwrap_or_default(),
            self.action,
            day(self.from),
            day(self.to)
        )
    }

    /// Reads [`AuditView::to_wire`] split at `:`.
    pub fn from_wire(args: &[&str]) -> Option<Self> {
        let [actor, action, from, to] = args else {
            return None;
        };
        let day = |raw: &str| -> Option<Option<Date>> {
            if raw.is_empty() {
                return Some(None);
            }
            if raw.len() > 5 || !raw.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let days: i32 = raw.parse().ok()?;
            Date::from_julian_day(days + EPOCH_JULIAN_DAY).ok().map(Some)
        };
        let actor = match *actor {
            "" => None,
            raw => Some(UserId::new(super::action::number(raw)?)),
        };
        Some(Self {
            actor,
            action: action.parse().ok()?,
            from: day(from)?,
            to: day(to)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn views_round_trip_and_bad_ones_are_refused() {
        let full = AuditView {
            actor: Some(UserId::new(i64::MAX)),
            action: u16::MAX,
            from: Some(date!(2026 - 12 - 01)),
            to: Some(date!(2026 - 12 - 07)),
        };
        for view in [full, AuditView::default()] {
            let wire = view.to_wire();
            let args: Vec<&str> = wire.split(':').collect();
            assert_eq!(AuditView::from_wire(&args), Some(view), "{wire}");
        }
        assert_eq!(AuditView::default().to_wire(), ":0::");
        for bad in [
            &["", "0", ""][..],
            &["x", "0", "", ""],
            &["", "-1", "", ""],
            &["", "0", "123456", ""],
        ] {
            assert_eq!(AuditView::from_wire(bad), None, "{bad:?}");
        }
    }
}
