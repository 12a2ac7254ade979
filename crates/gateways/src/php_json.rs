//! Re-encoding JSON text as PHP's `json_encode($data, JSON_UNESCAPED_UNICODE)` writes it,
//! which is what Cryptomus signs: members in the order received, no whitespace, `/` as `\/`,
//! non-ASCII raw (except U+2028/U+2029, which PHP still escapes), numbers exactly as received.
//! Works on the raw text so nothing is reordered or reformatted.

/// The top-level object `raw` re-encoded PHP-style without its `key` member, and that
/// member's string value. `None` when `raw` is not a JSON object.
pub fn without_member(raw: &str, key: &str) -> Option<(String, Option<String>)> {
    let mut p = Parser {
        s: raw.as_bytes(),
        i: 0,
    };
    p.ws();
    p.eat(b'{')?;
    let mut out = String::from("{");
    let mut removed = None;
    let mut first = true;
    p.ws();
    if p.peek() == Some(b'}') {
        p.i += 1;
    } else {
        loop {
            p.ws();
            let name = p.string()?;
            p.ws();
            p.eat(b':')?;
            p.ws();
            if name == key {
                let start = p.i;
                let mut value = String::new();
                p.value(&mut value)?;
                removed = serde_json::from_str::<String>(&raw[start..p.i]).ok();
            } else {
                if !first {
                    out.push(',');
                }
                first = false;
                push_string(&name, &mut out);
                out.push(':');
                p.value(&mut out)?;
            }
            p.ws();
            match p.next()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    out.push('}');
    p.ws();
    (p.i == p.s.len()).then_some((out, removed))
}

/// `text` as a PHP JSON string.
fn push_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// A string token, decoded.
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.eat(b'"')?;
        loop {
            match self.next()? {
                b'\\' => {
                    self.next()?;
                }
                b'"' => break,
                _ => {}
            }
        }
        let token = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        serde_json::from_str(token).ok()
    }

    /// Any value, re-encoded onto `out`.
    fn value(&mut self, out: &mut String) -> Option<()> {
        match self.peek()? {
            b'"' => push_string(&self.string()?, out),
            b'{' => {
                self.i += 1;
                out.push('{');
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        push_string(&self.string()?, out);
                        self.ws();
                        self.eat(b':')?;
                        out.push(':');
                        self.ws();
                        self.value(out)?;
                        self.ws();
                        match self.next()? {
                            b',' => out.push(','),
                            b'}' => break,
                            _ => return None,
                        }
                    }
                }
                out.push('}');
            }
            b'[' => {
                self.i += 1;
                out.push('[');
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        self.value(out)?;
                        self.ws();
                        match self.next()? {
                            b',' => out.push(','),
                            b']' => break,
                            _ => return None,
                        }
                    }
                }
                out.push(']');
            }
            _ => {
                let start = self.i;
                while matches!(
                    self.peek(),
                    Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E' | b'a'..=b'z')
                ) {
                    self.i += 1;
                }
                let token = std::str::from_utf8(&self.s[start..self.i]).ok()?;
                // Only a real scalar (number, true, false, null) is copied.
                serde_json::from_str::<serde_json::Value>(token).ok()?;
                out.push_str(token);
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn re_encodes_like_php_keeping_order() {
        let raw = "{ \"b\": \"x/y\", \"sign\": \"abc\",\n \"a\": [1, 2.50, {\"z\": null, \"y\": true}], \"u\": \"пр\\u0438\\u2028\" }";
        let (text, sign) = without_member(raw, "sign").unwrap();
        assert_eq!(text, r#"{"b":"x\/y","a":[1,2.50,{"z":null,"y":true}],"u":"при\u2028"}"#);
        assert_eq!(sign.as_deref(), Some("abc"));
        assert_eq!(without_member("[1]", "sign"), None);
        assert_eq!(without_member(r#"{"a":1} x"#, "sign"), None);
        assert_eq!(without_member(r#"{"a":tru}"#, "sign"), None);
        assert_eq!(without_member("{}", "sign").unwrap(), ("{}".to_owned(), None));
    }
}
