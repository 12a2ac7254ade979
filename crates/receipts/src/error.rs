//! What can go wrong with receipts and cards, worded for the person who can act on it.

use kernel::{BankCardId, Money, ReceiptId, StorageError, UserId};
use members::{AccessError, Role};

use crate::ReceiptStatus;

/// Errors of the receipts use cases.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    /// The acting user may not do this.
    #[error("this needs the {needed} role")]
    Forbidden {
        /// The lowest role that may.
        needed: Role,
    },
    /// The account is blocked.
    #[error("this account is blocked; contact support")]
    Blocked,
    /// No such user.
    #[error("there is no user {0}")]
    UnknownUser(kernel::UserId),
    /// No such receipt.
    #[error("there is no receipt {0}")]
    UnknownReceipt(String),
    /// No such card.
    #[error("there is no bank card {0}")]
    UnknownCard(BankCardId),
    /// No card is active, so nobody can pay by card right now.
    #[error("card payments are unavailable right now: no bank card is active")]
    NoActiveCard,
    /// The receipt was decided before (by this or another admin): who and when, so the
    /// loser of a race can be shown the winner.
    #[error("this receipt was already {status}{}{}", by.map(|u| format!(" by user {u}")).unwrap_or_default(), at.map(|t| format!(" at {t}")).unwrap_or_default())]
    AlreadyDecided {
        /// What it was decided as.
        status: ReceiptStatus,
        /// Who decided it (none for an expiry).
        by: Option<UserId>,
        /// When.
        at: Option<time::OffsetDateTime>,
    },
    /// An override does not apply to a receipt in this state.
    #[error("a {status} receipt cannot be overridden (or its credit was already taken back)")]
    NotOverridable {
        /// Its status.
        status: ReceiptStatus,
    },
    /// Taking an approval back failed (the balance no longer holds the credit).
    #[error("the credit cannot be taken back: {0}")]
    CannotReverse(String),
    /// The top-up amount is outside the configured bounds.
    #[error("the amount must be between {} and {} (minor units)", min.minor(), max.minor())]
    AmountOutOfBounds {
        /// The smallest.
        min: Money,
        /// The largest.
        max: Money,
    },
    /// Every unique amount near the requested one is taken by open requests.
    #[error("too many payments are open right now; please try again in a few minutes")]
    Busy,
    /// A card that receipts refer to cannot be removed.
    #[error("bank card {0} has receipts; deactivate it instead")]
    CardInUse(BankCardId),
    /// The receipt's review deadline passed; the payer must send it again.
    #[error("this receipt expired before it was reviewed; the payer can send it again")]
    Expired,
    /// The amount was zero.
    #[error("the amount must be more than zero")]
    ZeroAmount,
    /// The payer has too many receipts waiting for review.
    #[error("you already have {0} receipts waiting for review; please wait for them")]
    TooManyPending(u64),
    /// The card is already registered.
    #[error("this card number is already registered (card {0})")]
    DuplicateCard(BankCardId),
    /// Cards must be owned by an admin.
    #[error("a card's owner must be an active admin")]
    OwnerNotAdmin,
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<AccessError> for ReceiptError {
    fn from(e: AccessError) -> Self {
        match e {
            AccessError::UnknownUser(id) => Self::UnknownUser(id),
            AccessError::Forbidden { needed } => Self::Forbidden { needed },
            AccessError::Blocked => Self::Blocked,
            AccessError::Storage(e) => Self::Storage(e),
        }
    }
}

impl ReceiptError {
    pub(crate) fn unknown_receipt(id: ReceiptId) -> Self {
        Self::UnknownReceipt(id.to_string())
    }
}
