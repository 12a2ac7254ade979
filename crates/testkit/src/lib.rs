//! Test fakes that speak the real wire protocols MoonVPN talks to.
//!
//! [`FakePanel`] is an in-process 3x-ui panel: an HTTP server on `127.0.0.1:0` that answers
//! like a real panel of the chosen [`Generation`] (envelopes, cookies, CSRF, Bearer tokens,
//! error messages, 404 quirks), keeps inbounds and clients in memory, serves the
//! subscription endpoint on a second port, and can be told to misbehave ([`Fault`]).
//! Each instance is independent, so tests run in parallel.
//!
//! This crate is only ever a dev-dependency.
#![forbid(unsafe_code)]

pub mod fake_gateway;
pub mod fake_panel;
pub mod helpers;

pub use fake_panel::{FakePanel, FakePanelConfig, Fault, Generation, InboundSpec, RecordedRequest};
pub mod telegram;

pub use helpers::{key_on, limits_on, wait_until};
