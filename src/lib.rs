//! The `moonvpn` application: configuration, the command line, logging and start-up wiring.
//! No business rule lives here; it reads config, builds adapters and hands them to the
//! domain services.
#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod config;
pub mod first_run;
pub mod http;
pub mod http_limits;
pub mod http_payments;
pub mod http_server;
pub mod jobs;
pub mod metrics;
pub mod startup;
pub mod telemetry;
pub mod wiring;
