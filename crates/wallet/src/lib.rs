//! The wallet: an append-only ledger per user and the balance it adds up to.
//!
//! Rules (DESIGN.md, "Rules that keep money and state right"):
//! - a balance changes only by appending a ledger row in the same storage transaction;
//! - a balance never goes negative;
//! - every movement carries an [`kernel::IdempotencyKey`]; a replay changes nothing and
//!   returns the entry the first call made.
#![forbid(unsafe_code)]

mod error;
mod ledger;
mod movement;
mod ports;
mod service;
#[cfg(test)]
mod service_tests;

pub use error::WalletError;
pub use ledger::{Direction, LedgerEntry, LedgerKind, Recent};
pub use movement::{Movement, MovementOutcome};
pub use ports::WalletRepo;
pub use service::WalletService;

#[cfg(feature = "mock")]
pub use ports::MockWalletRepo;
