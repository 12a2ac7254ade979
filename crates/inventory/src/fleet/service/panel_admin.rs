//! Admin use cases for panels: connect (login first), edit, remove, list, generation pins.

use kernel::{PanelId, StorageError};
use tracing::{info, warn};

use super::FleetService;
use crate::{
    ApiGeneration, ConnectedPanel, InventoryError, NewPanel, Panel, PanelChanges, PanelConnection, PanelOverview,
    PanelRemoval,
};

impl FleetService {
    /// Connects a new panel: pins `generation` if given (else detects it), logs in and reads
    /// the server status. Any failure there stores nothing and says what to fix (bad
    /// credentials: [`crate::PanelError::LoginRefused`]). Then the panel is stored with its
    /// pin and first health check, and its inbounds are read once.
    pub async fn connect_panel(
        &self,
        new: &NewPanel,
        generation: Option<ApiGeneration>,
    ) -> Result<ConnectedPanel, InventoryError> {
        self.placement.location(new.location).await?;
        let conn = self.first_connection(new).await?;
        let detected = self.check_panel(&conn, generation).await?;
        let panel = match self.fleet.add_panel(new, self.clock.now()).await {
            Ok(panel) => panel,
            Err(e) => {
                self.driver.pin_generation(&new.url, None);
                return Err(e.into());
            }
        };
        let panel = self.keep_pin(panel, &conn).await?;
        if generation.is_some() {
            self.fleet.set_panel_generation(panel.id, generation).await?;
        }
        let health = self.probe(&panel).await;
        self.fleet.record_health(&health).await?;
        let sync = self.sync_panel(panel.id).await;
        info!(panel = %panel.id, url = %panel.url, generation = %detected, "panel connected");
        Ok(ConnectedPanel {
            panel,
            generation: detected,
            health,
            sync,
        })
    }

    /// Logs in to a panel that is not stored yet and reads its server status, as
    /// [`FleetService::connect_panel`] does first: `generation` is pinned (else detected)
    /// and the generation spoken is returned. A self-signed panel is checked pinned to the
    /// certificate it presents now. Nothing is stored.
    pub async fn check_panel(
        &self,
        conn: &PanelConnection,
        generation: Option<ApiGeneration>,
    ) -> Result<ApiGeneration, InventoryError> {
        let mut conn = conn.clone();
        if conn.needs_pin() {
            conn.tls_pin = Some(self.learn_pin(&conn).await?);
        }
        let conn = &conn;
        self.driver.pin_generation(&conn.url, generation);
        let checked = async {
            let spoken = match generation {
                Some(g) => g,
                None => self.driver.detect_generation(conn).await?,
            };
            self.driver.server_status(conn).await?;
            Ok::<_, InventoryError>(spoken)
        }
        .await;
        if let Err(e) = &checked {
            self.driver.pin_generation(&conn.url, None);
            warn!(url = %conn.url, error = %e, "panel refused the login");
        }
        checked
    }

    /// Edits a panel. A change of URL or credentials is tried on the panel first and refused
    /// if it does not log in; a panel that has accounts cannot change location. A self-signed
    /// panel whose URL changes, that starts allowing a self-signed certificate, or whose admin
    /// asks to trust its new certificate ([`PanelChanges::repin`]) is pinned to the
    /// certificate it presents now.
    pub async fn edit_panel(&self, id: PanelId, changes: &PanelChanges) -> Result<Panel, InventoryError> {
        let current = self.fleet.panel(id).await?;
        let mut edited = changes.applied_to(&current);
        if edited.needs_pin() {
            let pin = self.learn_pin(&edited.connection()).await?;
            info!(panel = %id, fingerprint = %pin, "self-signed certificate pinned on edit");
            edited.tls_pin = Some(pin);
        }
        if edited.location != current.location {
            self.placement.location(edited.location).await?;
            let counts = self.accounts.panel_account_counts(id).await?;
            if counts.total > 0 {
                return Err(InventoryError::PanelInUse { accounts: counts.total });
            }
        }
        let pinned = self.pinned_generation(id).await?;
        if changes.touches_login() {
            if edited.url != current.url {
                self.driver.pin_generation(&edited.url, pinned);
            }
            if let Err(e) = self.driver.server_status(&edited.connection()).await {
                warn!(panel = %id, error = %e, "edited panel refused the login; not saved");
                if edited.url != current.url {
                    self.driver.pin_generation(&edited.url, None);
                }
                return Err(e.into());
            }
        }
        let saved = self.fleet.update_panel(&edited, self.clock.now()).await?;
        if saved.url != current.url {
            self.driver.pin_generation(&current.url, None);
        }
        info!(panel = %id, "panel edited");
        Ok(saved)
    }

