//! The JSON document `moonvpn panel reconcile --json` prints: clients nobody owns and accounts
//! the panels lost. Field names are a stable interface for scripts.

use inventory::{InventoryError, ReconcileReport};
use kernel::PanelId;
use serde::Serialize;

/// A client nobody owns.
#[derive(Debug, Serialize)]
pub struct UnknownJson {
    /// The panel's inbound id.
    pub inbound_remote_id: i64,
    /// Its email.
    pub email: String,
}

/// An account the panel lost.
#[derive(Debug, Serialize)]
pub struct LostJson {
    /// The account id.
    pub account: i64,
    /// Its email.
    pub email: String,
    /// MoonVPN's inbound id.
    pub inbound: i64,
    /// Its status.
    pub status: &'static str,
    /// Created again by `--repair`.
    pub repaired: bool,
    /// Why `--repair` could not create it again.
    pub repair_error: Option<String>,
}

/// One panel's reconciliation.
#[derive(Debug, Serialize)]
pub struct ReconcileJson {
    /// The panel.
    pub id: i64,
    /// Whether the panel could be read.
    pub ok: bool,
    /// Clients nobody owns.
    pub unknown: Vec<UnknownJson>,
    /// Accounts the panel lost.
    pub lost: Vec<LostJson>,
    /// Why the panel could not be read.
    pub error: Option<String>,
}

impl ReconcileJson {
    /// The document of one panel's reconciliation.
    pub fn new(id: PanelId, result: &Result<ReconcileReport, InventoryError>) -> Self {
        let Ok(r) = result else {
            return Self {
                id: id.get(),
                ok: false,
                unknown: Vec::new(),
                lost: Vec::new(),
                error: result.as_ref().err().map(ToString::to_string),
            };
        };
        Self {
            id: id.get(),
            ok: true,
            unknown: r
                .unknown
                .iter()
                .map(|u| UnknownJson {
                    inbound_remote_id: u.inbound_remote_id,
                    email: u.email.clone(),
                })
                .collect(),
            lost: r
                .lost
                .iter()
                .map(|l| LostJson {
                    account: l.account.get(),
                    email: l.email.as_str().to_owned(),
                    inbound: l.inbound.get(),
                    status: l.status.as_str(),
                    repaired: r.repaired.contains(&l.account),
                    repair_error: r
                        .failed
                        .iter()
                        .find(|f| f.account == l.account)
                        .map(|f| f.reason.clone()),
                })
                .collect(),
            error: None,
        }
    }
}

/// `panel reconcile`.
#[derive(Debug, Serialize)]
pub struct ReconcileListJson {
    /// One entry per panel.
    pub panels: Vec<ReconcileJson>,
}
