//! Notices: structured messages for users and admins (never pre-rendered text), written to an
//! outbox in the same transaction as the change that caused them, then delivered by a
//! dispatcher that renders them in the recipient's language.
#![forbid(unsafe_code)]

mod inline;
mod notice;
mod outbox;

pub use inline::ShownInline;
pub use notice::{INLINE_GRACE, NewNotice, Notice, Recipient};
pub use outbox::{
    DeliveryOutcome, Notifier, NotifyError, OutboxDispatcher, OutboxEntry, OutboxRepo, OutboxRun, OutboxStatus,
};

#[cfg(any(test, feature = "mock"))]
pub use outbox::{MockNotifier, MockOutboxRepo};
