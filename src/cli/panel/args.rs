//! The `moonvpn panel` command line: subcommands and their flags.

use clap::{Args, Subcommand};
use inventory::ApiGeneration;
use kernel::{InboundId, PanelId};

use super::input::{self, PasswordArgs, TokenArgs, TwoFactorArgs};

/// `moonvpn panel [--json] <command>`.
#[derive(Debug, Args)]
pub struct PanelArgs {
    /// Print a JSON document instead of a table
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: PanelCommand,
}

/// The panel subcommands.
#[derive(Debug, Subcommand)]
pub enum PanelCommand {
    /// Log in to a panel; if that works, store it (credentials encrypted) and read its inbounds
    Add(AddArgs),
    /// Every panel with its location, health, accounts and inbounds
    List,
    /// Read inbounds and every client's traffic and expiry from panels (all when no ID is given)
    Sync {
        /// Panels to sync [default: every panel]
        ids: Vec<PanelId>,
    },
    /// Check login, xray, CPU, memory and latency of panels (all when no ID is given)
    Health {
        /// Panels to check [default: every panel]
        ids: Vec<PanelId>,
    },
    /// Find clients on panels that MoonVPN does not know, and accounts the panels lost
    Reconcile {
        /// Panels to compare [default: every panel]
        ids: Vec<PanelId>,
        /// Create lost accounts again on their panel
        #[arg(long)]
        repair: bool,
    },
    /// Set how many clients MoonVPN sells onto an inbound (0 = unlimited); at the limit it is full
    Capacity {
        /// The inbound (MoonVPN's id, see `panel list`)
        inbound: InboundId,
        /// Most clients to sell onto it; 0 = unlimited
        max_clients: u32,
    },
    /// Put an inbound on or off sale: off sale it takes no new client; accounts on it keep working and renew
    InboundSale {
        /// The panel the inbound is on
        panel: PanelId,
        /// The inbound (MoonVPN's id, see `panel list`)
        inbound: InboundId,
        /// `on` to sell onto it, `off` to stop
        #[arg(value_name = "on|off", value_parser = input::on_off, action = clap::ArgAction::Set)]
        sale: bool,
    },
    /// Change a panel's settings (a new URL or login is tried on the panel first)
    Edit(EditArgs),
    /// Restart Xray on a panel (every client drops for a few seconds), then check its health
    RestartXray {
        /// The panel
        id: PanelId,
    },
    /// Delete a panel nothing was sold on; one with accounts is refused unless --force
    Remove {
        /// The panel
        id: PanelId,
        /// Take a panel that still has accounts off sale instead (it is kept, never deleted)
        #[arg(long)]
        force: bool,
    },
}

/// `moonvpn panel add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Panel URL with its secret base path, e.g. https://1.2.3.4:2053/AbCdEf
    #[arg(long)]
    pub url: String,
    /// Login name
    #[arg(long)]
    pub username: String,
    /// The password (one of the three ways)
    #[command(flatten)]
    pub password: PasswordArgs,
    /// The API token (optional)
    #[command(flatten)]
    pub token: TokenArgs,
    /// The two-factor secret (only for a panel with two-factor login)
    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
    /// Location its inbounds serve, e.g. France (created when --prefix is given)
    #[arg(long)]
    pub location: String,
    /// Client-name prefix for a new location: 2 to 5 letters, like FR
    #[arg(long)]
    pub prefix: Option<String>,
    /// Display name [default: the URL without https://]
    #[arg(long)]
    pub name: Option<String>,
    /// Accept the panel's self-signed TLS certificate
    #[arg(long)]
    pub allow_self_signed: bool,
    /// Pin the 3x-ui API generation: a (2.0-2.8.3), b (2.8.4-2.9), c (3.0), d (3.1+) [default: detect]
    #[arg(long, value_name = "a|b|c|d", value_parser = input::generation)]
    pub generation: Option<ApiGeneration>,
}

/// `--generation` of `panel edit`: a generation or `auto`.
#[derive(Debug, Clone, Copy)]
pub struct GenerationChoice(pub Option<ApiGeneration>);

pub(super) fn generation_choice(raw: &str) -> Result<GenerationChoice, String> {
    input::generation_or_auto(raw).map(GenerationChoice)
}

/// `moonvpn panel edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The panel
    pub id: PanelId,
    /// New display name
    #[arg(long)]
    pub name: Option<String>,
    /// New URL with base path
    #[arg(long)]
    pub url: Option<String>,
    /// New login name
    #[arg(long)]
    pub username: Option<String>,
    /// A new password
    #[command(flatten)]
    pub password: PasswordArgs,
    /// A new API token
    #[command(flatten)]
    pub token: TokenArgs,
    /// Stop using the API token
    #[arg(long, conflicts_with_all = ["api_token", "api_token_env"])]
    pub no_api_token: bool,
    /// A new two-factor secret
    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
    /// Stop sending a two-factor code (2FA was turned off on the panel)
    #[arg(long, conflicts_with_all = ["two_factor_secret_env", "two_factor_secret_stdin"])]
    pub no_two_factor_secret: bool,
    /// Accept a self-signed certificate: true or false (true pins the one the panel presents now)
    #[arg(long, value_name = "true|false")]
    pub allow_self_signed: Option<bool>,
    /// Trust the self-signed certificate the panel presents now instead of the pinned one
    /// (after you renewed it; compare its fingerprint with the server's first)
    #[arg(long)]
    pub repin: bool,
    /// Move to another (existing) location; only for a panel nothing was sold on
    #[arg(long)]
    pub location: Option<String>,
    /// Pin the API generation (a, b, c, d) or go back to detection (auto)
    #[arg(long, value_name = "a|b|c|d|auto", value_parser = generation_choice)]
    pub generation: Option<GenerationChoice>,
}
