//! Errors of the payments area.

use kernel::{Money, StorageError};
use members::AccessError;

use crate::{ChargeError, GatewayError, PaymentId, Provider, Refusal};

/// Why a payment use case failed.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// The provider is not enabled in the config.
    #[error("payment provider {0} is not enabled")]
    NotEnabled(Provider),
    /// No such payment.
    #[error("no payment {0}")]
    NotFound(PaymentId),
    /// The payment is not the user's.
    #[error("payment {0} is not yours")]
    NotYours(PaymentId),
    /// The amount cannot be charged (zero, too large, bad rate).
    #[error(transparent)]
    Charge(#[from] ChargeError),
    /// The provider failed or the callback is not authentic.
    #[error(transparent)]
    Gateway(#[from] GatewayError),
    /// The callback does not match the payment.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The actor may not do this (not an admin, blocked, unknown).
    #[error(transparent)]
    Access(#[from] AccessError),
    /// Refunding is not wired (no admin access checker).
    #[error("refunds are not available here")]
    NoAdmin,
    /// A refund would take more than the wallet holds now: nothing changed.
    #[error("the payer's balance ({} minor units) is less than the {} to take back", balance.minor(), needed.minor())]
    BalanceTooLow {
        /// What the refund takes back.
        needed: Money,
        /// The balance now.
        balance: Money,
    },
    /// The provider has no refund API here: nothing changed (the admin refunds in the
    /// provider's cabinet and corrects the balance by hand).
    #[error(
        "{0} has no refund API in MoonVPN: nothing changed. Refund the payer in {0}'s own dashboard, then take the credit back with a balance adjustment if needed"
    )]
    RefundUnsupported(Provider),
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}
