//! Login, sessions, CSRF and Bearer tokens (reference §3).

use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng as _;
use rand::distr::Alphanumeric;
use serde_json::{Map, Value};

use super::bind::Fields;
use super::config::{Fault, Generation};
use super::reply;
use super::request::Req;
use super::state::{Session, State, now_ms};
use super::texts::{EMPTY_PASSWORD, EMPTY_USERNAME, WRONG_LOGIN, texts};

/// Session cookie lifetime in seconds (`sessionMaxAge` 360 minutes).
const SESSION_MAX_AGE: i64 = 360 * 60;
/// v3 login limiter: failures allowed within the window before the pair is blocked.
const MAX_FAILURES: usize = 5;
const FAILURE_WINDOW_MS: i64 = 5 * 60 * 1000;
const BLOCK_MS: i64 = 15 * 60 * 1000;

/// Who a request is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Auth {
    /// A matching `Authorization: Bearer` token (v3 only).
    Bearer,
    /// A logged-in cookie session (the cookie value).
    Session(String),
    /// Neither.
    Anonymous,
}

impl Auth {
    /// Whether the request is logged in one way or the other.
    pub(crate) fn is_authenticated(&self) -> bool {
        !matches!(self, Auth::Anonymous)
    }
}

/// Failed login attempts of one username (the fake has one client IP).
#[derive(Debug, Clone, Default)]
pub(crate) struct LoginLimit {
    failures: Vec<i64>,
    blocked_until: i64,
}

/// Works out who the request is without changing anything.
pub(crate) fn authenticate(st: &State, req: &Req) -> Auth {
    if st.generation.is_v3()
        && let Some(token) = req.header("authorization").and_then(|h| h.strip_prefix("Bearer "))
        && st.config.api_token.as_deref() == Some(token)
        && st.fault != Some(Fault::LoginRefused)
    {
        return Auth::Bearer;
    }
    match req.cookie("3x-ui") {
        Some(cookie) if st.sessions.get(&cookie).is_some_and(|s| s.logged_in) => Auth::Session(cookie),
        _ => Auth::Anonymous,
    }
}

/// Under [`Fault::SessionExpiresEveryRequest`] a session is used up by the request it authenticated.
pub(crate) fn consume(st: &mut State, auth: &Auth) {
    if st.fault == Some(Fault::SessionExpiresEveryRequest)
        && let Auth::Session(cookie) = auth
        && let Some(session) = st.sessions.get_mut(cookie)
    {
        session.logged_in = false;
    }
}

/// The CSRF check of v3 (`CSRFMiddleware`): header `X-CSRF-Token` or form field `_csrf`.
pub(crate) fn csrf_ok(st: &State, req: &Req) -> bool {
    let Some(expected) = req
        .cookie("3x-ui")
        .and_then(|c| st.sessions.get(&c))
        .and_then(|s| s.csrf.clone())
    else {
        return false;
    };
    let actual = req
        .header("x-csrf-token")
        .map(str::to_owned)
        .filter(|t| !t.is_empty())
        .or_else(|| req.form_field("_csrf"));
    actual.as_deref() == Some(expected.as_str())
}

fn random_token(len: usize) -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

fn new_csrf_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The cookie path: `/` on v2, the base path on v3.
fn cookie_path(st: &State) -> String {
    if st.generation.is_v3() {
        st.config.base_path.clone()
    } else {
        "/".to_owned()
    }
}

/// `GET {base}csrf-token` (public) and `GET {base}panel/csrf-token`: the session's token,
/// creating a session (and cookie) when there is none.
pub(crate) fn csrf_token(st: &mut State, req: &Req) -> Response {
    let existing = req.cookie("3x-ui").filter(|c| st.sessions.contains_key(c));
    if let Some(cookie) = &existing
        && let Some(token) = st.sessions.get(cookie).and_then(|s| s.csrf.clone())
    {
        return token_body(&token);
    }
    let token = new_csrf_token();
    let cookie = match existing {
        Some(cookie) => {
            if let Some(session) = st.sessions.get_mut(&cookie) {
                session.csrf = Some(token.clone());
            }
            cookie
        }
        None => {
            let cookie = random_token(48);
            st.sessions.insert(
                cookie.clone(),
                Session {
                    csrf: Some(token.clone()),
                    logged_in: false,
                },
            );
            cookie
        }
    };
    let mut response = token_body(&token);
    reply::set_cookie(&mut response, &cookie, &cookie_path(st), SESSION_MAX_AGE);
    response
}

