//! `moonvpn panel …`: connect and operate 3x-ui panels before (or besides) the admin bot.
//! Every subcommand calls the same inventory use cases the bot does.
//!
//! Output is a table, or with `--json` a stable JSON document on stdout. Errors are one line
//! on stderr: exit 2 for bad input, 1 for anything else (panel refused, unreachable,
//! database down, or some of several panels failed).

mod input;
mod report;
mod restart;
pub(crate) mod table;

use std::process::ExitCode;

use clap::{Args, Subcommand};
use inventory::{ApiGeneration, InventoryError, Location, NewPanel, Panel, PanelChanges, PanelOverview, PanelRemoval};
use kernel::{InboundId, PanelId, Secret};
use members::{AuditAction, AuditLog, AuditTarget, NewAuditEntry};
use serde::Serialize;
use serde_json::{Value, json};

use super::common::{self, Output};
use crate::config::Config;
use crate::wiring::Services;

pub use input::{PasswordArgs, TokenArgs, TwoFactorArgs};

/// A display name typed for `flag`, or exit 2 (shared with `location add`).
pub fn input_name(raw: &str, flag: &str) -> Result<inventory::DisplayName, CliError> {
    input::name(raw, flag)
}

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

fn generation_choice(raw: &str) -> Result<GenerationChoice, String> {
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
        PanelCommand::Add(a) => add(s, a, json).await,
        PanelCommand::List => list(s, json).await,
        PanelCommand::Sync { ids } => sync(s, ids, json).await,
        PanelCommand::Health { ids } => health(s, ids, json).await,
        PanelCommand::Reconcile { ids, repair } => reconcile(s, ids, *repair, json).await,
        PanelCommand::Capacity { inbound, max_clients } => capacity(s, *inbound, *max_clients, json).await,
        PanelCommand::Edit(e) => edit(s, e, json).await,
        PanelCommand::Remove { id, force } => remove(s, *id, *force, json).await,
        PanelCommand::RestartXray { id } => restart::restart_xray(s, config, *id, json).await,
    }
}

/// Records an admin action done from the command line in the audit log: no actor (the CLI
/// has no Telegram user), `"via": "cli"` added to `detail`. The action is done already, so a
/// failure here is returned as the line to report, not as an error.
async fn audit(s: &Services, action: &'static str, target: AuditTarget, mut detail: Value) -> Result<(), String> {
    detail["via"] = json!("cli");
    let entry = NewAuditEntry {
        actor: None,
        action: AuditAction::new(action),
        target: target.clone(),
        detail,
        at: s.clock.now(),
    };
    s.store
        .record(entry)
        .await
        .map(drop)
        .map_err(|e| format!("{action} of {target} was done, but the audit log could not be written: {e}"))
}

fn to_json<T: Serialize>(doc: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(doc)
        .map(|text| text + "\n")
        .map_err(CliError::failed)
}

/// "2 of 5 panels could not be synced", or nothing when none failed.
fn failures(failed: usize, total: usize, what: &str) -> Option<String> {
    (failed > 0).then(|| format!("{failed} of {total} panel(s) {what}"))
}

async fn overview(s: &Services, id: PanelId) -> Result<(PanelOverview, Vec<Location>), CliError> {
    let overviews = s.inventory.panel_overviews().await.map_err(CliError::failed)?;
    let locations = s.inventory.locations().await.map_err(CliError::failed)?;
    let found = overviews
        .into_iter()
        .find(|o| o.panel.id == id)
        .ok_or_else(|| CliError::failed(format!("panel {id} is gone")))?;
    Ok((found, locations))
}

