//! MoonVPN's 3x-ui driver: [`XuiDriver`] implements the inventory [`inventory::PanelDriver`]
//! port over every 3x-ui API generation in use (2.0 – 2.8.3, 2.8.4 – 2.9, 3.0, 3.1+).
//!
//! Per panel URL it detects the generation (`csrf-token`, then `clients/list`), unless an
//! admin pinned one, and remembers it with the login session; it logs in with a cookie
//! session (CSRF token on v3, two-factor code when set) or a v3 API token, logs in again
//! once when a session expires, and detects again once when the panel answers like another
//! version (after an upgrade). Reads are retried with backoff; writes are not idempotent on
//! the panel, so a write whose answer was lost is read back before it is sent again.
//!
//! Config links come from the panel (gen D `clients/links`, or the subscription server);
//! [`links::share_links`] builds them by the panel's own rules when it offers neither.
#![forbid(unsafe_code)]

mod added;
mod answer;
mod call;
mod client_body;
mod config;
mod driver;
mod generation;
mod http;
pub mod links;
mod ops;
mod pinning;
mod routes;
mod session;
mod ss_key;
mod state;
mod totp;
mod wire;

#[cfg(test)]
mod fuzz_tests;

pub use config::XuiConfig;
pub use driver::{BuildError, XuiDriver};
pub use totp::TwoFactor;
