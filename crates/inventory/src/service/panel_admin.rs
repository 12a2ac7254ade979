//! Admin use cases for panels: connect (login first), edit, remove, list, generation pins.

use kernel::{PanelId, StorageError};
use tracing::{info, warn};

use super::InventoryService;
use crate::{
    ApiGeneration, ConnectedPanel, InventoryError, NewPanel, Panel, PanelChanges, PanelConnection, PanelOverview,
    PanelRemoval,
};

impl InventoryService {
    /// Connects a new panel: pins `generation` if given (else detects it), logs in and reads
    /// the server status. Any failure there stores nothing and says what to fix (bad
    /// credentials: [`crate::PanelError::LoginRefused`]). Then the panel is stored with its
    /// pin and first health check, and its inbounds are read once.
    pub async fn connect_panel(
        &self,
        new: &NewPanel,
        generation: Option<ApiGeneration>,
    ) -> Result<ConnectedPanel, InventoryError> {
        self.repo.location(new.location).await?;
        let conn = self.first_connection(new).await?;
        let detected = self.check_panel(&conn, generation).await?;
        let panel = match self.repo.add_panel(new, self.clock.now()).await {
            Ok(panel) => panel,
            Err(e) => {
                self.driver.pin_generation(&new.url, None);
                return Err(e.into());
            }
        };
        let panel = self.keep_pin(panel, &conn).await?;
        if generation.is_some() {
            self.repo.set_panel_generation(panel.id, generation).await?;
        }
        let health = self.probe(&panel).await;
        self.repo.record_health(&health).await?;
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
    /// [`InventoryService::connect_panel`] does first: `generation` is pinned (else detected)
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
        let current = self.repo.panel(id).await?;
        let mut edited = changes.applied_to(&current);
        if edited.needs_pin() {
            let pin = self.learn_pin(&edited.connection()).await?;
            info!(panel = %id, fingerprint = %pin, "self-signed certificate pinned on edit");
            edited.tls_pin = Some(pin);
        }
        if edited.location != current.location {
            self.repo.location(edited.location).await?;
            let counts = self.repo.panel_account_counts(id).await?;
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
        let saved = self.repo.update_panel(&edited, self.clock.now()).await?;
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
        let panel = self.repo.panel(id).await?;
        let counts = self.repo.panel_account_counts(id).await?;
        if counts.live > 0 && !force {
            return Err(InventoryError::PanelInUse { accounts: counts.live });
        }
        if counts.total > 0 {
            self.repo.set_panel_active(id, false).await?;
            info!(panel = %id, live = counts.live, "panel kept for its accounts and taken off sale");
            return Ok(PanelRemoval::Disabled {
                live_accounts: counts.live,
            });
        }
        match self.repo.delete_panel(id).await {
            Ok(()) => {}
            Err(StorageError::Conflict(_)) => {
                let counts = self.repo.panel_account_counts(id).await?;
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
        let panel = self.repo.panel(id).await?;
        self.repo.set_panel_generation(id, generation).await?;
        self.driver.pin_generation(&panel.url, generation);
        Ok(())
    }

    /// Hands every stored generation pin to the driver; call once at start-up.
    pub async fn restore_generation_pins(&self) -> Result<usize, InventoryError> {
        let pins = self.repo.panel_generations().await?;
        if pins.is_empty() {
            return Ok(0);
        }
        let panels = self.repo.panels().await?;
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
        let panels = self.repo.panels().await?;
        let pins = self.repo.panel_generations().await?;
        let mut health = self.repo.health_checks().await?;
        let mut out = Vec::with_capacity(panels.len());
        for panel in panels {
            let id = panel.id;
            out.push(PanelOverview {
                pinned_generation: pins.iter().find(|(p, _)| *p == id).map(|(_, g)| *g),
                health: health.iter().position(|h| h.panel == id).map(|i| health.swap_remove(i)),
                inbounds: self.repo.inbounds_of_panel(id).await?,
                accounts: self.repo.panel_account_counts(id).await?,
                panel,
            });
        }
        Ok(out)
    }

    async fn pinned_generation(&self, id: PanelId) -> Result<Option<ApiGeneration>, InventoryError> {
        Ok(self
            .repo
            .panel_generations()
            .await?
            .into_iter()
            .find(|(p, _)| *p == id)
            .map(|(_, g)| g))
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::{
        AccountCounts, ApiGeneration, InventoryError, MockInventoryRepo, MockPanelDriver, PanelChanges, PanelError,
        PanelRemoval, PanelSnapshot, PanelUrl, ServerStatus, XrayState,
    };
    use kernel::{LocationId, PanelId, Secret, StorageError};

    fn running() -> ServerStatus {
        ServerStatus {
            xray: XrayState::Running,
            xray_version: None,
            cpu_percent: 1.0,
            memory_used: 1,
            memory_total: 2,
            uptime: std::time::Duration::from_secs(1),
        }
    }

    fn counts(live: usize, total: usize) -> AccountCounts {
        AccountCounts { live, total }
    }

    #[tokio::test]
    async fn wrong_credentials_store_nothing_and_say_what_to_check() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_add_panel().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_pin_generation().returning(|_, _| ());
        driver.expect_detect_generation().returning(|_| Ok(ApiGeneration::D));
        driver
            .expect_server_status()
            .returning(|_| Err(PanelError::LoginRefused));

        let err = service(repo, driver)
            .connect_panel(&new_panel(1), None)
            .await
            .unwrap_err();

        assert!(err.to_string().contains("username, password"));
    }

    #[tokio::test]
    async fn a_panel_that_logs_in_is_stored_pinned_checked_and_synced() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_add_panel().times(1).returning(|_, _| Ok(panel(7, 1, true)));
        repo.expect_set_panel_generation()
            .withf(|id, g| *id == PanelId::new(7) && *g == Some(ApiGeneration::B))
            .times(1)
            .returning(|_, _| Ok(()));
        repo.expect_record_health().times(1).returning(|_| Ok(()));
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_inbounds_of_panel().returning(|_| Ok(Vec::new()));
        repo.expect_apply_inbound_sync()
            .withf(|_, s, _| s.added.len() == 2)
            .returning(|_, _, _| Ok(()));
        repo.expect_accounts_of_panel().returning(|_| Ok(Vec::new()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_pin_generation()
            .withf(|url, g| url.as_str() == "https://paris.example.com:2053/base" && *g == Some(ApiGeneration::B))
            .times(1)
            .returning(|_, _| ());
        driver.expect_detect_generation().never();
        driver.expect_server_status().returning(|_| Ok(running()));
        driver.expect_snapshot().returning(|_| {
            Ok(PanelSnapshot {
                inbounds: vec![remote(1, 0, true), remote(2, 0, true)],
                clients: Vec::new(),
            })
        });

        let connected = service(repo, driver)
            .connect_panel(&new_panel(1), Some(ApiGeneration::B))
            .await
            .unwrap();

        assert_eq!(connected.panel.id, PanelId::new(7));
        assert_eq!(connected.generation, ApiGeneration::B);
        assert!(connected.health.is_up());
        assert_eq!(connected.sync.unwrap().inbounds.added, 2);
    }

    #[tokio::test]
    async fn a_panel_in_an_unknown_location_is_refused_before_any_login() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_location()
            .returning(|_| Err(StorageError::NotFound("location 9".into())));
        let mut driver = MockPanelDriver::new();
        driver.expect_server_status().never();

        let err = service(repo, driver)
            .connect_panel(&new_panel(9), None)
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::NotFound(_)));
    }

    #[tokio::test]
    async fn a_panel_serving_accounts_is_not_removed() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_panel_account_counts().returning(|_| Ok(counts(3, 5)));
        repo.expect_delete_panel().never();
        repo.expect_set_panel_active().never();

        let err = service(repo, MockPanelDriver::new())
            .remove_panel(PanelId::new(1), false)
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::PanelInUse { accounts: 3 }));
        assert!(err.to_string().contains("3 account(s)"));
    }

    #[tokio::test]
    async fn forcing_the_removal_of_a_panel_with_accounts_takes_it_off_sale_instead() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_panel_account_counts().returning(|_| Ok(counts(3, 5)));
        repo.expect_delete_panel().never();
        repo.expect_set_panel_active()
            .withf(|_, active| !active)
            .times(1)
            .returning(|id, _| Ok(panel(id.get(), 1, false)));

        let removal = service(repo, MockPanelDriver::new())
            .remove_panel(PanelId::new(1), true)
            .await
            .unwrap();

        assert_eq!(removal, PanelRemoval::Disabled { live_accounts: 3 });
    }

    #[tokio::test]
    async fn a_panel_nothing_was_sold_on_is_deleted() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_panel_account_counts().returning(|_| Ok(counts(0, 0)));
        repo.expect_delete_panel().times(1).returning(|_| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_pin_generation()
            .withf(|_, g| g.is_none())
            .returning(|_, _| ());

        let removal = service(repo, driver)
            .remove_panel(PanelId::new(1), false)
            .await
            .unwrap();

        assert_eq!(removal, PanelRemoval::Deleted);
    }

    #[tokio::test]
    async fn a_new_password_is_tried_before_it_is_saved() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_panel_generations().returning(|| Ok(Vec::new()));
        repo.expect_update_panel().never();
        let mut driver = MockPanelDriver::new();
        driver
            .expect_server_status()
            .withf(|c| c.password.expose() == "new")
            .returning(|_| Err(PanelError::LoginRefused));
        let changes = PanelChanges {
            password: Some(Secret::new("new")),
            ..PanelChanges::default()
        };

        let err = service(repo, driver)
            .edit_panel(PanelId::new(1), &changes)
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::Panel(PanelError::LoginRefused)));
    }

    #[tokio::test]
    async fn a_new_two_factor_secret_is_tried_with_the_login_then_saved() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_panel_generations().returning(|| Ok(Vec::new()));
        repo.expect_update_panel()
            .withf(|p, _| p.two_factor_secret.as_ref().map(Secret::expose) == Some("JBSWY3DPEHPK3PXP"))
            .times(1)
            .returning(|p, _| Ok(p.clone()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_server_status()
            .withf(|c| c.two_factor_secret.as_ref().map(Secret::expose) == Some("JBSWY3DPEHPK3PXP"))
            .times(1)
            .returning(|_| Ok(running()));
        let changes = PanelChanges {
            two_factor_secret: Some(Some(Secret::new("JBSWY3DPEHPK3PXP"))),
            ..PanelChanges::default()
        };

        let saved = service(repo, driver)
            .edit_panel(PanelId::new(1), &changes)
            .await
            .unwrap();

        assert!(saved.connection().two_factor_secret.is_some());
    }

    #[tokio::test]
    async fn a_panel_with_two_factor_login_and_no_secret_is_not_stored() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_add_panel().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_pin_generation().returning(|_, _| ());
        driver
            .expect_detect_generation()
            .returning(|_| Err(PanelError::TwoFactorRequired));

        let err = service(repo, driver)
            .connect_panel(&new_panel(1), None)
            .await
            .unwrap_err();

        assert!(err.to_string().contains("two-factor (TOTP) secret"), "{err}");
    }

    #[tokio::test]
    async fn a_new_url_that_logs_in_is_saved_and_the_pin_follows_it() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_panel_generations()
            .returning(|| Ok(vec![(PanelId::new(1), ApiGeneration::C)]));
        repo.expect_update_panel()
            .withf(|p, _| p.url.as_str() == "https://new.example.com/x")
            .times(1)
            .returning(|p, _| Ok(p.clone()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_pin_generation()
            .withf(|url, g| url.as_str() == "https://new.example.com/x" && *g == Some(ApiGeneration::C))
            .times(1)
            .returning(|_, _| ());
        driver
            .expect_pin_generation()
            .withf(|url, g| url.as_str() == "https://panel1.example.com" && g.is_none())
            .times(1)
            .returning(|_, _| ());
        driver.expect_server_status().returning(|_| Ok(running()));
        let changes = PanelChanges {
            url: Some(PanelUrl::new("https://new.example.com/x/").unwrap()),
            ..PanelChanges::default()
        };

        let saved = service(repo, driver)
            .edit_panel(PanelId::new(1), &changes)
            .await
            .unwrap();

        assert_eq!(saved.url.as_str(), "https://new.example.com/x");
    }

    #[tokio::test]
    async fn a_panel_with_accounts_cannot_move_to_another_location() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_location()
            .returning(|id| Ok(location(id.get(), "DE", true)));
        repo.expect_panel_account_counts().returning(|_| Ok(counts(0, 2)));
        repo.expect_update_panel().never();
        let changes = PanelChanges {
            location: Some(LocationId::new(2)),
            ..PanelChanges::default()
        };

        let err = service(repo, MockPanelDriver::new())
            .edit_panel(PanelId::new(1), &changes)
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::PanelInUse { accounts: 2 }));
    }

    #[tokio::test]
    async fn stored_pins_are_handed_to_the_driver_at_start_up() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_panel_generations()
            .returning(|| Ok(vec![(PanelId::new(2), ApiGeneration::A)]));
        repo.expect_panels()
            .returning(|| Ok(vec![panel(1, 1, true), panel(2, 1, true)]));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_pin_generation()
            .withf(|url, g| url.as_str() == "https://panel2.example.com" && *g == Some(ApiGeneration::A))
            .times(1)
            .returning(|_, _| ());

        assert_eq!(service(repo, driver).restore_generation_pins().await.unwrap(), 1);
    }
}
