//! Entities of the inventory area.

pub mod account_transfer;
pub mod client_account;
pub mod inbound;
pub mod location;
pub mod panel;
pub mod panel_state;
