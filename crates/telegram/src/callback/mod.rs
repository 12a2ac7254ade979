//! Callback data: what a button says when tapped, as compact text (at most 64 bytes):
//! `v1:<action>[:<arg>…]:<tag>`.
//!
//! - **Versioned**: `v1`. Buttons of an older format parse as [`CallbackError::Version`] and
//!   get the polite "this button has expired" answer.
//! - **Signed and bound to the chat**: `<tag>` is a truncated HMAC-SHA256 over the chat id
//!   and the rest, keyed from `security.secret_key`. Data a client makes up, or a button
//!   copied to another chat, fails the tag and changes nothing.
//! - **Never trusted**: a valid tag only proves the bot made the button for this chat once.
//!   Handlers still re-check ownership, role and state on every tap.

mod action;
mod admin_action;
mod audit_view;
mod broadcast_action;
mod card_action;
mod catalog_action;
mod gateway_action;
mod inbound_action;
mod ops_action;
mod order_action;
mod signing;

pub use action::Action;
pub use admin_action::AdminAction;
pub use audit_view::AuditView;
pub use broadcast_action::BroadcastAction;
pub use card_action::{CardAction, REJECT_PRESETS};
pub use catalog_action::CatalogAction;
pub use gateway_action::GatewayAction;
pub use inbound_action::InboundAction;
pub use ops_action::OpsAction;
pub use order_action::OrderAction;
pub(crate) use signing::hmac_sha256;
pub use signing::{CallbackKey, constant_time_eq};

use telegram_state::ChatKey;

use crate::limits::CALLBACK_DATA_BYTES;

/// The format version written into every button.
pub const VERSION: &str = "v1";

/// Why callback data was refused. Every variant is answered with "this button has
/// expired"; the variant is for the logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    /// Not of the `v1:` format (an old button, or not ours).
    #[error("callback data of an unknown version")]
    Version,
    /// The tag does not match: forged, copied from another chat, or the key changed.
    #[error("callback data with a bad signature")]
    Signature,
    /// The action code is not one this bot knows (removed or never existed).
    #[error("unknown callback action {0:?}")]
    UnknownAction(String),
    /// The arguments do not fit the action.
    #[error("malformed callback arguments for {0:?}")]
    Arguments(String),
    /// The encoded data would exceed 64 bytes (a bug: caught by the tests).
    #[error("callback data for {0:?} would exceed 64 bytes")]
    TooLong(String),
}

/// Encodes and checks callback data for one bot.
#[derive(Clone)]
pub struct CallbackCodec {
    key: CallbackKey,
}

impl std::fmt::Debug for CallbackCodec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CallbackCodec(***)")
    }
}

impl CallbackCodec {
    /// A codec signing with `key`.
    pub fn new(key: CallbackKey) -> Self {
        Self { key }
    }

    /// The data for a button sent to `chat` that performs `action`.
    pub fn encode(&self, chat: ChatKey, action: &Action) -> Result<String, CallbackError> {
        let body = format!("{VERSION}:{}", action.to_wire());
        let data = format!("{body}:{}", self.key.tag(chat, &body));
        if data.len() > CALLBACK_DATA_BYTES {
            return Err(CallbackError::TooLong(action.code().to_owned()));
        }
        Ok(data)
    }

    /// The action behind data tapped in `chat`, if the bot made it for that chat.
    pub fn decode(&self, chat: ChatKey, data: &str) -> Result<Action, CallbackError> {
        if data.len() > CALLBACK_DATA_BYTES || !data.starts_with("v1:") {
            return Err(CallbackError::Version);
        }
        let (body, tag) = data.rsplit_once(':').ok_or(CallbackError::Version)?;
        if !self.key.verify(chat, body, tag) {
            return Err(CallbackError::Signature);
        }
        let mut parts = body.split(':').skip(1);
        let code = parts.next().unwrap_or_default();
        Action::from_wire(code, &parts.collect::<Vec<_>>())
    }
}

#[cfg(test)]
mod tests;
