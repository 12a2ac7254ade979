//! Reading an inbound's `streamSettings` the way the panel's subscription service does:
//! transport parameters, TLS and REALITY parameters, external proxies.

use std::collections::BTreeMap;

use rand::Rng;
use rand::seq::IndexedRandom;
use serde_json::{Map, Value};

/// Query parameters of a share link; a `BTreeMap` gives Go's sorted `url.Values` order.
pub(crate) type Params = BTreeMap<String, String>;

/// The characters of the panel's random `spx` path (its `random.Seq`).
const SPX_ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A random text entry of a JSON list, `""` for an empty list; `None` when the key is absent.
fn random_entry(list: Option<&Value>, rng: &mut impl Rng) -> Option<String> {
    list.map(|v| {
        v.as_array()
            .and_then(|l| l.choose(rng))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    })
}

/// One entry of `streamSettings.externalProxy`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExternalProxy {
    /// `same`, `tls` or `none`.
    pub force_tls: String,
    /// Address clients should use.
    pub dest: String,
    /// Port clients should use.
    pub port: i64,
    /// Its remark (the `o` part of the remark model).
    pub remark: String,
}

/// An inbound's parsed `streamSettings`.
pub(crate) struct Stream<'a> {
    map: &'a Map<String, Value>,
}

/// `value[key]` as text, if it is text.
pub(crate) fn text<'v>(value: Option<&'v Value>, key: &str) -> Option<&'v str> {
    value?.get(key)?.as_str()
}

/// Go's `searchKey`: `key` in this object, else depth-first in nested objects and arrays.
pub(crate) fn search_key<'v>(value: Option<&'v Value>, key: &str) -> Option<&'v Value> {
    match value? {
        Value::Object(map) => map
            .get(key)
            .or_else(|| map.values().find_map(|v| search_key(Some(v), key))),
        Value::Array(items) => items.iter().find_map(|v| search_key(Some(v), key)),
        _ => None,
    }
}

