//! Every call to a 3x-ui panel on `/metrics`: how many, how they ended and how long they
//! took, per panel (its host, never its secret web path or credentials) and per call.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use inventory::{
    ApiGeneration, CertPin, ClientEmail, ClientTraffic, PanelClient, PanelConnection, PanelDriver, PanelError,
    PanelHealth, PanelSnapshot, PanelUrl, Provisioned, RemoteClient, RemoteInbound, ServerStatus,
};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Upper bounds (seconds) of the panel-call latency buckets: a panel across the Internet
/// answers in tens to hundreds of milliseconds; the driver gives up after 20 s.
const CALL_BUCKETS: [f64; 10] = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 20.0];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CallLabels {
    panel: String,
    call: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResultLabels {
    panel: String,
    call: &'static str,
    result: &'static str,
}

/// The panel-call families, registered once.
#[derive(Debug, Clone)]
pub(super) struct PanelMetrics {
    calls: Family<ResultLabels, Counter>,
    seconds: Family<CallLabels, Histogram>,
}

impl PanelMetrics {
    pub(super) fn register(registry: &mut Registry) -> Self {
        let m = Self {
            calls: Family::default(),
            seconds: Family::new_with_constructor(|| Histogram::new(CALL_BUCKETS)),
        };
        registry.register(
            "panel_calls",
            "Calls to 3x-ui panels by panel host, call and result (ok, or why it failed)",
            m.calls.clone(),
        );
        registry.register(
            "panel_call_duration_seconds",
            "How long calls to 3x-ui panels took, by panel host and call",
            m.seconds.clone(),
        );
        m
    }

    fn observe(&self, panel: &PanelUrl, call: &'static str, took: f64, result: &'static str) {
        let panel = host(panel);
        self.seconds
            .get_or_create(&CallLabels {
                panel: panel.clone(),
                call,
            })
            .observe(took);
        self.calls.get_or_create(&ResultLabels { panel, call, result }).inc();
    }
}

/// `host[:port]` of a panel URL: the part of it that is no secret.
fn host(url: &PanelUrl) -> String {
    match url::Url::parse(url.as_str()) {
        Ok(parsed) => match (parsed.host_str(), parsed.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => "unknown".to_owned(),
        },
        Err(_) => "unknown".to_owned(),
    }
}

/// The `result` label of a call that ended with `error`.
fn error_kind(error: &PanelError) -> &'static str {
    match error {
        PanelError::Unreachable => "unreachable",
        PanelError::UntrustedCertificate => "untrusted_certificate",
        PanelError::CertificateChanged { .. } => "certificate_changed",
        PanelError::CertificateNotPinned => "certificate_not_pinned",
        PanelError::Timeout => "timeout",
        PanelError::LoginRefused => "login_refused",
        PanelError::TwoFactorRequired => "two_factor_required",
        PanelError::NotFound => "not_found",
        PanelError::Rejected(_) => "rejected",
        PanelError::BadResponse(_) => "bad_response",
    }
}

/// A [`PanelDriver`] that counts and times every call of the driver it wraps.
pub struct MeteredDriver {
    inner: Arc<dyn PanelDriver>,
    metrics: PanelMetrics,
}

impl MeteredDriver {
    pub(super) fn new(inner: Arc<dyn PanelDriver>, metrics: PanelMetrics) -> Self {
        Self { inner, metrics }
    }

    async fn timed<T>(
        &self,
        panel: &PanelUrl,
        call: &'static str,
        work: impl Future<Output = Result<T, PanelError>>,
    ) -> Result<T, PanelError> {
        let started = Instant::now();
        let result = work.await;
        let outcome = result.as_ref().map_or_else(error_kind, |_| "ok");
        self.metrics
            .observe(panel, call, started.elapsed().as_secs_f64(), outcome);
        result
    }
}

#[async_trait]
impl PanelDriver for MeteredDriver {
    async fn health(&self, panel: &PanelConnection) -> Result<PanelHealth, PanelError> {
        self.timed(&panel.url, "health", self.inner.health(panel)).await
    }

