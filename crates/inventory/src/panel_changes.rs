//! Editing, removing and describing panels.

use kernel::{LocationId, Secret};
use serde_json::{Value, json};

use crate::{
    ApiGeneration, DisplayName, HealthCheck, Inbound, InventoryError, NewLocation, NewPanel, Panel, PanelConnection,
    PanelSyncReport, PanelUrl,
};

/// Where a panel an admin connects will serve: a location that exists, or a new one created
/// only once the panel has accepted the login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelPlacement {
    /// An existing location.
    Existing(LocationId),
    /// A location created for this panel.
    New(NewLocation),
}

/// A panel an admin asks to connect, before its location exists.
#[derive(Debug, Clone)]
pub struct PanelRequest {
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
    /// Optional TOTP secret (base32).
    pub two_factor_secret: Option<Secret>,
    /// Accept a self-signed TLS certificate (pinned on first use).
    pub allow_insecure_tls: bool,
    /// Where its inbounds serve.
    pub placement: PanelPlacement,
    /// The 3x-ui API generation to speak; `None` detects it.
    pub generation: Option<ApiGeneration>,
}

impl PanelRequest {
    /// The panel to store once its location is known.
    pub fn at(&self, location: LocationId) -> NewPanel {
        NewPanel {
            name: self.name.clone(),
            url: self.url.clone(),
            username: self.username.clone(),
            password: self.password.clone(),
            api_token: self.api_token.clone(),
            two_factor_secret: self.two_factor_secret.clone(),
            allow_insecure_tls: self.allow_insecure_tls,
            location,
        }
    }

    /// What a driver needs to try the panel before anything is stored.
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

/// Changes an admin makes to a panel; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanelChanges {
    /// New name.
    pub name: Option<DisplayName>,
    /// New URL (base path included).
    pub url: Option<PanelUrl>,
    /// New login name.
    pub username: Option<String>,
    /// New password.
    pub password: Option<Secret>,
    /// New API token; `Some(None)` removes it.
    pub api_token: Option<Option<Secret>>,
    /// New two-factor TOTP secret; `Some(None)` removes it.
    pub two_factor_secret: Option<Option<Secret>>,
    /// Accept a self-signed certificate or not.
    pub allow_insecure_tls: Option<bool>,
    /// Another location (only for a panel nothing was sold on).
    pub location: Option<LocationId>,
    /// Trust the self-signed certificate the panel presents now instead of the pinned one
    /// (after the admin renewed it and compared fingerprints).
    pub repin: bool,
}

impl PanelChanges {
    /// Whether the change affects how MoonVPN logs in (so the login is tried first).
    pub fn touches_login(&self) -> bool {
        self.url.is_some()
            || self.username.is_some()
            || self.password.is_some()
            || self.api_token.is_some()
            || self.two_factor_secret.is_some()
            || self.allow_insecure_tls.is_some()
            || self.repin
    }

    /// `panel` with these changes made.
    pub fn applied_to(&self, panel: &Panel) -> Panel {
        let mut p = panel.clone();
        if let Some(name) = &self.name {
            p.name = name.clone();
        }
        if let Some(url) = &self.url {
            p.url = url.clone();
        }
        if let Some(username) = &self.username {
            p.username = username.clone();
        }
        if let Some(password) = &self.password {
            p.password = password.clone();
        }
        if let Some(token) = &self.api_token {
            p.api_token = token.clone();
        }
        if let Some(secret) = &self.two_factor_secret {
            p.two_factor_secret = secret.clone();
        }
        if let Some(insecure) = self.allow_insecure_tls {
            p.allow_insecure_tls = insecure;
        }
        if let Some(location) = self.location {
            p.location = location;
        }
        // A pin belongs to one address and one trust decision: it is learned again when either
        // changes or the admin asks, and dropped when self-signed certificates are no longer
        // accepted.
        if self.repin || p.url != panel.url || p.allow_insecure_tls != panel.allow_insecure_tls || !p.allow_insecure_tls
        {
            p.tls_pin = None;
        }
        p
    }

