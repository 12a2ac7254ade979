//! Entities of the members area.

pub mod audit_log;
pub mod setting;
pub mod user;
