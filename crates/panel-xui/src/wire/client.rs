//! A client as the panel writes it: an element of an inbound's `settings.clients` (every
//! generation) or a gen-D client record (`clients/get/:email`, where `id` is a row number
//! and the UUID is `uuid`).

use serde::Deserialize;

use super::lenient;

/// The client fields MoonVPN reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireClient {
    /// vless/vmess UUID in `settings.clients`; a row number in a gen-D record.
    #[serde(default, deserialize_with = "id_text")]
    pub id: String,
    /// The UUID in a gen-D record.
    #[serde(default, deserialize_with = "lenient::string")]
    pub uuid: String,
    /// trojan password / shadowsocks user key.
    #[serde(default, deserialize_with = "lenient::string")]
    pub password: String,
    /// The identity.
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    /// vless flow.
    #[serde(default, deserialize_with = "lenient::string")]
    pub flow: String,
    /// Simultaneous IPs; 0 = unlimited (read it as [`WireClient::ip_limit`]).
    #[serde(default, deserialize_with = "lenient::int")]
    pub limit_ip: i64,
    /// Traffic limit in bytes (despite the name); 0 = unlimited (read it as
    /// [`WireClient::traffic_limit`]).
    #[serde(default, rename = "totalGB", deserialize_with = "lenient::int")]
    pub total_gb: i64,
    /// Expiry in Unix ms; 0 = never; negative = days after first use.
    #[serde(default, deserialize_with = "lenient::int")]
    pub expiry_time: i64,
    /// Whether it may connect.
    #[serde(default = "yes", deserialize_with = "lenient::bool_true")]
    pub enable: bool,
    /// Owner's Telegram id; 0 = none (text on 3x-ui 2.0).
    #[serde(default, deserialize_with = "lenient::int")]
    pub tg_id: i64,
    /// Subscription id.
    #[serde(default, deserialize_with = "lenient::string")]
    pub sub_id: String,
}

fn yes() -> bool {
    true
}

/// `id` is text in settings and a number in gen-D records.
fn id_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    })
}

impl WireClient {
    /// How legacy routes (`updateClient/:clientId`, `delClient/:clientId`) name this client
    /// on a `protocol` inbound: the UUID for vless/vmess, the password for trojan, the email
    /// for shadowsocks.
    pub fn legacy_id(&self, protocol: &str) -> &str {
        match protocol {
            "shadowsocks" => &self.email,
            other => self.key(other),
        }
    }

    /// The client's key for `protocol`: the UUID for vless/vmess, else the password.
    pub fn key(&self, protocol: &str) -> &str {
        match protocol {
            "vless" | "vmess" if !self.uuid.is_empty() => &self.uuid,
            "vless" | "vmess" => &self.id,
            _ => &self.password,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_settings_client_is_read_with_its_uuid() {
        let c: WireClient = serde_json::from_value(json!({
            "id": "0b1c", "email": "bob", "totalGB": 1024, "expiryTime": 1767225600000i64,
            "enable": false, "tgId": "123", "subId": "s", "limitIp": 2, "flow": "xtls-rprx-vision"
        }))
        .unwrap();
        assert_eq!(c.key("vless"), "0b1c");
        assert_eq!((c.total_gb, c.tg_id, c.limit_ip, c.enable), (1024, 123, 2, false));
    }

    #[test]
    fn a_gen_d_record_takes_its_uuid_not_its_row_id() {
        let c: WireClient =
            serde_json::from_value(json!({"id": 7, "uuid": "u-1", "password": "", "email": "bob"})).unwrap();
        assert_eq!(c.key("vmess"), "u-1");
        assert!(c.enable);
        let t: WireClient = serde_json::from_value(json!({"password": "pw", "email": "t"})).unwrap();
        assert_eq!(t.key("trojan"), "pw");
        assert_eq!(t.legacy_id("trojan"), "pw");
        assert_eq!(t.legacy_id("shadowsocks"), "t");
    }
}
