//! The shop-operations buttons of the admin menu: [`OpsAction`], wrapped by
//! [`super::Action::Ops`]. Codes start with `as` (stats), `al` (audit log) or `ak` (backup).
//! Handlers check the role on the server on every tap.

use super::CallbackError;

/// A shop-operations button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpsAction {
    /// The shop's numbers and the revenue chart.
    Stats,
}

impl OpsAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 1] = ["as"];

    /// One action of each kind (the authorization test taps them all as a plain user).
    pub fn samples() -> Vec<OpsAction> {
        vec![Self::Stats]
    }

    /// Whether the code belongs to this family.
    pub fn owns(code: &str) -> bool {
        ["as", "al", "ak"].iter().any(|prefix| code.starts_with(prefix))
    }

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Stats => "as",
        }
    }

    /// Whether the tap is slow (answered with "Processing…" at once): drawing the chart is not.
    pub fn answers_early(&self) -> bool {
        false
    }

    /// `<code>[:<arg>…]`.
    pub(super) fn to_wire(self) -> String {
        self.code().to_owned()
    }

    /// Parses an `as…`, `al…` or `ak…` code and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let none = |action: Self| if args.is_empty() { Ok(action) } else { Err(bad()) };
        match code {
            "as" => none(Self::Stats),
            other => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_ops_action_round_trips_within_64_bytes() {
        let key = kernel::Secret::new("test-secret-key-test-secret-key-0");
        let codec = super::super::CallbackCodec::new(super::super::CallbackKey::derive(&key));
        let chat = telegram_state::ChatKey::new(-1_000_000_000_000);
        for action in OpsAction::samples() {
            let data = codec.encode(chat, &super::super::Action::Ops(action)).unwrap();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(codec.decode(chat, &data).unwrap(), super::super::Action::Ops(action));
        }
        let sampled: BTreeSet<&str> = OpsAction::samples().iter().map(OpsAction::code).collect();
        assert_eq!(sampled, OpsAction::CODES.into_iter().collect());
    }

    #[test]
    fn malformed_ops_arguments_are_refused() {
        assert!(OpsAction::from_wire("as", &["1"]).is_err());
        assert!(matches!(
            OpsAction::from_wire("asz", &[]),
            Err(CallbackError::UnknownAction(_))
        ));
    }
}
