//! The HTTP leg: one reqwest client per TLS policy, timeouts, redirects off, and transport
//! failures mapped to what an admin can act on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use inventory::{CertPin, PanelConnection, PanelError};
use reqwest::header::{ACCEPT, ACCEPT_LANGUAGE, CONTENT_TYPE, SET_COOKIE};
use serde_json::Value;

use crate::XuiConfig;
use crate::session::Session;

/// The largest answer read from a panel (32 MiB: an inbound list with thousands of clients
/// is a few MiB). A bigger answer is refused as it streams in, never buffered whole.
pub const MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// GET or POST: all the panel uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    /// Reads.
    Get,
    /// Writes and some reads (`onlines`, old `server/status`).
    Post,
}

/// One request, relative to the panel URL (no leading `/`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Req {
    /// GET or POST.
    pub method: Method,
    /// Path under the panel's base path, e.g. `panel/api/inbounds/list`.
    pub path: String,
    /// JSON body, if any.
    pub body: Option<Value>,
}

impl Req {
    /// A GET.
    pub fn get(path: impl Into<String>) -> Self {
        Self {
            method: Method::Get,
            path: path.into(),
            body: None,
        }
    }

    /// A POST without a body.
    pub fn post(path: impl Into<String>) -> Self {
        Self {
            method: Method::Post,
            path: path.into(),
            body: None,
        }
    }

    /// A POST with a JSON body.
    pub fn post_json(path: impl Into<String>, body: Value) -> Self {
        Self {
            method: Method::Post,
            path: path.into(),
            body: Some(body),
        }
    }
}

/// What came back, before interpretation.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resp {
    /// HTTP status.
    pub status: u16,
    /// `Set-Cookie` headers.
    pub set_cookies: Vec<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// A transport failure, by whether the request may have reached the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SendError {
    /// The request never left (no connection): safe to send again.
    NotSent(PanelError),
    /// The request may have been acted on but its answer was lost.
    Lost(PanelError),
}

impl SendError {
    /// The error for the admin.
    pub fn into_error(self) -> PanelError {
        match self {
            Self::NotSent(e) | Self::Lost(e) => e,
        }
    }
}

fn map_reqwest(e: &reqwest::Error) -> SendError {
    let kind = if e.is_timeout() {
        PanelError::Timeout
    } else if let Some(m) = crate::pinning::mismatch_in(e) {
        PanelError::CertificateChanged {
            pinned: m.pinned,
            presented: m.presented,
        }
    } else if untrusted_certificate(e) {
        PanelError::UntrustedCertificate
    } else {
        PanelError::Unreachable
    };
    if e.is_connect() || e.is_builder() {
        SendError::NotSent(kind)
    } else {
        SendError::Lost(kind)
    }
}

/// Whether the TLS handshake failed because the panel's certificate is not trusted (rustls
/// `InvalidCertificate`: unknown issuer, expired, another host…), looking through the
/// `io::Error`s that hyper and tokio-rustls wrap it in.
fn untrusted_certificate(e: &reqwest::Error) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if is_certificate_error(err) {
            return true;
        }
        current = err.source();
    }
    false
}

fn is_certificate_error(err: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(tls) = err.downcast_ref::<rustls::Error>() {
        return matches!(tls, rustls::Error::InvalidCertificate(_));
    }
    match err.downcast_ref::<std::io::Error>().and_then(std::io::Error::get_ref) {
        Some(inner) => is_certificate_error(inner),
        None => false,
    }
}

/// The reqwest clients: one with strict TLS, one per pinned self-signed certificate (made
/// when first needed), and the retry policy. There is no client that accepts any certificate.
pub(crate) struct Http {
    strict: reqwest::Client,
    pinned: Mutex<HashMap<CertPin, reqwest::Client>>,
    /// Timeouts and retries.
    pub config: XuiConfig,
}

fn builder(config: &XuiConfig) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .timeout(config.request_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("MoonVPN/", env!("CARGO_PKG_VERSION")))
}

fn tls_failure(e: impl std::fmt::Display) -> SendError {
    SendError::NotSent(PanelError::BadResponse(format!("TLS setup failed: {e}")))
}

impl Http {
    /// Builds the strict client.
    pub fn new(config: XuiConfig) -> Result<Self, reqwest::Error> {
        Ok(Self {
            strict: builder(&config).build()?,
            pinned: Mutex::new(HashMap::new()),
            config,
        })
    }

    /// The client for `conn`: strict, or pinned to its self-signed certificate. A panel that
    /// allows a self-signed certificate but has no pin yet is refused before anything is sent.
    fn client(&self, conn: &PanelConnection) -> Result<reqwest::Client, SendError> {
        if !conn.allow_insecure_tls || !conn.url.is_https() {
            return Ok(self.strict.clone());
        }
        let Some(pin) = conn.tls_pin else {
            return Err(SendError::NotSent(PanelError::CertificateNotPinned));
        };
        let mut pinned = self.pinned.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(client) = pinned.get(&pin) {
            return Ok(client.clone());
        }
        let tls = crate::pinning::pinned_config(pin).map_err(tls_failure)?;
        let client = builder(&self.config)
            .tls_backend_preconfigured(tls)
            .build()
            .map_err(tls_failure)?;
        pinned.insert(pin, client.clone());
        Ok(client)
    }

