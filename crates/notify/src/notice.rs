//! What can be told to whom.

use kernel::{ClientAccountId, Money, OrderId, PanelId, PanelProblem, ReceiptId, UserId};
use serde::{Deserialize, Serialize};

/// A [`Notice::PanelDown`]'s problem: its kind, or the English sentence versions before
/// kinds queued (read as [`PanelProblem::Described`], so such a notice is still delivered).
fn problem_or_sentence<'de, D: serde::Deserializer<'de>>(d: D) -> Result<PanelProblem, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Kind(PanelProblem),
        Sentence(String),
    }
    Ok(match Stored::deserialize(d)? {
        Stored::Kind(problem) => problem,
        Stored::Sentence(text) => PanelProblem::Described(text),
    })
}

/// Who a notice is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", content = "id", rename_all = "snake_case")]
pub enum Recipient {
    /// One user, by MoonVPN id.
    User(UserId),
    /// Every admin and superadmin.
    Admins,
}

/// A structured notice. Adapters render it per language; the outbox stores it as JSON
/// (`{"kind": "...", ...}`), so variants may be added but never renamed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// Money was added to a wallet (receipt approved, gateway payment, admin credit).
    WalletCredited {
        /// How much.
        amount: Money,
        /// The ledger row's tracking code.
        tracking: String,
    },
    /// An admin changed a balance by hand.
    BalanceAdjusted {
        /// Signed change in minor units.
        delta_minor: i64,
        /// The reason the admin gave.
        reason: String,
        /// The ledger row's tracking code.
        tracking: String,
    },
    /// A purchase was delivered.
    OrderFulfilled {
        /// The order.
        order: OrderId,
        /// The account created or renewed.
        account: ClientAccountId,
        /// The order's tracking code (`OR-…`, what the buyer was shown); absent in notices
        /// written before it was recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tracking: Option<String>,
    },
    /// A purchase failed and the money went back to the wallet.
    OrderRefunded {
        /// The order.
        order: OrderId,
        /// The order's tracking code (`OR-…`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tracking: Option<String>,
        /// How much was refunded.
        amount: Money,
        /// Why, for the user.
        reason: String,
    },
    /// For admins: a paid order was refunded for a reason a person should look at (delivery
    /// kept failing, or the panel holds somebody else's client under the order's name).
    OrderNeedsAttention {
        /// The order.
        order: OrderId,
        /// The order's tracking code (`OR-…`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tracking: Option<String>,
        /// Why it was given up.
        reason: String,
    },
    /// A user sent a card-to-card receipt; admins should review it.
    ReceiptSubmitted {
        /// The receipt.
        receipt: ReceiptId,
        /// Its tracking code.
        tracking: String,
        /// Amount claimed.
        amount: Money,
    },
    /// A receipt was approved and the wallet credited.
    ReceiptApproved {
        /// The receipt.
        receipt: ReceiptId,
        /// Amount credited.
        amount: Money,
    },
    /// A receipt was rejected.
    ReceiptRejected {
        /// The receipt.
        receipt: ReceiptId,
        /// The admin's reason.
        reason: String,
    },
    /// A receipt was not reviewed in time.
    ReceiptExpired {
        /// The receipt.
        receipt: ReceiptId,
    },
    /// A payment through a provider failed or expired (nothing was charged); shown with a
    /// button that starts the same payment again.
    PaymentFailed {
        /// Our payment id.
        payment: i64,
        /// The provider's stored name (`robokassa`, `stars`, …).
        provider: String,
        /// What the wallet would have received.
        amount: Money,
        /// Expired (nobody confirmed it in time) rather than failed at the provider.
        expired: bool,
        /// The order the payment was for, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        order: Option<OrderId>,
    },
    /// A payment for an order landed in the wallet, but the order could no longer be paid
    /// with it (it expired meanwhile): the money stays in the wallet.
    PaymentOrderNotPaid {
        /// The order.
        order: OrderId,
        /// The order's tracking code (`OR-…`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tracking: Option<String>,
        /// What the payment credited.
        amount: Money,
    },
    /// For admins: what one reconciliation run of gateway payments changed.
    PaymentsReconciled {
        /// Payments found paid and credited.
        settled: u32,
        /// Payments the provider reported failed.
        failed: u32,
        /// Payments nobody confirmed in time.
        expired: u32,
        /// Payments whose provider could not be asked (tried again next run).
        unreachable: u32,
    },
    /// A service reached a reminder threshold (expiry or traffic); shown with a Renew button.
    Reminder {
        /// The service.
        account: ClientAccountId,
        /// Its name (`FR-MoonVPN-1001`).
        name: String,
        /// Which threshold.
        reminder: crate::ReminderKind,
        /// When it expires (shown with the expiry reminders).
        #[serde(default, with = "time::serde::rfc3339::option")]
        expires_at: Option<time::OffsetDateTime>,
    },
    /// A paid purchase or renewal left the wallet below what it cost (see
    /// [`crate::low_balance`]); shown with a Top-up button.
    LowBalance {
        /// The balance after the purchase.
        balance: Money,
        /// What the purchase cost.
        price: Money,
    },
    /// For admins: an order was paid (a new sale or a renewal).
    OrderPaid {
        /// The order.
        order: OrderId,
        /// Its tracking code (`OR-…`).
        tracking: String,
        /// What was paid.
        amount: Money,
        /// Whether it renews an existing service.
        renewal: bool,
    },
    /// For admins: a panel stopped answering (or xray stopped). Sent once per outage.
    PanelDown {
        /// The panel.
        panel: PanelId,
        /// What admins call it.
        name: String,
        /// Why it counts as down, by kind (each reader's catalog says it in their language).
        #[serde(deserialize_with = "problem_or_sentence")]
        problem: PanelProblem,
    },
    /// For admins: a panel reported down answers again. Sent once per outage.
    PanelUp {
        /// The panel.
        panel: PanelId,
        /// What admins call it.
        name: String,
    },
    /// For admins: syncing a panel (inbounds, traffic, expiry) failed while the panel was not
    /// reported down. Sent once until a sync succeeds again.
    PanelSyncFailed {
        /// The panel.
        panel: PanelId,
        /// What admins call it.
        name: String,
        /// The error.
        error: String,
    },
    /// An admin added days and/or traffic to one of the user's services.
    ServiceExtended {
        /// The service.
        account: ClientAccountId,
        /// Its name (`FR-MoonVPN-1001`).
        name: String,
        /// Days added (0: none).
        days: u32,
        /// Gigabytes added (0: none).
        gb: u32,
        /// When it expires now (`None`: never).
        #[serde(default, with = "time::serde::rfc3339::option")]
        expires_at: Option<time::OffsetDateTime>,
        /// Its traffic limit now, in bytes (stored as a number, 0 for unlimited).
        #[serde(with = "kernel::limit_as_bytes")]
        traffic_limit_bytes: kernel::ByteLimit,
    },
    /// For admins: the daily bot↔panel reconciliation found drift (one notice per run).
    ReconcileDrift {
        /// Each panel with drift.
        panels: Vec<crate::PanelDrift>,
    },
    /// An admin wrote to the user (see [`crate::message::MessageService`]).
    AdminMessage {
        /// What the admin wrote (checked by [`crate::message::MessageText`]).
        text: String,
    },
}

