//! The payment providers' webhooks on the HTTP server: one route per enabled provider,
//! `/pay/<provider>/callback` (GET or POST, as the provider's cabinet is set), each handed
//! raw to [`PaymentService::handle_callback`], which verifies first and answers in the
//! provider's format. A body over [`CALLBACK_BODY_LIMIT`] gets `413`; a storage failure gets
//! `500` so the provider delivers again later. A credited payment made for an order then pays
//! that order in the background ([`PaymentService::pay_order_of`]).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use payments::{CallbackRequest, PaymentService, Provider};

/// The largest callback body accepted (providers send a few hundred bytes).
pub const CALLBACK_BODY_LIMIT: usize = 64 * 1024;

#[derive(Clone)]
struct Route {
    payments: Arc<PaymentService>,
    provider: Provider,
}

/// One `/pay/<provider>/callback` route for each webhook provider `payments` has enabled.
pub fn router(payments: Arc<PaymentService>) -> Router {
    let mut router = Router::new();
    // Telegram Stars arrive as Telegram updates, not on a route of their own.
    for provider in payments.enabled().into_iter().filter(|p| *p != Provider::Stars) {
        let route = Route {
            payments: payments.clone(),
            provider,
        };
        router = router.route(
            &gateways::PaymentsConfig::callback_path(provider),
            any(callback).with_state(route),
        );
    }
    router
}

async fn callback(State(route): State<Route>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, CALLBACK_BODY_LIMIT).await else {
        tracing::warn!(provider = %route.provider, "a callback body over the limit was refused");
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large\n").into_response();
    };
    let call = CallbackRequest {
        method: parts.method.as_str().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts
            .headers
            .iter()
            .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
            .collect(),
        body: body.to_vec(),
        remote_ip: parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip()),
    };
    match route.payments.handle_callback(route.provider, &call).await {
        Ok(outcome) => {
            if let Some(payment) = outcome.credited.filter(|p| p.order.is_some()) {
                // The order the payment was for is paid in the background, so the provider
                // gets its answer at once; the reconciliation job finishes it after a crash.
                let payments = route.payments.clone();
                tokio::spawn(async move {
                    if let Err(e) = payments.pay_order_of(&payment).await {
                        tracing::warn!(payment = %payment.id, error = %e, "the order of a payment is not paid yet; the reconciliation job tries again");
                    }
                });
            }
            let status = StatusCode::from_u16(outcome.reply.status).unwrap_or(StatusCode::BAD_REQUEST);
            (status, outcome.reply.body).into_response()
        }
        Err(e) => {
            tracing::error!(provider = %route.provider, error = %e, "a callback could not be taken now; the provider delivers it again");
            (StatusCode::INTERNAL_SERVER_ERROR, "try again later\n").into_response()
        }
    }
}
