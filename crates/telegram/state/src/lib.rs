//! The storage ports of the Telegram adapter, kept apart from it so the database adapter can
//! implement them without compiling a Telegram client.
//!
//! - [`ConversationRepo`]: what a chat is in the middle of (waiting for an amount, a discount
//!   code, a receipt), so a restart does not forget it. The state is opaque JSON text here;
//!   the bot owns its shape.
//! - [`UpdateLog`]: which Telegram `update_id`s were already taken, so an update Telegram
//!   delivers again after a crash (or to a second instance) is handled once.
//! - [`ReceiptPostRepo`]: where each receipt was posted for review, so the posts follow
//!   the receipt's state.
//! - [`SessionRepo`]: the sender and their chat's state in one read, at the start of every
//!   update.
#![forbid(unsafe_code)]

mod conversation;
mod receipt_post;
mod session;
mod update_log;

pub use conversation::{ChatKey, ConversationRepo, SaveOutcome, StoredConversation};
pub use receipt_post::{ReceiptPost, ReceiptPostRepo};
pub use session::{Session, SessionRepo};
pub use update_log::{UpdateClaim, UpdateLog};

#[cfg(any(test, feature = "mock"))]
pub use conversation::MockConversationRepo;
#[cfg(any(test, feature = "mock"))]
pub use receipt_post::MockReceiptPostRepo;
#[cfg(any(test, feature = "mock"))]
pub use session::MockSessionRepo;
#[cfg(any(test, feature = "mock"))]
pub use update_log::MockUpdateLog;
