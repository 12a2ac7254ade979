//! A received request, with the header and cookie helpers the handlers need.

use axum::http::{HeaderMap, Method};

use super::bind::{self, Body};
use super::gourl::path_unescape;

/// One request as the handlers see it.
pub(crate) struct Req<'a> {
    pub method: &'a Method,
    /// Decoded path (gin matches routes on the decoded path).
    pub path: String,
    pub query: Option<&'a str>,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

impl<'a> Req<'a> {
    pub(crate) fn new(
        method: &'a Method,
        raw_path: &str,
        query: Option<&'a str>,
        headers: &'a HeaderMap,
        body: &'a [u8],
    ) -> Self {
        Req {
            method,
            path: path_unescape(raw_path),
            query,
            headers,
            body,
        }
    }

    /// A header as text.
    pub(crate) fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// `X-Requested-With: XMLHttpRequest`.
    pub(crate) fn is_xhr(&self) -> bool {
        self.header("x-requested-with") == Some("XMLHttpRequest")
    }

    /// GET, HEAD, OPTIONS and TRACE skip the CSRF check.
    pub(crate) fn is_safe_method(&self) -> bool {
        matches!(
            *self.method,
            Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
        )
    }

    /// The value of a cookie.
    pub(crate) fn cookie(&self, name: &str) -> Option<String> {
        for value in self.headers.get_all("cookie") {
            let Ok(text) = value.to_str() else { continue };
            for pair in text.split(';') {
                if let Some((k, v)) = pair.trim().split_once('=')
                    && k == name
                {
                    return Some(v.to_owned());
                }
            }
        }
        None
    }

    /// A query parameter.
    pub(crate) fn query_param(&self, name: &str) -> Option<String> {
        let query = self.query?;
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// `ShouldBind`: JSON or form by `Content-Type`.
    pub(crate) fn bind(&self) -> Result<Body, String> {
        bind::parse(self.header("content-type"), self.body)
    }

    /// `ShouldBindJSON`: JSON whatever the `Content-Type`.
    pub(crate) fn bind_json(&self) -> Result<Body, String> {
        bind::parse_json(self.body).map(Body::Json)
    }

    /// A form field from a urlencoded body (e.g. `_csrf`, `data`).
    pub(crate) fn form_field(&self, name: &str) -> Option<String> {
        let ct = self.header("content-type").unwrap_or("");
        if !ct.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded") {
            return None;
        }
        url::form_urlencoded::parse(self.body)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The host used in share links (`resolveHost`): `X-Forwarded-Host`, `X-Real-IP`, else `Host` without port.
    pub(crate) fn link_host(&self) -> String {
        if let Some(h) = self.header("x-forwarded-host").filter(|h| !h.is_empty()) {
            return strip_port(h);
        }
        if let Some(h) = self.header("x-real-ip").filter(|h| !h.is_empty()) {
            return h.to_owned();
        }
        strip_port(self.header("host").unwrap_or("127.0.0.1"))
    }
}

fn strip_port(host: &str) -> String {
    if host.starts_with('[') {
        return host
            .split(']')
            .next()
            .map(|h| h.trim_start_matches('['))
            .unwrap_or(host)
            .to_owned();
    }
    match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) && !h.contains(':') => h.to_owned(),
        _ => host.to_owned(),
    }
}
