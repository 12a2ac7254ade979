//! The HTTP server on `http.listen`: `GET /healthz`, `GET /metrics`, and in webhook mode
//! the Telegram webhook route (merged in by [`crate::app`]).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use notify::OutboxRepo;
use store::Store;
use telegram::Dispatcher;

use crate::metrics::{self, Gauges, Metrics};

/// How long a health probe waits for the database.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// The port `/healthz` and `/metrics` ask about the state of the system behind them.
#[async_trait]
pub trait StatusProbe: Send + Sync {
    /// Whether the database answers a ping within [`PROBE_TIMEOUT`].
    async fn database_up(&self) -> bool;
    /// Notices waiting in the outbox, or `None` when they cannot be counted now.
    async fn outbox_pending(&self) -> Option<u64>;
}

#[async_trait]
impl StatusProbe for Store {
    async fn database_up(&self) -> bool {
        matches!(tokio::time::timeout(PROBE_TIMEOUT, self.ping()).await, Ok(Ok(())))
    }

    async fn outbox_pending(&self) -> Option<u64> {
        match tokio::time::timeout(PROBE_TIMEOUT, self.pending_count()).await {
            Ok(Ok(n)) => Some(n),
            _ => None,
        }
    }
}

/// What the handlers read.
#[derive(Clone)]
pub struct HttpState {
    /// The database and the outbox, asked by `/healthz` and `/metrics`.
    pub probe: Arc<dyn StatusProbe>,
    /// The metrics `/metrics` prints.
    pub metrics: Arc<Metrics>,
    /// The update dispatcher (active chats).
    pub dispatcher: Dispatcher,
}

/// `/healthz` and `/metrics`.
pub fn router(state: HttpState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(scrape))
        .with_state(state)
}

async fn healthz(State(state): State<HttpState>) -> impl IntoResponse {
    if state.probe.database_up().await {
        (StatusCode::OK, "ok\n")
    } else {
        tracing::warn!("health check: the database does not answer");
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n")
    }
}

async fn scrape(State(state): State<HttpState>) -> impl IntoResponse {
    let database_up = state.probe.database_up().await;
    let gauges = Gauges {
        database_up,
        outbox_pending: if database_up {
            state.probe.outbox_pending().await
        } else {
            None
        },
        active_chats: state.dispatcher.active_chats(),
    };
    (
        [(header::CONTENT_TYPE, metrics::CONTENT_TYPE)],
        state.metrics.render(gauges),
    )
}
