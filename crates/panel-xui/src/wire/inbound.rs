//! An inbound as `inbounds/list` and `inbounds/get/:id` return it.

use serde::Deserialize;
use serde_json::Value;

use super::{WireClient, json_text, lenient};

/// The inbound fields MoonVPN reads; `settings`, `streamSettings` and `sniffing` are kept
/// as sent (text on gen A–C, objects on gen D).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireInbound {
    /// The panel's id.
    #[serde(deserialize_with = "lenient::int")]
    pub id: i64,
    /// The admin's label.
    #[serde(default, deserialize_with = "lenient::string")]
    pub remark: String,
    /// Whether it is on.
    #[serde(default = "yes", deserialize_with = "lenient::bool_true")]
    pub enable: bool,
    /// Listen address; empty = every address.
    #[serde(default, deserialize_with = "lenient::string")]
    pub listen: String,
    /// Port.
    #[serde(default, deserialize_with = "lenient::int")]
    pub port: i64,
    /// `vless`, `vmess`, `trojan`, `shadowsocks`, ...
    #[serde(default, deserialize_with = "lenient::string")]
    pub protocol: String,
    /// Protocol settings (clients live here).
    #[serde(default)]
    pub settings: Value,
    /// Transport and security.
    #[serde(default)]
    pub stream_settings: Value,
    /// Sniffing.
    #[serde(default)]
    pub sniffing: Value,
    /// xray tag.
    #[serde(default, deserialize_with = "lenient::string")]
    pub tag: String,
}

fn yes() -> bool {
    true
}

/// A JSON value as text for storage: text stays as sent, objects are written compactly,
/// `null` is empty.
pub(crate) fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

impl WireInbound {
    /// The settings as an object (parsed from text on gen A–C).
    pub fn settings_value(&self) -> Result<Value, serde_json::Error> {
        json_text(&self.settings)
    }

    /// The raw client objects of `settings.clients` (empty when there are none).
    pub fn raw_clients(&self) -> Result<Vec<Value>, serde_json::Error> {
        Ok(self
            .settings_value()?
            .get("clients")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default())
    }

    /// The client with this email (exact, then case-insensitive as the panel compares),
    /// typed and raw.
    pub fn find_client(&self, email: &str) -> Result<Option<(WireClient, Value)>, serde_json::Error> {
        let raw = self.raw_clients()?;
        let email_of = |c: &Value| c.get("email").and_then(Value::as_str).map(str::to_owned);
        let found = raw.iter().find(|c| email_of(c).as_deref() == Some(email)).or_else(|| {
            raw.iter()
                .find(|c| email_of(c).is_some_and(|e| e.eq_ignore_ascii_case(email)))
        });
        match found {
            Some(value) => Ok(Some((serde_json::from_value(value.clone())?, value.clone()))),
            None => Ok(None),
        }
    }

    /// This inbound as JSON, the way link builders read it.
    pub fn to_value(&self) -> Value {
        serde_json::json!({
            "id": self.id, "remark": self.remark, "listen": self.listen, "port": self.port,
            "protocol": self.protocol, "settings": self.settings, "streamSettings": self.stream_settings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn legacy() -> WireInbound {
        serde_json::from_value(json!({
            "id": 3, "remark": "R", "enable": true, "listen": "", "port": 443, "protocol": "vless",
            "settings": "{\"clients\":[{\"id\":\"u1\",\"email\":\"Bob\"},{\"id\":\"u2\",\"email\":\"bob\"}]}",
            "streamSettings": "{\"network\":\"tcp\"}", "sniffing": "", "tag": "inbound-443", "clientStats": null
        }))
        .unwrap()
    }

    #[test]
    fn settings_text_is_parsed_and_clients_found_exactly_first() {
        let inbound = legacy();
        assert_eq!(inbound.raw_clients().unwrap().len(), 2);
        let (client, _) = inbound.find_client("bob").unwrap().unwrap();
        assert_eq!(client.id, "u2");
        let (client, _) = inbound.find_client("BOB").unwrap().unwrap();
        assert_eq!(client.id, "u1");
        assert!(inbound.find_client("eve").unwrap().is_none());
    }

    #[test]
    fn gen_d_objects_are_read_and_stored_as_text() {
        let inbound: WireInbound = serde_json::from_value(json!({
            "id": 1, "port": 8443, "protocol": "trojan", "settings": {"clients": [{"password": "p", "email": "t"}]},
            "streamSettings": {"network": "ws"}, "sniffing": null
        }))
        .unwrap();
        assert_eq!(inbound.find_client("t").unwrap().unwrap().0.password, "p");
        assert_eq!(as_text(&inbound.stream_settings), r#"{"network":"ws"}"#);
        assert_eq!(as_text(&inbound.sniffing), "");
    }
}
