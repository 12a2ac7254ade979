//! Keeping accounts' traffic and expiry in step with their panel.

use kernel::{ByteLimit, ClientAccountId, PanelId};
use time::OffsetDateTime;

use crate::AccountStatus;

/// New usage facts of one account, read from its panel, to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageUpdate {
    /// The account.
    pub account: ClientAccountId,
    /// Traffic used in bytes.
    pub used_bytes: u64,
    /// Traffic allowed in bytes.
    pub limit_bytes: ByteLimit,
    /// When it stops working; `None` = never.
    pub expires_at: Option<OffsetDateTime>,
    /// Its status now.
    pub status: AccountStatus,
}

/// What one usage sync of a panel did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UsageReport {
    /// Accounts on the panel that were checked (moved-away accounts are not).
    pub accounts: usize,
    /// Accounts whose traffic, expiry or status changed and were written.
    pub changed: usize,
    /// Accounts that ran out of traffic or time since the last sync.
    pub expired: usize,
    /// Expired accounts that work again (renewed in the panel).
    pub reactivated: usize,
    /// Accounts the panel no longer has (see reconciliation).
    pub missing: usize,
}

/// Inbounds and usage of one panel, synced from one read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PanelSyncReport {
    /// The panel.
    pub panel: PanelId,
    /// What happened to its inbounds.
    pub inbounds: crate::SyncReport,
    /// What happened to its accounts.
    pub usage: UsageReport,
    /// Clients read from the panel (MoonVPN's and anyone else's).
    pub clients_read: usize,
}
