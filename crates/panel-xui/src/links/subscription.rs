//! The panel's subscription answers: the subscription URL, the links in a `/sub/<subId>`
//! body, and picking the one link that belongs to a client.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use serde_json::Value;

use super::go_escape::unescape;

/// The subscription URL the panel's UI shows: its `subURI` followed by the sub id.
pub(crate) fn subscription_url(sub_uri: &str, sub_id: &str) -> String {
    format!("{sub_uri}{sub_id}")
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(&compact).ok())
}

/// The share links in a subscription body: base64 of newline-separated links, or the links
/// as plain text when the panel's `subEncrypt` is off.
pub(crate) fn subscription_links(body: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(body);
    let decoded = match decode_base64(text.trim()).and_then(|b| String::from_utf8(b).ok()) {
        Some(plain) if plain.contains("://") => plain,
        _ => text.into_owned(),
    };
    decoded
        .lines()
        .map(str::trim)
        .filter(|l| l.contains("://"))
        .map(str::to_owned)
        .collect()
}

/// The scheme of a protocol's share links.
fn scheme(protocol: &str) -> &str {
    match protocol {
        "shadowsocks" => "ss",
        other => other,
    }
}

/// The client key a link carries: vless/vmess id, trojan password, shadowsocks user key.
fn credential(link: &str) -> Option<String> {
    let (scheme, rest) = link.split_once("://")?;
    if scheme == "vmess" {
        let json = decode_base64(rest.split('#').next()?)?;
        let value: Value = serde_json::from_slice(&json).ok()?;
        return value.get("id")?.as_str().map(str::to_owned);
    }
    let userinfo = unescape(rest.split_once('@')?.0);
    if scheme != "ss" {
        return Some(userinfo);
    }
    let secret = match decode_base64(&userinfo).and_then(|b| String::from_utf8(b).ok()) {
        Some(plain) if plain.contains(':') => plain,
        _ => userinfo,
    };
    secret.rsplit(':').next().map(str::to_owned)
}

/// Of the links a panel gave for a client, the one for `protocol` carrying `key`; else the
/// first of that protocol; else the first.
pub(crate) fn pick_link(links: &[String], protocol: &str, key: &str) -> Option<String> {
    let prefix = format!("{}://", scheme(protocol));
    let same_protocol = || links.iter().filter(|l| l.starts_with(&prefix));
    same_protocol()
        .find(|l| credential(l).as_deref() == Some(key))
        .or_else(|| same_protocol().next())
        .or_else(|| links.first())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base64_body_is_split_into_its_links() {
        let body = STANDARD.encode("vless://a@h:1?type=tcp#x\ntrojan://p@h:2?type=tcp#y\n");
        assert_eq!(
            subscription_links(body.as_bytes()),
            vec!["vless://a@h:1?type=tcp#x", "trojan://p@h:2?type=tcp#y"]
        );
    }

    #[test]
    fn a_plain_body_is_read_as_is() {
        assert_eq!(subscription_links(b"ss://abc@h:1#z\n"), vec!["ss://abc@h:1#z"]);
        assert!(subscription_links(b"Error!").is_empty());
    }

    #[test]
    fn the_link_carrying_the_clients_key_is_picked() {
        let ss = format!(
            "ss://{}@h:3#s",
            STANDARD.encode("2022-blake3-aes-128-gcm:c2VydmVy:dXNlcg==")
        );
        let vmess = format!("vmess://{}", STANDARD.encode(r#"{"id":"u-2","v":"2"}"#));
        let links = vec![
            "vless://u-1@h:1?type=tcp#a".to_owned(),
            "vless://u-2@h:2?type=tcp#b".to_owned(),
            ss.clone(),
            vmess.clone(),
        ];
        assert_eq!(
            pick_link(&links, "vless", "u-2").as_deref(),
            Some("vless://u-2@h:2?type=tcp#b")
        );
        assert_eq!(
            pick_link(&links, "vless", "other").as_deref(),
            Some("vless://u-1@h:1?type=tcp#a")
        );
        assert_eq!(
            pick_link(&links, "shadowsocks", "dXNlcg==").as_deref(),
            Some(ss.as_str())
        );
        assert_eq!(pick_link(&links, "vmess", "u-2").as_deref(), Some(vmess.as_str()));
        assert_eq!(pick_link(&[], "vless", "x"), None);
    }

    #[test]
    fn the_subscription_url_is_the_panels_sub_uri_and_the_sub_id() {
        assert_eq!(
            subscription_url("https://s.example.com:2096/sub/", "abc"),
            "https://s.example.com:2096/sub/abc"
        );
    }
}
