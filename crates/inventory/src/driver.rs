//! The `PanelDriver` port: everything MoonVPN asks of a 3x-ui panel.
//!
//! Units follow the panel: bytes for traffic, instants as [`OffsetDateTime`] (the driver
//! converts to and from Unix milliseconds, 0 = never). A client is identified by its email,
//! unique across a panel.

use async_trait::async_trait;
use kernel::TelegramId;

use crate::{CertPin, ClientEmail, ClientLimits, PanelConnection, PanelSnapshot, PanelUrl, Provisioned, RemoteInbound};

/// What went wrong talking to a panel, in terms an admin can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PanelError {
    /// The panel did not answer (DNS, refused connection, TLS handshake failure).
    #[error("the panel cannot be reached; check its URL, that it is running, and its TLS setting")]
    Unreachable,
    /// The panel answered with a TLS certificate MoonVPN does not trust (self-signed, expired,
    /// or for another host), so nothing was sent to it.
    #[error(
        "the panel's TLS certificate is not trusted (self-signed, expired or for another host); fix the certificate, or allow a self-signed certificate for this panel if you trust it"
    )]
    UntrustedCertificate,
    /// The panel presented another certificate than the self-signed one pinned when it was
    /// added: it may have been renewed, or someone is in the way. Nothing was sent to it.
    #[error(
        "the panel's TLS certificate changed: pinned {pinned}, presented {presented}; nothing was sent. If you renewed the certificate yourself, compare the fingerprint with the server's and trust the new one (panel edit --repin)"
    )]
    CertificateChanged {
        /// The fingerprint trusted so far.
        pinned: CertPin,
        /// The fingerprint the panel presented now.
        presented: CertPin,
    },
    /// The panel allows a self-signed certificate that has not been pinned yet; MoonVPN will
    /// not trust an unknown certificate, so nothing was sent.
    #[error(
        "the panel's self-signed certificate has not been pinned yet; run a health check of the panel (it pins the certificate it finds)"
    )]
    CertificateNotPinned,
    /// The panel took too long to answer.
    #[error("the panel did not answer in time")]
    Timeout,
    /// The panel refused the username, password, two-factor code or API token.
    #[error("the panel refused the login; check the username, password, two-factor secret and API token")]
    LoginRefused,
    /// The panel has two-factor login on and no two-factor secret was given.
    #[error("the panel has two-factor login turned on; give MoonVPN its two-factor (TOTP) secret")]
    TwoFactorRequired,
    /// The inbound or client asked for does not exist on the panel.
    #[error("the panel has no such inbound or client")]
    NotFound,
    /// The panel understood the request and said no; its message follows.
    #[error("the panel refused: {0}")]
    Rejected(String),
    /// The panel answered something the driver cannot read (wrong URL or unsupported version).
    #[error("unexpected answer from the panel: {0}")]
    BadResponse(String),
}

impl PanelError {
    /// The failure by kind, for a reader in any language (an admin alert, a screen): the one
    /// mapping every catalog sentence about a panel's failure starts from.
    pub fn problem(&self) -> kernel::PanelProblem {
        use kernel::PanelProblem as P;
        match self {
            Self::Unreachable => P::Unreachable,
            Self::UntrustedCertificate => P::UntrustedCertificate,
            Self::CertificateChanged { pinned, presented } => P::CertificateChanged {
                pinned: pinned.to_string(),
                presented: presented.to_string(),
            },
            Self::CertificateNotPinned => P::CertificateNotPinned,
            Self::Timeout => P::Timeout,
            Self::LoginRefused => P::LoginRefused,
            Self::TwoFactorRequired => P::TwoFactorRequired,
            Self::NotFound => P::NotFound,
            Self::Rejected(why) => P::Rejected(why.clone()),
            Self::BadResponse(why) => P::BadResponse(why.clone()),
        }
    }

    /// Whether the same call may succeed if tried again later (a certificate problem may be
    /// fixed on the panel meanwhile, as a panel that is down may come back).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Unreachable
                | Self::UntrustedCertificate
                | Self::CertificateChanged { .. }
                | Self::CertificateNotPinned
                | Self::Timeout
        )
    }
}

