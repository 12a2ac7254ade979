//! The command line: `moonvpn [--config PATH] [--log-format pretty|json]
//! <init|migrate|run|config check|panel …|location …|plan …|discount …|user …|order …|card …|receipt …|payment …|broadcast …|secrets …|settings …|stats|audit|backup|restore>`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::ConfigFile;
use crate::telemetry::{self, LogFormat};
use crate::{app, startup};

pub mod audit;
pub mod backup;
pub mod broadcast;
pub mod card;
mod common;
pub mod discount;
pub mod init;
pub mod location;
pub mod order;
pub mod panel;
pub mod payment;
pub mod plan;
pub mod receipt;
pub mod secrets;
pub mod settings;
pub mod stats;
pub mod user;
mod user_message;
mod user_roles;
mod user_services;

/// Exit code for a configuration problem (also what clap uses for a bad command line).
pub const EXIT_CONFIG: u8 = 2;
/// Exit code for any other failure (database unreachable, migration failed).
pub const EXIT_FAILURE: u8 = 1;

/// MoonVPN: sell and run VPN subscriptions from a Telegram bot.
#[derive(Debug, Parser)]
#[command(name = "moonvpn", version, about)]
pub struct Cli {
    /// Configuration file [default: moonvpn.toml, or $MOONVPN_CONFIG]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// How log lines look (filter them with RUST_LOG)
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new moonvpn.toml (token, superadmins, currency, language, a new secret key)
    Init(init::InitArgs),
    /// Bring the database schema up to date and exit
    Migrate,
    /// Migrate, then run the bot until Ctrl-C or SIGTERM
    Run,
    /// Inspect the configuration
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Connect and operate 3x-ui panels (add, list, sync, health, reconcile, edit, restart-xray,
    /// remove)
    Panel(Box<panel::PanelArgs>),
    /// Locations plans are sold at (add, list)
    Location(location::LocationArgs),
    /// Plans on sale (add, list, edit, disable, enable)
    Plan(plan::PlanArgs),
    /// Discount codes (add, list, show, edit, disable, enable)
    Discount(discount::DiscountArgs),
    /// A user's orders; refund or retry a paid order that was not delivered (superadmin)
    Order(order::OrderArgs),
    /// Users: look one up, adjust a balance, block, unblock, grant or revoke admin (as the first
    /// configured superadmin)
    User(user::UserArgs),
    /// Bank cards payers transfer to (add, list, edit, activate, deactivate, remove)
    Card(card::CardArgs),
    /// Card-to-card receipts (list, approve, reject, match-sms, override, unflag)
    Receipt(receipt::ReceiptArgs),
    /// Payments through providers (list, refund, reconcile)
    Payment(payment::PaymentArgs),
    /// Broadcasts to users (send, status, cancel, list); the running bot sends them
    Broadcast(broadcast::BroadcastArgs),
    /// Secrets at rest: re-encrypt them with a new security.secret_key
    #[command(subcommand)]
    Secrets(secrets::SecretsCommand),
    /// Shop settings changed at run time: support.contact, default_language (superadmins)
    Settings(settings::SettingsArgs),
    /// The shop's numbers: users, sales, money in by method, active services, receipts
    /// waiting, failing panels
    Stats(stats::StatsArgs),
    /// The audit log, newest first, filtered by actor, action and day (superadmins)
    Audit(audit::AuditArgs),
    /// Write a consistent backup of the whole database to a file (superadmins)
    Backup(backup::BackupArgs),
    /// Load a backup into an empty database (or, with --yes, replace what one holds)
    Restore(backup::RestoreArgs),
}

/// `moonvpn config …`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Load and check the configuration, then print it with secrets masked
    Check,
}

/// Parses the command line, runs the command and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let file = ConfigFile::resolve(cli.config.as_deref());
    if let Command::Init(args) = &cli.command {
        // It writes the configuration, so it runs before (and without) loading one.
        return init::main(args, file.path());
    }
    match cli.command {
        // These commands print their own results; only errors from the libraries are logged.
        Command::Panel(_)
        | Command::Location(_)
        | Command::Plan(_)
        | Command::Discount(_)
        | Command::User(_)
        | Command::Order(_)
        | Command::Card(_)
        | Command::Receipt(_)
        | Command::Payment(_)
        | Command::Broadcast(_)
        | Command::Secrets(_)
        | Command::Settings(_)
        | Command::Stats(_)
        | Command::Audit(_)
        | Command::Backup(_)
        | Command::Restore(_) => telemetry::init_with(cli.log_format, "error,rustls_platform_verifier=off"),
        _ => telemetry::init(cli.log_format),
    }
    let config = match file.load() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    let result = match cli.command {
        Command::Config(ConfigCommand::Check) => {
            let origin = if file.exists() {
                file.path().display().to_string()
            } else {
                "defaults and environment (no file)".to_owned()
            };
            println!("# configuration is valid; loaded from {origin}\n{config}");
            return ExitCode::SUCCESS;
        }
        Command::Init(_) => unreachable!("moonvpn init returns before the configuration is loaded"),
        Command::Panel(args) => return panel::main(*args, &config),
        Command::Location(args) => return location::main(args, &config),
        Command::Plan(args) => return plan::main(args, &config),
        Command::Discount(args) => return discount::main(args, &config),
        Command::User(args) => return user::main(args, &config),
        Command::Order(args) => return order::main(args, &config),
        Command::Card(args) => return card::main(args, &config),
        Command::Receipt(args) => return receipt::main(args, &config),
        Command::Payment(args) => return payment::main(args, &config),
        Command::Broadcast(args) => return broadcast::main(args, &config),
        Command::Secrets(command) => return secrets::main(command, &config),
        Command::Settings(args) => return settings::main(args, &config),
        Command::Stats(args) => return stats::main(args, &config),
        Command::Audit(args) => return audit::main(args, &config),
        Command::Backup(args) => return backup::backup_main(args, &config),
        Command::Restore(args) => return backup::restore_main(args, &config),
        Command::Migrate => block_on(async { startup::migrate(&config).await.map_err(|e| e.to_string()) }),
        Command::Run => block_on(async {
            let shutdown = startup::Shutdown::listen().map_err(|e| e.to_string())?;
            app::run(config, shutdown.wait()).await.map_err(|e| e.to_string())
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn block_on<F: Future<Output = Result<(), String>>>(future: F) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(future)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap checks a command line's definition only when that subcommand is parsed; this walks
    /// every subcommand at once (a positional `bool` without `ArgAction::Set`, a duplicate flag,
    /// a bad default), so a mistake fails here rather than at a seller's first use.
    #[test]
    fn every_subcommand_is_well_defined() {
        super::Cli::command().debug_assert();
    }
}