async fn add(s: &Services, a: &AddArgs, json: bool) -> Result<Output, CliError> {
    let url = input::url(&a.url)?;
    let username = input::username(&a.username)?;
    let password = a.password.read()?;
    let api_token = a.token.read()?;
    let two_factor_secret = a.two_factor.read()?;
    if password.is_none() && api_token.is_none() {
        return Err(CliError::input(
            "give the panel password with --password-env VAR, --password-stdin or --password (or an --api-token)",
        ));
    }
    let name = match &a.name {
        Some(n) => input::name(n, "--name")?,
        None => input::default_name(&url)?,
    };
    let mut new = NewPanel {
        name,
        url,
        username,
        password: password.unwrap_or_else(|| Secret::new("")),
        api_token,
        two_factor_secret,
        allow_insecure_tls: a.allow_self_signed,
        location: kernel::LocationId::new(0),
    };
    let existing = s.inventory.locations().await.map_err(CliError::failed)?;
    let known = existing
        .iter()
        .any(|l| l.name.as_str().to_lowercase() == a.location.trim().to_lowercase());
    if !known {
        // A new location is created only once the panel has accepted the login.
        input::location_prefix_given(&a.location, a.prefix.as_deref())?;
        s.inventory
            .check_panel(&new.connection(), a.generation)
            .await
            .map_err(CliError::failed)?;
    }
    new.location = input::location(&s.inventory, &a.location, a.prefix.as_deref())
        .await?
        .id;
    let connected = s
        .inventory
        .connect_panel(&new, a.generation)
        .await
        .map_err(CliError::failed)?;
    let id = connected.panel.id;
    let p = &connected.panel;
    let detail = json!({
        "url": p.url.as_str(),
        "name": p.name.as_str(),
        "location": p.location.get(),
        "allow_self_signed": p.allow_insecure_tls,
        "api_token": p.api_token.is_some(),
        "two_factor": p.two_factor_secret.is_some(),
        "generation": connected.generation.as_str(),
    });
    let audited = audit(s, "panel.add", AuditTarget::new("panel", id), detail).await;
    let (overview, locations) = overview(s, id).await?;
    let failure = connected
        .sync
        .as_ref()
        .err()
        .map(|e| format!("panel {id} was added but its first sync failed: {e}"))
        .or(audited.err());
    let text = if json {
        to_json(&report::AddJson {
            panel: report::PanelJson::new(&overview, &locations),
            generation: connected.generation.as_str(),
            sync: report::SyncJson::new(id, &connected.sync),
        })?
    } else {
        let mut text = format!(
            "panel {id} ({}) connected: 3x-ui API generation {}, {}\n",
            connected.panel.name,
            connected.generation,
            table::health_cell(Some(&connected.health)),
        );
        text.push_str(&table::transport_notes(&connected.panel));
        if let Ok(r) = &connected.sync {
            text.push_str(&format!("{} inbound(s) found\n", r.inbounds.added));
        }
        text.push_str(&table::inbounds(&overview.inbounds));
        text
    };
    Ok(Output { text, failure })
}

async fn list(s: &Services, json: bool) -> Result<Output, CliError> {
    let overviews = s.inventory.panel_overviews().await.map_err(CliError::failed)?;
    let locations = s.inventory.locations().await.map_err(CliError::failed)?;
    let text = if json {
        to_json(&report::ListJson {
            panels: overviews
                .iter()
                .map(|o| report::PanelJson::new(o, &locations))
                .collect(),
        })?
    } else {
        table::panels(&overviews, &locations)
    };
    Ok(Output::ok(text))
}

/// The stored panels with these ids (every panel when `ids` is empty); an unknown id is an
/// error.
async fn chosen(s: &Services, ids: &[PanelId]) -> Result<Vec<Panel>, CliError> {
    let all = s.inventory.panels().await.map_err(CliError::failed)?;
    if ids.is_empty() {
        return Ok(all);
    }
    ids.iter()
        .map(|id| {
            all.iter()
                .find(|p| p.id == *id)
                .cloned()
                .ok_or_else(|| CliError::failed(format!("there is no panel {id}; see `moonvpn panel list`")))
        })
        .collect()
}

fn name_of(panels: &[Panel], id: PanelId) -> String {
    panels
        .iter()
        .find(|p| p.id == id)
        .map_or_else(String::new, |p| p.name.to_string())
}

