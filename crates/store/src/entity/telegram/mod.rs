//! Entities of the Telegram adapter.

pub mod conversation_state;
pub mod receipt_post;
pub mod telegram_update;
