//! MoonVPN's Telegram adapter: everything between the Bot API and the domain services.
//!
//! - [`api`]: the Bot API client (frankenstein behind a wrapper that hides the token,
//!   honours 429 `retry_after`, classifies failures and uploads photos from memory).
//! - [`intake`]: long polling and the webhook route, both decoding updates one by one so an
//!   unknown update kind never stalls the others.
//! - [`dispatch`]: per-chat serial queues, parallel across chats, each update once.
//! - [`bot`]: the router and one module per screen; conversation state in the database.
//! - [`callback`]: compact, versioned, signed button data.
//! - [`i18n`]: English, Persian and Russian catalogs (Fluent), amounts and dates per language.
//! - [`qr`]: QR codes of config links as PNG.
//! - [`notifier`]: outbox notices rendered per language and sent ([`notify::Notifier`]).
//! - [`stars`]: Telegram Stars as a payment provider ([`payments::PaymentGateway`]).
//!
//! No business rule lives here: screens call the domain services and render their answers.
#![forbid(unsafe_code)]

pub mod api;
pub mod bot;
pub mod broadcast;
pub mod callback;
pub mod care_notices;
pub mod chart;
pub mod dispatch;
pub mod i18n;
pub mod intake;
pub mod keyboard;
pub mod limits;
pub mod notifier;
pub mod payment_notices;
pub mod qr;
pub mod reminders;
pub mod stars;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use api::{ApiError, BotApi, Cost, DOCUMENT_MAX_BYTES, Lane, Limiter, LimiterStats, RateLimits, RetryPolicy};
pub use bot::{BUYER_WAIT, Bot, BotDeps, BotSettings, Conversation, Conversations};
pub use broadcast::TelegramBroadcaster;
pub use callback::{
    Action, AdminAction, AuditView, BroadcastAction, CallbackCodec, CallbackKey, CatalogAction, InboundAction,
    OpsAction, OrderAction,
};
pub use dispatch::{Dispatched, Dispatcher, DispatcherConfig, OverflowAnswer, UpdateHandler};
pub use i18n::{Args, I18n};
pub use intake::{WebhookSecret, run_polling, webhook_router};
pub use notifier::TelegramNotifier;
pub use qr::{QrError, qr_png};
pub use stars::{StarsGateway, StarsPayload};
