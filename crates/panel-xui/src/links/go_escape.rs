//! Percent-encoding exactly as Go's `net/url` writes a share link (the panel is written in
//! Go): `QueryEscape` for query values, the userinfo and fragment rules of `URL.String()`,
//! and `encoding/json`'s string escaping for vmess.

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

fn escape_with(s: &str, keep: impl Fn(u8) -> bool, space_as_plus: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else if b == b' ' && space_as_plus {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
            out.push(char::from(HEX_UPPER[usize::from(b & 15)]));
        }
    }
    out
}

/// Go `url.QueryEscape`: everything but `A-Za-z0-9-_.~` is encoded, space as `+`.
pub(crate) fn query(s: &str) -> String {
    escape_with(s, unreserved, true)
}

/// What Go's `url.Parse` + `URL.String()` make of `<userinfo>@host`: `@ / ? :` and anything
/// outside the RFC's sets are encoded, `$ & + , ; =` stay, and a `:` is kept as the
/// user/password separator. A `/` ends the authority when Go parses the link, so text
/// holding one comes back as written (host and path), unescaped.
pub(crate) fn userinfo(s: &str) -> String {
    if s.contains('/') {
        return s.to_owned();
    }
    let keep = |b: u8| unreserved(b) || matches!(b, b'$' | b'&' | b'+' | b',' | b';' | b'=');
    match s.split_once(':') {
        Some((user, password)) => format!(
            "{}:{}",
            escape_with(user, keep, false),
            escape_with(password, keep, false)
        ),
        None => escape_with(s, keep, false),
    }
}

/// Go `URL.EscapedFragment()` for a fragment set as text: keeps `A-Za-z0-9-_.~`,
/// `$&+,/:;=?@` and `!()*`; encodes the rest (space is `%20`, UTF-8 bytes one by one).
pub(crate) fn fragment(s: &str) -> String {
    let keep = |b: u8| {
        unreserved(b)
            || matches!(
                b,
                b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' | b'!' | b'(' | b')' | b'*'
            )
    };
    escape_with(s, keep, false)
}

/// A JSON string literal as Go's `encoding/json` writes it: HTML-sensitive `< > &` and
/// U+2028/U+2029 as `\u` escapes, control characters short (`\n`, `\b`, …) or as `\u00xx`.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c if u32::from(c) < 0x20 => {
                let b = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX_LOWER[b >> 4]));
                out.push(char::from(HEX_LOWER[b & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Percent-decoding (for reading links the panel handed out); invalid escapes stay as text.
pub(crate) fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_escaped_like_go_query_escape() {
        assert_eq!(query("/ws path"), "%2Fws+path");
        assert_eq!(query("h2,http/1.1"), "h2%2Chttp%2F1.1");
        assert_eq!(query("a~b_c.d-e*"), "a~b_c.d-e%2A");
    }

    #[test]
    fn userinfo_keeps_sub_delims_escapes_at_and_leaves_slashed_text_alone() {
        assert_eq!(userinfo("YWVz+x=="), "YWVz+x==");
        assert_eq!(userinfo("YWVz+/x=="), "YWVz+/x==");
        assert_eq!(userinfo("p@ss word"), "p%40ss%20word");
        assert_eq!(userinfo("user:pa:ss"), "user:pa%3Ass");
    }

    #[test]
    fn fragments_escape_spaces_and_emoji_but_keep_punctuation() {
        assert_eq!(fragment("My Inbound-bob"), "My%20Inbound-bob");
        assert_eq!(fragment("a/b:c@d!(e)*"), "a/b:c@d!(e)*");
        assert_eq!(fragment("📊"), "%F0%9F%93%8A");
        assert_eq!(fragment("50%'#"), "50%25%27%23");
    }

    #[test]
    fn json_strings_escape_html_characters_like_go() {
        assert_eq!(json_string("a<b>&\"c\\"), r#""a\u003cb\u003e\u0026\"c\\""#);
        assert_eq!(json_string("x\ny\u{1}"), r#""x\ny\u0001""#);
        assert_eq!(json_string("⛔️"), "\"⛔️\"");
    }

    #[test]
    fn unescape_reverses_percent_encoding() {
        assert_eq!(unescape("YWVz%2Bx%2F%3D"), "YWVz+x/=");
        assert_eq!(unescape("50%zz"), "50%zz");
    }
}
