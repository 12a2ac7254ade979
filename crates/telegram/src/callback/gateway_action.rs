//! The payment-provider buttons: [`GatewayAction`], wrapped by [`super::Action::Gateway`].
//! Every code starts with `g` (the gateways area's prefix). The amount and the provider only
//! name the user's own choice; the handler re-checks that the provider is enabled and, for an
//! order, that the order is the user's and what is still missing.

use kernel::OrderId;
use payments::Provider;

use super::CallbackError;

/// A payment-provider button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GatewayAction {
    /// Top the wallet up by this amount (minor units) through a provider.
    TopUp(Provider, i64),
    /// Pay what an order's price is missing from the balance through a provider.
    ForOrder(Provider, OrderId),
}

impl GatewayAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 2] = ["gt", "go"];

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TopUp(..) => "gt",
            Self::ForOrder(..) => "go",
        }
    }

    /// Whether the tap calls a provider (answered with "Processing…" at once).
    pub fn answers_early(&self) -> bool {
        true
    }

    /// `<code>:<provider>:<arg>`.
    pub(super) fn to_wire(self) -> String {
        match self {
            Self::TopUp(provider, minor) => format!("{}:{provider}:{minor}", self.code()),
            Self::ForOrder(provider, order) => format!("{}:{provider}:{order}", self.code()),
        }
    }

    /// Parses `<code>` and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let [provider, number] = args else {
            return Err(bad());
        };
        let provider = Provider::parse(provider).ok_or_else(bad)?;
        let number = super::action::number(number).ok_or_else(bad)?;
        match code {
            "gt" => Ok(Self::TopUp(provider, number)),
            "go" => Ok(Self::ForOrder(provider, OrderId::new(number))),
            other => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_64_bytes() {
        for provider in Provider::ALL {
            for action in [
                GatewayAction::TopUp(provider, i64::MAX),
                GatewayAction::ForOrder(provider, OrderId::new(i64::MAX)),
            ] {
                let wire = action.to_wire();
                let mut parts = wire.split(':');
                let code = parts.next().unwrap();
                let args: Vec<&str> = parts.collect();
                assert_eq!(GatewayAction::from_wire(code, &args), Ok(action));
                // `v1:` + wire + `:` + an 8-character tag.
                assert!(wire.len() + 12 <= 64, "{wire}");
            }
        }
        assert!(GatewayAction::from_wire("gt", &["paypal", "5"]).is_err());
        assert!(GatewayAction::from_wire("gt", &["stars", "-5"]).is_err());
        assert!(GatewayAction::from_wire("gt", &["stars"]).is_err());
    }
}
