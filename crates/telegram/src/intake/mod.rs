//! Where updates come from: long polling ([`run_polling`]) or Telegram calling our HTTP
//! server ([`webhook_router`]). Both decode updates one by one ([`decode`]) and feed one
//! [`crate::dispatch::Dispatcher`].

mod decode;
mod polling;
mod supervise;
mod webhook;

pub use decode::{DecodeError, decode};
pub use polling::{PollingError, run_polling};
pub use supervise::{poll_until_stopped, register_webhook_until_done};
pub use webhook::{WEBHOOK_SECRET_HEADER, WebhookSecret, WebhookSecretError, register_webhook, webhook_router};