/// Go's `searchHost`: the `Host` header (any case); the first one when it is a list.
pub(crate) fn search_host(headers: Option<&Value>) -> String {
    let Some(Value::Object(map)) = headers else {
        return String::new();
    };
    map.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("host"))
        .and_then(|(_, v)| match v {
            Value::Array(hosts) => hosts.first().and_then(Value::as_str).map(str::to_owned),
            Value::String(host) => Some(host.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

impl<'a> Stream<'a> {
    /// Wraps a `streamSettings` object.
    pub fn new(map: &'a Map<String, Value>) -> Self {
        Self { map }
    }

    /// A nested settings object (`wsSettings`, `tlsSettings`, ...).
    pub fn section(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name)
    }

    /// `tcp`, `ws`, `grpc`, `httpupgrade`, `xhttp`, `kcp`, ...
    pub fn network(&self) -> &'a str {
        self.map.get("network").and_then(Value::as_str).unwrap_or("")
    }

    /// `none`, `tls`, `reality` or empty.
    pub fn security(&self) -> &'a str {
        self.map.get("security").and_then(Value::as_str).unwrap_or("")
    }

    /// The TCP header type (`none`, `http`), empty when absent.
    pub fn tcp_header_type(&self) -> &'a str {
        text(self.section("tcpSettings").and_then(|t| t.get("header")), "type").unwrap_or("")
    }

    /// The `host` of a ws/httpupgrade/xhttp section, else its `Host` header.
    pub fn host_of(section: Option<&Value>) -> String {
        match text(section, "host") {
            Some(host) if !host.is_empty() => host.to_owned(),
            _ => search_host(section.and_then(|s| s.get("headers"))),
        }
    }

    /// Transport parameters (`type` and what the network needs), as vless/trojan/ss use them.
    pub fn network_params(&self, params: &mut Params) {
        let network = self.network();
        params.insert("type".into(), network.into());
        let mut set = |k: &str, v: &str| {
            params.insert(k.into(), v.into());
        };
        match network {
            "tcp" if self.tcp_header_type() == "http" => {
                let request = self
                    .section("tcpSettings")
                    .and_then(|t| t.get("header"))
                    .and_then(|h| h.get("request"));
                let path = request
                    .and_then(|r| r.get("path"))
                    .and_then(Value::as_array)
                    .and_then(|p| p.first())
                    .and_then(Value::as_str)
                    .unwrap_or("");
                set("path", path);
                set("host", &search_host(request.and_then(|r| r.get("headers"))));
                set("headerType", "http");
            }
            "kcp" => {
                let kcp = self.section("kcpSettings");
                set(
                    "headerType",
                    text(kcp.and_then(|k| k.get("header")), "type").unwrap_or(""),
                );
                set("seed", text(kcp, "seed").unwrap_or(""));
            }
            "ws" | "httpupgrade" | "xhttp" => {
                let section = self.section(&format!("{network}Settings"));
                set("path", text(section, "path").unwrap_or(""));
                set("host", &Self::host_of(section));
                if network == "xhttp" {
                    set("mode", text(section, "mode").unwrap_or(""));
                }
            }
            "grpc" => {
                let grpc = self.section("grpcSettings");
                set("serviceName", text(grpc, "serviceName").unwrap_or(""));
                set("authority", text(grpc, "authority").unwrap_or(""));
                if grpc.and_then(|g| g.get("multiMode")).and_then(Value::as_bool) == Some(true) {
                    set("mode", "multi");
                }
            }
            _ => {}
        }
    }

    /// `alpn`, `sni`, `fp` of a TLS inbound (only keys the panel finds are set).
    pub fn tls_params(&self, params: &mut Params) {
        let tls = self.section("tlsSettings");
        let alpn: Vec<&str> = tls
            .and_then(|t| t.get("alpn"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if !alpn.is_empty() {
            params.insert("alpn".into(), alpn.join(","));
        }
        if let Some(sni) = search_key(tls, "serverName") {
            params.insert("sni".into(), sni.as_str().unwrap_or("").into());
        }
        if let Some(fp) = search_key(search_key(tls, "settings"), "fingerprint") {
            params.insert("fp".into(), fp.as_str().unwrap_or("").into());
        }
    }

    /// `sni`, `pbk`, `sid`, `fp`, `pqv`, `spx` of a REALITY inbound; `sni` and `sid` are a
    /// random entry of their lists and `spx` a random path, as the panel does.
    pub fn reality_params(&self, params: &mut Params, rng: &mut impl Rng) {
        let Some(reality) = self.section("realitySettings") else {
            return;
        };
        let inner = search_key(Some(reality), "settings");
        if let Some(sni) = random_entry(search_key(Some(reality), "serverNames"), rng) {
            params.insert("sni".into(), sni);
        }
        if let Some(pbk) = search_key(inner, "publicKey") {
            params.insert("pbk".into(), pbk.as_str().unwrap_or("").into());
        }
        if let Some(sid) = random_entry(search_key(Some(reality), "shortIds"), rng) {
            params.insert("sid".into(), sid);
        }
        for (key, param) in [("fingerprint", "fp"), ("mldsa65Verify", "pqv")] {
            if let Some(v) = search_key(inner, key).and_then(Value::as_str).filter(|v| !v.is_empty()) {
                params.insert(param.into(), v.into());
            }
        }
        let spx: String = (0..15)
            .filter_map(|_| SPX_ALPHABET.choose(rng).copied().map(char::from))
            .collect();
        params.insert("spx".into(), format!("/{spx}"));
    }

    /// The `externalProxy` entries; empty when there are none.
    pub fn external_proxies(&self) -> Vec<ExternalProxy> {
        let Some(Value::Array(items)) = self.map.get("externalProxy") else {
            return Vec::new();
        };
        items
            .iter()
            .map(|ep| ExternalProxy {
                force_tls: text(Some(ep), "forceTls").unwrap_or("").into(),
                dest: text(Some(ep), "dest").unwrap_or("").into(),
                port: ep.get("port").and_then(Value::as_f64).map(|p| p as i64).unwrap_or(0),
                remark: text(Some(ep), "remark").unwrap_or("").into(),
            })
            .collect()
    }
}

/// The query string Go's `url.Values.Encode()` writes: keys sorted, values query-escaped,
/// empty values kept.
pub(crate) fn encode_query(params: &Params) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", super::go_escape::query(k), super::go_escape::query(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn search_key_prefers_the_top_level_then_looks_deeper() {
        let v = json!({"a": {"serverName": "deep"}, "serverName": "top"});
        assert_eq!(search_key(Some(&v), "serverName"), Some(&json!("top")));
        let v = json!({"settings": [{"fingerprint": "chrome"}]});
        assert_eq!(search_key(Some(&v), "fingerprint"), Some(&json!("chrome")));
        assert_eq!(search_key(Some(&v), "nope"), None);
    }

    #[test]
    fn host_header_is_found_in_any_case_and_list_form() {
        assert_eq!(search_host(Some(&json!({"HOST": ["a.com", "b.com"]}))), "a.com");
        assert_eq!(search_host(Some(&json!({"host": "c.com"}))), "c.com");
        assert_eq!(search_host(Some(&json!({"Host": []}))), "");
        assert_eq!(search_host(None), "");
    }

    #[test]
    fn query_is_sorted_and_keeps_empty_values() {
        let mut p = Params::new();
        p.insert("type".into(), "ws".into());
        p.insert("host".into(), String::new());
        p.insert("path".into(), "/a b".into());
        assert_eq!(encode_query(&p), "host=&path=%2Fa+b&type=ws");
    }
}
