//! `moonvpn panel …`: connect and operate 3x-ui panels before (or besides) the admin bot.
//! Every subcommand calls the same inventory use cases the bot does; changes run as the first
//! configured superadmin, so the domain checks the role and writes the audit log.
//!
//! Output is a table, or with `--json` a stable JSON document on stdout. Errors are one line
//! on stderr: exit 2 for bad input, 1 for anything else (panel refused, unreachable,
//! database down, or some of several panels failed).

mod add;
mod args;
mod change;
mod input;
mod read;
mod reconcile_report;
mod report;
mod restart;
mod sale;
pub(crate) mod table;

use std::process::ExitCode;

use super::common::{self, Output};
use crate::config::Config;
use crate::wiring::Services;

pub use args::{AddArgs, EditArgs, GenerationChoice, PanelArgs, PanelCommand};
pub use input::{PasswordArgs, TokenArgs, TwoFactorArgs};

/// A display name typed for `flag`, or exit 2 (shared with `location add`).
pub fn input_name(raw: &str, flag: &str) -> Result<inventory::DisplayName, CliError> {
    input::name(raw, flag)
}

/// A failure: the line for stderr and the exit code.
#[derive(Debug)]
pub struct CliError {
    code: u8,
    message: String,
}

impl CliError {
    /// Bad input (exit 2).
    pub fn input(message: impl Into<String>) -> Self {
        Self {
            code: crate::cli::EXIT_CONFIG,
            message: message.into(),
        }
    }

    /// A failed operation (exit 1).
    pub fn failed(e: impl std::fmt::Display) -> Self {
        Self {
            code: crate::cli::EXIT_FAILURE,
            message: e.to_string(),
        }
    }

    /// The line printed after `error: `.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The process exit code.
    pub fn code(&self) -> u8 {
        self.code
    }
}

/// Runs a panel command and returns the process exit code.
pub fn main(args: PanelArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move { run(&services, config, &args).await })
}

async fn run(s: &Services, config: &Config, args: &PanelArgs) -> Result<Output, CliError> {
    let json = args.json;
    match &args.command {
        PanelCommand::Add(a) => add::add(s, config, a, json).await,
        PanelCommand::List => read::list(s, json).await,
        PanelCommand::Sync { ids } => read::sync(s, ids, json).await,
        PanelCommand::Health { ids } => read::health(s, ids, json).await,
        PanelCommand::Reconcile { ids, repair } => read::reconcile(s, config, ids, *repair, json).await,
        PanelCommand::Capacity { inbound, max_clients } => {
            change::capacity(s, config, *inbound, *max_clients, json).await
        }
        PanelCommand::InboundSale { panel, inbound, sale } => {
            sale::inbound_sale(s, config, *panel, *inbound, *sale, json).await
        }
        PanelCommand::Edit(e) => change::edit(s, config, e, json).await,
        PanelCommand::Remove { id, force } => change::remove(s, config, *id, *force, json).await,
        PanelCommand::RestartXray { id } => restart::restart_xray(s, config, *id, json).await,
    }
}

/// "2 of 5 panels could not be synced", or nothing when none failed.
pub(super) fn failures(failed: usize, total: usize, what: &str) -> Option<String> {
    (failed > 0).then(|| format!("{failed} of {total} panel(s) {what}"))
}