    /// Removes a panel. One that never had an account is deleted with its inbounds. One
    /// that still serves accounts is refused ([`InventoryError::PanelInUse`]) unless `force`,
    /// which takes it off sale instead; one with only moved-away accounts is taken off sale
    /// too. Sold accounts are never deleted.
    pub async fn remove_panel(&self, id: PanelId, force: bool) -> Result<PanelRemoval, InventoryError> {
        let panel = self.fleet.panel(id).await?;
        let counts = self.accounts.panel_account_counts(id).await?;
        if counts.live > 0 && !force {
            return Err(InventoryError::PanelInUse { accounts: counts.live });
        }
        if counts.total > 0 {
            self.fleet.set_panel_active(id, false).await?;
            info!(panel = %id, live = counts.live, "panel kept for its accounts and taken off sale");
            return Ok(PanelRemoval::Disabled {
                live_accounts: counts.live,
            });
        }
        match self.fleet.delete_panel(id).await {
            Ok(()) => {}
            Err(StorageError::Conflict(_)) => {
                let counts = self.accounts.panel_account_counts(id).await?;
                return Err(InventoryError::PanelInUse { accounts: counts.live });
            }
            Err(e) => return Err(e.into()),
        }
        self.driver.pin_generation(&panel.url, None);
        info!(panel = %id, url = %panel.url, "panel deleted");
        Ok(PanelRemoval::Deleted)
    }

    /// Pins the API generation of a stored panel, or with `None` goes back to detection.
    pub async fn pin_panel_generation(
        &self,
        id: PanelId,
        generation: Option<ApiGeneration>,
    ) -> Result<(), InventoryError> {
        let panel = self.fleet.panel(id).await?;
        self.fleet.set_panel_generation(id, generation).await?;
        self.driver.pin_generation(&panel.url, generation);
        Ok(())
    }

    /// Hands every stored generation pin to the driver; call once at start-up.
    pub async fn restore_generation_pins(&self) -> Result<usize, InventoryError> {
        let pins = self.fleet.panel_generations().await?;
        if pins.is_empty() {
            return Ok(0);
        }
        let panels = self.fleet.panels().await?;
        let mut restored = 0;
        for (id, generation) in pins {
            if let Some(panel) = panels.iter().find(|p| p.id == id) {
                self.driver.pin_generation(&panel.url, Some(generation));
                restored += 1;
            }
        }
        Ok(restored)
    }

    /// Every panel with its pin, last health, inbounds and account counts, by name.
    pub async fn panel_overviews(&self) -> Result<Vec<PanelOverview>, InventoryError> {
        let panels = self.fleet.panels().await?;
        let pins = self.fleet.panel_generations().await?;
        let mut health = self.fleet.health_checks().await?;
        let mut out = Vec::with_capacity(panels.len());
        for panel in panels {
            let id = panel.id;
            out.push(PanelOverview {
                pinned_generation: pins.iter().find(|(p, _)| *p == id).map(|(_, g)| *g),
                health: health.iter().position(|h| h.panel == id).map(|i| health.swap_remove(i)),
                inbounds: self.placement.inbounds_of_panel(id).await?,
                accounts: self.accounts.panel_account_counts(id).await?,
                panel,
            });
        }
        Ok(out)
    }

    async fn pinned_generation(&self, id: PanelId) -> Result<Option<ApiGeneration>, InventoryError> {
        Ok(self
            .fleet
            .panel_generations()
            .await?
            .into_iter()
            .find(|(p, _)| *p == id)
            .map(|(_, g)| g))
    }
}
