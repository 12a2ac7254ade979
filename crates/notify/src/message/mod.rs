//! An admin writes to one user (Admin → Users → a profile → ✉️ Message, or
//! `moonvpn user message`): the text is checked ([`MessageText`]), the admin role is checked
//! on the server, a user who blocked the bot is refused, and the message goes out through the
//! outbox like every other notice, written together with its audit entry.

mod service;
#[cfg(test)]
mod tests;
mod text;

pub use service::{MessageError, MessageRepo, MessageService};
pub use text::{MAX_MESSAGE_CHARS, MessageText, MessageTextError};

#[cfg(any(test, feature = "mock"))]
pub use service::MockMessageRepo;
