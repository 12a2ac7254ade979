//! The order state machine: `Pending → Paid → Fulfilled`, `Pending → Expired`,
//! `Pending → Failed`, and `Paid → Failed` (only together with a refund). Nothing else.

/// Where an order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrderStatus {
    /// Created and priced; no money has moved.
    Pending,
    /// The wallet was debited; delivery is under way.
    Paid,
    /// Delivered: the account exists (or was renewed). Final.
    Fulfilled,
    /// Given up; if it had been paid, the money went back. Final.
    Failed,
    /// Never paid in time. Final.
    Expired,
}

/// Every status, in life order.
pub const ALL_STATUSES: [OrderStatus; 5] = [
    OrderStatus::Pending,
    OrderStatus::Paid,
    OrderStatus::Fulfilled,
    OrderStatus::Failed,
    OrderStatus::Expired,
];

/// A move the state machine does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an order that is {from} cannot become {to}")]
pub struct IllegalTransition {
    /// Where the order is.
    pub from: OrderStatus,
    /// Where it was asked to go.
    pub to: OrderStatus,
}

impl OrderStatus {
    /// Whether the machine allows `self → to`. `Paid → Failed` is allowed here; callers must
    /// pair it with a refund (the repository's `fail` does both in one transaction).
    pub fn can_become(self, to: OrderStatus) -> bool {
        use OrderStatus::*;
        matches!(
            (self, to),
            (Pending, Paid) | (Paid, Fulfilled) | (Pending, Expired) | (Pending, Failed) | (Paid, Failed)
        )
    }

    /// `Ok` when `self → to` is allowed, otherwise the refusal naming both ends.
    pub fn check(self, to: OrderStatus) -> Result<(), IllegalTransition> {
        if self.can_become(to) {
            Ok(())
        } else {
            Err(IllegalTransition { from: self, to })
        }
    }

    /// Whether no further transition exists.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Fulfilled | Self::Failed | Self::Expired)
    }

    /// Whether money was taken and not (yet) given back.
    pub fn holds_money(self) -> bool {
        matches!(self, Self::Paid | Self::Fulfilled)
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Fulfilled => "fulfilled",
            Self::Failed => "failed",
            Self::Expired => "expired",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        ALL_STATUSES.into_iter().find(|s| s.as_str() == raw)
    }
}

impl std::fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::OrderStatus::*;
    use super::*;

    const ALLOWED: [(OrderStatus, OrderStatus); 5] = [
        (Pending, Paid),
        (Paid, Fulfilled),
        (Pending, Expired),
        (Pending, Failed),
        (Paid, Failed),
    ];

    #[test]
    fn every_transition_outside_the_machine_is_refused() {
        let mut refused = 0;
        for from in ALL_STATUSES {
            for to in ALL_STATUSES {
                let result = from.check(to);
                if ALLOWED.contains(&(from, to)) {
                    assert_eq!(result, Ok(()), "{from} -> {to} should be allowed");
                } else {
                    assert_eq!(result, Err(IllegalTransition { from, to }), "{from} -> {to}");
                    refused += 1;
                }
            }
        }
        assert_eq!(refused, 20);
    }

    #[test]
    fn final_statuses_go_nowhere() {
        for from in ALL_STATUSES.into_iter().filter(|s| s.is_final()) {
            assert!(ALL_STATUSES.into_iter().all(|to| !from.can_become(to)));
        }
        assert!(!Pending.is_final() && !Paid.is_final());
    }

    #[test]
    fn the_refusal_names_both_ends() {
        let err = Fulfilled.check(Paid).unwrap_err();
        assert_eq!(err.to_string(), "an order that is fulfilled cannot become paid");
    }

    #[test]
    fn statuses_round_trip_their_stored_names() {
        for s in ALL_STATUSES {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(OrderStatus::parse("shipped"), None);
    }
}
