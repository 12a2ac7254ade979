//! Logging in: the `3x-ui` session cookie (with the v3 CSRF token and, when set, the
//! two-factor code) or a v3 API token sent as `Authorization: Bearer`.

use std::collections::BTreeMap;

use inventory::{PanelConnection, PanelError};
use kernel::Clock;
use reqwest::RequestBuilder;
use serde_json::json;

use crate::answer::{Answer, classify};
use crate::http::{Http, Method, Req};
use crate::totp::TwoFactor;

/// Credentials for the next requests to one panel. Never printed: it holds secrets.
#[derive(Clone, Default)]
pub(crate) struct Session {
    cookies: BTreeMap<String, String>,
    csrf: Option<String>,
    bearer: Option<String>,
    /// Which login this is (so a failed session is dropped only once).
    pub epoch: u64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("cookies", &self.cookies.keys().collect::<Vec<_>>())
            .field("csrf", &self.csrf.is_some())
            .field("bearer", &self.bearer.is_some())
            .field("epoch", &self.epoch)
            .finish()
    }
}

impl Session {
    /// No credentials (public routes).
    pub fn anonymous() -> Self {
        Self::default()
    }

    /// A v3 API token.
    pub fn bearer(token: &str) -> Self {
        Self {
            bearer: Some(token.to_owned()),
            ..Self::default()
        }
    }

    /// Whether this is an API-token session (nothing to log in again).
    pub fn is_bearer(&self) -> bool {
        self.bearer.is_some()
    }