async fn sync(s: &Services, ids: &[PanelId], json: bool) -> Result<Output, CliError> {
    let panels = chosen(s, ids).await?;
    let ids: Vec<PanelId> = panels.iter().map(|p| p.id).collect();
    let results = s.inventory.sync_panels(&ids).await.map_err(CliError::failed)?;
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    let text = if json {
        to_json(&report::SyncListJson {
            panels: results.iter().map(|(id, r)| report::SyncJson::new(*id, r)).collect(),
        })?
    } else {
        let headers = [
            "ID",
            "NAME",
            "INBOUNDS +/~/-",
            "CLIENTS",
            "ACCOUNTS",
            "CHANGED",
            "EXPIRED",
            "MISSING",
            "RESULT",
        ];
        let mut t = table::Table::new(&headers);
        for (id, r) in &results {
            let mut row = vec![id.to_string(), name_of(&panels, *id)];
            match r {
                Ok(r) => row.extend([
                    format!("{}/{}/{}", r.inbounds.added, r.inbounds.refreshed, r.inbounds.vanished),
                    r.clients_read.to_string(),
                    r.usage.accounts.to_string(),
                    r.usage.changed.to_string(),
                    r.usage.expired.to_string(),
                    r.usage.missing.to_string(),
                    "ok".to_owned(),
                ]),
                Err(e) => {
                    row.extend(std::iter::repeat_n("-".to_owned(), 6));
                    row.push(format!("failed: {e}"));
                }
            }
            t.row(row);
        }
        t.render()
    };
    Ok(Output {
        text,
        failure: failures(failed, results.len(), "could not be synced"),
    })
}

async fn health(s: &Services, ids: &[PanelId], json: bool) -> Result<Output, CliError> {
    let checks = if ids.is_empty() {
        s.inventory.check_all_health().await.map_err(CliError::failed)?
    } else {
        let mut checks = Vec::new();
        for panel in chosen(s, ids).await? {
            let check = s.inventory.check_health(panel.id).await.map_err(CliError::failed)?;
            checks.push((panel, check));
        }
        checks
    };
    let down = checks.iter().filter(|(_, c)| !c.is_up()).count();
    let text = if json {
        to_json(&report::HealthListJson {
            panels: checks
                .iter()
                .map(|(p, c)| report::PanelHealthJson {
                    id: p.id.get(),
                    name: p.name.to_string(),
                    health: c.into(),
                })
                .collect(),
        })?
    } else {
        let mut t = table::Table::new(&["ID", "NAME", "STATUS", "LATENCY", "XRAY", "CPU", "MEMORY", "PROBLEM"]);
        for (p, c) in &checks {
            let (xray, cpu, memory) = match &c.result {
                Ok(st) => (
                    st.xray_version.clone().unwrap_or_else(|| "?".into()),
                    format!("{:.1}%", st.cpu_percent),
                    format!("{} / {}", table::bytes(st.memory_used), table::bytes(st.memory_total)),
                ),
                Err(_) => ("-".into(), "-".into(), "-".into()),
            };
            t.row(vec![
                p.id.to_string(),
                p.name.to_string(),
                if c.is_up() { "up" } else { "down" }.to_owned(),
                format!("{} ms", c.latency_ms),
                xray,
                cpu,
                memory,
                c.problem().unwrap_or_default(),
            ]);
        }
        let mut text = t.render();
        for (p, _) in checks.iter().filter(|(p, _)| p.is_plain_http()) {
            text.push_str(&format!("panel {} ({}):\n{}", p.id, p.name, table::transport_notes(p)));
        }
        text
    };
    Ok(Output {
        text,
        failure: failures(down, checks.len(), "down"),
    })
}

