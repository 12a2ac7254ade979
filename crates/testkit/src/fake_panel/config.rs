//! What a test chooses about its fake panel: generation, base path, credentials, faults.

use std::time::Duration;

/// The 3x-ui API generation the fake speaks (reference §0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    /// v2.0 – v2.8.3: cookie auth; unauthenticated API calls get `307 → {base}`
    /// (or `401` JSON with `X-Requested-With: XMLHttpRequest`); unknown routes `404 "404 page not found"`.
    A,
    /// v2.8.4 – v2.9.x: cookie auth; unauthenticated API calls get `404` with an empty body.
    B,
    /// v3.0.x: cookie + CSRF header, or `Authorization: Bearer`; `GET {base}csrf-token` exists.
    C,
    /// v3.1+: like C, plus `/panel/api/clients/*`; legacy client routes are gone and inbound
    /// `settings`/`streamSettings`/`sniffing` are nested JSON objects.
    D,
}

impl Generation {
    /// v3 panels (C, D) have CSRF, Bearer tokens and the `csrf-token` route.
    pub fn is_v3(self) -> bool {
        matches!(self, Generation::C | Generation::D)
    }

    /// From v2.8.5 the panel installs a catch-all that answers unknown routes with an empty 404.
    pub(crate) fn empty_not_found(self) -> bool {
        !matches!(self, Generation::A)
    }
}

/// How a [`crate::FakePanel`] is set up.
#[derive(Clone, Debug)]
pub struct FakePanelConfig {
    /// API generation to speak.
    pub generation: Generation,
    /// The panel's `webBasePath`, e.g. `"/secretpath/"`; `"/"` is allowed. Normalised to start and end with `/`.
    pub base_path: String,
    /// Admin username.
    pub username: String,
    /// Admin password.
    pub password: String,
    /// When set, login also needs `twoFactorCode` equal to this value (a fixed code, like the
    /// `loginSecret` of 3x-ui up to 2.5).
    pub two_factor_code: Option<String>,
    /// When set (a base32 TOTP secret), login also needs `twoFactorCode` equal to the TOTP code
    /// of the current 30-second window (SHA-1, 6 digits), as 3x-ui 2.6+ checks it.
    pub two_factor_secret: Option<String>,
    /// An API token accepted as `Authorization: Bearer <token>` (generations C and D only).
    pub api_token: Option<String>,
    /// Serve `/sub/<subId>` on a second port.
    pub subscription: bool,
    /// Serve HTTPS (panel and subscription ports) with a self-signed certificate generated at
    /// start for `127.0.0.1` and `localhost`; [`crate::FakePanel::url`] then starts with `https://`.
    pub tls: bool,
}

impl Default for FakePanelConfig {
    fn default() -> Self {
        FakePanelConfig {
            generation: Generation::D,
            base_path: "/panel-x7Qb/".to_owned(),
            username: "admin".to_owned(),
            password: "admin".to_owned(),
            two_factor_code: None,
            two_factor_secret: None,
            api_token: None,
            subscription: true,
            tls: false,
        }
    }
}

/// A way for the fake panel to misbehave, set with [`crate::FakePanel::set_fault`].
/// Faults apply to the panel port and the subscription port alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// New connections are accepted and closed at once; requests on kept-alive connections
    /// get the connection closed without a response.
    Down,
    /// Every response is delayed by this long.
    Slow(Duration),
    /// Every request gets `500` with an empty body (what a recovered Go panic looks like).
    Http500,
    /// Every request gets `200` with a body that is not JSON.
    GarbageJson,
    /// Logins with the right credentials are refused with the real "Invalid username…" message,
    /// and the Bearer token stops matching. Sessions that already exist keep working.
    LoginRefused,
    /// A login session serves exactly one authenticated request; the next request with the same
    /// cookie finds the session expired. Logging in again always works. Bearer tokens are unaffected.
    SessionExpiresEveryRequest,
}

/// Normalises a base path the way 3x-ui's `GetBasePath` does: leading and trailing `/`.
pub(crate) fn normalise_base_path(raw: &str) -> String {
    let trimmed = raw.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    }
}