impl PanelError {
    /// Whether MoonVPN refused the panel's certificate (untrusted, changed since pinned, or
    /// not pinned yet): trying again at once cannot help, an admin has to act.
    pub fn is_certificate_refusal(&self) -> bool {
        matches!(
            self,
            Self::UntrustedCertificate | Self::CertificateChanged { .. } | Self::CertificateNotPinned
        )
    }
}

/// How a panel is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelHealth {
    /// Whether xray is running (a panel whose xray is stopped serves nobody).
    pub xray_running: bool,
    /// The xray or panel version, when reported.
    pub version: Option<String>,
}

/// A client as written to a panel: always the whole client (3x-ui replaces, never patches).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelClient {
    /// Its identity on the panel.
    pub email: ClientEmail,
    /// Its key: the UUID for vless/vmess, the password for trojan/shadowsocks.
    pub key: String,
    /// Its subscription id.
    pub sub_id: String,
    /// Traffic, expiry and IP limits.
    pub limits: ClientLimits,
    /// Whether it may connect.
    pub enabled: bool,
    /// The owner's Telegram id, shown in the panel.
    pub telegram_id: Option<TelegramId>,
}

/// A client as found on a panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteClient {
    /// The panel's id of the inbound holding it.
    pub inbound_remote_id: i64,
    /// The client.
    pub client: PanelClient,
}

/// Traffic a client has used, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientTraffic {
    /// Uploaded bytes.
    pub up: u64,
    /// Downloaded bytes.
    pub down: u64,
}

impl ClientTraffic {
    /// Total bytes used.
    pub fn used(&self) -> u64 {
        self.up.saturating_add(self.down)
    }
}

/// Which 3x-ui API generation a panel speaks. Routes, login and error answers differ
/// between them; the driver detects it (or an admin pins it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ApiGeneration {
    /// 3x-ui 2.0 – 2.8.3: cookie login; an expired session answers 307 or 401.
    A,
    /// 3x-ui 2.8.4 – 2.9.x: cookie login; an expired session answers 404 with no body.
    B,
    /// 3x-ui 3.0.x: cookie login with a CSRF token, or an API token.
    C,
    /// 3x-ui 3.1 and later: clients live under `/panel/api/clients/*`.
    D,
}

impl ApiGeneration {
    /// Every generation, oldest first.
    pub const ALL: [Self; 4] = [Self::A, Self::B, Self::C, Self::D];

    /// The 3x-ui versions that speak it, for admins.
    pub fn versions(self) -> &'static str {
        match self {
            Self::A => "2.0 – 2.8.3",
            Self::B => "2.8.4 – 2.9.x",
            Self::C => "3.0.x",
            Self::D => "3.1 and later",
        }
    }

    /// Its one-letter name (`A` … `D`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::B => "B",
            Self::C => "C",
            Self::D => "D",
        }
    }

    /// Reads a one-letter name, any case; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_uppercase().as_str() {
            "A" => Some(Self::A),
            "B" => Some(Self::B),
            "C" => Some(Self::C),
            "D" => Some(Self::D),
            _ => None,
        }
    }
}

impl std::fmt::Display for ApiGeneration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (3x-ui {})", self.as_str(), self.versions())
    }
}

/// What xray, the proxy behind the panel, is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XrayState {
    /// Serving clients.
    Running,
    /// Stopped (nobody can connect).
    Stopped,
    /// Failed to start; the panel's error text follows.
    Failed(String),
}

/// A panel's server status.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerStatus {
    /// What xray is doing.
    pub xray: XrayState,
    /// The xray version, when reported.
    pub xray_version: Option<String>,
    /// CPU use in percent (0–100).
    pub cpu_percent: f64,
    /// Memory in use, in bytes.
    pub memory_used: u64,
    /// Memory installed, in bytes.
    pub memory_total: u64,
    /// How long the server has been up.
    pub uptime: std::time::Duration,
}

