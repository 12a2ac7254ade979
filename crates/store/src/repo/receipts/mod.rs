//! Repositories of the receipts area: bank cards ([`receipts::BankCardRepo`]) and receipts
//! ([`receipts::ReceiptRepo`]).

mod cards;
mod decisions;
mod receipt_log;

pub use cards::card_from_row;
pub use receipt_log::receipt_from_row;
