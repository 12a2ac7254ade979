//! Trust on first use for self-signed panels: the certificate a panel presents when an admin
//! adds it (or at its first health check, for panels added before pinning existed) is pinned,
//! and every later connection must present the same one.

use kernel::PanelId;
use tracing::{info, warn};

use super::FleetService;
use crate::{CertPin, InventoryError, NewPanel, Panel, PanelConnection, PanelError};

impl FleetService {
    /// Reads the certificate an `https://` panel presents now, to pin it. A plain `http://`
    /// panel has none: asking is a caller's mistake, answered as a bad response.
    pub(super) async fn learn_pin(&self, conn: &PanelConnection) -> Result<CertPin, InventoryError> {
        let unpinned = PanelConnection {
            tls_pin: None,
            ..conn.clone()
        };
        match self.driver.certificate_pin(&unpinned).await? {
            Some(pin) => Ok(pin),
            None => Err(PanelError::BadResponse("a plain http:// panel has no certificate to pin".into()).into()),
        }
    }

    /// How to reach a panel an admin is adding: a self-signed `https://` one pinned to the
    /// certificate it presents now (trust on first use), any other as given.
    pub(super) async fn first_connection(&self, new: &NewPanel) -> Result<PanelConnection, InventoryError> {
        let mut conn = new.connection();
        if conn.needs_pin() {
            conn.tls_pin = Some(self.learn_pin(&conn).await?);
        }
        Ok(conn)
    }

    /// Stores the pin `conn` was checked with on the panel just added as `panel`.
    pub(super) async fn keep_pin(&self, panel: Panel, conn: &PanelConnection) -> Result<Panel, InventoryError> {
        match conn.tls_pin {
            Some(pin) => {
                info!(panel = %panel.id, fingerprint = %pin, "self-signed certificate pinned");
                Ok(self.fleet.set_panel_tls_pin(panel.id, Some(pin)).await?)
            }
            None => Ok(panel),
        }
    }

    /// `panel` pinned: one still waiting for its first pin gets the certificate it presents
    /// now, stored; any other is returned as it is.
    pub(super) async fn pinned(&self, panel: Panel) -> Result<Panel, InventoryError> {
        if !panel.needs_pin() {
            return Ok(panel);
        }
        let pin = self.learn_pin(&panel.connection()).await?;
        let pinned = self.fleet.set_panel_tls_pin(panel.id, Some(pin)).await?;
        info!(panel = %panel.id, fingerprint = %pin, "self-signed certificate pinned on first use");
        Ok(pinned)
    }

    /// Pins every self-signed panel that has no pin yet (panels added before pinning
    /// existed); call once at start-up. A panel that cannot be reached now is pinned at its
    /// next health check. Returns how many were pinned.
    pub async fn pin_unpinned_panels(&self) -> Result<usize, InventoryError> {
        let mut pinned = 0;
        for panel in self.fleet.panels().await?.into_iter().filter(Panel::needs_pin) {
            let id: PanelId = panel.id;
            match self.pinned(panel).await {
                Ok(_) => pinned += 1,
                Err(InventoryError::Panel(e)) => warn!(panel = %id, error = %e, "could not pin the certificate yet"),
                Err(e) => return Err(e),
            }
        }
        Ok(pinned)
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::*;
    use crate::{CertPin, InventoryError, MockPanelDriver, MockRepo, Panel, PanelError};

    fn self_signed(id: i64, pin: Option<CertPin>) -> Panel {
        Panel {
            allow_insecure_tls: true,
            tls_pin: pin,
            ..panel(id, 1, true)
        }
    }

    #[tokio::test]
    async fn an_unpinned_self_signed_panel_is_pinned_to_what_it_presents_and_others_are_left_alone() {
        let presented = CertPin::from_digest([7; 32]);
        let mut repo = MockRepo::new();
        repo.expect_panels().returning(move || {
            Ok(vec![
                self_signed(1, None),
                self_signed(2, Some(CertPin::from_digest([1; 32]))),
                panel(3, 1, true),
            ])
        });
        repo.expect_set_panel_tls_pin()
            .withf(move |id, pin| id.get() == 1 && *pin == Some(presented))
            .times(1)
            .returning(move |id, pin| Ok(self_signed(id.get(), pin)));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_certificate_pin()
            .withf(|conn| conn.tls_pin.is_none())
            .times(1)
            .returning(move |_| Ok(Some(presented)));

        assert_eq!(fleet_service(repo, driver).pin_unpinned_panels().await.unwrap(), 1);
    }

    #[tokio::test]
    async fn a_panel_down_at_start_up_stays_unpinned_and_is_not_an_error() {
        let mut repo = MockRepo::new();
        repo.expect_panels().returning(|| Ok(vec![self_signed(1, None)]));
        repo.expect_set_panel_tls_pin().never();
        let mut driver = MockPanelDriver::new();
        driver
            .expect_certificate_pin()
            .returning(|_| Err(PanelError::Unreachable));

        assert_eq!(fleet_service(repo, driver).pin_unpinned_panels().await.unwrap(), 0);
    }

    #[tokio::test]
    async fn a_plain_http_answer_to_a_pin_request_is_an_error_not_a_pin() {
        let mut driver = MockPanelDriver::new();
        driver.expect_certificate_pin().returning(|_| Ok(None));
        let svc = fleet_service(MockRepo::new(), driver);

        let err = svc.learn_pin(&self_signed(1, None).connection()).await.unwrap_err();

        assert!(
            matches!(err, InventoryError::Panel(PanelError::BadResponse(_))),
            "{err:?}"
        );
    }
}
