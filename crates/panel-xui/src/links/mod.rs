//! Share links built by the panel's own rules (3x-ui `sub/subService.go`, 2.x–3.3), for when
//! the panel does not hand them out itself, plus reading the panel's subscription answers.
//!
//! Only the usage suffix the subscription server appends to remarks (`9.99GB📊`, `29D⏳`)
//! is left out: it changes by the minute, and clients keep the remark they first saw.

mod go_escape;
mod remark;
mod shadowsocks;
mod stream;
mod subscription;
mod trojan;
mod vless;
mod vmess;

use rand::Rng;
use serde_json::{Map, Value};

pub use remark::DEFAULT_REMARK_MODEL;
pub(crate) use subscription::{pick_link, subscription_links, subscription_url};

use crate::wire::json_text;
use stream::{Params, Stream, encode_query};

/// Why no link could be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// The inbound speaks a protocol without share links (wireguard, dokodemo, ...).
    #[error("the panel gives no share links for {0} inbounds")]
    UnsupportedProtocol(String),
    /// The inbound has no client with this email.
    #[error("the inbound has no client {0}")]
    NoSuchClient(String),
    /// The inbound's JSON is not what 3x-ui writes.
    #[error("the inbound's settings cannot be read: {0}")]
    Malformed(String),
}

/// The share links the panel's subscription server would give for `email` on `inbound` (the
/// inbound JSON as the panel lists it, settings as text or objects), when asked on `host`
/// (used when the inbound listens on every address). One link, or one per external proxy.
pub fn share_links(inbound: &Value, email: &str, host: &str, remark_model: &str) -> Result<Vec<String>, LinkError> {
    share_links_with(inbound, email, host, remark_model, &mut rand::rng())
}

/// [`share_links`] with a chosen random source (REALITY `sni`, `sid`, `spx`).
pub(crate) fn share_links_with(
    inbound: &Value,
    email: &str,
    host: &str,
    remark_model: &str,
    rng: &mut impl Rng,
) -> Result<Vec<String>, LinkError> {
    let malformed = |what: &str| LinkError::Malformed(what.to_owned());
    let protocol = inbound.get("protocol").and_then(Value::as_str).unwrap_or("");
    let settings = json_text(inbound.get("settings").unwrap_or(&Value::Null)).map_err(|_| malformed("settings"))?;
    let stream =
        json_text(inbound.get("streamSettings").unwrap_or(&Value::Null)).map_err(|_| malformed("streamSettings"))?;
    let empty = Map::new();
    let settings_map = settings.as_object().unwrap_or(&empty);
    let stream_map = stream.as_object().unwrap_or(&empty);
    let client = settings_map
        .get("clients")
        .and_then(Value::as_array)
        .and_then(|clients| {
            clients
                .iter()
                .find(|c| c.get("email").and_then(Value::as_str) == Some(email))
        })
        .and_then(Value::as_object)
        .ok_or_else(|| LinkError::NoSuchClient(email.to_owned()))?;
    let listen = inbound.get("listen").and_then(Value::as_str).unwrap_or("");
    let address = match listen {
        "" | "0.0.0.0" | "::" | "::0" => host.to_owned(),
        other => other.to_owned(),
    };
    let src = LinkSource {
        address,
        port: inbound.get("port").and_then(Value::as_i64).unwrap_or(0),
        inbound_remark: inbound.get("remark").and_then(Value::as_str).unwrap_or(""),
        email,
        remark_model,
        settings: settings_map,
        stream: stream_map,
        client,
    };
    match protocol {
        "vless" => Ok(vless::links(&src, rng)),
        "vmess" => Ok(vmess::links(&src)),
        "trojan" => Ok(trojan::links(&src, rng)),
        "shadowsocks" => Ok(shadowsocks::links(&src)),
        other => Err(LinkError::UnsupportedProtocol(other.to_owned())),
    }
}

/// Everything one link is made of.
pub(crate) struct LinkSource<'a> {
    address: String,
    port: i64,
    inbound_remark: &'a str,
    email: &'a str,
    remark_model: &'a str,
    settings: &'a Map<String, Value>,
    stream: &'a Map<String, Value>,
    client: &'a Map<String, Value>,
}

impl LinkSource<'_> {
    fn stream(&self) -> Stream<'_> {
        Stream::new(self.stream)
    }

    fn client_text(&self, key: &str) -> &str {
        self.client.get(key).and_then(Value::as_str).unwrap_or("")
    }

    fn client_flow(&self) -> &str {
        self.client_text("flow")
    }

    fn remark(&self, extra: &str) -> String {
        remark::remark(self.remark_model, self.inbound_remark, self.email, extra)
    }

    /// `scheme://userinfo@addr:port?query#remark`, or one such link per external proxy
    /// (each with its own address, security and remark).
    fn url_links(&self, scheme: &str, userinfo: &str, mut params: Params, security: &str) -> Vec<String> {
        let proxies = self.stream().external_proxies();
        if proxies.is_empty() {
            return vec![self.url_link(scheme, userinfo, &self.address, self.port, &params, "")];
        }
        proxies
            .iter()
            .map(|ep| {
                let chosen = if ep.force_tls == "same" {
                    security
                } else {
                    &ep.force_tls
                };
                params.insert("security".into(), chosen.to_owned());
                let mut own = params.clone();
                if ep.force_tls == "none" {
                    for key in ["alpn", "sni", "fp"] {
                        own.remove(key);
                    }
                }
                self.url_link(scheme, userinfo, &ep.dest, ep.port, &own, &ep.remark)
            })
            .collect()
    }

    fn url_link(&self, scheme: &str, userinfo: &str, address: &str, port: i64, params: &Params, extra: &str) -> String {
        let mut link = format!(
            "{scheme}://{}@{address}:{port}?{}",
            go_escape::userinfo(userinfo),
            encode_query(params)
        );
        let remark = self.remark(extra);
        if !remark.is_empty() {
            link.push('#');
            link.push_str(&go_escape::fragment(&remark));
        }
        link
    }
}
