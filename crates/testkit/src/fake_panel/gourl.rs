//! The escaping rules of Go's `net/url`, which shape every share link the panel emits.

use std::collections::BTreeMap;

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

fn escape_with(s: &str, keep: impl Fn(u8) -> bool, space_as_plus: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b == b' ' && space_as_plus {
            out.push('+');
        } else if keep(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `url.QueryEscape`: only unreserved characters survive; space becomes `+`.
pub(crate) fn query_escape(s: &str) -> String {
    escape_with(s, is_unreserved, true)
}

/// `url.Values.Encode()`: keys sorted, `k=v` joined by `&`, empty values kept.
pub(crate) fn encode_query(params: &BTreeMap<String, String>) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", query_escape(k), query_escape(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `URL.EscapedFragment()`: keeps `$&+,/:;=?@!()*` and unreserved characters.
pub(crate) fn fragment_escape(s: &str) -> String {
    escape_with(s, |b| is_unreserved(b) || b"$&+,/:;=?@!()*".contains(&b), false)
}

/// Userinfo escaping of `URL.String()`: keeps `$&+,;=` and unreserved characters.
pub(crate) fn userinfo_escape(s: &str) -> String {
    escape_with(s, |b| is_unreserved(b) || b"$&+,;=".contains(&b), false)
}

/// Percent-decoding of a URL path (invalid escapes are kept as they are).
pub(crate) fn path_unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}