async fn reconcile(s: &Services, ids: &[PanelId], repair: bool, json: bool) -> Result<Output, CliError> {
    let panels = chosen(s, ids).await?;
    let mut results = Vec::with_capacity(panels.len());
    let mut audited = Ok(());
    for p in &panels {
        let result = s.inventory.reconcile(p.id, repair).await;
        if let (true, Ok(r)) = (repair, &result) {
            let detail = json!({
                "lost": r.lost.len(),
                "repaired": r.repaired.iter().map(|a| a.get()).collect::<Vec<_>>(),
                "failed": r.failed.iter().map(|f| f.account.get()).collect::<Vec<_>>(),
            });
            let recorded = audit(s, "panel.repair", AuditTarget::new("panel", p.id), detail).await;
            audited = audited.and(recorded);
        }
        results.push((p.id, result));
    }
    let unreadable = results.iter().filter(|(_, r)| r.is_err()).count();
    let not_repaired: usize = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .map(|r| r.failed.len())
        .sum();
    let failure = match (unreadable, not_repaired) {
        (0, 0) => audited.err(),
        (0, n) => Some(format!("{n} lost account(s) could not be created again")),
        (n, _) => failures(n, results.len(), "could not be read"),
    };
    let text = if json {
        to_json(&report::ReconcileListJson {
            panels: results
                .iter()
                .map(|(id, r)| report::ReconcileJson::new(*id, r))
                .collect(),
        })?
    } else {
        let mut text = String::new();
        for (id, r) in &results {
            let name = name_of(&panels, *id);
            match r {
                Err(e) => text.push_str(&format!("panel {id} ({name}): could not be read: {e}\n")),
                Ok(r) => {
                    text.push_str(&format!(
                        "panel {id} ({name}): {} unknown client(s), {} lost account(s){}\n",
                        r.unknown.len(),
                        r.lost.len(),
                        if repair {
                            format!(", {} repaired", r.repaired.len())
                        } else {
                            String::new()
                        }
                    ));
                    for u in &r.unknown {
                        text.push_str(&format!("  unknown  inbound {}  {}\n", u.inbound_remote_id, u.email));
                    }
                    for l in &r.lost {
                        let what = if r.repaired.contains(&l.account) {
                            "created again".to_owned()
                        } else if let Some(f) = r.failed.iter().find(|f| f.account == l.account) {
                            format!("not repaired: {}", f.reason)
                        } else {
                            "lost (repair with --repair)".to_owned()
                        };
                        text.push_str(&format!("  lost     account {}  {}  {what}\n", l.account, l.email));
                    }
                }
            }
        }
        if results.is_empty() {
            text.push_str("no panels yet\n");
        }
        text
    };
    Ok(Output { text, failure })
}

async fn edit(s: &Services, e: &EditArgs, json: bool) -> Result<Output, CliError> {
    let mut changes = PanelChanges {
        name: e.name.as_deref().map(|n| input::name(n, "--name")).transpose()?,
        url: e.url.as_deref().map(input::url).transpose()?,
        username: e.username.as_deref().map(input::username).transpose()?,
        password: e.password.read()?,
        api_token: e.token.read()?.map(Some),
        two_factor_secret: e.two_factor.read()?.map(Some),
        allow_insecure_tls: e.allow_self_signed,
        location: None,
        repin: e.repin,
    };
    if e.no_api_token {
        changes.api_token = Some(None);
    }
    if e.no_two_factor_secret {
        changes.two_factor_secret = Some(None);
    }
    if let Some(name) = &e.location {
        let locations = s.inventory.locations().await.map_err(CliError::failed)?;
        let found = locations
            .iter()
            .find(|l| l.name.as_str().to_lowercase() == name.trim().to_lowercase())
            .ok_or_else(|| CliError::input(format!("location {name:?} does not exist")))?;
        changes.location = Some(found.id);
    }
    if changes == PanelChanges::default() && e.generation.is_none() {
        return Err(CliError::input("nothing to change; see `moonvpn panel edit --help`"));
    }
    if let Some(GenerationChoice(generation)) = e.generation {
        s.inventory
            .pin_panel_generation(e.id, generation)
            .await
            .map_err(CliError::failed)?;
    }
    let mut detail = edit_detail(&changes, e);
    if changes != PanelChanges::default() {
        let saved = s.inventory.edit_panel(e.id, &changes).await.map_err(CliError::failed)?;
        if let Some(pin) = saved.tls_pin {
            detail["tls_pin"] = json!(pin.to_string());
        }
    }
    let audited = audit(s, "panel.edit", AuditTarget::new("panel", e.id), detail).await;
    let (overview, locations) = overview(s, e.id).await?;
    let text = if json {
        to_json(&report::EditJson {
            panel: report::PanelJson::new(&overview, &locations),
        })?
    } else {
        format!(
            "panel {} ({}) saved\n{}",
            e.id,
            overview.panel.name,
            table::transport_notes(&overview.panel)
        )
    };
    Ok(Output {
        text,
        failure: audited.err(),
    })
}

