//! The top-up and card-to-card buttons: [`CardAction`], wrapped by
//! [`super::Action::Card`]. Every code starts with `c` (the top-up area's prefix). A valid
//! signature only proves the bot made the button for that chat: the payer's buttons are
//! re-checked for ownership, the review buttons in a channel for the admin role.

use kernel::{OrderId, ReceiptId};

use super::CallbackError;

/// How many preset rejection reasons there are (`cr:<receipt>:<0..N>`).
pub const REJECT_PRESETS: u8 = 4;

/// A top-up or receipt button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardAction {
    /// A preset top-up amount (minor units): the payment methods for it.
    Amount(i64),
    /// Pay this amount (minor units) by card-to-card: open a request and show the card.
    Open(i64),
    /// The payer withdraws their open request.
    Cancel(ReceiptId),
    /// An admin approves a receipt (a review channel's button).
    Approve(ReceiptId),
    /// An admin starts rejecting a receipt: the reasons to pick from.
    Reject(ReceiptId),
    /// An admin rejects a receipt with preset reason `n`.
    RejectWith(ReceiptId, u8),
    /// The review buttons again (the admin changed their mind about rejecting).
    Review(ReceiptId),
    /// Pay this pending order's exact price by card-to-card (from "balance short").
    PayOrder(OrderId),
    /// An admin wants to type the rejection reason (asked for in the private chat).
    AskReason(ReceiptId),
    /// An admin wants to approve another amount than requested (asked for privately).
    AskAmount(ReceiptId),
    /// "Match bank SMS" in the admin menu: asks for the bank's text.
    SmsAsk,
    /// A superadmin starts overriding a decided receipt: the confirmation.
    Overrule(ReceiptId),
    /// A superadmin confirmed the override.
    OverruleConfirmed(ReceiptId),
    /// A superadmin starts clearing a receipt's flags: the confirmation.
    Unflag(ReceiptId),
    /// A superadmin confirmed clearing the flags.
    UnflagConfirmed(ReceiptId),
}

