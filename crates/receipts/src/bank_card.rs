//! Bank cards that receive card-to-card payments, and how the shop rotates between them.

use kernel::{BankCardId, Money, UserId};
use time::{Duration, OffsetDateTime};

use crate::{CardNumber, SmsPattern};

/// Why a card holder or bank name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a name has 1 to {max} characters, got {0}", max = Label::MAX_CHARS)]
pub struct LabelError(pub usize);

/// A short human name: a card holder or a bank. Trimmed, 1 to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Label(String);

impl Label {
    /// The longest label.
    pub const MAX_CHARS: usize = 64;

    /// Checks a name.
    pub fn new(input: &str) -> Result<Self, LabelError> {
        let text: String = input.trim().chars().filter(|c| !c.is_control()).collect();
        let count = text.chars().count();
        if count == 0 || count > Self::MAX_CHARS {
            return Err(LabelError(count));
        }
        Ok(Self(text))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a rotation policy was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RotationError {
    /// Unknown policy name.
    #[error("{0:?} is not a rotation policy; use manual, interval or load_balance")]
    Unknown(String),
    /// The interval is too short (or missing).
    #[error("a rotation interval is at least one minute")]
    IntervalTooShort,
}

/// How the shop picks the card a payer is shown. The policy in force is the one on the
/// current card (see [`crate::choose_card`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rotation {
    /// Always the card an admin marked current.
    Manual,
    /// Each active card in turn, switching every `every`.
    Interval {
        /// How long each card stays in front (at least a minute).
        every: Duration,
    },
    /// The active card with the fewest pending and recent receipts.
    LoadBalance,
}

impl Rotation {
    /// The shortest interval.
    pub const MIN_INTERVAL: Duration = Duration::minutes(1);

    /// An interval policy; refuses intervals under a minute.
    pub fn interval(every: Duration) -> Result<Self, RotationError> {
        if every < Self::MIN_INTERVAL {
            return Err(RotationError::IntervalTooShort);
        }
        Ok(Self::Interval { every })
    }

    /// The policy's stored name: `manual`, `interval`, `load_balance`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Manual => "manual",
            Self::Interval { .. } => "interval",
            Self::LoadBalance => "load_balance",
        }
    }

    /// The interval in whole seconds, for `Interval`.
    pub fn every_seconds(&self) -> Option<i64> {
        match self {
            Self::Interval { every } => Some(every.whole_seconds()),
            _ => None,
        }
    }

    /// Rebuilds a policy from its name and interval (as stored or typed by an admin).
    pub fn from_parts(code: &str, every_seconds: Option<i64>) -> Result<Self, RotationError> {
        match code.trim() {
            "manual" => Ok(Self::Manual),
            "load_balance" => Ok(Self::LoadBalance),
            "interval" => {
                let secs = every_seconds.ok_or(RotationError::IntervalTooShort)?;
                Self::interval(Duration::seconds(secs))
            }
            other => Err(RotationError::Unknown(other.to_owned())),
        }
    }
}

/// A bank card receiving card-to-card payments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankCard {
    /// Its id.
    pub id: BankCardId,
    /// The name on the card, shown to payers so they can check before transferring.
    pub holder: Label,
    /// The bank.
    pub bank: Label,
    /// The number (masked in `Debug`/`Display`).
    pub number: CardNumber,
    /// The admin who owns the card and reviews its receipts.
    pub owner: UserId,
    /// The Telegram channel where this card's receipts are posted, if any.
    pub channel_id: Option<i64>,
    /// The rotation policy (the current card's policy is the one in force).
    pub rotation: Rotation,
    /// Whether payers may be shown this card.
    pub active: bool,
    /// Whether an admin marked this card current.
    pub current: bool,
    /// The most it may receive in 24 hours (pending plus approved); `None` is no limit.
    pub daily_cap: Option<Money>,
    /// The most it may receive in 30 days (pending plus approved); `None` is no limit.
    pub monthly_cap: Option<Money>,
    /// The bank notification pattern for this card; `None` uses the built-in patterns.
    pub sms_pattern: Option<SmsPattern>,
    /// Whether a bank notification that matches exactly one open request approves it
    /// without an admin's tap.
    pub auto_approve: bool,
    /// When it was added.
    pub created_at: OffsetDateTime,
}

