//! The HTTP server on `http.listen`: `GET /healthz`, `GET /metrics`, and in webhook mode
//! the Telegram webhook route (merged in by [`crate::app`]).

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use store::Store;
use store::entity::notify::notification_log;
use telegram::Dispatcher;

use crate::metrics::{Gauges, Metrics};

/// How long a health probe waits for the database.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// What the handlers read.
#[derive(Clone)]
pub struct HttpState {
    /// The database, pinged by `/healthz`.
    pub store: Store,
    /// The counters `/metrics` prints.
    pub metrics: Arc<Metrics>,
    /// The update dispatcher (active chats).
    pub dispatcher: Dispatcher,
}

/// `/healthz` and `/metrics`.
pub fn router(state: HttpState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(state)
}

/// Whether the database answers a ping within [`PROBE_TIMEOUT`].
pub async fn database_up(store: &Store) -> bool {
    matches!(tokio::time::timeout(PROBE_TIMEOUT, store.db().ping()).await, Ok(Ok(())))
}

/// Notices waiting in the outbox, or `None` when the database cannot count them now.
pub async fn outbox_pending(store: &Store) -> Option<u64> {
    let count = notification_log::Entity::find()
        .filter(notification_log::Column::Status.eq("pending"))
        .count(store.db());
    match tokio::time::timeout(PROBE_TIMEOUT, count).await {
        Ok(Ok(n)) => Some(n),
        _ => None,
    }
}

async fn healthz(State(state): State<HttpState>) -> impl IntoResponse {
    if database_up(&state.store).await {
        (StatusCode::OK, "ok\n")
    } else {
        tracing::warn!("health check: the database does not answer");
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n")
    }
}

async fn metrics(State(state): State<HttpState>) -> impl IntoResponse {
    let database_up = database_up(&state.store).await;
    let gauges = Gauges {
        database_up,
        outbox_pending: if database_up {
            outbox_pending(&state.store).await
        } else {
            None
        },
        active_chats: state.dispatcher.active_chats(),
    };
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        state.metrics.render(gauges),
    )
}
