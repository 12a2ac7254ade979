//! 3x-ui panels MoonVPN sells from.

use kernel::{LocationId, PanelId, Secret};
use time::OffsetDateTime;

use crate::{CertPin, DisplayName, PanelUrl};

/// A panel and how to log in to it. Storage keeps `password`, `api_token` and
/// `two_factor_secret` encrypted; here they are plain (but never printed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// Its id.
    pub id: PanelId,
    /// What admins call it.
    pub name: DisplayName,
    /// Where it answers, base path included.
    pub url: PanelUrl,
    /// Login name.
    pub username: String,
    /// Login password.
    pub password: Secret,
    /// API token (3x-ui v3 `Authorization: Bearer`), used instead of a login when present.
    pub api_token: Option<Secret>,
    /// TOTP secret (base32) of a panel with two-factor login; the code is derived at each login.
    pub two_factor_secret: Option<Secret>,
    /// Accept a self-signed TLS certificate: the one pinned in `tls_pin`, never any other.
    pub allow_insecure_tls: bool,
    /// The fingerprint of the self-signed certificate trusted on first use; `None` for a
    /// panel with a publicly trusted certificate or plain `http://`.
    pub tls_pin: Option<CertPin>,
    /// The location its inbounds serve.
    pub location: LocationId,
    /// Whether it is used for new sales.
    pub active: bool,
    /// When it was added.
    pub created_at: OffsetDateTime,
}

impl Panel {
    /// What a [`crate::PanelDriver`] needs to talk to this panel.
    pub fn connection(&self) -> PanelConnection {
        PanelConnection {
            url: self.url.clone(),
            username: self.username.clone(),
            password: self.password.clone(),
            api_token: self.api_token.clone(),
            two_factor_secret: self.two_factor_secret.clone(),
            allow_insecure_tls: self.allow_insecure_tls,
            tls_pin: self.tls_pin,
        }
    }

    /// Whether the panel is reached over plain `http://`: its password and the links it
    /// hands out travel unencrypted, so admins are warned wherever the panel is shown.
    pub fn is_plain_http(&self) -> bool {
        !self.url.is_https()
    }

    /// Whether the panel's self-signed certificate still has to be pinned (trust on first
    /// use): until it is, MoonVPN refuses to talk to it rather than trust any certificate.
    pub fn needs_pin(&self) -> bool {
        self.allow_insecure_tls && self.url.is_https() && self.tls_pin.is_none()
    }
}

/// A panel an admin adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPanel {
    /// What admins call it.
    pub name: DisplayName,
    /// Where it answers.
    pub url: PanelUrl,
    /// Login name.
    pub username: String,
    /// Login password.
    pub password: Secret,
    /// Optional API token.
    pub api_token: Option<Secret>,
    /// Optional TOTP secret (base32) for a panel with two-factor login.
    pub two_factor_secret: Option<Secret>,
    /// Accept a self-signed TLS certificate.
    pub allow_insecure_tls: bool,
    /// The location its inbounds serve.
    pub location: LocationId,
}

impl NewPanel {
    /// What a [`crate::PanelDriver`] needs to try this panel before it is stored.
    pub fn connection(&self) -> PanelConnection {
        PanelConnection {
            url: self.url.clone(),
            username: self.username.clone(),
            password: self.password.clone(),
            api_token: self.api_token.clone(),
            two_factor_secret: self.two_factor_secret.clone(),
            allow_insecure_tls: self.allow_insecure_tls,
            tls_pin: None,
        }
    }
}

/// Everything a driver needs for one call to a panel, secrets decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelConnection {
    /// Where it answers, base path included.
    pub url: PanelUrl,
    /// Login name.
    pub username: String,
    /// Login password.
    pub password: Secret,
    /// API token, preferred over a login when present.
    pub api_token: Option<Secret>,
    /// TOTP secret (base32) for the two-factor code sent with a login, when the panel wants one.
    pub two_factor_secret: Option<Secret>,
    /// Accept a self-signed TLS certificate: only the pinned one when `tls_pin` is set; with
    /// no pin yet the driver refuses rather than trust any certificate.
    pub allow_insecure_tls: bool,
    /// The fingerprint the panel's certificate must have.
    pub tls_pin: Option<CertPin>,
}

impl PanelConnection {
    /// Whether this connection allows a self-signed `https://` certificate but has no pin
    /// yet: the driver refuses it until one is learned.
    pub fn needs_pin(&self) -> bool {
        self.allow_insecure_tls && self.url.is_https() && self.tls_pin.is_none()
    }
}
