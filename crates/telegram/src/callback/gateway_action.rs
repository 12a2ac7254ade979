//! The payment-provider buttons: [`GatewayAction`], wrapped by [`super::Action::Gateway`].
//! Every code starts with `g` (the gateways area's prefix). The amount and the provider only
//! name the user's own choice; the handler re-checks that the provider is enabled and, for an
//! order, that the order is the user's and what is still missing. The admin's "Payments"
//! screen and its "Reconcile now" are checked for the admin role on the server.

use kernel::OrderId;
use payments::{PaymentStatus, Provider};

use super::CallbackError;

/// A payment-provider button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GatewayAction {
    /// Top the wallet up by this amount (minor units) through a provider.
    TopUp(Provider, i64),
    /// Pay what an order's price is missing from the balance through a provider.
    ForOrder(Provider, OrderId),
    /// Admins: the recent payments, all or those with one status.
    Payments(Option<PaymentStatus>),
    /// Admins: ask the providers about open payments now (the reconciliation job's pass).
    Reconcile,
}

impl GatewayAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 4] = ["gt", "go", "gp", "gr"];

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TopUp(..) => "gt",
            Self::ForOrder(..) => "go",
            Self::Payments(_) => "gp",
            Self::Reconcile => "gr",
        }
    }

    /// Whether the tap creates a payment at a provider (answered with "Processing…" at once).
    /// The admin's taps are answered after the role check, so a refusal is the answer.
    pub fn answers_early(&self) -> bool {
        matches!(self, Self::TopUp(..) | Self::ForOrder(..))
    }

    /// `<code>:<args>`.
    pub(super) fn to_wire(self) -> String {
        match self {
            Self::TopUp(provider, minor) => format!("{}:{provider}:{minor}", self.code()),
            Self::ForOrder(provider, order) => format!("{}:{provider}:{order}", self.code()),
            Self::Payments(status) => {
                format!("{}:{}", self.code(), status.map_or("all", PaymentStatus::code))
            }
            Self::Reconcile => self.code().to_owned(),
        }
    }

    /// Parses `<code>` and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        match (code, args) {
            ("gt" | "go", [provider, number]) => {
                let provider = Provider::parse(provider).ok_or_else(bad)?;
                let number = super::action::number(number).ok_or_else(bad)?;
                Ok(if code == "gt" {
                    Self::TopUp(provider, number)
                } else {
                    Self::ForOrder(provider, OrderId::new(number))
                })
            }
            ("gp", ["all"]) => Ok(Self::Payments(None)),
            ("gp", [status]) => Ok(Self::Payments(Some(PaymentStatus::parse(status).ok_or_else(bad)?))),
            ("gr", []) => Ok(Self::Reconcile),
            ("gt" | "go" | "gp" | "gr", _) => Err(bad()),
            (other, _) => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(action: GatewayAction) {
        let wire = action.to_wire();
        let mut parts = wire.split(':');
        let code = parts.next().unwrap();
        let args: Vec<&str> = parts.collect();
        assert_eq!(GatewayAction::from_wire(code, &args), Ok(action));
        // `v1:` + wire + `:` + an 8-character tag.
        assert!(wire.len() + 12 <= 64, "{wire}");
    }

    #[test]
    fn every_action_round_trips_within_64_bytes() {
        for provider in Provider::ALL {
            round_trip(GatewayAction::TopUp(provider, i64::MAX));
            round_trip(GatewayAction::ForOrder(provider, OrderId::new(i64::MAX)));
        }
        round_trip(GatewayAction::Payments(None));
        for status in PaymentStatus::ALL {
            round_trip(GatewayAction::Payments(Some(status)));
        }
        round_trip(GatewayAction::Reconcile);
        assert!(GatewayAction::from_wire("gt", &["paypal", "5"]).is_err());
        assert!(GatewayAction::from_wire("gt", &["stars", "-5"]).is_err());
        assert!(GatewayAction::from_wire("gt", &["stars"]).is_err());
        assert!(GatewayAction::from_wire("gp", &["lost"]).is_err());
        assert!(GatewayAction::from_wire("gr", &["1"]).is_err());
    }
}
