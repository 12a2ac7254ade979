//! Binding a `model.Inbound` from a request body, per generation (reference §4, §8.13).

use serde_json::{Map, Value};

use super::bind::{Body, Fields};
use super::config::Generation;
use super::model::Inbound;
use super::state::Fail;

/// An inbound as the body described it, plus whether the body named an `id`.
pub(crate) struct BoundInbound {
    pub inbound: Inbound,
    pub settings_text: String,
    pub has_id: bool,
}

/// Binds `model.Inbound` (gen A–C need JSON-text strings for settings/streamSettings/sniffing;
/// gen D also accepts nested JSON). `Err` is the binding error text.
pub(crate) fn bind_inbound(generation: Generation, body: &Body) -> Result<BoundInbound, String> {
    let f = Fields::of(body, "Inbound", "model.Inbound")?;
    let id = f.int("id", "int")?;
    let has_id = f.raw("id").is_some_and(|v| !v.is_null()) || (!f.is_json() && id != 0);
    let mut inbound = Inbound {
        id,
        up: f.int("up", "int64")?,
        down: f.int("down", "int64")?,
        total: f.int("total", "int64")?,
        ..Inbound::default()
    };
    if generation != Generation::D {
        inbound.all_time = f.int("allTime", "int64")?;
    }
    inbound.remark = f.string("remark")?;
    inbound.enable = f.boolean("enable")?;
    inbound.expiry_time = f.int("expiryTime", "int64")?;
    inbound.traffic_reset = f.string("trafficReset")?;
    inbound.last_traffic_reset_time = f.int("lastTrafficResetTime", "int64")?;
    inbound.listen = f.string("listen")?;
    inbound.port = f.int("port", "int")?;
    inbound.protocol = f.string("protocol")?;
    let text = |name: &str| {
        if generation == Generation::D {
            f.text_or_raw(name)
        } else {
            f.string(name)
        }
    };
    let settings = text("settings")?;
    let stream = text("streamSettings")?;
    inbound.tag = f.string("tag")?;
    let sniffing = text("sniffing")?;
    if inbound.traffic_reset.is_empty() {
        inbound.traffic_reset = "never".to_owned();
    }
    inbound.stream_settings = parse_column(&stream);
    inbound.sniffing = parse_column(&sniffing);
    Ok(BoundInbound {
        inbound,
        settings_text: settings,
        has_id,
    })
}

impl BoundInbound {
    /// Parses the settings text into the inbound (see [`split_settings`]).
    pub(crate) fn with_settings(mut self) -> Result<Inbound, Fail> {
        let (settings, clients) = split_settings(&self.settings_text)?;
        self.inbound.settings = settings;
        self.inbound.clients = clients;
        Ok(self.inbound)
    }
}

/// A stored JSON-text column: parsed JSON, the raw text when it is not JSON, `None` when empty.
fn parse_column(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(serde_json::from_str(trimmed).unwrap_or_else(|_| Value::String(text.to_owned())))
}

/// Settings without the clients array, and the clients array (`None` when absent).
pub(crate) type SplitSettings = (Map<String, Value>, Option<Vec<Map<String, Value>>>);

/// Splits settings text into (settings without clients, clients). An empty text is an empty
/// object; invalid JSON is Go's unmarshal error; non-object clients make the panel panic.
pub(crate) fn split_settings(text: &str) -> Result<SplitSettings, Fail> {
    if text.trim().is_empty() {
        return Ok((Map::new(), None));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| Fail::Msg(e.to_string()))?;
    let Value::Object(mut map) = value else {
        return Err(Fail::Msg(
            "json: cannot unmarshal into Go value of type map[string]interface {}".to_owned(),
        ));
    };
    let clients = match map.remove("clients") {
        None | Some(Value::Null) => None,
        Some(Value::Array(list)) => {
            let mut out = Vec::with_capacity(list.len());
            for item in list {
                match item {
                    Value::Object(obj) => out.push(obj),
                    _ => return Err(Fail::Panic),
                }
            }
            Some(out)
        }
        Some(_) => return Err(Fail::Panic),
    };
    Ok((map, clients))
}

/// v2 `inbounds/add` re-marshals clients through `model.Client`, keeping only its fields.
pub(crate) fn v2_client_fields(client: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for key in ["id", "security", "password", "flow", "email", "subId", "comment"] {
        let v = client.get(key).and_then(Value::as_str).unwrap_or("");
        out.insert(key.into(), Value::from(v));
    }
    for key in ["limitIp", "totalGB", "expiryTime", "tgId", "reset"] {
        out.insert(
            key.into(),
            Value::from(client.get(key).and_then(Value::as_i64).unwrap_or(0)),
        );
    }
    out.insert(
        "enable".into(),
        Value::from(client.get("enable").and_then(Value::as_bool).unwrap_or(false)),
    );
    for key in ["created_at", "updated_at"] {
        if let Some(v) = client.get(key).and_then(Value::as_i64).filter(|v| *v != 0) {
            out.insert(key.into(), Value::from(v));
        }
    }
    out
}
