//! Entities of the Telegram adapter.

pub mod conversation_state;
pub mod telegram_update;
