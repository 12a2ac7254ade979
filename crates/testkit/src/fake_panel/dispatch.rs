//! The panel's router: base path, public routes, `checkLogin`/`checkAPIAuth`, CSRF, then the API.

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::Value;

use super::api;
use super::auth::{self, Auth};
use super::config::Generation;
use super::recorded::RecordedRequest;
use super::reply;
use super::request::Req;
use super::settings;
use super::state::State;
use super::texts::LOGIN_AGAIN;

const LOGIN_PAGE: &str =
    "<!DOCTYPE html><html><head><title>Login</title></head><body><div id=\"login\"></div></body></html>";
const PANEL_PAGE: &str =
    "<!DOCTYPE html><html><head><title>3x-ui</title></head><body><div id=\"app\"></div></body></html>";

/// Answers one panel request.
pub(crate) fn handle(st: &mut State, req: &Req) -> Response {
    let auth = auth::authenticate(st, req);
    let base = st.config.base_path.clone();
    let rel = req
        .path
        .strip_prefix(base.trim_end_matches('/'))
        .filter(|r| r.starts_with('/'));
    st.requests.push(RecordedRequest {
        method: req.method.to_string(),
        path: rel.unwrap_or(&req.path).to_owned(),
        authenticated: auth.is_authenticated(),
    });
    let generation = st.generation;
    let Some(rel) = rel else {
        return reply::no_route(generation);
    };
    let segs: Vec<&str> = rel[1..].split('/').collect();
    let method = req.method;
    match segs.as_slice() {
        [""] if *method == Method::GET => reply::html(LOGIN_PAGE),
        ["login"] if *method == Method::POST => auth::login(st, req),
        ["logout"] if *method == Method::GET && generation != Generation::D => auth::logout(st, req),
        ["logout"] if *method == Method::POST && generation == Generation::D => auth::logout(st, req),
        ["csrf-token"] if *method == Method::GET && generation.is_v3() => auth::csrf_token(st, req),
        ["getTwoFactorEnable"] if *method == Method::POST => auth::two_factor_enable(st, req),
        ["panel", "api", rest @ ..] => panel_api(st, req, &auth, rest),
        ["panel", rest @ ..] => panel_pages(st, req, &auth, rest),
        _ => reply::no_route(generation),
    }
}

/// `/panel/*` pages and settings: `checkLogin` (307 or 401 JSON), then CSRF on v3.
fn panel_pages(st: &mut State, req: &Req, auth: &Auth, rest: &[&str]) -> Response {
    let generation = st.generation;
    let method = req.method;
    let page = match rest {
        [""] | ["inbounds"] | ["settings"] | ["xray"] if *method == Method::GET => Page::Html,
        ["csrf-token"] if *method == Method::GET && generation.is_v3() => Page::CsrfToken,
        ["setting", "defaultSettings"] if *method == Method::POST => Page::DefaultSettings,
        _ => return reply::no_route(generation),
    };
    if !matches!(auth, Auth::Session(_)) {
        return check_login_refusal(st, req);
    }
    if generation.is_v3() && !req.is_safe_method() && !auth::csrf_ok(st, req) {
        return reply::empty(StatusCode::FORBIDDEN);
    }
    auth::consume(st, auth);
    match page {
        Page::Html => reply::html(PANEL_PAGE),
        Page::CsrfToken => auth::csrf_token(st, req),
        Page::DefaultSettings => settings::default_settings(st, req),
    }
}

enum Page {
    Html,
    CsrfToken,
    DefaultSettings,
}

/// `checkLogin` refusing: `401` JSON for XHR callers, else `307 → {base}`.
fn check_login_refusal(st: &State, req: &Req) -> Response {
    if req.is_xhr() {
        let mut response = reply::envelope(false, LOGIN_AGAIN, Value::Null);
        *response.status_mut() = StatusCode::UNAUTHORIZED;
        response
    } else {
        reply::redirect(
            &st.config.base_path,
            *req.method == Method::GET || *req.method == Method::HEAD,
        )
    }
}

/// `/panel/api/*`: route match first (unknown routes never reach auth), then auth, CSRF, handler.
fn panel_api(st: &mut State, req: &Req, auth: &Auth, rest: &[&str]) -> Response {
    let generation = st.generation;
    let Some(route) = api::route(generation, req.method, rest) else {
        return reply::no_route(generation);
    };
    if !auth.is_authenticated() {
        return match generation {
            Generation::A => check_login_refusal(st, req),
            Generation::B => reply::empty(StatusCode::NOT_FOUND),
            Generation::C | Generation::D if req.is_xhr() => reply::empty(StatusCode::UNAUTHORIZED),
            Generation::C | Generation::D => reply::empty(StatusCode::NOT_FOUND),
        };
    }
    if generation.is_v3() && matches!(auth, Auth::Session(_)) && !req.is_safe_method() && !auth::csrf_ok(st, req) {
        return reply::empty(StatusCode::FORBIDDEN);
    }
    auth::consume(st, auth);
    api::run(st, req, route)
}