impl CardAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 15] = [
        "ca", "co", "cx", "cy", "cn", "cr", "cv", "cp", "cw", "cm", "cs", "cg", "ch", "cu", "cf",
    ];

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Amount(_) => "ca",
            Self::Open(_) => "co",
            Self::Cancel(_) => "cx",
            Self::Approve(_) => "cy",
            Self::Reject(_) => "cn",
            Self::RejectWith(..) => "cr",
            Self::Review(_) => "cv",
            Self::PayOrder(_) => "cp",
            Self::AskReason(_) => "cw",
            Self::AskAmount(_) => "cm",
            Self::SmsAsk => "cs",
            Self::Overrule(_) => "cg",
            Self::OverruleConfirmed(_) => "ch",
            Self::Unflag(_) => "cu",
            Self::UnflagConfirmed(_) => "cf",
        }
    }

    /// One action of each kind (the tests round-trip them).
    pub fn samples(amount: i64, receipt: ReceiptId) -> Vec<CardAction> {
        vec![
            Self::Amount(amount),
            Self::Open(amount),
            Self::Cancel(receipt),
            Self::Approve(receipt),
            Self::Reject(receipt),
            Self::RejectWith(receipt, REJECT_PRESETS - 1),
            Self::Review(receipt),
            Self::PayOrder(OrderId::new(amount)),
            Self::AskReason(receipt),
            Self::AskAmount(receipt),
            Self::SmsAsk,
            Self::Overrule(receipt),
            Self::OverruleConfirmed(receipt),
            Self::Unflag(receipt),
            Self::UnflagConfirmed(receipt),
        ]
    }

    /// Whether the tap opens a request (answered with "Processing…" at once). The review
    /// buttons are not: their answer is a toast to whoever tapped, never a channel message.
    pub fn answers_early(&self) -> bool {
        matches!(self, Self::Open(_) | Self::PayOrder(_))
    }

    /// `<code>[:<arg>…]`.
    pub(super) fn to_wire(self) -> String {
        let code = self.code();
        match self {
            Self::Amount(minor) | Self::Open(minor) => format!("{code}:{minor}"),
            Self::Cancel(id)
            | Self::Approve(id)
            | Self::Reject(id)
            | Self::Review(id)
            | Self::AskReason(id)
            | Self::AskAmount(id)
            | Self::Overrule(id)
            | Self::OverruleConfirmed(id)
            | Self::Unflag(id)
            | Self::UnflagConfirmed(id) => format!("{code}:{id}"),
            Self::SmsAsk => code.to_owned(),
            Self::PayOrder(id) => format!("{code}:{id}"),
            Self::RejectWith(id, n) => format!("{code}:{id}:{n}"),
        }
    }

    /// Parses a `c…` code and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let id = || -> Result<i64, CallbackError> {
            match args {
                [raw] => super::action::number(raw).ok_or_else(bad),
                _ => Err(bad()),
            }
        };
        let receipt = || id().map(ReceiptId::new);
        match code {
            "ca" => Ok(Self::Amount(id()?)),
            "co" => Ok(Self::Open(id()?)),
            "cx" => Ok(Self::Cancel(receipt()?)),
            "cy" => Ok(Self::Approve(receipt()?)),
            "cn" => Ok(Self::Reject(receipt()?)),
            "cv" => Ok(Self::Review(receipt()?)),
            "cp" => Ok(Self::PayOrder(OrderId::new(id()?))),
            "cw" => Ok(Self::AskReason(receipt()?)),
            "cm" => Ok(Self::AskAmount(receipt()?)),
            "cs" if args.is_empty() => Ok(Self::SmsAsk),
            "cs" => Err(bad()),
            "cg" => Ok(Self::Overrule(receipt()?)),
            "ch" => Ok(Self::OverruleConfirmed(receipt()?)),
            "cu" => Ok(Self::Unflag(receipt()?)),
            "cf" => Ok(Self::UnflagConfirmed(receipt()?)),
            "cr" => match args {
                [raw, n] => {
                    let id = super::action::number(raw).ok_or_else(bad)?;
                    let n: u8 = n.parse().map_err(|_| bad())?;
                    if n >= REJECT_PRESETS {
                        return Err(bad());
                    }
                    Ok(Self::RejectWith(ReceiptId::new(id), n))
                }
                _ => Err(bad()),
            },
            other => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_card_action_round_trips_and_fits_in_64_bytes_in_a_channel() {
        let key = kernel::Secret::new("test-secret-key-test-secret-key-0");
        let codec = super::super::CallbackCodec::new(super::super::CallbackKey::derive(&key));
        let channel = telegram_state::ChatKey::new(-1_009_999_999_999);
        let samples = CardAction::samples(i64::MAX, ReceiptId::new(i64::MAX));
        for action in &samples {
            let wire = action.to_wire();
            let mut parts = wire.split(':');
            let code = parts.next().unwrap();
            assert!(code.starts_with('c'), "{code} is outside the top-up prefix");
            let args: Vec<&str> = parts.collect();
            assert_eq!(CardAction::from_wire(code, &args).unwrap(), *action, "{wire}");
            let data = codec.encode(channel, &super::super::Action::Card(*action)).unwrap();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(
                codec.decode(channel, &data).unwrap(),
                super::super::Action::Card(*action)
            );
        }
        let sampled: BTreeSet<&str> = samples.iter().map(CardAction::code).collect();
        let all: BTreeSet<&str> = CardAction::CODES.into_iter().collect();
        assert_eq!(all.len(), CardAction::CODES.len(), "duplicate code");
        assert_eq!(sampled, all);
    }

    #[test]
    fn malformed_card_arguments_are_refused() {
        for (code, args) in [
            ("ca", vec![]),
            ("co", vec!["-5"]),
            ("cy", vec!["x"]),
            ("cr", vec!["1"]),
            ("cr", vec!["1", "9"]),
            ("cx", vec!["1", "2"]),
        ] {
            assert!(CardAction::from_wire(code, &args).is_err(), "{code} {args:?}");
        }
        assert!(matches!(
            CardAction::from_wire("czz", &[]),
            Err(CallbackError::UnknownAction(_))
        ));
    }
}