/// How long a notice about an order's outcome waits in the outbox before it is sent: the
/// screen where the buyer tapped "Pay" shows the outcome itself and then settles the notice
/// ([`crate::OutboxRepo::settle_shown_inline`]), so the buyer is told once. When that screen
/// never got to show it (a crash, or the recovery job delivered later), the notice goes out
/// after this wait.
pub const INLINE_GRACE: time::Duration = time::Duration::seconds(15);

impl Notice {
    /// How long the outbox holds this notice back before its first attempt: [`INLINE_GRACE`]
    /// for the buyer's order outcome (usually shown inline), a little more for the low-balance
    /// notice that follows it, nothing for the rest.
    pub fn inline_grace(&self) -> time::Duration {
        match self {
            Self::OrderFulfilled { .. } | Self::OrderRefunded { .. } => INLINE_GRACE,
            Self::LowBalance { .. } => crate::low_balance::AFTER_DELIVERY,
            _ => time::Duration::ZERO,
        }
    }

    /// The order this notice tells the buyer the outcome of, if it is one of those.
    pub fn order_outcome(&self) -> Option<OrderId> {
        match self {
            Self::OrderFulfilled { order, .. } | Self::OrderRefunded { order, .. } => Some(*order),
            _ => None,
        }
    }
}

/// A notice on its way into the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNotice {
    /// Who should read it.
    pub recipient: Recipient,
    /// What it says.
    pub notice: Notice,
}

