//! The HTTP side: `/bot<token>/<method>` (any HTTP method, any body encoding) and
//! `/file/bot<token>/<file_path>` downloads, on an axum server bound to `127.0.0.1:0`.

use std::io;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::extract::{Request, State as AxumState};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::envelope::{ApiError, respond};
use super::observe::{self, ObservedCall};
use super::spec::Spec;
use super::state::State;
use super::transcript::RecordedCall;
use super::{body, keyboard, methods, updates, validate, webhook};

/// Largest request body read (documents may be 50 MB).
const MAX_BODY: usize = 64 << 20;

/// State shared by the test's handles and the server tasks.
#[derive(Debug)]
pub(crate) struct Shared {
    state: Mutex<State>,
    pub(crate) wake: Arc<Notify>,
}

impl Shared {
    pub(crate) fn new(token: &str) -> Arc<Shared> {
        let wake = Arc::new(Notify::new());
        Arc::new(Shared {
            state: Mutex::new(State::new(token, wake.clone())),
            wake,
        })
    }

    /// The state (a poisoned lock is still usable: a panicking test helper leaves plain data).
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Binds `127.0.0.1:0` and serves until the task is aborted.
pub(crate) async fn spawn(shared: Arc<Shared>) -> io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let app = Router::new().fallback(handle).with_state(shared);
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((addr, task))
}

/// Counts a bot call as in progress until dropped (also when the client hangs up).
struct InFlight(Arc<Shared>);

impl InFlight {
    fn start(shared: &Arc<Shared>) -> InFlight {
        let mut st = shared.lock();
        st.in_flight += 1;
        st.touch();
        InFlight(shared.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut st = self.0.lock();
        st.in_flight = st.in_flight.saturating_sub(1);
        st.touch();
    }
}

async fn handle(AxumState(shared): AxumState<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    if let Some(rest) = path.strip_prefix("/file/bot") {
        return download(&shared, rest);
    }
    let Some((token, method)) = path.strip_prefix("/bot").and_then(|rest| rest.split_once('/')) else {
        return respond(&Err(ApiError::not_found()));
    };
    if token != shared.lock().token {
        return respond(&Err(ApiError::unauthorized()));
    }
    let bytes = axum::body::to_bytes(body, MAX_BODY).await.unwrap_or_default();
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let outcome = call(&shared, method, parts.uri.query(), content_type.as_deref(), &bytes).await;
    respond(&outcome)
}

async fn call(
    shared: &Arc<Shared>,
    method: &str,
    query: Option<&str>,
    content_type: Option<&str>,
    bytes: &[u8],
) -> Result<Value, ApiError> {
    let raw = body::parse(query, content_type, bytes);
    let recorded = raw.as_ref().map(body::RawParams::recorded).unwrap_or(Value::Null);
    let spec = Spec::get();
    let known = spec.method(method);
    let is_poll = known.is_some_and(|m| m.name == "getUpdates");
    let _in_flight = (!is_poll).then(|| InFlight::start(shared));
    {
        let mut st = shared.lock();
        st.calls.push(RecordedCall {
            method: method.to_owned(),
            params: recorded,
        });
        if known.is_some()
            && let Some(failure) = st.take_failure(method)
        {
            return Err(failure);
        }
    }
    let method = known.ok_or_else(ApiError::method_not_found)?;
    let params = validate::params(spec, method, raw?)?;
    if let Some(markup) = params.value("reply_markup") {
        keyboard::check(markup)?;
    }
    if is_poll {
        observe::tell(
            &mut shared.lock().observer,
            ObservedCall {
                method: method.name.to_owned(),
                chat: None,
                ok: true,
                at: std::time::Instant::now(),
            },
        );
        return long_poll(shared, &params).await;
    }
    let outcome = {
        let mut st = shared.lock();
        let outcome = methods::dispatch(&mut st, method, &params);
        if st.observer.is_some() {
            let chat = params.i64("chat_id").or_else(|| {
                let query = params.str("callback_query_id")?;
                st.callback_queries.get(query).map(|q| q.chat)
            });
            let call = ObservedCall {
                method: method.name.to_owned(),
                chat,
                ok: outcome.is_ok(),
                at: std::time::Instant::now(),
            };
            observe::tell(&mut st.observer, call);
        }
        outcome
    };
    if method.name == "setWebhook" && outcome.is_ok() {
        webhook::ensure_running(shared);
    }
    outcome
}

/// getUpdates: answers at once when updates are pending, otherwise holds the request until
/// one arrives or `timeout` passes; a newer poll or a webhook ends it with 409.
async fn long_poll(shared: &Arc<Shared>, params: &validate::Params) -> Result<Value, ApiError> {
    let poll = updates::begin_poll(&mut shared.lock(), params)?;
    let deadline = Instant::now() + poll.timeout;
    loop {
        let mut notified = pin!(shared.wake.notified());
        notified.as_mut().enable();
        let timed_out = Instant::now() >= deadline;
        if let Some(answer) = updates::poll_once(&mut shared.lock(), poll, timed_out) {
            return answer;
        }
        tokio::select! {
            () = notified => {}
            () = tokio::time::sleep_until(deadline) => {}
        }
    }
}

fn download(shared: &Arc<Shared>, rest: &str) -> Response {
    let st = shared.lock();
    let Some((token, file_path)) = rest.split_once('/') else {
        return respond(&Err(ApiError::not_found()));
    };
    if token != st.token {
        return respond(&Err(ApiError::unauthorized()));
    }
    match st.files.by_path(file_path) {
        Some(file) => (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                file.mime
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
            )],
            file.bytes.clone(),
        )
            .into_response(),
        None => respond(&Err(ApiError::not_found())),
    }
}
