//! Whether a panel may take new clients now: the failover rule of allocation.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use kernel::PanelId;
use time::OffsetDateTime;
use tracing::{info, warn};

use super::PlacementService;
use crate::{HealthCheck, InventoryError};

/// How long a failed check keeps a panel out of sales before it is asked again: short, so
/// the first sale after a panel comes back finds it (a panel still down costs one quick
/// probe).
pub(super) const DOWN_FOR: time::Duration = time::Duration::seconds(15);

/// How long a panel that answered a live check with xray running is trusted by the next sales
/// without asking it again. A sale costs one panel round trip less, and a crowd of buyers
/// paying at once asks the panel once instead of once each. A panel that fails within this
/// time fails the sale's provisioning instead, which is retried and then refunded, as when
/// it fails between the check and the sale.
pub(super) const UP_FOR: time::Duration = time::Duration::seconds(10);

/// When each panel last answered a live check with xray running. Each panel's entry is behind
/// its own async lock, held during a live check, so buyers arriving meanwhile wait for that
/// check instead of making their own.
#[derive(Debug, Default)]
pub(super) struct UpMarks(Mutex<HashMap<PanelId, Arc<tokio::sync::Mutex<Option<OffsetDateTime>>>>>);

impl UpMarks {
    fn of(&self, panel: PanelId) -> Arc<tokio::sync::Mutex<Option<OffsetDateTime>>> {
        let mut marks = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(marks.entry(panel).or_default())
    }
}

/// Whether a panel may take new clients right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PanelUse {
    /// Active and answering with xray running.
    Up,
    /// Switched off by an admin.
    Off,
    /// Unreachable, or xray not running (recently, or at a live check just now).
    Down,
}

impl PlacementService {
    /// Whether new clients may go to a panel: it is active, was not found down in the last
    /// [`DOWN_FOR`], and answered a live check with xray running, now or in the last
    /// [`UP_FOR`]. A failed live check is stored, so the next sales skip the panel without
    /// waiting for it again.
    pub(super) async fn panel_is_up(&self, id: PanelId) -> Result<PanelUse, InventoryError> {
        let now = self.clock.now();
        if let Some(last) = self.fleet.last_health(id).await?
            && !last.is_up()
            && last.is_fresh(now, DOWN_FOR)
        {
            info!(panel = %id, "panel was down at its last check; skipping it");
            return Ok(PanelUse::Down);
        }
        let marks = self.up_marks.of(id);
        let mut last_up = marks.lock().await;
        let now = self.clock.now();
        if last_up.is_some_and(|at| at <= now && now - at < UP_FOR) {
            return Ok(PanelUse::Up);
        }
        *last_up = None;
        // Read only for a live check: an up mark is only ever set on an active panel, and the
        // inbounds a sale chooses from are those of active panels (one sale's query less).
        let panel = self.fleet.panel(id).await?;
        if !panel.active {
            return Ok(PanelUse::Off);
        }
        match self.driver.health(&panel.connection()).await {
            Ok(health) if health.xray_running => {
                *last_up = Some(now);
                Ok(PanelUse::Up)
            }
            Ok(_) => {
                warn!(panel = %id, "xray is not running; skipping panel");
                Ok(PanelUse::Down)
            }
            Err(e) => {
                warn!(panel = %id, error = %e, "panel is down; skipping it");
                let check = HealthCheck {
                    panel: id,
                    checked_at: now,
                    latency_ms: 0,
                    result: Err(e.to_string()),
                };
                if let Err(store) = self.fleet.record_health(&check).await {
                    warn!(panel = %id, error = %store, "could not store the failed check");
                }
                Ok(PanelUse::Down)
            }
        }
    }
}
