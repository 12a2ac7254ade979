//! What can go wrong with a wallet.

use kernel::{IdempotencyKey, Money, StorageError, UserId};

/// Errors of wallet use cases, by what the caller can do about them.
#[derive(Debug, thiserror::Error)]
pub enum WalletError {
    /// A debit larger than the balance; nothing changed.
    #[error("insufficient balance: {needed} needed, {balance} available (minor units)", needed = needed.minor(), balance = balance.minor())]
    InsufficientFunds {
        /// The amount the debit needed.
        needed: Money,
        /// The balance at the time.
        balance: Money,
    },
    /// The idempotency key was already used for a different movement.
    #[error("idempotency key {0} was already used for a different movement")]
    KeyReused(IdempotencyKey),
    /// No such user.
    #[error("user {0} does not exist")]
    UnknownUser(UserId),
    /// The movement itself is malformed (zero amount, wrong direction for its kind, no reason).
    #[error("invalid movement: {0}")]
    InvalidMovement(&'static str),
    /// The acting user may not do this (not an admin, blocked, unknown).
    #[error(transparent)]
    Access(#[from] members::AccessError),
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}
