//! [`XuiDriver`]: the 3x-ui implementation of the inventory `PanelDriver` port.

use std::sync::Arc;

use async_trait::async_trait;
use inventory::{
    ApiGeneration, CertPin, ClientEmail, ClientTraffic, PanelClient, PanelConnection, PanelDriver, PanelError,
    PanelHealth, PanelSnapshot, PanelUrl, Provisioned, RemoteClient, RemoteInbound, ServerStatus,
};
use kernel::{Clock, SystemClock};

use crate::XuiConfig;
use crate::http::Http;
use crate::ops;
use crate::state::Panels;
use crate::totp::TwoFactor;

/// The HTTP client could not be set up (the TLS library failed to start).
#[derive(Debug, thiserror::Error)]
#[error("cannot set up the HTTP client for 3x-ui panels: {0}")]
pub struct BuildError(String);

/// Talks to 3x-ui panels of every API generation. Cheap to share (`Arc`); remembers, per
/// panel URL, the generation and the login session.
pub struct XuiDriver {
    pub(crate) http: Http,
    pub(crate) panels: Panels,
    pub(crate) clock: Arc<dyn Clock>,
}

impl XuiDriver {
    /// A driver with these timeouts and retries, using the system clock for two-factor codes
    /// (derived at each login from the connection's TOTP secret).
    pub fn new(config: XuiConfig) -> Result<Self, BuildError> {
        Ok(Self {
            http: Http::new(config).map_err(|e| BuildError(e.to_string()))?,
            panels: Panels::default(),
            clock: Arc::new(SystemClock),
        })
    }

    /// Uses `clock` for two-factor codes.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Sets (or with `None` clears) a two-factor login for the panel at `url` that overrides
    /// the connection's `two_factor_secret` (e.g. a fixed code for 3x-ui up to 2.5). Normally
    /// not needed: the stored TOTP secret comes with every [`PanelConnection`].
    pub fn set_two_factor(&self, url: &PanelUrl, two_factor: Option<TwoFactor>) {
        self.panels.slot(url).with(|s| {
            s.two_factor = two_factor;
            s.session = None;
        });
    }

    /// The generation in use for the panel at `url` (pinned, else last detected), if known.
    pub fn generation_of(&self, url: &PanelUrl) -> Option<ApiGeneration> {
        self.panels.slot(url).with(|s| s.generation())
    }
}

#[async_trait]
impl PanelDriver for XuiDriver {
    async fn health(&self, panel: &PanelConnection) -> Result<PanelHealth, PanelError> {
        let status = ops::server::status(self, panel).await?;
        Ok(PanelHealth {
            xray_running: status.xray == inventory::XrayState::Running,
            version: status.xray_version,
        })
    }

    async fn list_inbounds(&self, panel: &PanelConnection) -> Result<Vec<RemoteInbound>, PanelError> {
        ops::inbounds::list(self, panel).await
    }

    async fn snapshot(&self, panel: &PanelConnection) -> Result<PanelSnapshot, PanelError> {
        ops::snapshot::snapshot(self, panel).await
    }

    async fn get_client(
        &self,
        panel: &PanelConnection,
        email: &ClientEmail,
    ) -> Result<Option<RemoteClient>, PanelError> {
        ops::clients::get(self, panel, email).await
    }

    async fn add_client(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        client: &PanelClient,
    ) -> Result<(), PanelError> {
        ops::writes::add(self, panel, inbound_remote_id, client).await
    }

    async fn update_client(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        client: &PanelClient,
    ) -> Result<(), PanelError> {
        ops::writes::update(self, panel, inbound_remote_id, client).await
    }

    async fn set_client_enabled(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
        enabled: bool,
    ) -> Result<(), PanelError> {
        ops::writes::set_enabled(self, panel, inbound_remote_id, email, enabled).await
    }

    async fn delete_client(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
    ) -> Result<(), PanelError> {
        ops::writes::delete(self, panel, inbound_remote_id, email).await
    }

    async fn client_traffic(
        &self,
        panel: &PanelConnection,
        email: &ClientEmail,
    ) -> Result<Option<ClientTraffic>, PanelError> {
        ops::clients::traffic(self, panel, email).await
    }

    async fn client_links(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
    ) -> Result<Provisioned, PanelError> {
        ops::links::client_links(self, panel, inbound_remote_id, email).await
    }

    async fn get_inbound(&self, panel: &PanelConnection, inbound_remote_id: i64) -> Result<RemoteInbound, PanelError> {
        ops::inbounds::get(self, panel, inbound_remote_id).await
    }

    async fn reset_client_traffic(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
    ) -> Result<(), PanelError> {
        ops::clients::reset_traffic(self, panel, inbound_remote_id, email).await
    }

    async fn online_clients(&self, panel: &PanelConnection) -> Result<Vec<ClientEmail>, PanelError> {
        ops::clients::online(self, panel).await
    }

    async fn server_status(&self, panel: &PanelConnection) -> Result<ServerStatus, PanelError> {
        ops::server::status(self, panel).await
    }

    async fn restart_xray(&self, panel: &PanelConnection) -> Result<(), PanelError> {
        ops::server::restart_xray(self, panel).await
    }

    async fn detect_generation(&self, panel: &PanelConnection) -> Result<ApiGeneration, PanelError> {
        let slot = self.panels.slot(&panel.url);
        let _guard = slot.login.lock().await;
        let pinned = slot.with(|s| s.pinned);
        let found = self.detect_into(panel, &slot).await?;
        if pinned.is_some() {
            tracing::info!(panel = %panel.url, detected = %found, "generation pinned; detection only reported");
        }
        Ok(found)
    }

    fn pin_generation(&self, url: &PanelUrl, generation: Option<ApiGeneration>) {
        self.panels.slot(url).with(|s| {
            if s.pinned != generation {
                s.session = None;
                s.routes.clear();
            }
            s.pinned = generation;
        });
    }

    async fn certificate_pin(&self, panel: &PanelConnection) -> Result<Option<CertPin>, PanelError> {
        self.http.presented_pin(panel).await
    }
}
