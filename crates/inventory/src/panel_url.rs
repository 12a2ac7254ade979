//! Where a 3x-ui panel answers.

use crate::ParseError;

/// A panel's address: `http(s)://host[:port][/base/path]`, normalised to a lower-case scheme
/// and host and no trailing slash (`https://1.2.3.4:54321/AbCd`). The 3x-ui base path is
/// part of it; the driver appends `/login`, `/panel/api/...`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PanelUrl(String);

impl PanelUrl {
    /// The longest normalised URL accepted (it is stored under a UNIQUE index).
    pub const MAX_LEN: usize = 191;

    /// Checks and normalises a URL.
    pub fn new(raw: &str) -> Result<Self, ParseError> {
        let bad = |reason| ParseError::BadUrl {
            input: raw.to_owned(),
            reason,
        };
        let input = raw.trim();
        let (scheme, rest) = input
            .split_once("://")
            .ok_or_else(|| bad("it must start with http:// or https://"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(bad("it must start with http:// or https://"));
        }
        if rest.contains(['?', '#']) {
            return Err(bad("a query or fragment is not allowed"));
        }
        if rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("spaces are not allowed"));
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return Err(bad("put the username and password in their own fields"));
        }
        let host = parse_authority(authority).map_err(bad)?;
        let path = path.trim_end_matches('/');
        let url = format!("{scheme}://{host}{path}");
        if url.len() > Self::MAX_LEN {
            return Err(bad("it is longer than 191 characters"));
        }
        Ok(Self(url))
    }

    /// The normalised URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name a panel gets when the admin gives none: the URL without its scheme, cut to
    /// the longest display name.
    pub fn default_name(&self) -> crate::DisplayName {
        let text = self.0.split_once("://").map_or(self.0.as_str(), |(_, rest)| rest);
        let short: String = text.chars().take(crate::DisplayName::MAX_CHARS).collect();
        crate::DisplayName::new(&short).unwrap_or_else(|_| crate::DisplayName::new("panel").expect("a valid name"))
    }

    /// Whether the panel is reached over TLS.
    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }
}

/// Checks `host[:port]` (host may be a bracketed IPv6 address) and lower-cases the host.
fn parse_authority(authority: &str) -> Result<String, &'static str> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (addr, after) = v6.split_once(']').ok_or("an IPv6 address needs a closing ]")?;
        if addr.is_empty() || !addr.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
            return Err("the IPv6 address is malformed");
        }
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or("unexpected text after the IPv6 address")?),
        };
        (format!("[{addr}]"), port)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        let host_ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        if !host_ok {
            return Err("the host name is missing or malformed");
        }
        (host.to_owned(), port)
    };
    let port = match port {
        None => String::new(),
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 && p.bytes().all(|b| b.is_ascii_digit()) => format!(":{n}"),
            _ => return Err("the port must be a number from 1 to 65535"),
        },
    };
    Ok(format!("{}{port}", host.to_ascii_lowercase()))
}

impl std::fmt::Display for PanelUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_normalised_without_trailing_slash() {
        let url = PanelUrl::new(" HTTPS://Panel.Example.com:54321/AbCdEf/ ").unwrap();
        assert_eq!(url.as_str(), "https://panel.example.com:54321/AbCdEf");
        assert!(url.is_https());
        assert_eq!(PanelUrl::new("http://1.2.3.4").unwrap().as_str(), "http://1.2.3.4");
        assert_eq!(
            PanelUrl::new("http://[::1]:2053/x").unwrap().as_str(),
            "http://[::1]:2053/x"
        );
    }

    #[test]
    fn urls_that_cannot_reach_a_panel_are_refused() {
        for bad in [
            "panel.example.com",
            "ftp://host",
            "https://",
            "https://:443",
            "https://host:0",
            "https://host:70000",
            "https://host:+80",
            "https://user:pw@host",
            "https://host/path?x=1",
            "https://ho st",
            "https://[zz]:1",
            format!("https://host/{}", "a".repeat(180)).as_str(),
        ] {
            assert!(PanelUrl::new(bad).is_err(), "{bad} was accepted");
        }
    }
}