impl NewNotice {
    /// A notice for one user.
    pub fn to_user(user: UserId, notice: Notice) -> Self {
        Self {
            recipient: Recipient::User(user),
            notice,
        }
    }

    /// A notice for every admin.
    pub fn to_admins(notice: Notice) -> Self {
        Self {
            recipient: Recipient::Admins,
            notice,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_serialize_with_a_stable_kind_tag() {
        let n = NewNotice::to_user(
            UserId::new(7),
            Notice::ReceiptApproved {
                receipt: ReceiptId::new(3),
                amount: Money::from_minor(500).unwrap(),
            },
        );
        let json = serde_json::to_value(&n).unwrap();
        assert_eq!(json["recipient"], serde_json::json!({"to": "user", "id": 7}));
        assert_eq!(json["notice"]["kind"], "receipt_approved");
        assert_eq!(serde_json::from_value::<NewNotice>(json).unwrap(), n);
    }

    /// A panel-down alert carries the problem's kind (rendered in each admin's language); one
    /// queued with an English sentence before that still reads.
    #[test]
    fn panel_down_alerts_carry_the_kind_and_old_ones_still_read() {
        let new = Notice::PanelDown {
            panel: PanelId::new(2),
            name: "Paris".into(),
            problem: PanelProblem::LoginRefused,
        };
        let json = serde_json::to_value(&new).unwrap();
        assert_eq!(json["problem"], serde_json::json!({"kind": "login_refused"}));
        assert_eq!(serde_json::from_value::<Notice>(json).unwrap(), new);
        let old = serde_json::json!({"kind": "panel_down", "panel": 2, "name": "Paris", "problem": "the panel did not answer in time"});
        assert_eq!(
            serde_json::from_value::<Notice>(old).unwrap(),
            Notice::PanelDown {
                panel: PanelId::new(2),
                name: "Paris".into(),
                problem: PanelProblem::Described("the panel did not answer in time".into()),
            }
        );
    }

    #[test]
    fn order_notices_written_before_tracking_codes_still_read() {
        let old = serde_json::json!({"kind": "order_fulfilled", "order": 8, "account": 3});
        assert_eq!(
            serde_json::from_value::<Notice>(old).unwrap(),
            Notice::OrderFulfilled {
                order: OrderId::new(8),
                account: ClientAccountId::new(3),
                tracking: None,
            }
        );
    }

    #[test]
    fn only_order_outcomes_wait_for_the_screen_that_shows_them() {
        let fulfilled = Notice::OrderFulfilled {
            order: OrderId::new(8),
            account: ClientAccountId::new(3),
            tracking: Some("OR-1".into()),
        };
        assert_eq!(fulfilled.inline_grace(), INLINE_GRACE);
        assert_eq!(fulfilled.order_outcome(), Some(OrderId::new(8)));
        let receipt = Notice::ReceiptExpired {
            receipt: ReceiptId::new(1),
        };
        assert_eq!(receipt.inline_grace(), time::Duration::ZERO);
        assert_eq!(receipt.order_outcome(), None);
    }
}