fn token_body(token: &str) -> Response {
    let mut map = Map::new();
    map.insert("success".into(), Value::Bool(true));
    map.insert("obj".into(), Value::String(token.to_owned()));
    reply::json(StatusCode::OK, &Value::Object(map))
}

/// `POST {base}login`.
pub(crate) fn login(st: &mut State, req: &Req) -> Response {
    let t = texts(st.generation);
    if st.generation.is_v3() && !csrf_ok(st, req) {
        return reply::empty(StatusCode::FORBIDDEN);
    }
    let form = req.bind().and_then(|body| {
        let fields = Fields::of(&body, "LoginForm", "controller.LoginForm")?;
        Ok((
            fields.string("username")?,
            fields.string("password")?,
            fields.string("twoFactorCode")?,
        ))
    });
    let Ok((username, password, code)) = form else {
        return reply::envelope(false, t.invalid_form, Value::Null);
    };
    if username.is_empty() {
        return reply::envelope(false, EMPTY_USERNAME, Value::Null);
    }
    if password.is_empty() {
        return reply::envelope(false, EMPTY_PASSWORD, Value::Null);
    }
    let now = now_ms();
    if st.generation.is_v3() && st.login_limits.get(&username).is_some_and(|l| l.blocked_until > now) {
        return reply::envelope(false, WRONG_LOGIN, Value::Null);
    }
    let code_ok = two_factor_ok(st, &code, now / 1000);
    let accepted = username == st.config.username
        && password == st.config.password
        && code_ok
        && st.fault != Some(Fault::LoginRefused);
    if !accepted {
        if st.generation.is_v3() {
            let limit = st.login_limits.entry(username).or_default();
            limit.failures.retain(|at| now - at < FAILURE_WINDOW_MS);
            limit.failures.push(now);
            if limit.failures.len() >= MAX_FAILURES {
                limit.blocked_until = now + BLOCK_MS;
                limit.failures.clear();
            }
        }
        return reply::envelope(false, WRONG_LOGIN, Value::Null);
    }
    st.login_limits.remove(&username);
    let csrf = req
        .cookie("3x-ui")
        .and_then(|c| st.sessions.get(&c))
        .and_then(|s| s.csrf.clone());
    let cookie = random_token(48);
    st.sessions.insert(cookie.clone(), Session { csrf, logged_in: true });
    st.logins += 1;
    let mut response = reply::envelope(true, t.login_success, Value::Null);
    reply::set_cookie(&mut response, &cookie, &cookie_path(st), SESSION_MAX_AGE);
    response
}

/// `GET {base}logout` (v2, v3.0): clears the cookie and redirects to the base path.
/// `POST {base}logout` (v3.1+): CSRF-checked, answers `{"success":true}`.
pub(crate) fn logout(st: &mut State, req: &Req) -> Response {
    if st.generation == Generation::D && !csrf_ok(st, req) {
        return reply::empty(StatusCode::FORBIDDEN);
    }
    if let Some(cookie) = req.cookie("3x-ui") {
        st.sessions.remove(&cookie);
    }
    let mut response = if st.generation == Generation::D {
        let mut map = Map::new();
        map.insert("success".into(), Value::Bool(true));
        reply::json(StatusCode::OK, &Value::Object(map))
    } else {
        reply::redirect(&st.config.base_path, true)
    };
    reply::set_cookie(&mut response, "", &cookie_path(st), -1);
    response
}

/// `POST {base}getTwoFactorEnable`.
pub(crate) fn two_factor_enable(st: &State, req: &Req) -> Response {
    if st.generation.is_v3() && !csrf_ok(st, req) {
        return reply::empty(StatusCode::FORBIDDEN);
    }
    reply::obj(Value::Bool(two_factor_on(st)))
}

/// Whether login needs a two-factor code.
fn two_factor_on(st: &State) -> bool {
    st.config.two_factor_code.is_some() || st.config.two_factor_secret.is_some()
}

/// The two-factor check of a login at `unix_seconds`: the fixed code, or the TOTP code of the
/// current window only (no window before or after, like the panel). A secret that is not
/// base32 accepts no code.
fn two_factor_ok(st: &State, code: &str, unix_seconds: i64) -> bool {
    let fixed = st.config.two_factor_code.as_ref().is_none_or(|c| c == code);
    let totp = st.config.two_factor_secret.as_ref().is_none_or(|secret| {
        u64::try_from(unix_seconds)
            .ok()
            .and_then(|now| super::totp::code_at(secret, now))
            .is_some_and(|expected| expected == code)
    });
    fixed && totp
}