    /// Keeps the cookies a response sets (an empty value or `Max-Age=0` removes one).
    pub fn absorb(&mut self, set_cookies: &[String]) {
        for header in set_cookies {
            let mut parts = header.split(';');
            let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            let expired = parts.any(|attr| {
                let attr = attr.trim().to_ascii_lowercase();
                attr == "max-age=0" || attr.starts_with("max-age=-")
            });
            if value.is_empty() || expired {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    /// Adds the credentials to a request (the CSRF token only where the panel checks it).
    pub fn apply(&self, builder: RequestBuilder, method: Method) -> RequestBuilder {
        let mut builder = builder;
        if let Some(token) = &self.bearer {
            builder = builder.bearer_auth(token);
        }
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            builder = builder.header(reqwest::header::COOKIE, cookie);
        }
        if let (Some(csrf), Method::Post) = (&self.csrf, method) {
            builder = builder.header("X-CSRF-Token", csrf);
        }
        builder
    }
}

/// Why a login did not give a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LoginError {
    /// The panel refused the credentials (or the two-factor code).
    Refused,
    /// The panel does not log in the way this generation does (CSRF refused, no
    /// `csrf-token`): it was probably upgraded or downgraded.
    Mismatch,
    /// Anything else.
    Failed(PanelError),
}

/// The API token of a connection, if one is set.
pub(crate) fn api_token(conn: &PanelConnection) -> Option<&str> {
    conn.api_token
        .as_ref()
        .map(|t| t.expose().trim())
        .filter(|t| !t.is_empty())
}

/// Fetches a v3 CSRF token (`GET csrf-token`) into `session`.
pub(crate) async fn fetch_csrf(http: &Http, conn: &PanelConnection, session: &mut Session) -> Result<(), LoginError> {
    let resp = http
        .send_repeatable(conn, &Req::get("csrf-token"), session)
        .await
        .map_err(LoginError::Failed)?;
    session.absorb(&resp.set_cookies);
    match classify(&resp) {
        Answer::Done(serde_json::Value::String(token)) if !token.is_empty() => {
            session.csrf = Some(token);
            Ok(())
        }
        Answer::RouteMissing | Answer::EmptyNotFound | Answer::AuthLost => Err(LoginError::Mismatch),
        Answer::ServerError(status) => Err(LoginError::Failed(crate::answer::server_error(status))),
        Answer::Garbage(what) => Err(LoginError::Failed(PanelError::BadResponse(what))),
        Answer::Done(_) | Answer::Refused(_) => Err(LoginError::Failed(PanelError::BadResponse(
            "the panel's csrf-token answer is not a token".into(),
        ))),
    }
}

/// Logs in with username and password (and two-factor code), on a v3 panel (`v3`) with
/// its CSRF token. `start` may already hold the CSRF cookie and token.
///
/// The TOTP code is computed from `clock`; a refusal that comes back in the next 30-second
/// window (the code went stale on the way) is tried once more with the new code. A refusal
/// without any two-factor setting asks the panel whether it wants a code, so the admin hears
/// [`PanelError::TwoFactorRequired`] instead of a plain refusal.
pub(crate) async fn login(
    http: &Http,
    conn: &PanelConnection,
    v3: bool,
    two_factor: Option<&TwoFactor>,
    clock: &dyn Clock,
    start: Session,
) -> Result<Session, LoginError> {
    let mut session = start;
    if v3 && session.csrf.is_none() {
        fetch_csrf(http, conn, &mut session).await?;
    }
    let mut retried = false;
    loop {
        let sent_at = unix_now(clock);
        let mut body = json!({"username": conn.username, "password": conn.password.expose()});
        if let Some(code) = two_factor.and_then(|t| t.code_at(sent_at)) {
            body["twoFactorCode"] = json!(code);
            body["loginSecret"] = json!(code);
        }
        let resp = http
            .send_repeatable(conn, &Req::post_json("login", body), &session)
            .await
            .map_err(LoginError::Failed)?;
        return match classify(&resp) {
            Answer::Done(_) => {
                session.absorb(&resp.set_cookies);
                tracing::debug!(panel = %conn.url, "logged in to panel");
                Ok(session)
            }
            Answer::Refused(_) => match two_factor {
                Some(TwoFactor::Totp(_)) if !retried && unix_now(clock) / 30 != sent_at / 30 => {
                    retried = true;
                    tracing::debug!(panel = %conn.url, "two-factor code went stale on the way; logging in again");
                    continue;
                }
                Some(_) => Err(LoginError::Refused),
                None if wants_two_factor(http, conn, &session).await => {
                    Err(LoginError::Failed(PanelError::TwoFactorRequired))
                }
                None => Err(LoginError::Refused),
            },
            Answer::AuthLost => Err(LoginError::Mismatch),
            Answer::RouteMissing | Answer::EmptyNotFound => Err(LoginError::Failed(PanelError::BadResponse(
                "the panel has no login page at this URL; check the base path".into(),
            ))),
            Answer::ServerError(status) => Err(LoginError::Failed(crate::answer::server_error(status))),
            Answer::Garbage(what) => Err(LoginError::Failed(PanelError::BadResponse(what))),
        };
    }
}

/// Whether the panel says its login needs a two-factor code (`POST getTwoFactorEnable`);
/// `false` when it cannot tell (an old panel without that route).
async fn wants_two_factor(http: &Http, conn: &PanelConnection, session: &Session) -> bool {
    match http
        .send_repeatable(conn, &Req::post("getTwoFactorEnable"), session)
        .await
    {
        Ok(resp) => matches!(classify(&resp), Answer::Done(serde_json::Value::Bool(true))),
        Err(_) => false,
    }
}

fn unix_now(clock: &dyn Clock) -> u64 {
    u64::try_from(clock.now().unix_timestamp()).unwrap_or(0)
}

/// The two-factor login of a connection: its TOTP secret, when one is set.
pub(crate) fn two_factor_of(conn: &PanelConnection) -> Option<TwoFactor> {
    conn.two_factor_secret
        .as_ref()
        .filter(|s| !s.expose().trim().is_empty())
        .map(|s| TwoFactor::Totp(s.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_kept_replaced_and_expired() {
        let mut s = Session::anonymous();
        s.absorb(&["3x-ui=abc; Path=/; Max-Age=21600; HttpOnly".into(), "lang=en".into()]);
        assert_eq!(s.cookies.get("3x-ui").map(String::as_str), Some("abc"));
        s.absorb(&["3x-ui=def; Path=/".into()]);
        assert_eq!(s.cookies.get("3x-ui").map(String::as_str), Some("def"));
        s.absorb(&["3x-ui=; Max-Age=0".into(), "lang=x; Max-Age=0".into()]);
        assert!(s.cookies.is_empty());
    }

    #[test]
    fn sessions_never_print_their_secrets() {
        let mut s = Session::bearer("top-secret-token");
        s.absorb(&["3x-ui=cookie-secret".into()]);
        let shown = format!("{s:?}");
        assert!(!shown.contains("top-secret-token") && !shown.contains("cookie-secret"));
    }
}
