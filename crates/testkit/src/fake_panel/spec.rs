//! [`InboundSpec`]: what a test asks for, and the realistic settings the fake stores for it.

use serde_json::{Value, json};

/// An inbound a test adds with [`crate::FakePanel::add_inbound`]. The fake generates realistic
/// `settings`, `streamSettings` and `sniffing` for it (reference §4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundSpec {
    /// `vless`, `vmess`, `trojan` or `shadowsocks`.
    pub protocol: String,
    /// Listening port; unique per panel.
    pub port: u16,
    /// The inbound's remark (shows up in share-link names).
    pub remark: String,
    /// `tcp`, `ws`, `grpc`, `httpupgrade` or `xhttp`.
    pub network: String,
    /// `none`, `tls` or `reality`.
    pub security: String,
    /// Whether the inbound is enabled.
    pub enable: bool,
}

impl InboundSpec {
    fn new(protocol: &str, port: u16, remark: &str, network: &str, security: &str) -> Self {
        InboundSpec {
            protocol: protocol.to_owned(),
            port,
            remark: remark.to_owned(),
            network: network.to_owned(),
            security: security.to_owned(),
            enable: true,
        }
    }

    /// VLESS over TCP with REALITY (the most common modern setup).
    pub fn vless_reality(port: u16) -> Self {
        Self::new("vless", port, "VLESS-Reality", "tcp", "reality")
    }

    /// VLESS over WebSocket with TLS.
    pub fn vless_ws_tls(port: u16) -> Self {
        Self::new("vless", port, "VLESS-WS-TLS", "ws", "tls")
    }

    /// VMess over plain TCP.
    pub fn vmess_tcp(port: u16) -> Self {
        Self::new("vmess", port, "VMess-TCP", "tcp", "none")
    }

    /// Trojan over gRPC with TLS.
    pub fn trojan_grpc_tls(port: u16) -> Self {
        Self::new("trojan", port, "Trojan-gRPC-TLS", "grpc", "tls")
    }

    /// Shadowsocks 2022 over TCP.
    pub fn shadowsocks_tcp(port: u16) -> Self {
        Self::new("shadowsocks", port, "SS-TCP", "tcp", "none")
    }
}

/// Protocol settings without the clients array (which the state keeps separately).
pub(crate) fn settings_for(protocol: &str) -> serde_json::Map<String, Value> {
    let value = match protocol {
        "vless" => json!({"decryption": "none", "encryption": "none", "fallbacks": []}),
        "trojan" => json!({"fallbacks": []}),
        "shadowsocks" => json!({
            "method": "2022-blake3-aes-256-gcm",
            "password": "3lVaX4QY9dQ0dO1m6Q3x0h8mYl1Q0rE3kJ8Zr0Yk2Vc=",
            "network": "tcp,udp",
            "ivCheck": false
        }),
        _ => json!({}),
    };
    match value {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

/// `streamSettings` for a network/security pair, shaped like the panel UI stores them.
pub(crate) fn stream_for(network: &str, security: &str) -> Value {
    let mut stream = serde_json::Map::new();
    stream.insert("network".into(), json!(network));
    stream.insert("security".into(), json!(security));
    stream.insert("externalProxy".into(), json!([]));
    match network {
        "ws" => {
            stream.insert(
                "wsSettings".into(),
                json!({"acceptProxyProtocol": false, "path": "/ws", "host": "", "headers": {}, "heartbeatPeriod": 0}),
            );
        }
        "grpc" => {
            stream.insert(
                "grpcSettings".into(),
                json!({"serviceName": "grpc", "authority": "", "multiMode": false}),
            );
        }
        "httpupgrade" => {
            stream.insert(
                "httpupgradeSettings".into(),
                json!({"acceptProxyProtocol": false, "path": "/upgrade", "host": "", "headers": {}}),
            );
        }
        "xhttp" => {
            stream.insert(
                "xhttpSettings".into(),
                json!({"path": "/xhttp", "host": "", "headers": {}, "mode": "auto", "noSSEHeader": false,
                       "scMaxBufferedPosts": 30, "scMaxEachPostBytes": "1000000", "xPaddingBytes": "100-1000"}),
            );
        }
        _ => {
            stream.insert(
                "tcpSettings".into(),
                json!({"acceptProxyProtocol": false, "header": {"type": "none"}}),
            );
        }
    }
    match security {
        "tls" => {
            stream.insert(
                "tlsSettings".into(),
                json!({
                    "serverName": "vpn.example.com",
                    "minVersion": "1.2",
                    "maxVersion": "1.3",
                    "cipherSuites": "",
                    "rejectUnknownSni": false,
                    "certificates": [{"certificateFile": "/root/cert/fullchain.pem", "keyFile": "/root/cert/privkey.pem",
                                      "ocspStapling": 3600, "oneTimeLoading": false, "usage": "encipherment", "buildChain": false}],
                    "alpn": ["h2", "http/1.1"],
                    "settings": {"allowInsecure": false, "fingerprint": "chrome", "echConfigList": ""}
                }),
            );
        }
        "reality" => {
            stream.insert(
                "realitySettings".into(),
                json!({
                    "show": false,
                    "xver": 0,
                    "target": "www.microsoft.com:443",
                    "serverNames": ["www.microsoft.com"],
                    "privateKey": "kLmHc2ZQ7f6nqv3L9hJ3wV0oYbF1u8gTqN5rXcP2aUk",
                    "minClientVer": "",
                    "maxClientVer": "",
                    "maxTimediff": 0,
                    "shortIds": ["6ba85179e30d4fc2"],
                    "mldsa65Seed": "",
                    "settings": {"publicKey": "Z84J2IelR9ch3k8VtlVhhs5ycBUlXA7wHBWcBrjqnAw", "fingerprint": "chrome",
                                 "serverName": "", "spiderX": "/", "mldsa65Verify": ""}
                }),
            );
        }
        _ => {}
    }
    Value::Object(stream)
}

/// The default `sniffing` object of a new inbound.
pub(crate) fn sniffing_default() -> Value {
    json!({"enabled": false, "destOverride": ["http", "tls", "quic", "fakedns"], "metadataOnly": false, "routeOnly": false})
}
