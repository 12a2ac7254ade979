//! Notices: structured messages for users and admins (never pre-rendered text), written to an
//! outbox in the same transaction as the change that caused them, then delivered by a
//! dispatcher that renders them in the recipient's language.
#![forbid(unsafe_code)]

mod alerts;
pub mod broadcast;
mod inline;
mod low_balance;
pub mod message;
mod notice;
mod outbox;
mod reminders;

pub use alerts::{AlertRepo, AlertService, PanelAlert, PanelDrift};
pub use inline::ShownInline;
pub use low_balance::{AFTER_DELIVERY, low_balance};
pub use message::{MessageError, MessageService, MessageText};
pub use notice::{INLINE_GRACE, NewNotice, Notice, Recipient};
pub use outbox::{
    DeliveryOutcome, Notifier, NotifyError, OutboxDispatcher, OutboxEntry, OutboxRepo, OutboxRun, OutboxStatus,
};
pub use reminders::{DueReminder, MuteError, ReminderKind, ReminderRepo, ReminderService, ServiceSnapshot};

#[cfg(any(test, feature = "mock"))]
pub use alerts::MockAlertRepo;
#[cfg(any(test, feature = "mock"))]
pub use outbox::{MockNotifier, MockOutboxRepo};
#[cfg(any(test, feature = "mock"))]
pub use reminders::MockReminderRepo;
