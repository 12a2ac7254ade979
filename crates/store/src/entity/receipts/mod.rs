//! Entities of the receipts area.

pub mod bank_card;
pub mod receipt_log;