/// What an edit changed, for the audit log: new values of plain settings, only the names of
/// changed secrets.
fn edit_detail(changes: &PanelChanges, e: &EditArgs) -> Value {
    let mut detail = json!({});
    if let Some(name) = &changes.name {
        detail["name"] = json!(name.as_str());
    }
    if let Some(url) = &changes.url {
        detail["url"] = json!(url.as_str());
    }
    if let Some(username) = &changes.username {
        detail["username"] = json!(username);
    }
    if changes.password.is_some() {
        detail["password"] = json!("changed");
    }
    if let Some(token) = &changes.api_token {
        detail["api_token"] = json!(if token.is_some() { "changed" } else { "removed" });
    }
    if let Some(secret) = &changes.two_factor_secret {
        detail["two_factor_secret"] = json!(if secret.is_some() { "changed" } else { "removed" });
    }
    if let Some(insecure) = changes.allow_insecure_tls {
        detail["allow_self_signed"] = json!(insecure);
    }
    if changes.repin {
        detail["repin"] = json!(true);
    }
    if let Some(location) = changes.location {
        detail["location"] = json!(location.get());
    }
    if let Some(GenerationChoice(generation)) = e.generation {
        detail["generation_pin"] = json!(generation.map_or("auto", |g| g.as_str()));
    }
    detail
}

async fn remove(s: &Services, id: PanelId, force: bool, json: bool) -> Result<Output, CliError> {
    let removal = s.inventory.remove_panel(id, force).await.map_err(|e| match e {
        InventoryError::PanelInUse { accounts } => CliError::failed(format!(
            "panel {id} still serves {accounts} account(s) users hold; move them first, or use --force to take the panel off sale instead"
        )),
        other => CliError::failed(other),
    })?;
    let (outcome, live_accounts) = match removal {
        PanelRemoval::Deleted => ("deleted", 0),
        PanelRemoval::Disabled { live_accounts } => ("disabled", live_accounts),
    };
    let detail = json!({ "force": force, "outcome": outcome, "live_accounts": live_accounts });
    let audited = audit(s, "panel.remove", AuditTarget::new("panel", id), detail).await;
    let text = if json {
        to_json(&report::RemoveJson {
            id: id.get(),
            outcome,
            live_accounts,
        })?
    } else if live_accounts > 0 || outcome == "disabled" {
        format!(
            "panel {id} kept for the accounts sold on it and taken off sale ({live_accounts} account(s) still in use)\n"
        )
    } else {
        format!("panel {id} deleted\n")
    };
    Ok(Output {
        text,
        failure: audited.err(),
    })
}

async fn capacity(s: &Services, inbound: InboundId, max_clients: u32, json: bool) -> Result<Output, CliError> {
    let saved = s
        .inventory
        .set_inbound_capacity(inbound, max_clients)
        .await
        .map_err(|e| match e {
            InventoryError::NotFound(_) => {
                CliError::failed(format!("there is no inbound {inbound}; see `moonvpn panel list`"))
            }
            other => CliError::failed(other),
        })?;
    let detail = json!({ "max_clients": max_clients });
    let audited = audit(s, "inbound.capacity", AuditTarget::new("inbound", inbound), detail).await;
    let text = if json {
        to_json(&report::CapacityJson {
            inbound: report::InboundJson::from(&saved),
        })?
    } else {
        let limit = if saved.max_clients == 0 {
            "no limit".to_owned()
        } else {
            format!("at most {} clients", saved.max_clients)
        };
        format!(
            "inbound {inbound}: {limit}, {} client(s) now, {}\n",
            saved.client_count, saved.status
        )
    };
    Ok(Output {
        text,
        failure: audited.err(),
    })
}