    /// Connects to `conn`'s `https://` URL and returns the pin of the certificate presented
    /// (any certificate: this is how one is pinned on first use); nothing is read from the
    /// panel and no credentials are sent. `None` for plain `http://`.
    pub async fn presented_pin(&self, conn: &PanelConnection) -> Result<Option<CertPin>, PanelError> {
        if !conn.url.is_https() {
            return Ok(None);
        }
        let seen = Arc::new(Mutex::new(None));
        let tls = crate::pinning::recording_config(seen.clone()).map_err(|e| tls_failure(e).into_error())?;
        let client = builder(&self.config)
            .tls_backend_preconfigured(tls)
            .build()
            .map_err(|e| tls_failure(e).into_error())?;
        let sent = client.head(conn.url.as_str()).send().await;
        let presented = *seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match (presented, sent) {
            (Some(pin), _) => Ok(Some(pin)),
            (None, Err(e)) => Err(map_reqwest(&e).into_error()),
            (None, Ok(_)) => Err(PanelError::BadResponse("the panel presented no certificate".into())),
        }
    }

    /// Sends `req` to the panel with `session`'s credentials.
    pub async fn send(&self, conn: &PanelConnection, req: &Req, session: &Session) -> Result<Resp, SendError> {
        let url = format!("{}/{}", conn.url.as_str(), req.path);
        let client = self.client(conn)?;
        let builder = match req.method {
            Method::Get => client.get(&url),
            Method::Post => client.post(&url),
        }
        .header(ACCEPT, "application/json")
        .header(ACCEPT_LANGUAGE, "en-US")
        .header("X-Requested-With", "XMLHttpRequest");
        let builder = match &req.body {
            Some(body) => builder.header(CONTENT_TYPE, "application/json").body(body.to_string()),
            None => builder,
        };
        let builder = session.apply(builder, req.method);
        tracing::debug!(path = %req.path, method = ?req.method, "panel request");
        read(builder.send().await, MAX_RESPONSE_BYTES).await
    }

    /// A plain GET of a full URL (the panel's subscription server), no credentials, with
    /// `conn`'s TLS policy (a pinned panel's subscription server must present the same
    /// certificate).
    pub async fn get_url(&self, url: &str, conn: &PanelConnection) -> Result<Resp, SendError> {
        read(self.client(conn)?.get(url).send().await, MAX_RESPONSE_BYTES).await
    }
}

/// Reads an answer of at most `limit` bytes; a declared or streamed larger one is refused
/// (the request may have been acted on, so the error is `Lost`).
async fn read(sent: Result<reqwest::Response, reqwest::Error>, limit: usize) -> Result<Resp, SendError> {
    let mut response = sent.map_err(|e| map_reqwest(&e))?;
    let too_large = || {
        SendError::Lost(PanelError::BadResponse(format!(
            "the answer is larger than {} MiB; refused",
            limit / (1024 * 1024)
        )))
    };
    if response.content_length().is_some_and(|len| len > limit as u64) {
        return Err(too_large());
    }
    let status = response.status().as_u16();
    let set_cookies = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect();
    let mut body = Vec::new();
    loop {
        let chunk = response.chunk().await.map_err(|e| match map_reqwest(&e) {
            SendError::NotSent(k) | SendError::Lost(k) => SendError::Lost(k),
        })?;
        let Some(chunk) = chunk else { break };
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Resp {
        status,
        set_cookies,
        body,
    })
}

impl Http {
    /// Sends a request that is safe to repeat, retrying with backoff while the panel is
    /// unreachable, slow or failing (5xx); returns the first other answer.
    pub async fn send_repeatable(
        &self,
        conn: &PanelConnection,
        req: &Req,
        session: &Session,
    ) -> Result<Resp, PanelError> {
        let mut attempt = 0;
        loop {
            let outcome = match self.send(conn, req, session).await {
                Ok(resp) if resp.status >= 500 => Err(crate::answer::server_error(resp.status)),
                Ok(resp) => return Ok(resp),
                Err(e) => Err(e.into_error()),
            };
            attempt += 1;
            if attempt > self.config.retries || outcome.as_ref().is_err_and(PanelError::is_certificate_refusal) {
                return outcome;
            }
            tokio::time::sleep(self.config.backoff_for(attempt)).await;
        }
    }
}

/// Percent-encodes one path segment (an email or client key) so it reaches the panel as
/// written: everything but `A-Za-z0-9-_.~@` is encoded.
pub(crate) fn segment(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for &b in raw.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'@') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A server that answers one request with an endless body: declared as 1 TiB, or sent
    /// in chunked encoding without a declared length.
    async fn endless(chunked: bool) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let head = if chunked {
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_owned()
            } else {
                "HTTP/1.1 200 OK\r\ncontent-length: 1099511627776\r\n\r\n".to_owned()
            };
            if socket.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let block = vec![b'x'; 64 * 1024];
            loop {
                let sent = if chunked {
                    let mut frame = format!("{:x}\r\n", block.len()).into_bytes();
                    frame.extend_from_slice(&block);
                    frame.extend_from_slice(b"\r\n");
                    socket.write_all(&frame).await
                } else {
                    socket.write_all(&block).await
                };
                if sent.is_err() {
                    return;
                }
            }
        });
        format!("http://{addr}/")
    }

    #[tokio::test]
    async fn an_oversized_answer_is_refused_without_reading_it_all() {
        for chunked in [false, true] {
            let url = endless(chunked).await;
            let got = read(reqwest::get(&url).await, 1024 * 1024).await;
            match got {
                Err(SendError::Lost(PanelError::BadResponse(why))) => {
                    assert!(why.contains("larger than 1 MiB"), "{why}")
                }
                other => panic!("expected a refusal, got {:?}", other.map(|r| r.body.len())),
            }
        }
    }

    #[test]
    fn path_segments_keep_emails_and_encode_the_rest() {
        assert_eq!(segment("FR-MoonVPN-1001"), "FR-MoonVPN-1001");
        assert_eq!(segment("a@b.c"), "a@b.c");
        assert_eq!(segment("p/w+x=#?"), "p%2Fw%2Bx%3D%23%3F");
    }
}
