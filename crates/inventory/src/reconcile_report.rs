//! Comparing what a panel has with what MoonVPN sold on it.

use kernel::{ClientAccountId, InboundId, PanelId};

use crate::{AccountStatus, ClientEmail};

/// A client on a panel that no MoonVPN account owns (added by hand in the panel, or left
/// from another system).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownClient {
    /// The panel's id of the inbound holding it.
    pub inbound_remote_id: i64,
    /// Its email as the panel spells it.
    pub email: String,
}

/// A MoonVPN account whose client the panel no longer has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostAccount {
    /// The account.
    pub account: ClientAccountId,
    /// Its panel email.
    pub email: ClientEmail,
    /// The inbound it lives on.
    pub inbound: InboundId,
    /// Its status.
    pub status: AccountStatus,
}

/// A lost account that could not be created again, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairFailure {
    /// The account.
    pub account: ClientAccountId,
    /// What went wrong, for the admin.
    pub reason: String,
}

/// What a reconciliation of one panel found (and, when asked, repaired).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconcileReport {
    /// The panel.
    pub panel: PanelId,
    /// Clients on the panel MoonVPN does not know.
    pub unknown: Vec<UnknownClient>,
    /// Accounts the panel lost.
    pub lost: Vec<LostAccount>,
    /// Lost accounts created again on the panel.
    pub repaired: Vec<ClientAccountId>,
    /// Lost accounts that could not be created again.
    pub failed: Vec<RepairFailure>,
}