    /// What the change did, for the audit log: new values of plain settings and only the
    /// names of changed secrets (never their values).
    pub fn audit_detail(&self) -> Value {
        let mut detail = json!({});
        if let Some(name) = &self.name {
            detail["name"] = json!(name.as_str());
        }
        if let Some(url) = &self.url {
            detail["url"] = json!(url.as_str());
        }
        if let Some(username) = &self.username {
            detail["username"] = json!(username);
        }
        if self.password.is_some() {
            detail["password"] = json!("changed");
        }
        if let Some(token) = &self.api_token {
            detail["api_token"] = json!(if token.is_some() { "changed" } else { "removed" });
        }
        if let Some(secret) = &self.two_factor_secret {
            detail["two_factor_secret"] = json!(if secret.is_some() { "changed" } else { "removed" });
        }
        if let Some(insecure) = self.allow_insecure_tls {
            detail["allow_self_signed"] = json!(insecure);
        }
        if self.repin {
            detail["repin"] = json!(true);
        }
        if let Some(location) = self.location {
            detail["location"] = json!(location.get());
        }
        detail
    }
}

/// How many client accounts were sold on a panel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountCounts {
    /// Accounts users still hold (active, expired or disabled; not moved away).
    pub live: usize,
    /// Every account ever sold there, moved-away ones included.
    pub total: usize,
}

/// What removing a panel did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelRemoval {
    /// Nothing was ever sold on it: it and its inbounds are gone.
    Deleted,
    /// Accounts were sold on it, so it is kept (their history points at it) but taken off
    /// sale.
    Disabled {
        /// Accounts users still hold there.
        live_accounts: usize,
    },
}

/// A panel just connected: stored, checked and read once.
#[derive(Debug)]
pub struct ConnectedPanel {
    /// The stored panel.
    pub panel: Panel,
    /// The 3x-ui API generation it speaks (pinned, or detected).
    pub generation: ApiGeneration,
    /// Its first health check.
    pub health: HealthCheck,
    /// Its first sync; a failure here leaves the panel stored (sync it again later).
    pub sync: Result<PanelSyncReport, InventoryError>,
}

/// A panel with everything an admin list shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelOverview {
    /// The panel.
    pub panel: Panel,
    /// The generation an admin pinned, if any.
    pub pinned_generation: Option<ApiGeneration>,
    /// Its last health check, if any.
    pub health: Option<HealthCheck>,
    /// Its inbounds as last synced.
    pub inbounds: Vec<Inbound>,
    /// Accounts sold on it.
    pub accounts: AccountCounts,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CertPin;

    #[test]
    fn the_audit_detail_names_changed_secrets_but_never_holds_them() {
        let changes = PanelChanges {
            password: Some(Secret::new("hunter2")),
            api_token: Some(None),
            name: Some(DisplayName::new("Paris 2").unwrap()),
            ..PanelChanges::default()
        };
        let detail = changes.audit_detail();
        assert_eq!(detail["password"], "changed");
        assert_eq!(detail["api_token"], "removed");
        assert_eq!(detail["name"], "Paris 2");
        assert!(!detail.to_string().contains("hunter2"));
    }

    #[test]
    fn a_two_factor_change_is_a_login_change_and_can_remove_the_secret() {
        let changes = PanelChanges {
            two_factor_secret: Some(None),
            ..PanelChanges::default()
        };
        assert!(changes.touches_login());
        assert!(!PanelChanges::default().touches_login());
    }

    #[test]
    fn a_pin_is_kept_across_unrelated_edits_and_dropped_when_the_address_or_trust_changes() {
        let pinned = Panel {
            url: PanelUrl::new("https://p.example.com:2053").unwrap(),
            allow_insecure_tls: true,
            tls_pin: Some(CertPin::from_digest([3; 32])),
            ..crate::fixtures::panel(1, 1, true)
        };
        let rename = PanelChanges {
            name: Some(DisplayName::new("Paris 2").unwrap()),
            ..PanelChanges::default()
        };
        assert_eq!(rename.applied_to(&pinned).tls_pin, pinned.tls_pin);
        for drops in [
            PanelChanges {
                repin: true,
                ..PanelChanges::default()
            },
            PanelChanges {
                url: Some(PanelUrl::new("https://q.example.com:2053").unwrap()),
                ..PanelChanges::default()
            },
            PanelChanges {
                allow_insecure_tls: Some(false),
                ..PanelChanges::default()
            },
        ] {
            assert_eq!(drops.applied_to(&pinned).tls_pin, None, "{drops:?}");
        }
        assert!(
            PanelChanges {
                repin: true,
                ..PanelChanges::default()
            }
            .touches_login()
        );
    }
}
