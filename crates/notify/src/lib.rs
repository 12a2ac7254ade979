//! Notices: structured messages for users and admins (never pre-rendered text), written to an
//! outbox in the same transaction as the change that caused them, then delivered by a
//! dispatcher that renders them in the recipient's language.
#![forbid(unsafe_code)]

mod notice;
mod outbox;

pub use notice::{NewNotice, Notice, Recipient};
pub use outbox::{
    DeliveryOutcome, Notifier, NotifyError, OutboxDispatcher, OutboxEntry, OutboxRepo, OutboxRun, OutboxStatus,
};

#[cfg(feature = "mock")]
pub use outbox::{MockNotifier, MockOutboxRepo};
