//! The `moonvpn` binary's integration tests, in one test binary so the app and its dependencies
//! are linked once rather than once per suite. Each module is one suite: `cli_*` run the real
//! binary's commands, `e2e_*` run `moonvpn run` as its own process against the fakes, the rest
//! drive the app's parts in process. Run one suite with `cargo test --test app <module>::`.

mod application;
mod architecture;
mod backup;
mod broadcasts;
mod cli;
mod cli_broadcast;
mod cli_cards;
mod cli_catalog;
mod cli_message;
mod cli_ops;
mod cli_orders;
mod cli_panel;
mod cli_papercuts;
mod cli_payments;
mod cli_settings;
mod cli_support;
mod config;
mod e2e_admin_cli;
mod e2e_care;
mod e2e_crash;
mod e2e_first_run;
mod e2e_ops;
mod e2e_restart;
mod e2e_shop;
mod e2e_support;
mod fuzz_parsers;
mod http;
mod http_limits;
mod init;
mod jobs;
mod jobs_panel_alert;
mod payments_api_gateways;
mod payments_webhooks;
mod readme_quickstart;
mod security_cli;
mod two_instances;
