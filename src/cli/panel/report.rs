//! The JSON documents `moonvpn panel … --json` prints. Field names are a stable interface for
//! scripts: add fields, never rename or remove them.

use inventory::{
    AccountCounts, HealthCheck, Inbound, InventoryError, Location, PanelOverview, PanelSyncReport, XrayState,
};

pub use super::reconcile_report::{ReconcileJson, ReconcileListJson};
use kernel::PanelId;
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// An instant as RFC 3339 text.
fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_else(|_| at.unix_timestamp().to_string())
}

/// A location as printed.
#[derive(Debug, Serialize)]
pub struct LocationJson {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its client-name prefix.
    pub prefix: String,
}

/// A panel's last health check.
#[derive(Debug, Serialize)]
pub struct HealthJson {
    /// Answered and xray running.
    pub up: bool,
    /// When (RFC 3339).
    pub checked_at: String,
    /// How long the check took.
    pub latency_ms: u32,
    /// `running`, `stopped` or `failed`; null when the panel did not answer.
    pub xray: Option<&'static str>,
    /// xray version.
    pub xray_version: Option<String>,
    /// CPU use, percent.
    pub cpu_percent: Option<f64>,
    /// Memory in use, bytes.
    pub memory_used: Option<u64>,
    /// Memory installed, bytes.
    pub memory_total: Option<u64>,
    /// Why the panel is down; null when up.
    pub error: Option<String>,
}

impl From<&HealthCheck> for HealthJson {
    fn from(c: &HealthCheck) -> Self {
        let status = c.result.as_ref().ok();
        Self {
            up: c.is_up(),
            checked_at: rfc3339(c.checked_at),
            latency_ms: c.latency_ms,
            xray: status.map(|s| match s.xray {
                XrayState::Running => "running",
                XrayState::Stopped => "stopped",
                XrayState::Failed(_) => "failed",
            }),
            xray_version: status.and_then(|s| s.xray_version.clone()),
            cpu_percent: status.map(|s| s.cpu_percent),
            memory_used: status.map(|s| s.memory_used),
            memory_total: status.map(|s| s.memory_total),
            error: c.problem(),
        }
    }
}

/// An inbound as printed.
#[derive(Debug, Serialize)]
pub struct InboundJson {
    /// MoonVPN's id.
    pub id: i64,
    /// The panel's id.
    pub remote_id: i64,
    /// xray tag.
    pub tag: String,
    /// Protocol.
    pub protocol: String,
    /// Port.
    pub port: u16,
    /// The panel's remark.
    pub remark: String,
    /// `active`, `full` or `disabled`.
    pub status: &'static str,
    /// Clients on it.
    pub clients: u32,
    /// Most clients sold onto it; 0 = unlimited.
    pub max_clients: u32,
    /// Whether the admin sells new clients onto it.
    pub on_sale: bool,
}

impl From<&Inbound> for InboundJson {
    fn from(i: &Inbound) -> Self {
        Self {
            id: i.id.get(),
            remote_id: i.remote_id,
            tag: i.spec.tag.clone(),
            protocol: i.spec.protocol.as_str().to_owned(),
            port: i.spec.port,
            remark: i.spec.remark.clone(),
            status: i.status.as_str(),
            clients: i.client_count,
            // --json writes "no limit" as 0, as it always has.
            max_clients: i.max_clients.amount().unwrap_or(0),
            on_sale: i.on_sale,
        }
    }
}

/// Accounts sold on a panel.
#[derive(Debug, Serialize)]
pub struct AccountsJson {
    /// Held by users.
    pub live: usize,
    /// Ever sold, moved-away ones included.
    pub total: usize,
}

impl From<AccountCounts> for AccountsJson {
    fn from(c: AccountCounts) -> Self {
        Self {
            live: c.live,
            total: c.total,
        }
    }
}

/// A panel as `panel list` prints it.
#[derive(Debug, Serialize)]
pub struct PanelJson {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its URL with base path.
    pub url: String,
    /// Its location.
    pub location: Option<LocationJson>,
    /// On sale.
    pub active: bool,
    /// Self-signed certificates accepted (only the pinned one).
    pub allow_self_signed: bool,
    /// SHA-256 fingerprint of the pinned self-signed certificate (`AB:CD:…`); null = none.
    pub tls_pin: Option<String>,
    /// Reached over plain `http://` (password and links unencrypted).
    pub plain_http: bool,
    /// Logs in with an API token.
    pub api_token: bool,
    /// Sends a two-factor code derived from a stored TOTP secret.
    pub two_factor: bool,
    /// Pinned API generation (`A` … `D`); null = detected.
    pub generation_pin: Option<&'static str>,
    /// Accounts sold there.
    pub accounts: AccountsJson,
    /// Last health check; null = never checked.
    pub health: Option<HealthJson>,
    /// Its inbounds.
    pub inbounds: Vec<InboundJson>,
}

