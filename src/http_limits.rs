//! Limits every HTTP route shares, applied by [`guard`] to the app's whole router: a deadline
//! per request, a cap on request bodies, and an optional bearer token in front of `/metrics`
//! and the detailed health report (`/healthz` with a query or a sub-path).

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use kernel::Secret;
use telegram::callback::constant_time_eq;

/// The limits; [`HttpLimits::new`] has the defaults.
#[derive(Debug, Clone)]
pub struct HttpLimits {
    /// Longest time one request may take, body included; then `503`.
    pub request_timeout: Duration,
    /// Largest request body accepted; a bigger one gets `413`. Telegram's updates and
    /// payment webhooks are a few kilobytes.
    pub body_limit: usize,
    /// The bearer token `/metrics` and the detailed `/healthz` require, if any.
    pub metrics_token: Option<Secret>,
}

/// Default per-request deadline.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Default body cap: 256 KiB.
pub const BODY_LIMIT: usize = 256 * 1024;

impl HttpLimits {
    /// The default deadline and body cap, with `metrics_token` (from `http.metrics_token`).
    pub fn new(metrics_token: Option<Secret>) -> Self {
        Self {
            request_timeout: REQUEST_TIMEOUT,
            body_limit: BODY_LIMIT,
            metrics_token,
        }
    }
}

/// Wraps `router` with the limits: a `413` for a body over the cap, a `503` for a request
/// over the deadline, a `401` for `/metrics` or the detailed `/healthz` without the token.
pub fn guard(router: Router, limits: &HttpLimits) -> Router {
    let limits = Arc::new(limits.clone());
    router
        .layer(DefaultBodyLimit::max(limits.body_limit))
        .layer(middleware::from_fn_with_state(Arc::clone(&limits), enforce))
}

async fn enforce(State(limits): State<Arc<HttpLimits>>, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limits.body_limit as u64) {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large\n").into_response();
    }
    if let Some(token) = &limits.metrics_token
        && needs_token(request.uri().path(), request.uri().query())
        && !bearer_matches(request.headers().get(header::AUTHORIZATION), token)
    {
        let mut refused = (StatusCode::UNAUTHORIZED, "a bearer token is required\n").into_response();
        refused
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return refused;
    }
    match tokio::time::timeout(limits.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_elapsed) => {
            tracing::warn!("an HTTP request ran past its deadline");
            (StatusCode::SERVICE_UNAVAILABLE, "request timed out\n").into_response()
        }
    }
}

/// `/metrics`, and `/healthz` asked for more than up/down (a query or a sub-path).
fn needs_token(path: &str, query: Option<&str>) -> bool {
    let path = path.trim_end_matches('/');
    path == "/metrics"
        || path.starts_with("/metrics/")
        || (path == "/healthz" && query.is_some_and(|q| !q.is_empty()))
        || path.starts_with("/healthz/")
}

fn bearer_matches(given: Option<&HeaderValue>, token: &Secret) -> bool {
    let Some(given) = given.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some((scheme, value)) = given.trim().split_once(' ') else {
        return false;
    };
    scheme.eq_ignore_ascii_case("bearer") && constant_time_eq(value.trim().as_bytes(), token.expose().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_metrics_and_the_detailed_health_report_need_the_token() {
        assert!(needs_token("/metrics", None));
        assert!(needs_token("/metrics/", None));
        assert!(needs_token("/healthz", Some("detail")));
        assert!(needs_token("/healthz/detail", None));
        assert!(!needs_token("/healthz", None));
        assert!(!needs_token("/telegram/abc", None));
    }

    #[test]
    fn the_bearer_scheme_and_the_exact_token_are_required() {
        let token = Secret::new("0123456789abcdef");
        let header = |v: &'static str| HeaderValue::from_static(v);
        assert!(bearer_matches(Some(&header("Bearer 0123456789abcdef")), &token));
        assert!(bearer_matches(Some(&header("bearer 0123456789abcdef")), &token));
        assert!(!bearer_matches(Some(&header("Bearer 0123456789abcdeX")), &token));
        assert!(!bearer_matches(Some(&header("Basic 0123456789abcdef")), &token));
        assert!(!bearer_matches(Some(&header("0123456789abcdef")), &token));
        assert!(!bearer_matches(None, &token));
    }
}
