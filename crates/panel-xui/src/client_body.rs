//! The client object MoonVPN writes and how it reads one back. 3x-ui replaces a client
//! whole, so writes start from the panel's current object and set MoonVPN's fields on it,
//! keeping everything else (comment, auto-renew, created_at, ...).

use inventory::{ClientEmail, ClientLimits, PanelClient, RemoteClient};
use kernel::TelegramId;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use crate::ss_key;
use crate::wire::{WireClient, WireInbound};

/// Unix milliseconds of an expiry; 0 = never.
pub(crate) fn expiry_ms(at: Option<OffsetDateTime>) -> i64 {
    at.map(|t| i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The vless flow a new client gets: on a vless inbound over tcp with TLS or REALITY, the
/// flow its existing clients use (the admin's choice); otherwise none.
pub(crate) fn inherited_flow(inbound: &WireInbound) -> String {
    if inbound.protocol != "vless" {
        return String::new();
    }
    let stream = crate::wire::json_text(&inbound.stream_settings).unwrap_or(Value::Null);
    let network = stream.get("network").and_then(Value::as_str).unwrap_or("");
    let security = stream.get("security").and_then(Value::as_str).unwrap_or("");
    if network != "tcp" || !matches!(security, "tls" | "reality") {
        return String::new();
    }
    inbound
        .raw_clients()
        .unwrap_or_default()
        .iter()
        .filter_map(|c| c.get("flow").and_then(Value::as_str))
        .find(|f| !f.is_empty())
        .unwrap_or("")
        .to_owned()
}

/// The shadowsocks method of an inbound.
fn ss_method(inbound: &WireInbound) -> String {
    inbound
        .settings_value()
        .ok()
        .and_then(|s| s.get("method").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default()
}

/// The key as written to `inbound` (shadowsocks 2022 keys are sized to the cipher).
pub(crate) fn written_key(inbound: &WireInbound, key: &str) -> String {
    if inbound.protocol == "shadowsocks" {
        ss_key::user_key(&ss_method(inbound), key)
    } else {
        key.to_owned()
    }
}

/// The full object for `client` on `inbound`, starting from `base` (the current object, or
/// nothing for a new client). `tg_id_as_text` writes `tgId` as text (3x-ui 2.0).
pub(crate) fn client_object(
    base: Option<&Value>,
    client: &PanelClient,
    inbound: &WireInbound,
    tg_id_as_text: bool,
) -> Value {
    let mut obj: Map<String, Value> = base.and_then(Value::as_object).cloned().unwrap_or_default();
    let key = written_key(inbound, &client.key);
    match inbound.protocol.as_str() {
        "vless" => {
            obj.insert("id".into(), json!(key));
            if base.is_none() {
                obj.insert("flow".into(), json!(inherited_flow(inbound)));
            }
        }
        "vmess" => {
            obj.insert("id".into(), json!(key));
            obj.entry("security").or_insert_with(|| json!("auto"));
        }
        "shadowsocks" => {
            obj.insert("password".into(), json!(key));
            obj.entry("method").or_insert_with(|| json!(""));
        }
        _ => {
            obj.insert("password".into(), json!(key));
        }
    }
    let tg_id = client.telegram_id.map_or(0, TelegramId::get);
    obj.insert("email".into(), json!(client.email.as_str()));
    obj.insert("limitIp".into(), json!(crate::wire::limit_ip(client.limits.ip_limit)));
    obj.insert(
        "totalGB".into(),
        json!(crate::wire::total_gb(client.limits.total_bytes)),
    );
    obj.insert("expiryTime".into(), json!(expiry_ms(client.limits.expires_at)));
    obj.insert("enable".into(), json!(client.enabled));
    obj.insert(
        "tgId".into(),
        match (tg_id_as_text, tg_id) {
            (true, 0) => json!(""),
            (true, id) => json!(id.to_string()),
            (false, id) => json!(id),
        },
    );
    obj.insert("subId".into(), json!(client.sub_id));
    obj.entry("comment").or_insert_with(|| json!(""));
    obj.entry("reset").or_insert_with(|| json!(0));
    Value::Object(obj)
}

/// A client as read from `inbound`.
pub(crate) fn remote_client(inbound: &WireInbound, wire: &WireClient, email: &ClientEmail) -> RemoteClient {
    let expires_at = (wire.expiry_time > 0)
        .then(|| OffsetDateTime::from_unix_timestamp_nanos(i128::from(wire.expiry_time) * 1_000_000).ok())
        .flatten();
    RemoteClient {
        inbound_remote_id: inbound.id,
        client: PanelClient {
            email: email.clone(),
            key: wire.key(&inbound.protocol).to_owned(),
            sub_id: wire.sub_id.clone(),
            limits: ClientLimits {
                total_bytes: wire.traffic_limit(),
                expires_at,
                ip_limit: wire.ip_limit(),
            },
            enabled: wire.enable,
            telegram_id: TelegramId::new(wire.tg_id).ok(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn inbound(protocol: &str, settings: Value, stream: Value) -> WireInbound {
        serde_json::from_value(json!({
            "id": 5, "port": 443, "protocol": protocol,
            "settings": settings.to_string(), "streamSettings": stream.to_string()
        }))
        .unwrap()
    }

    fn client() -> PanelClient {
        PanelClient {
            email: ClientEmail::new("FR-MoonVPN-1001").unwrap(),
            key: "0b1c0b1c-0000-4000-8000-000000000001".into(),
            sub_id: "subsubsubsubsub1".into(),
            limits: ClientLimits {
                total_bytes: kernel::ByteLimit::upto(53_687_091_200).unwrap(),
                expires_at: Some(datetime!(2026-01-01 0:00 UTC)),
                ip_limit: kernel::CountLimit::upto(2).unwrap(),
            },
            enabled: true,
            telegram_id: Some(TelegramId::new(123).unwrap()),
        }
    }

    #[test]
    fn a_new_vless_client_on_reality_inherits_the_inbounds_flow() {
        let ib = inbound(
            "vless",
            json!({"clients": [{"id": "x", "email": "a", "flow": "xtls-rprx-vision"}], "decryption": "none"}),
            json!({"network": "tcp", "security": "reality"}),
        );
        let obj = client_object(None, &client(), &ib, false);
        assert_eq!(obj["flow"], "xtls-rprx-vision");
        assert_eq!(obj["id"], "0b1c0b1c-0000-4000-8000-000000000001");
        assert_eq!(obj["totalGB"], 53_687_091_200u64);
        assert_eq!(obj["expiryTime"], 1_767_225_600_000i64);
        assert_eq!((obj["tgId"].clone(), obj["limitIp"].clone()), (json!(123), json!(2)));
        let ws = inbound(
            "vless",
            json!({"clients": [{"flow": "xtls-rprx-vision"}]}),
            json!({"network": "ws"}),
        );
        assert_eq!(client_object(None, &client(), &ws, false)["flow"], "");
    }

    #[test]
    fn an_update_keeps_the_fields_moonvpn_does_not_manage() {
        let ib = inbound("vmess", json!({"clients": []}), json!({"network": "tcp"}));
        let base = json!({"id": "old", "security": "aes-128-gcm", "comment": "vip", "reset": 30, "created_at": 1});
        let obj = client_object(Some(&base), &client(), &ib, true);
        assert_eq!(obj["security"], "aes-128-gcm");
        assert_eq!(obj["comment"], "vip");
        assert_eq!(obj["reset"], 30);
        assert_eq!(obj["created_at"], 1);
        assert_eq!(obj["tgId"], "123");
    }

    #[test]
    fn shadowsocks_2022_keys_are_sized_and_trojan_uses_the_password() {
        let ss = inbound(
            "shadowsocks",
            json!({"method": "2022-blake3-aes-256-gcm", "clients": []}),
            json!({}),
        );
        let obj = client_object(None, &client(), &ss, false);
        assert_eq!(obj["method"], "");
        assert_ne!(obj["password"], json!(client().key));
        let trojan = inbound("trojan", json!({"clients": []}), json!({}));
        assert_eq!(
            client_object(None, &client(), &trojan, false)["password"],
            json!(client().key)
        );
    }

    #[test]
    fn a_client_read_back_has_the_limits_it_was_given() {
        let ib = inbound("vless", json!({"clients": []}), json!({}));
        let raw = client_object(None, &client(), &ib, false);
        let wire: WireClient = serde_json::from_value(raw).unwrap();
        let back = remote_client(&ib, &wire, &client().email);
        assert_eq!(back.client, client());
        assert_eq!(back.inbound_remote_id, 5);
    }
}
