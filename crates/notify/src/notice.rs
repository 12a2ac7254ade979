//! What can be told to whom.

use kernel::{ClientAccountId, Money, OrderId, ReceiptId, UserId};
use serde::{Deserialize, Serialize};

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
    },
    /// A purchase failed and the money went back to the wallet.
    OrderRefunded {
        /// The order.
        order: OrderId,
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
}
