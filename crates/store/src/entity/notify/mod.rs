//! Entities of the notify area.

pub mod notification_log;
