//! The order buttons of the admin menu (a user's orders, one order, a superadmin's refund or
//! retry): [`OrderAction`], wrapped by [`super::Action::Orders`]. Codes start with `ao`.
//! Handlers check the role on the server on every tap; the use cases check it again and audit.

use kernel::{OrderId, UserId};
use orders::OrderOverride;

use super::CallbackError;

/// An order button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderAction {
    /// A page (0-based) of a user's orders, newest first.
    List(UserId, u32),
    /// One order's screen.
    View(OrderId),
    /// The overrides of a paid order: Refund now, Retry now (superadmins).
    Override(OrderId),
    /// Ask why, for a refund or a retry of the order (superadmins).
    Decide(OrderId, OrderOverride),
    /// Carry out the decision shown for confirmation (its reason is in the chat's state).
    Confirm(OrderId),
}

impl OrderAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 5] = ["ao", "aov", "aoo", "aod", "aok"];

    /// One action of each kind naming `user` and `order` (the authorization test taps them
    /// all as a plain user and as an admin).
    pub fn samples(user: UserId, order: OrderId) -> Vec<OrderAction> {
        vec![
            Self::List(user, u32::MAX),
            Self::View(order),
            Self::Override(order),
            Self::Decide(order, OrderOverride::Refund),
            Self::Decide(order, OrderOverride::Retry),
            Self::Confirm(order),
        ]
    }

    /// Whether the code belongs to this family.
    pub fn owns(code: &str) -> bool {
        code.starts_with("ao")
    }

    /// Whether the action changes an order (superadmins only).
    pub fn overrides(&self) -> bool {
        matches!(self, Self::Override(_) | Self::Decide(..) | Self::Confirm(_))
    }

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::List(..) => "ao",
            Self::View(_) => "aov",
            Self::Override(_) => "aoo",
            Self::Decide(..) => "aod",
            Self::Confirm(_) => "aok",
        }
    }

    /// `<code>:<id>[:<arg>]`.
    pub(super) fn to_wire(self) -> String {
        let code = self.code();
        match self {
            Self::List(user, page) => format!("{code}:{user}:{page}"),
            Self::View(id) | Self::Override(id) | Self::Confirm(id) => format!("{code}:{id}"),
            Self::Decide(id, OrderOverride::Refund) => format!("{code}:{id}:f"),
            Self::Decide(id, OrderOverride::Retry) => format!("{code}:{id}:r"),
        }
    }

    /// Parses an `ao…` code and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let id = |raw: &str| super::action::number(raw).ok_or_else(bad);
        match (code, args) {
            ("ao", [user, page]) => Ok(Self::List(UserId::new(id(user)?), page.parse().map_err(|_| bad())?)),
            ("aov", [order]) => Ok(Self::View(OrderId::new(id(order)?))),
            ("aoo", [order]) => Ok(Self::Override(OrderId::new(id(order)?))),
            ("aok", [order]) => Ok(Self::Confirm(OrderId::new(id(order)?))),
            ("aod", [order, "f"]) => Ok(Self::Decide(OrderId::new(id(order)?), OrderOverride::Refund)),
            ("aod", [order, "r"]) => Ok(Self::Decide(OrderId::new(id(order)?), OrderOverride::Retry)),
            (known, _) if Self::CODES.contains(&known) => Err(bad()),
            (other, _) => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_order_action_round_trips_within_64_bytes() {
        let key = kernel::Secret::new("test-secret-key-test-secret-key-0");
        let codec = super::super::CallbackCodec::new(super::super::CallbackKey::derive(&key));
        let chat = telegram_state::ChatKey::new(-1_000_000_000_000);
        for action in OrderAction::samples(UserId::new(i64::MAX), OrderId::new(i64::MAX)) {
            let data = codec.encode(chat, &super::super::Action::Orders(action)).unwrap();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(codec.decode(chat, &data).unwrap(), super::super::Action::Orders(action));
        }
        let sampled: BTreeSet<&str> = OrderAction::samples(UserId::new(1), OrderId::new(1))
            .iter()
            .map(OrderAction::code)
            .collect();
        assert_eq!(sampled, OrderAction::CODES.into_iter().collect());
    }

    #[test]
    fn malformed_order_arguments_are_refused() {
        for (code, args) in [
            ("ao", vec!["1"]),
            ("ao", vec!["1", "-1"]),
            ("aov", vec![]),
            ("aov", vec!["x"]),
            ("aod", vec!["1"]),
            ("aod", vec!["1", "x"]),
            ("aok", vec!["1", "2"]),
        ] {
            assert!(
                matches!(OrderAction::from_wire(code, &args), Err(CallbackError::Arguments(_))),
                "{code} {args:?}"
            );
        }
        assert!(matches!(
            OrderAction::from_wire("aoz", &["1"]),
            Err(CallbackError::UnknownAction(_))
        ));
    }
}
