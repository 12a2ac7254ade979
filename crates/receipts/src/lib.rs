//! Card-to-card payments: the bank cards payers transfer to (with their rotation policies
//! and caps), top-up requests with unique amounts, the proof payers send, bank notification
//! matching, and the review by admins: approve exactly once (crediting the wallet), reject
//! with a reason, cancel, expire, and a superadmin's override.
//!
//! Card numbers are parsed into [`CardNumber`], which never prints in full by accident.
#![forbid(unsafe_code)]

mod bank_card;
mod card_number;
mod cards;
mod change;
#[cfg(test)]
mod change_tests;
mod error;
mod flags;
mod matching;
mod payable;
mod ports;
mod receipt;
mod review;
mod rotation;
mod service;
mod sms;
#[cfg(test)]
mod sms_tests;

pub use bank_card::{BankCard, BankCardUpdate, Label, LabelError, NewBankCard, Rotation, RotationError};
pub use card_number::{CardNumber, CardNumberError};
pub use cards::BankCardService;
pub use change::{
    DeadlineGuard, MoneyEffect, OverrideKind, ReceiptChange, ReceiptTransition, approval_key, reversal_key,
};
pub use error::ReceiptError;
pub use flags::{ReceiptFlag, ReceiptFlags, UnknownFlag};
pub use matching::SmsVerdict;
pub use payable::{MAX_OFFSET, unique_payable};
pub use ports::{AttachProof, BankCardRepo, DecisionOutcome, ReceiptQuery, ReceiptRepo};
pub use receipt::{
    NewReceipt, PhotoFileId, Receipt, ReceiptInputError, ReceiptProof, ReceiptStatus, ReceiptText, RejectReason,
    Undecidable,
};
pub use review::Override;
pub use rotation::{CardLoad, DAY_WINDOW, MONTH_WINDOW, choose_card, policy_in_force};
pub use service::{ReceiptConfig, ReceiptService};
pub use sms::{DEFAULT_PATTERNS, SmsDeposit, SmsPattern, SmsPatternError, normalise, read_deposit};

#[cfg(any(test, feature = "mock"))]
pub use ports::{MockBankCardRepo, MockReceiptRepo};
