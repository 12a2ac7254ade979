//! The inbound sale buttons of the admin menu: [`InboundAction`], wrapped by
//! [`super::Action::Inbound`]. Codes start with `ai`. Handlers check the role on the server
//! on every tap; the use case checks it again and audits the change.

use kernel::InboundId;

use super::CallbackError;

/// An inbound sale button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboundAction {
    /// Ask before putting an inbound on sale (`true`) or taking it off.
    Sale(InboundId, bool),
    /// Put an inbound on sale (`true`) or take it off (confirmed).
    SaleConfirmed(InboundId, bool),
}

impl InboundAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 2] = ["ai", "aik"];

    /// One action of each kind naming `inbound` (the authorization test taps them all as a
    /// plain user).
    pub fn samples(inbound: InboundId) -> Vec<InboundAction> {
        vec![
            Self::Sale(inbound, false),
            Self::Sale(inbound, true),
            Self::SaleConfirmed(inbound, false),
            Self::SaleConfirmed(inbound, true),
        ]
    }

    /// Whether the code belongs to this family.
    pub fn owns(code: &str) -> bool {
        code.starts_with("ai")
    }

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Sale(..) => "ai",
            Self::SaleConfirmed(..) => "aik",
        }
    }

    /// `<code>:<inbound>:<0|1>`.
    pub(super) fn to_wire(self) -> String {
        match self {
            Self::Sale(id, on) | Self::SaleConfirmed(id, on) => format!("{}:{id}:{}", self.code(), u8::from(on)),
        }
    }

    /// Parses an `ai…` code and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let parsed = || -> Result<(InboundId, bool), CallbackError> {
            match args {
                [raw, "1"] => Ok((InboundId::new(super::action::number(raw).ok_or_else(bad)?), true)),
                [raw, "0"] => Ok((InboundId::new(super::action::number(raw).ok_or_else(bad)?), false)),
                _ => Err(bad()),
            }
        };
        match code {
            "ai" => parsed().map(|(id, on)| Self::Sale(id, on)),
            "aik" => parsed().map(|(id, on)| Self::SaleConfirmed(id, on)),
            other => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_inbound_action_round_trips_within_64_bytes() {
        let key = kernel::Secret::new("test-secret-key-test-secret-key-0");
        let codec = super::super::CallbackCodec::new(super::super::CallbackKey::derive(&key));
        let chat = telegram_state::ChatKey::new(-1_000_000_000_000);
        for action in InboundAction::samples(InboundId::new(i64::MAX)) {
            let data = codec.encode(chat, &super::super::Action::Inbound(action)).unwrap();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(
                codec.decode(chat, &data).unwrap(),
                super::super::Action::Inbound(action)
            );
        }
        let sampled: BTreeSet<&str> = InboundAction::samples(InboundId::new(1))
            .iter()
            .map(InboundAction::code)
            .collect();
        assert_eq!(sampled, InboundAction::CODES.into_iter().collect());
    }

    #[test]
    fn malformed_inbound_arguments_are_refused() {
        for (code, args) in [
            ("ai", vec!["1"]),
            ("ai", vec!["1", "2"]),
            ("aik", vec!["-1", "1"]),
            ("aik", vec!["x", "0"]),
            ("ai", vec!["1", "1", "1"]),
        ] {
            assert!(InboundAction::from_wire(code, &args).is_err(), "{code} {args:?}");
        }
        assert!(matches!(
            InboundAction::from_wire("aiz", &["1", "1"]),
            Err(CallbackError::UnknownAction(_))
        ));
    }
}
