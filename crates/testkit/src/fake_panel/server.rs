//! The HTTP plumbing: listeners that can play dead (and speak TLS when asked), one axum
//! fallback handler per port, and the faults that act before any route (slow, 500, garbage).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body as AxumBody;
use axum::extract::{Request, State as AxumState};
use axum::http::StatusCode;
use axum::response::Response;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

use super::config::Fault;
use super::recorded::RecordedRequest;
use super::request::Req;
use super::state::State;
use super::{auth, dispatch, reply, subscription};

/// Largest request body the fake reads.
const MAX_BODY: usize = 64 << 20;
/// Longest a TLS handshake may take before the connection is dropped.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// State shared by the test handle and the server tasks.
#[derive(Debug)]
pub(crate) struct Shared {
    state: Mutex<State>,
    /// Mirrors `Fault::Down` for the connection layer.
    pub(crate) down: AtomicBool,
}

impl Shared {
    pub(crate) fn new(state: State) -> Arc<Self> {
        Arc::new(Shared {
            state: Mutex::new(state),
            down: AtomicBool::new(false),
        })
    }

    /// The panel state (a poisoned lock is still usable: the data is plain values).
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Which server a listener feeds.
#[derive(Clone, Copy)]
pub(crate) enum Role {
    Panel,
    Subscription,
}

/// Binds `127.0.0.1:0` and serves `role` (over TLS with `tls`) until the returned task is
/// aborted.
pub(crate) async fn spawn(
    shared: Arc<Shared>,
    role: Role,
    tls: Option<TlsAcceptor>,
) -> io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let app = match role {
        Role::Panel => Router::new().fallback(panel_handler),
        Role::Subscription => Router::new().fallback(subscription_handler),
    }
    .with_state(shared.clone());
    let listener = FaultyListener {
        inner: listener,
        shared,
        tls,
        handshakes: JoinSet::new(),
    };
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((addr, task))
}

async fn panel_handler(AxumState(shared): AxumState<Arc<Shared>>, request: Request) -> Response {
    serve(shared, request, Role::Panel).await
}

async fn subscription_handler(AxumState(shared): AxumState<Arc<Shared>>, request: Request) -> Response {
    serve(shared, request, Role::Subscription).await
}

async fn serve(shared: Arc<Shared>, request: Request, role: Role) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY).await.unwrap_or_default();
    let req = Req::new(
        &parts.method,
        parts.uri.path(),
        parts.uri.query(),
        &parts.headers,
        &bytes,
    );
    let fault = shared.lock().fault.clone();
    if matches!(fault, Some(Fault::Http500 | Fault::GarbageJson)) {
        record_faulted(&shared, &req, role);
    }
    match fault {
        Some(Fault::Slow(delay)) => tokio::time::sleep(delay).await,
        Some(Fault::Http500) => return reply::empty(StatusCode::INTERNAL_SERVER_ERROR),
        Some(Fault::GarbageJson) => {
            let mut response = Response::new(AxumBody::from("<html><body><h1>502 Bad Gateway</h1></body></html>"));
            response.headers_mut().insert(
                axum::http::header::CONTENT_TYPE,
                axum::http::HeaderValue::from_static("application/json; charset=utf-8"),
            );
            return response;
        }
        Some(Fault::Down) => return reply::empty(StatusCode::BAD_GATEWAY),
        _ => {}
    }
    let mut st = shared.lock();
    match role {
        Role::Panel => dispatch::handle(&mut st, &req),
        Role::Subscription => subscription::handle(&mut st, &req),
    }
}

/// Requests answered by a fault are recorded too (path relative to the base path when under it).
fn record_faulted(shared: &Shared, req: &Req, role: Role) {
    let mut st = shared.lock();
    let authenticated = matches!(role, Role::Panel) && auth::authenticate(&st, req).is_authenticated();
    let base = st.config.base_path.clone();
    let path = match role {
        Role::Panel => req
            .path
            .strip_prefix(base.trim_end_matches('/'))
            .filter(|r| r.starts_with('/'))
            .unwrap_or(&req.path)
            .to_owned(),
        Role::Subscription => req.path.clone(),
    };
    st.requests.push(RecordedRequest {
        method: req.method.to_string(),
        path,
        authenticated,
    });
}

/// A TLS handshake in progress: the connection, or `None` when it failed (e.g. the client
/// did not trust the certificate).
type Handshake = Option<(TlsStream<TcpStream>, SocketAddr)>;

/// A listener that drops new connections while the panel is "down". With TLS, handshakes run
/// in their own tasks so a slow or refusing client does not hold up the others.
struct FaultyListener {
    inner: TcpListener,
    shared: Arc<Shared>,
    tls: Option<TlsAcceptor>,
    handshakes: JoinSet<Handshake>,
}

impl FaultyListener {
    fn wrap(&self, stream: Stream) -> FaultyIo {
        FaultyIo {
            inner: stream,
            shared: self.shared.clone(),
        }
    }
}

impl axum::serve::Listener for FaultyListener {
    type Io = FaultyIo;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            tokio::select! {
                accepted = self.inner.accept() => match accepted {
                    Ok((stream, addr)) => {
                        if self.shared.down.load(Ordering::SeqCst) {
                            drop(stream);
                            continue;
                        }
                        let _ = stream.set_nodelay(true);
                        match &self.tls {
                            None => return (self.wrap(Stream::Plain(stream)), addr),
                            Some(acceptor) => {
                                let handshake = acceptor.accept(stream);
                                self.handshakes.spawn(async move {
                                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake).await {
                                        Ok(Ok(tls)) => Some((tls, addr)),
                                        _ => None,
                                    }
                                });
                            }
                        }
                    }
                    Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
                },
                Some(done) = self.handshakes.join_next(), if !self.handshakes.is_empty() => {
                    if let Ok(Some((tls, addr))) = done {
                        return (self.wrap(Stream::Tls(Box::new(tls))), addr);
                    }
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A plain or TLS connection.
enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

/// A connection that fails its next read once the panel goes down, so kept-alive
/// connections are closed without a response too.
struct FaultyIo {
    inner: Stream,
    shared: Arc<Shared>,
}

impl AsyncRead for FaultyIo {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        if self.shared.down.load(Ordering::SeqCst) {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "fake panel is down",
            )));
        }
        match &mut self.inner {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for FaultyIo {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match &mut self.inner {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.inner {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.inner {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}