/// A card about to be added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBankCard {
    /// The name on the card.
    pub holder: Label,
    /// The bank.
    pub bank: Label,
    /// The number.
    pub number: CardNumber,
    /// The admin who owns it.
    pub owner: UserId,
    /// The channel for its receipts.
    pub channel_id: Option<i64>,
    /// Its rotation policy.
    pub rotation: Rotation,
    /// Its 24-hour cap.
    pub daily_cap: Option<Money>,
    /// Its 30-day cap.
    pub monthly_cap: Option<Money>,
    /// Its bank notification pattern.
    pub sms_pattern: Option<SmsPattern>,
    /// Whether exact unique notification matches approve by themselves.
    pub auto_approve: bool,
}

/// One change to a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankCardUpdate {
    /// Payers may be shown it again.
    Activate,
    /// Payers are no longer shown it (receipts already sent for it can still be decided).
    Deactivate,
    /// Makes it the current card (and no other).
    MakeCurrent,
    /// Changes its rotation policy.
    SetRotation(Rotation),
    /// Changes (or removes) its receipts channel.
    SetChannel(Option<i64>),
    /// Changes the holder's name.
    SetHolder(Label),
    /// Changes the bank's name.
    SetBank(Label),
    /// Changes (or removes) the 24-hour and 30-day caps.
    SetCaps {
        /// The 24-hour cap.
        daily: Option<Money>,
        /// The 30-day cap.
        monthly: Option<Money>,
    },
    /// Changes (or removes, back to the built-in ones) the notification pattern.
    SetSmsPattern(Option<SmsPattern>),
    /// Turns automatic approval of exact notification matches on or off.
    SetAutoApprove(bool),
}

impl BankCardUpdate {
    /// A short name for the audit log.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Activate => "activate",
            Self::Deactivate => "deactivate",
            Self::MakeCurrent => "make_current",
            Self::SetRotation(_) => "set_rotation",
            Self::SetChannel(_) => "set_channel",
            Self::SetHolder(_) => "set_holder",
            Self::SetBank(_) => "set_bank",
            Self::SetCaps { .. } => "set_caps",
            Self::SetSmsPattern(_) => "set_sms_pattern",
            Self::SetAutoApprove(_) => "set_auto_approve",
        }
    }
}

impl BankCard {
    /// Whether the card can take `amount` more given what it received already (`load`):
    /// a card that would pass its daily or monthly cap is skipped.
    pub fn has_room_for(&self, amount: Money, load: &crate::CardLoad) -> bool {
        let fits = |cap: Option<Money>, used: Money| {
            cap.is_none_or(|cap| used.checked_add(amount).is_ok_and(|total| total <= cap))
        };
        fits(self.daily_cap, load.day) && fits(self.monthly_cap, load.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_trimmed_and_bounded() {
        assert_eq!(Label::new("  Ali Rezaei ").unwrap().as_str(), "Ali Rezaei");
        assert_eq!(Label::new("   "), Err(LabelError(0)));
        assert!(Label::new(&"x".repeat(65)).is_err());
    }

    #[test]
    fn rotation_policies_round_trip_through_their_stored_form() {
        for r in [
            Rotation::Manual,
            Rotation::LoadBalance,
            Rotation::interval(Duration::hours(2)).unwrap(),
        ] {
            assert_eq!(Rotation::from_parts(r.code(), r.every_seconds()).unwrap(), r);
        }
    }

    #[test]
    fn intervals_under_a_minute_and_unknown_policies_are_refused() {
        assert_eq!(
            Rotation::interval(Duration::seconds(59)),
            Err(RotationError::IntervalTooShort)
        );
        assert_eq!(
            Rotation::from_parts("interval", None),
            Err(RotationError::IntervalTooShort)
        );
        assert!(matches!(
            Rotation::from_parts("random", None),
            Err(RotationError::Unknown(_))
        ));
    }
}