impl PanelJson {
    /// The document of one panel; `locations` names its location.
    pub fn new(o: &PanelOverview, locations: &[Location]) -> Self {
        let p = &o.panel;
        Self {
            id: p.id.get(),
            name: p.name.as_str().to_owned(),
            url: p.url.as_str().to_owned(),
            location: locations.iter().find(|l| l.id == p.location).map(|l| LocationJson {
                id: l.id.get(),
                name: l.name.as_str().to_owned(),
                prefix: l.prefix.as_str().to_owned(),
            }),
            active: p.active,
            allow_self_signed: p.allow_insecure_tls,
            tls_pin: p.tls_pin.map(|pin| pin.to_string()),
            plain_http: p.is_plain_http(),
            api_token: p.api_token.is_some(),
            two_factor: p.two_factor_secret.is_some(),
            generation_pin: o.pinned_generation.map(|g| g.as_str()),
            accounts: o.accounts.into(),
            health: o.health.as_ref().map(HealthJson::from),
            inbounds: o.inbounds.iter().map(InboundJson::from).collect(),
        }
    }
}

/// `panel list`.
#[derive(Debug, Serialize)]
pub struct ListJson {
    /// Every panel, by name.
    pub panels: Vec<PanelJson>,
}

/// What one sync changed.
#[derive(Debug, Serialize)]
pub struct SyncCountsJson {
    /// Inbounds seen for the first time.
    pub inbounds_added: usize,
    /// Inbounds updated.
    pub inbounds_refreshed: usize,
    /// Inbounds gone from the panel (now disabled).
    pub inbounds_vanished: usize,
    /// Clients read from the panel.
    pub clients_read: usize,
    /// Accounts of the panel checked.
    pub accounts_checked: usize,
    /// Accounts whose usage, expiry or status changed.
    pub accounts_changed: usize,
    /// Accounts that ran out.
    pub accounts_expired: usize,
    /// Accounts working again.
    pub accounts_reactivated: usize,
    /// Accounts the panel no longer has.
    pub accounts_missing: usize,
}

impl From<&PanelSyncReport> for SyncCountsJson {
    fn from(r: &PanelSyncReport) -> Self {
        Self {
            inbounds_added: r.inbounds.added,
            inbounds_refreshed: r.inbounds.refreshed,
            inbounds_vanished: r.inbounds.vanished,
            clients_read: r.clients_read,
            accounts_checked: r.usage.accounts,
            accounts_changed: r.usage.changed,
            accounts_expired: r.usage.expired,
            accounts_reactivated: r.usage.reactivated,
            accounts_missing: r.usage.missing,
        }
    }
}

/// One panel's sync.
#[derive(Debug, Serialize)]
pub struct SyncJson {
    /// The panel.
    pub id: i64,
    /// Whether it worked.
    pub ok: bool,
    /// What it changed (null on failure).
    pub result: Option<SyncCountsJson>,
    /// Why it failed (null on success).
    pub error: Option<String>,
}

impl SyncJson {
    /// The document of one panel's sync.
    pub fn new(id: PanelId, result: &Result<PanelSyncReport, InventoryError>) -> Self {
        Self {
            id: id.get(),
            ok: result.is_ok(),
            result: result.as_ref().ok().map(SyncCountsJson::from),
            error: result.as_ref().err().map(ToString::to_string),
        }
    }
}

/// `panel sync`.
#[derive(Debug, Serialize)]
pub struct SyncListJson {
    /// One entry per panel.
    pub panels: Vec<SyncJson>,
}

/// `panel add`.
#[derive(Debug, Serialize)]
pub struct AddJson {
    /// The stored panel.
    pub panel: PanelJson,
    /// The API generation it speaks.
    pub generation: &'static str,
    /// Its first sync.
    pub sync: SyncJson,
}

/// One panel's health.
#[derive(Debug, Serialize)]
pub struct PanelHealthJson {
    /// The panel.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The check.
    pub health: HealthJson,
}

/// `panel health`.
#[derive(Debug, Serialize)]
pub struct HealthListJson {
    /// One entry per panel.
    pub panels: Vec<PanelHealthJson>,
}

/// `panel remove`.
#[derive(Debug, Serialize)]
pub struct RemoveJson {
    /// The panel.
    pub id: i64,
    /// `deleted`, or `disabled` when accounts keep it.
    pub outcome: &'static str,
    /// Accounts users still hold there.
    pub live_accounts: usize,
}

/// `panel edit`.
#[derive(Debug, Serialize)]
pub struct EditJson {
    /// The panel as saved.
    pub panel: PanelJson,
}

/// `panel capacity`.
#[derive(Debug, Serialize)]
pub struct CapacityJson {
    /// The inbound as saved.
    pub inbound: InboundJson,
}
