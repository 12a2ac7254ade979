//! Share links exactly as the panel's subscription service builds them (reference §10,
//! `genVmessLink`/`genVlessLink`/`genTrojanLink`/`genShadowsocksLink`/`genRemark`).

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rand::Rng as _;
use rand::distr::Alphanumeric;
use serde_json::{Map, Value};

use super::gourl::{encode_query, fragment_escape, userinfo_escape};
use super::model::{ClientTraffic, Inbound, go_pretty, str_field};
use super::state::is_any_addr;

/// The remark model of a default panel (`-ieo`: separator `-`, inbound remark, email, extra).
const REMARK_MODEL: &str = "-ieo";

/// Every link one client of one inbound contributes (one per external proxy, else one).
pub(crate) fn client_links(
    inbound: &Inbound,
    client: &Map<String, Value>,
    host: &str,
    stats: Option<&ClientTraffic>,
    now_ms: i64,
) -> Vec<String> {
    let stream = inbound.stream_settings.clone().unwrap_or(Value::Null);
    let address = if is_any_addr(&inbound.listen) {
        host.to_owned()
    } else {
        inbound.listen.clone()
    };
    let email = str_field(client, "email");
    let proxies: Vec<&Map<String, Value>> = stream
        .get("externalProxy")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default();
    let targets: Vec<(String, i64, Option<String>, String)> = if proxies.is_empty() {
        vec![(address, inbound.port, None, String::new())]
    } else {
        proxies
            .iter()
            .map(|p| {
                (
                    str_field(p, "dest").to_owned(),
                    p.get("port").and_then(Value::as_f64).map_or(0, |f| f as i64),
                    Some(str_field(p, "forceTls").to_owned()),
                    str_field(p, "remark").to_owned(),
                )
            })
            .collect()
    };
    targets
        .into_iter()
        .filter_map(|(addr, port, force, extra)| {
            let remark = remark(inbound, email, &extra, stats, now_ms);
            match inbound.protocol.as_str() {
                "vmess" => Some(vmess(inbound, client, &stream, &addr, port, force.as_deref(), &remark)),
                "vless" | "trojan" | "shadowsocks" => Some(url_link(
                    inbound,
                    client,
                    &stream,
                    &addr,
                    port,
                    force.as_deref(),
                    &remark,
                )),
                _ => None,
            }
        })
        .collect()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Transport params shared by vless/trojan/ss (`type` plus network specifics).
fn network_params(stream: &Value, params: &mut BTreeMap<String, String>) -> String {
    let network = s(stream, "network").to_owned();
    params.insert("type".into(), network.clone());
    match network.as_str() {
        "tcp" => {
            let header = &stream["tcpSettings"]["header"];
            if s(header, "type") == "http" {
                let request = &header["request"];
                let path = request["path"].get(0).and_then(Value::as_str).unwrap_or("");
                params.insert("path".into(), path.to_owned());
                params.insert("host".into(), search_host(&request["headers"]));
                params.insert("headerType".into(), "http".into());
            }
        }
        "kcp" => {
            let kcp = &stream["kcpSettings"];
            params.insert("headerType".into(), s(&kcp["header"], "type").to_owned());
            params.insert("seed".into(), s(kcp, "seed").to_owned());
        }
        "ws" | "httpupgrade" | "xhttp" => {
            let settings = &stream[format!("{network}Settings").as_str()];
            params.insert("path".into(), s(settings, "path").to_owned());
            params.insert("host".into(), host_of(settings));
            if network == "xhttp" {
                params.insert("mode".into(), s(settings, "mode").to_owned());
            }
        }
        "grpc" => {
            let grpc = &stream["grpcSettings"];
            params.insert("serviceName".into(), s(grpc, "serviceName").to_owned());
            params.insert("authority".into(), s(grpc, "authority").to_owned());
            if grpc["multiMode"].as_bool() == Some(true) {
                params.insert("mode".into(), "multi".into());
            }
        }
        _ => {}
    }
    network
}

fn host_of(settings: &Value) -> String {
    let host = s(settings, "host");
    if host.is_empty() {
        search_host(&settings["headers"])
    } else {
        host.to_owned()
    }
}

fn search_host(headers: &Value) -> String {
    let Some(map) = headers.as_object() else {
        return String::new();
    };
    for (k, v) in map {
        if k.eq_ignore_ascii_case("host") {
            return match v {
                Value::Array(list) => list.first().and_then(Value::as_str).unwrap_or("").to_owned(),
                Value::String(h) => h.clone(),
                _ => String::new(),
            };
        }
    }
    String::new()
}

fn tls_params(stream: &Value, params: &mut BTreeMap<String, String>) {
    let tls = &stream["tlsSettings"];
    let alpn: Vec<&str> = tls["alpn"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !alpn.is_empty() {
        params.insert("alpn".into(), alpn.join(","));
    }
    if let Some(sni) = tls.get("serverName") {
        params.insert("sni".into(), sni.as_str().unwrap_or("").to_owned());
    }
    if let Some(fp) = tls["settings"].get("fingerprint") {
        params.insert("fp".into(), fp.as_str().unwrap_or("").to_owned());
    }
}

fn reality_params(stream: &Value, params: &mut BTreeMap<String, String>) {
    let reality = &stream["realitySettings"];
    let settings = &reality["settings"];
    let mut rng = rand::rng();
    if let Some(names) = reality["serverNames"].as_array().filter(|a| !a.is_empty()) {
        let pick = &names[rng.random_range(0..names.len())];
        params.insert("sni".into(), pick.as_str().unwrap_or("").to_owned());
    }
    params.insert("pbk".into(), s(settings, "publicKey").to_owned());
    if let Some(ids) = reality["shortIds"].as_array().filter(|a| !a.is_empty()) {
        let pick = &ids[rng.random_range(0..ids.len())];
        params.insert("sid".into(), pick.as_str().unwrap_or("").to_owned());
    }
    for (key, name) in [("fp", "fingerprint"), ("pqv", "mldsa65Verify")] {
        let value = s(settings, name);
        if !value.is_empty() {
            params.insert(key.into(), value.to_owned());
        }
    }
    let spider: String = (&mut rng).sample_iter(&Alphanumeric).take(15).map(char::from).collect();
    params.insert("spx".into(), format!("/{spider}"));
}

/// vless://, trojan:// and ss:// links (query built as a sorted `url.Values`).
fn url_link(
    inbound: &Inbound,
    client: &Map<String, Value>,
    stream: &Value,
    addr: &str,
    port: i64,
    force_tls: Option<&str>,
    remark: &str,
) -> String {
    let protocol = inbound.protocol.as_str();
    let mut params = BTreeMap::new();
    if protocol == "vless"
        && let Some(enc) = inbound.settings.get("encryption").and_then(Value::as_str)
    {
        params.insert("encryption".to_owned(), enc.to_owned());
    }
    let network = network_params(stream, &mut params);
    let security = s(stream, "security");
    let flow = str_field(client, "flow");
    match security {
        "tls" => {
            params.insert("security".into(), "tls".into());
            tls_params(stream, &mut params);
            if protocol == "vless" && network == "tcp" && !flow.is_empty() {
                params.insert("flow".into(), flow.to_owned());
            }
        }
        "reality" if protocol != "shadowsocks" => {
            params.insert("security".into(), "reality".into());
            reality_params(stream, &mut params);
            if network == "tcp" && !flow.is_empty() {
                params.insert("flow".into(), flow.to_owned());
            }
        }
        _ if protocol != "shadowsocks" => {
            params.insert("security".into(), "none".into());
        }
        _ => {}
    }
    if let Some(force) = force_tls {
        let new_security = if force == "same" { security } else { force };
        params.insert("security".into(), new_security.to_owned());
        if force == "none" {
            for key in ["alpn", "sni", "fp"] {
                params.remove(key);
            }
        }
    }
    let userinfo = match protocol {
        "vless" => userinfo_escape(str_field(client, "id")),
        "trojan" => userinfo_escape(str_field(client, "password")),
        _ => {
            let method = str_field(&inbound.settings, "method");
            let key = str_field(client, "password");
            let enc = if method.starts_with('2') {
                format!("{method}:{}:{key}", str_field(&inbound.settings, "password"))
            } else {
                format!("{method}:{key}")
            };
            STANDARD.encode(enc)
        }
    };
    let scheme = if protocol == "shadowsocks" { "ss" } else { protocol };
    format!(
        "{scheme}://{userinfo}@{addr}:{port}?{}#{}",
        encode_query(&params),
        fragment_escape(remark)
    )
}

/// vmess:// + base64 of the sorted, indented JSON object.
fn vmess(
    _inbound: &Inbound,
    client: &Map<String, Value>,
    stream: &Value,
    addr: &str,
    port: i64,
    force_tls: Option<&str>,
    remark: &str,
) -> String {
    let mut obj = Map::new();
    obj.insert("v".into(), "2".into());
    obj.insert("add".into(), addr.into());
    obj.insert("port".into(), port.into());
    obj.insert("type".into(), "none".into());
    let network = s(stream, "network");
    obj.insert("net".into(), network.into());
    match network {
        "tcp" => {
            let header = &stream["tcpSettings"]["header"];
            obj.insert("type".into(), s(header, "type").into());
            if s(header, "type") == "http" {
                let request = &header["request"];
                let path = request["path"].get(0).and_then(Value::as_str).unwrap_or("");
                obj.insert("path".into(), path.into());
                obj.insert("host".into(), search_host(&request["headers"]).into());
            }
        }
        "kcp" => {
            let kcp = &stream["kcpSettings"];
            obj.insert("type".into(), s(&kcp["header"], "type").into());
            obj.insert("path".into(), s(kcp, "seed").into());
        }
        "ws" | "httpupgrade" | "xhttp" => {
            let settings = &stream[format!("{network}Settings").as_str()];
            obj.insert("path".into(), s(settings, "path").into());
            obj.insert("host".into(), host_of(settings).into());
            if network == "xhttp" {
                obj.insert("mode".into(), s(settings, "mode").into());
            }
        }
        "grpc" => {
            let grpc = &stream["grpcSettings"];
            obj.insert("path".into(), s(grpc, "serviceName").into());
            obj.insert("authority".into(), s(grpc, "authority").into());
            if grpc["multiMode"].as_bool() == Some(true) {
                obj.insert("type".into(), "multi".into());
            }
        }
        _ => {}
    }
    let security = s(stream, "security");
    obj.insert("tls".into(), security.into());
    if security == "tls" {
        let mut params = BTreeMap::new();
        tls_params(stream, &mut params);
        for (k, v) in params {
            obj.insert(k, v.into());
        }
    }
    obj.insert("id".into(), str_field(client, "id").into());
    obj.insert("scy".into(), str_field(client, "security").into());
    if let Some(force) = force_tls {
        if force == "none" {
            for key in ["alpn", "sni", "fp"] {
                obj.remove(key);
            }
        }
        if force != "same" {
            obj.insert("tls".into(), force.into());
        }
    }
    obj.insert("ps".into(), remark.into());
    format!("vmess://{}", STANDARD.encode(go_pretty(&Value::Object(obj))))
}

/// `genRemark` with the default `subShowInfo = true`.
pub(crate) fn remark(
    inbound: &Inbound,
    email: &str,
    extra: &str,
    stats: Option<&ClientTraffic>,
    now_ms: i64,
) -> String {
    let mut chars = REMARK_MODEL.chars();
    let separator = chars.next().unwrap_or('-').to_string();
    let mut parts: Vec<String> = Vec::new();
    for c in chars {
        let part = match c {
            'i' => inbound.remark.as_str(),
            'e' => email,
            'o' => extra,
            _ => "",
        };
        if !part.is_empty() {
            parts.push(part.to_owned());
        }
    }
    if let Some(stats) = stats {
        if !stats.enable {
            return format!("⛔️N/A{separator}{}", parts.join(&separator));
        }
        let left = stats.total - (stats.up + stats.down);
        if left > 0 {
            parts.push(format!("{}📊", format_traffic(left)));
        }
        let exp = stats.expiry_time / 1000;
        if exp != 0 {
            let (days, hours, minutes) = if exp > 0 {
                let remaining = exp - now_ms / 1000;
                (remaining / 86400, (remaining % 86400) / 3600, (remaining % 3600) / 60)
            } else {
                (exp / -86400, (exp % -86400) / 3600, (exp % -3600) / 60)
            };
            parts.push(if days > 0 && hours > 0 {
                format!("{days}D,{hours}H⏳")
            } else if days > 0 {
                format!("{days}D⏳")
            } else if hours > 0 {
                format!("{hours}H⏳")
            } else {
                format!("{minutes}M⏳")
            });
        }
    }
    parts.join(&separator)
}

/// `common.FormatTraffic`: `%.2f` with B/KB/MB/GB/TB/PB, base 1024.
pub(crate) fn format_traffic(bytes: i64) -> String {
    const UNITS: [&str; 6] = ["B", "KB", "MB", "GB", "TB", "PB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    format!("{size:.2}{}", UNITS[unit])
}
