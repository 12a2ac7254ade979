//! The rows the fake panel stores (`inbounds`, `client_traffics`) and their JSON shapes per generation.

use serde_json::{Map, Value, json};

use super::config::Generation;

/// One inbound row. `settings` holds everything but the clients array, which lives in `clients`
/// (`None` when the stored settings have no `clients` key).
#[derive(Debug, Clone, Default)]
pub(crate) struct Inbound {
    pub id: i64,
    pub up: i64,
    pub down: i64,
    pub total: i64,
    pub all_time: i64,
    pub remark: String,
    pub enable: bool,
    pub expiry_time: i64,
    pub traffic_reset: String,
    pub last_traffic_reset_time: i64,
    pub listen: String,
    pub port: i64,
    pub protocol: String,
    pub settings: Map<String, Value>,
    pub clients: Option<Vec<Map<String, Value>>>,
    pub stream_settings: Option<Value>,
    pub sniffing: Option<Value>,
    pub tag: String,
}

impl Inbound {
    /// Non-empty client emails, in settings order.
    pub(crate) fn emails(&self) -> Vec<String> {
        self.clients
            .iter()
            .flatten()
            .map(|c| str_field(c, "email").to_owned())
            .filter(|e| !e.is_empty())
            .collect()
    }

    /// The full settings object (with `clients`), keys sorted as Go's `MarshalIndent(map)` writes them.
    pub(crate) fn settings_value(&self) -> Value {
        let mut settings = self.settings.clone();
        if let Some(clients) = &self.clients {
            settings.insert(
                "clients".into(),
                Value::Array(clients.iter().cloned().map(Value::Object).collect()),
            );
        }
        Value::Object(settings)
    }

    /// The inbound as `/list` and `/get` return it. `stats` is `None` for `clientStats: null`.
    pub(crate) fn to_wire(&self, generation: Generation, stats: Option<Vec<Value>>) -> Value {
        let settings = self.settings_value();
        let mut out = Map::new();
        out.insert("id".into(), json!(self.id));
        out.insert("up".into(), json!(self.up));
        out.insert("down".into(), json!(self.down));
        out.insert("total".into(), json!(self.total));
        if generation != Generation::D {
            out.insert("allTime".into(), json!(self.all_time));
        }
        out.insert("remark".into(), json!(self.remark));
        out.insert("enable".into(), json!(self.enable));
        out.insert("expiryTime".into(), json!(self.expiry_time));
        out.insert("trafficReset".into(), json!(self.traffic_reset));
        out.insert("lastTrafficResetTime".into(), json!(self.last_traffic_reset_time));
        out.insert("clientStats".into(), stats.map_or(Value::Null, Value::Array));
        out.insert("listen".into(), json!(self.listen));
        out.insert("port".into(), json!(self.port));
        out.insert("protocol".into(), json!(self.protocol));
        out.insert("settings".into(), text_field(generation, Some(&settings)));
        out.insert(
            "streamSettings".into(),
            text_field(generation, self.stream_settings.as_ref()),
        );
        out.insert("tag".into(), json!(self.tag));
        out.insert("sniffing".into(), text_field(generation, self.sniffing.as_ref()));
        Value::Object(out)
    }
}

/// A JSON-text column: a pretty string (gen A–C) or the nested value (gen D, `null` when empty).
fn text_field(generation: Generation, value: Option<&Value>) -> Value {
    match (generation, value) {
        (_, Some(Value::String(raw))) => Value::String(raw.clone()),
        (Generation::D, Some(v)) => v.clone(),
        (Generation::D, None) => Value::Null,
        (_, Some(v)) => Value::String(go_pretty(v)),
        (_, None) => Value::String(String::new()),
    }
}

/// Go's `json.MarshalIndent(v, "", "  ")`, including its HTML escaping.
pub(crate) fn go_pretty(value: &Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    go_html_escape(&text)
}