    async fn list_inbounds(&self, panel: &PanelConnection) -> Result<Vec<RemoteInbound>, PanelError> {
        self.timed(&panel.url, "list_inbounds", self.inner.list_inbounds(panel))
            .await
    }

    async fn snapshot(&self, panel: &PanelConnection) -> Result<PanelSnapshot, PanelError> {
        self.timed(&panel.url, "snapshot", self.inner.snapshot(panel)).await
    }

    async fn get_client(
        &self,
        panel: &PanelConnection,
        email: &ClientEmail,
    ) -> Result<Option<RemoteClient>, PanelError> {
        self.timed(&panel.url, "get_client", self.inner.get_client(panel, email))
            .await
    }

    async fn add_client(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        client: &PanelClient,
    ) -> Result<(), PanelError> {
        let call = self.inner.add_client(panel, inbound_remote_id, client);
        self.timed(&panel.url, "add_client", call).await
    }

    async fn update_client(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        client: &PanelClient,
    ) -> Result<(), PanelError> {
        let call = self.inner.update_client(panel, inbound_remote_id, client);
        self.timed(&panel.url, "update_client", call).await
    }

    async fn set_client_enabled(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
        enabled: bool,
    ) -> Result<(), PanelError> {
        let call = self.inner.set_client_enabled(panel, inbound_remote_id, email, enabled);
        self.timed(&panel.url, "set_client_enabled", call).await
    }

    async fn delete_client(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
    ) -> Result<(), PanelError> {
        let call = self.inner.delete_client(panel, inbound_remote_id, email);
        self.timed(&panel.url, "delete_client", call).await
    }

    async fn client_traffic(
        &self,
        panel: &PanelConnection,
        email: &ClientEmail,
    ) -> Result<Option<ClientTraffic>, PanelError> {
        self.timed(&panel.url, "client_traffic", self.inner.client_traffic(panel, email))
            .await
    }

    async fn client_links(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
    ) -> Result<Provisioned, PanelError> {
        let call = self.inner.client_links(panel, inbound_remote_id, email);
        self.timed(&panel.url, "client_links", call).await
    }

    async fn get_inbound(&self, panel: &PanelConnection, inbound_remote_id: i64) -> Result<RemoteInbound, PanelError> {
        let call = self.inner.get_inbound(panel, inbound_remote_id);
        self.timed(&panel.url, "get_inbound", call).await
    }

    async fn reset_client_traffic(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
    ) -> Result<(), PanelError> {
        let call = self.inner.reset_client_traffic(panel, inbound_remote_id, email);
        self.timed(&panel.url, "reset_client_traffic", call).await
    }

    async fn online_clients(&self, panel: &PanelConnection) -> Result<Vec<ClientEmail>, PanelError> {
        self.timed(&panel.url, "online_clients", self.inner.online_clients(panel))
            .await
    }

    async fn server_status(&self, panel: &PanelConnection) -> Result<ServerStatus, PanelError> {
        self.timed(&panel.url, "server_status", self.inner.server_status(panel))
            .await
    }

    async fn restart_xray(&self, panel: &PanelConnection) -> Result<(), PanelError> {
        self.timed(&panel.url, "restart_xray", self.inner.restart_xray(panel))
            .await
    }

    async fn detect_generation(&self, panel: &PanelConnection) -> Result<ApiGeneration, PanelError> {
        self.timed(&panel.url, "detect_generation", self.inner.detect_generation(panel))
            .await
    }

    fn pin_generation(&self, url: &PanelUrl, generation: Option<ApiGeneration>) {
        self.inner.pin_generation(url, generation);
    }

    async fn certificate_pin(&self, panel: &PanelConnection) -> Result<Option<CertPin>, PanelError> {
        self.timed(&panel.url, "certificate_pin", self.inner.certificate_pin(panel))
            .await
    }
}
