//! Repository implementations: `impl <Port> for Store`, one module per area.

pub mod alerts;
pub mod broadcasts;
pub mod inventory;
pub mod jobs;
pub mod ledger;
mod limit_column;
pub mod members;
pub mod messages;
pub mod orders;
pub mod outbox;
pub mod payments;
pub mod receipts;
pub mod reminders;
mod session;
pub mod stats;
pub mod telegram;
pub mod wallet;
