//! Webhook intake: `POST /telegram/<path>` on our axum server. Requests without the secret
//! Telegram was given in `setWebhook` are refused with 401.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use kernel::Secret;

use super::decode;
use crate::api::{ApiError, BotApi};
use crate::callback::constant_time_eq;
use crate::dispatch::Dispatcher;

/// The header Telegram puts the secret in.
pub const WEBHOOK_SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// Why a webhook secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a webhook secret is 16 to 256 characters of A-Z, a-z, 0-9, _ and -")]
pub struct WebhookSecretError;

/// The secret Telegram sends with every webhook call (Telegram allows 1–256 characters of
/// `A-Za-z0-9_-`; we ask for at least 16).
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(Secret);

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(***)")
    }
}

impl WebhookSecret {
    /// Checks a configured secret.
    pub fn new(secret: Secret) -> Result<Self, WebhookSecretError> {
        let text = secret.expose();
        let ok_chars = text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !(16..=256).contains(&text.len()) || !ok_chars {
            return Err(WebhookSecretError);
        }
        Ok(Self(secret))
    }

    /// The secret, for `setWebhook`.
    pub fn secret(&self) -> &Secret {
        &self.0
    }

    fn matches(&self, header: Option<&[u8]>) -> bool {
        header.is_some_and(|given| constant_time_eq(given, self.0.expose().as_bytes()))
    }
}

#[derive(Clone)]
struct Hook {
    dispatcher: Dispatcher,
    secret: WebhookSecret,
}

/// The webhook route, `POST /telegram/{path}`, to merge into the app's axum router.
/// `path` should be unguessable too (e.g. derived from the token), so scanners never reach
/// the secret check.
pub fn webhook_router(dispatcher: Dispatcher, secret: WebhookSecret, path: &str) -> Router {
    let route = format!("/telegram/{}", path.trim_matches('/'));
    Router::new()
        .route(&route, post(receive))
        .with_state(Hook { dispatcher, secret })
}

async fn receive(State(hook): State<Hook>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers.get(WEBHOOK_SECRET_HEADER).map(|v| v.as_bytes());
    if !hook.secret.matches(given) {
        tracing::warn!("webhook call without the right secret refused");
        return StatusCode::UNAUTHORIZED;
    }
    let raw = match serde_json::from_slice(&body) {
        Ok(raw) => raw,
        Err(e) => {
            tracing::warn!(error = %e, "webhook body is not JSON");
            return StatusCode::BAD_REQUEST;
        }
    };
    match decode(raw) {
        Ok(update) => {
            hook.dispatcher.dispatch(update).await;
        }
        // Answer 200 anyway: a non-2xx makes Telegram send the same unreadable update again.
        Err(e) => tracing::warn!(error = %e, "skipping a webhook update this bot cannot read"),
    }
    StatusCode::OK
}

/// Points Telegram at `public_url` (which must end in `/telegram/<path>`) with `secret`.
pub async fn register_webhook(api: &BotApi, public_url: &str, secret: &WebhookSecret) -> Result<(), ApiError> {
    api.set_webhook(public_url, secret.secret()).await
}
