//! The proxy protocol an inbound speaks.

/// An xray inbound protocol. The four MoonVPN sells are named; anything else a panel reports
/// (wireguard, hysteria, ...) is kept as written, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// VLESS.
    Vless,
    /// VMess.
    Vmess,
    /// Trojan.
    Trojan,
    /// Shadowsocks.
    Shadowsocks,
    /// Another protocol, lower-cased.
    Other(String),
}

impl Protocol {
    /// Reads a protocol name as 3x-ui writes it (case-insensitive).
    pub fn parse(raw: &str) -> Self {
        let name = raw.trim().to_ascii_lowercase();
        match name.as_str() {
            "vless" => Self::Vless,
            "vmess" => Self::Vmess,
            "trojan" => Self::Trojan,
            "shadowsocks" => Self::Shadowsocks,
            _ => Self::Other(name),
        }
    }

    /// The name as 3x-ui writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Vless => "vless",
            Self::Vmess => "vmess",
            Self::Trojan => "trojan",
            Self::Shadowsocks => "shadowsocks",
            Self::Other(name) => name,
        }
    }
}

impl std::fmt::Display for Protocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_protocols_are_named_and_others_kept() {
        assert_eq!(Protocol::parse("VLESS"), Protocol::Vless);
        assert_eq!(Protocol::parse("wireguard"), Protocol::Other("wireguard".into()));
        assert_eq!(Protocol::parse("Hysteria").as_str(), "hysteria");
        assert_eq!(Protocol::Shadowsocks.to_string(), "shadowsocks");
    }
}