/// Go's `encoding/json` escapes `<`, `>`, `&`, U+2028 and U+2029 inside strings.
pub(crate) fn go_html_escape(text: &str) -> String {
    if !text.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// One `client_traffics` row.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClientTraffic {
    pub id: i64,
    pub inbound_id: i64,
    pub enable: bool,
    pub email: String,
    pub up: i64,
    pub down: i64,
    pub all_time: i64,
    pub expiry_time: i64,
    pub total: i64,
    pub reset: i64,
    pub last_online: i64,
}

impl ClientTraffic {
    /// The row `AddClientStat` creates for a new client.
    pub(crate) fn for_client(id: i64, inbound_id: i64, client: &Map<String, Value>) -> Self {
        let mut row = ClientTraffic {
            id,
            inbound_id,
            ..ClientTraffic::default()
        };
        row.apply_limits(client);
        row
    }

    /// Copies `enable`, `email`, `totalGB`, `expiryTime` and `reset` from a client.
    pub(crate) fn apply_limits(&mut self, client: &Map<String, Value>) {
        self.enable = bool_field(client, "enable");
        self.email = str_field(client, "email").to_owned();
        self.total = i64_field(client, "totalGB");
        self.expiry_time = i64_field(client, "expiryTime");
        self.reset = i64_field(client, "reset");
    }

    /// The traffic job's rule: over quota or past expiry.
    pub(crate) fn is_depleted(&self, now_ms: i64) -> bool {
        (self.total > 0 && self.up.saturating_add(self.down) >= self.total)
            || (self.expiry_time > 0 && self.expiry_time <= now_ms)
    }

    /// The row as JSON. `client` (from settings) fills `uuid`/`subId` and, when `enable_from_settings`,
    /// the `enable` flag (what `getClientTraffics` does from v2.8.4).
    pub(crate) fn to_wire(
        &self,
        generation: Generation,
        client: Option<&Map<String, Value>>,
        enable_from_settings: bool,
    ) -> Value {
        let enable = match client {
            Some(c) if enable_from_settings => bool_field(c, "enable"),
            _ => self.enable,
        };
        let mut out = Map::new();
        out.insert("id".into(), json!(self.id));
        out.insert("inboundId".into(), json!(self.inbound_id));
        out.insert("enable".into(), json!(enable));
        out.insert("email".into(), json!(self.email));
        out.insert("uuid".into(), json!(client.map_or("", |c| str_field(c, "id"))));
        out.insert("subId".into(), json!(client.map_or("", |c| str_field(c, "subId"))));
        out.insert("up".into(), json!(self.up));
        out.insert("down".into(), json!(self.down));
        if generation != Generation::D {
            out.insert("allTime".into(), json!(self.all_time));
        }
        out.insert("expiryTime".into(), json!(self.expiry_time));
        out.insert("total".into(), json!(self.total));
        out.insert("reset".into(), json!(self.reset));
        out.insert("lastOnline".into(), json!(self.last_online));
        Value::Object(out)
    }
}

/// The settings key that identifies a client in legacy URLs: `id`, `password` (trojan) or `email` (shadowsocks).
pub(crate) fn client_key_field(protocol: &str) -> &'static str {
    match protocol {
        "trojan" => "password",
        "shadowsocks" => "email",
        _ => "id",
    }
}

/// A string field, `""` when absent or not a string (Go's zero value after a lenient decode).
pub(crate) fn str_field<'a>(map: &'a Map<String, Value>, key: &str) -> &'a str {
    map.get(key).and_then(Value::as_str).unwrap_or("")
}

/// An integer field, `0` when absent or not an integer.
pub(crate) fn i64_field(map: &Map<String, Value>, key: &str) -> i64 {
    map.get(key).and_then(Value::as_i64).unwrap_or(0)
}

/// A boolean field, `false` when absent or not a boolean.
pub(crate) fn bool_field(map: &Map<String, Value>, key: &str) -> bool {
    map.get(key).and_then(Value::as_bool).unwrap_or(false)
}
