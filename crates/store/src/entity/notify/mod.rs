//! Entities of the notify area.

pub mod broadcast_campaign;
pub mod broadcast_recipient;
pub mod notification_log;
pub mod panel_alert;
pub mod reminder_log;
pub mod reminder_mute;