/// Talks to one 3x-ui panel per call (the connection carries URL and decrypted credentials;
/// the driver may cache sessions per URL). Every method is safe to retry after a
/// retryable error except `add_client`, which callers guard with `get_client` first.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PanelDriver: Send + Sync {
    /// Logs in (or checks the token) and reads the server status. `LoginRefused` for bad
    /// credentials.
    async fn health(&self, panel: &PanelConnection) -> Result<PanelHealth, PanelError>;

    /// Every inbound on the panel with its full spec and client count.
    async fn list_inbounds(&self, panel: &PanelConnection) -> Result<Vec<RemoteInbound>, PanelError>;

    /// Every inbound with its full spec and client count, and every client on them with its
    /// traffic, limit and expiry, from ONE read of the panel's inbound list (3x-ui
    /// `inbounds/list` with its `clientStats`). This is what a periodic sync calls.
    async fn snapshot(&self, panel: &PanelConnection) -> Result<PanelSnapshot, PanelError>;

    /// The client with this email, on any inbound; `None` if the panel has none.
    async fn get_client(
        &self,
        panel: &PanelConnection,
        email: &ClientEmail,
    ) -> Result<Option<RemoteClient>, PanelError>;

    /// Adds a client to an inbound. `Rejected` if the email is taken, `NotFound` if the
    /// inbound is gone.
    async fn add_client(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        client: &PanelClient,
    ) -> Result<(), PanelError>;

    /// Replaces an existing client (found by email) with `client`. `NotFound` if absent.
    async fn update_client(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        client: &PanelClient,
    ) -> Result<(), PanelError>;

    /// Turns a client on or off, keeping everything else. `NotFound` if absent.
    async fn set_client_enabled(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
        enabled: bool,
    ) -> Result<(), PanelError>;

    /// Removes a client. `NotFound` if the panel has no such client.
    async fn delete_client(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
    ) -> Result<(), PanelError>;

    /// Traffic used by a client; `None` if the panel has no such client.
    async fn client_traffic(
        &self,
        panel: &PanelConnection,
        email: &ClientEmail,
    ) -> Result<Option<ClientTraffic>, PanelError>;

    /// The client's share link and, when the panel serves subscriptions, its subscription URL.
    /// `NotFound` if absent.
    async fn client_links(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
    ) -> Result<Provisioned, PanelError>;

    /// One inbound with its full spec. `NotFound` if the panel has no such inbound.
    async fn get_inbound(&self, panel: &PanelConnection, inbound_remote_id: i64) -> Result<RemoteInbound, PanelError>;

    /// Sets a client's used traffic back to zero (and lets it connect again if it was cut off
    /// for traffic). `NotFound` if the panel has no such client.
    async fn reset_client_traffic(
        &self,
        panel: &PanelConnection,
        inbound_remote_id: i64,
        email: &ClientEmail,
    ) -> Result<(), PanelError>;

    /// Emails of the clients connected right now (emails that are not valid [`ClientEmail`]s,
    /// hence not MoonVPN's, are left out).
    async fn online_clients(&self, panel: &PanelConnection) -> Result<Vec<ClientEmail>, PanelError>;

    /// xray state, CPU, memory and uptime of the panel's server.
    async fn server_status(&self, panel: &PanelConnection) -> Result<ServerStatus, PanelError>;

    /// Restarts xray on the panel's server.
    async fn restart_xray(&self, panel: &PanelConnection) -> Result<(), PanelError>;

    /// Asks the panel which API generation it speaks now (ignoring any pin) and remembers
    /// the answer for the next calls unless a pin is set.
    async fn detect_generation(&self, panel: &PanelConnection) -> Result<ApiGeneration, PanelError>;

    /// Pins the generation used for the panel at `url` (an admin's choice, e.g. when detection
    /// is blocked by a proxy); `None` removes the pin and detection applies again.
    fn pin_generation(&self, url: &PanelUrl, generation: Option<ApiGeneration>);

    /// Connects to an `https://` panel and returns the fingerprint of the certificate it
    /// presents (the handshake still proves the panel holds its key), without sending a
    /// request; `None` for a plain `http://` panel. Used to pin a self-signed certificate on
    /// first use.
    async fn certificate_pin(&self, panel: &PanelConnection) -> Result<Option<CertPin>, PanelError>;
}
