//! `vmess://<base64(JSON)>` by the panel's `genVmessLink`: the JSON is Go's
//! `MarshalIndent` of a map (keys sorted, two-space indent, HTML characters escaped).

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::go_escape::json_string;
use super::remark::remark;
use super::stream::Stream;
use super::{LinkSource, stream::text};

/// A vmess JSON value: text or a whole number.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Text(String),
    Number(i64),
}

type Object = BTreeMap<&'static str, Field>;

fn put(obj: &mut Object, key: &'static str, value: &str) {
    obj.insert(key, Field::Text(value.to_owned()));
}

/// Go `json.MarshalIndent(obj, "", "  ")` of a flat map.
fn marshal_indent(obj: &Object) -> String {
    let body: Vec<String> = obj
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Field::Text(s) => json_string(s),
                Field::Number(n) => n.to_string(),
            };
            format!("  {}: {value}", json_string(k))
        })
        .collect();
    format!("{{\n{}\n}}", body.join(",\n"))
}

fn encode(obj: &Object) -> String {
    format!("vmess://{}", STANDARD.encode(marshal_indent(obj)))
}

/// The vmess links of one client.
pub(crate) fn links(src: &LinkSource<'_>) -> Vec<String> {
    let stream = src.stream();
    let mut obj = Object::new();
    put(&mut obj, "v", "2");
    put(&mut obj, "add", &src.address);
    obj.insert("port", Field::Number(src.port));
    put(&mut obj, "type", "none");
    let network = stream.network();
    put(&mut obj, "net", network);
    network_fields(&stream, &mut obj);
    let security = stream.security();
    put(&mut obj, "tls", security);
    if security == "tls" {
        let mut tls = super::stream::Params::new();
        stream.tls_params(&mut tls);
        for (key, param) in [("alpn", "alpn"), ("sni", "sni"), ("fp", "fp")] {
            if let Some(v) = tls.get(param) {
                put(&mut obj, key, v);
            }
        }
    }
    put(&mut obj, "id", src.client_text("id"));
    put(&mut obj, "scy", src.client_text("security"));

    let proxies = stream.external_proxies();
    if proxies.is_empty() {
        put(&mut obj, "ps", &src.remark(""));
        return vec![encode(&obj)];
    }
    proxies
        .iter()
        .map(|ep| {
            let mut one = obj.clone();
            if ep.force_tls == "none" {
                for key in ["alpn", "sni", "fp"] {
                    one.remove(key);
                }
            }
            put(
                &mut one,
                "ps",
                &remark(src.remark_model, src.inbound_remark, src.email, &ep.remark),
            );
            put(&mut one, "add", &ep.dest);
            one.insert("port", Field::Number(ep.port));
            if ep.force_tls != "same" {
                put(&mut one, "tls", &ep.force_tls);
            }
            encode(&one)
        })
        .collect()
}

/// `type`, `path`, `host`, `authority`, `mode` by network.
fn network_fields(stream: &Stream<'_>, obj: &mut Object) {
    let network = stream.network();
    match network {
        "tcp" => {
            let header_type = stream.tcp_header_type();
            put(obj, "type", header_type);
            if header_type == "http" {
                let mut params = super::stream::Params::new();
                stream.network_params(&mut params);
                put(obj, "path", params.get("path").map_or("", String::as_str));
                put(obj, "host", params.get("host").map_or("", String::as_str));
            }
        }
        "kcp" => {
            let kcp = stream.section("kcpSettings");
            put(
                obj,
                "type",
                text(kcp.and_then(|k| k.get("header")), "type").unwrap_or(""),
            );
            put(obj, "path", text(kcp, "seed").unwrap_or(""));
        }
        "ws" | "httpupgrade" | "xhttp" => {
            let section = stream.section(&format!("{network}Settings"));
            put(obj, "path", text(section, "path").unwrap_or(""));
            put(obj, "host", &Stream::host_of(section));
            if network == "xhttp" {
                put(obj, "mode", text(section, "mode").unwrap_or(""));
            }
        }
        "grpc" => {
            let grpc = stream.section("grpcSettings");
            put(obj, "path", text(grpc, "serviceName").unwrap_or(""));
            put(obj, "authority", text(grpc, "authority").unwrap_or(""));
            if grpc.and_then(|g| g.get("multiMode")).and_then(|m| m.as_bool()) == Some(true) {
                put(obj, "type", "multi");
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_indented_and_sorted_like_go() {
        let mut obj = Object::new();
        put(&mut obj, "v", "2");
        obj.insert("port", Field::Number(443));
        put(&mut obj, "add", "a&b");
        assert_eq!(
            marshal_indent(&obj),
            "{\n  \"add\": \"a\\u0026b\",\n  \"port\": 443,\n  \"v\": \"2\"\n}"
        );
    }
}
