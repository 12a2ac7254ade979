//! Card-to-card payments: the bank cards payers transfer to (with their rotation policies),
//! the receipts payers send, and their review by admins: approve exactly once (crediting the
//! wallet), reject with a reason, or expire after a deadline.
//!
//! Card numbers are parsed into [`CardNumber`], which never prints in full by accident.
#![forbid(unsafe_code)]

mod bank_card;
mod card_number;
mod cards;
mod error;
mod ports;
mod receipt;
mod rotation;
mod service;
#[cfg(test)]
mod service_tests;

pub use bank_card::{BankCard, BankCardUpdate, Label, LabelError, NewBankCard, Rotation, RotationError};
pub use card_number::{CardNumber, CardNumberError};
pub use cards::BankCardService;
pub use error::ReceiptError;
pub use ports::{
    ApproveReceipt, BankCardRepo, DecisionOutcome, ExpireReceipt, ReceiptQuery, ReceiptRepo, RejectReceipt,
};
pub use receipt::{
    NewReceipt, PhotoFileId, Receipt, ReceiptInputError, ReceiptProof, ReceiptStatus, ReceiptText, RejectReason,
    Undecidable,
};
pub use rotation::{CardLoad, LOAD_WINDOW, choose_card, policy_in_force};
pub use service::{ReceiptConfig, ReceiptService};

#[cfg(any(test, feature = "mock"))]
pub use ports::{MockBankCardRepo, MockReceiptRepo};
