//! `parse_mode=HTML` as Telegram's parser reads it (supported tags, attributes, entities,
//! error wording with byte offsets), with one deliberate difference: a bare `&` that does not
//! start an entity and a bare `>` are refused here (Telegram would show them literally), so
//! a test catches a dynamic value the bot forgot to escape even when it happens to parse.

use serde_json::{Value, json};

use super::text::{Entity, Formatted, finish, utf16_len};

struct Open {
    tag: String,
    start: usize,
    extra: Vec<(&'static str, Value)>,
}

/// Parses `raw`; `Err` holds the text after `can't parse entities: `.
pub(crate) fn parse(raw: &str) -> Result<Formatted, String> {
    let bytes = raw.as_bytes();
    let mut text = String::with_capacity(raw.len());
    let mut stack: Vec<Open> = Vec::new();
    let mut entities = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'&' => {
                let (ch, used) = entity_at(raw, i)?;
                text.push(ch);
                i += used;
            }
            b'>' => return Err(format!("Unescaped \">\" at byte offset {i}: use &gt;")),
            b'<' if bytes.get(i + 1) == Some(&b'/') => {
                let (tag, end) = end_tag(raw, i)?;
                let Some(open) = stack.pop() else {
                    return Err(format!("Unexpected end tag at byte offset {i}"));
                };
                if open.tag != tag {
                    return Err(format!(
                        "Unmatched end tag at byte offset {i}, expected \"</{}>\", found \"</{tag}>\"",
                        open.tag
                    ));
                }
                close(open, utf16_len(&text), stack.last_mut(), &mut entities);
                i = end;
            }
            b'<' => {
                let (open, end) = start_tag(raw, i, utf16_len(&text))?;
                stack.push(open);
                i = end;
            }
            _ => {
                let ch = raw[i..].chars().next().unwrap_or('\u{FFFD}');
                text.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!(
            "Can't find end tag corresponding to start tag \"{}\"",
            open.tag
        ));
    }
    Ok(finish(text, entities))
}

fn close(open: Open, end: usize, parent: Option<&mut Open>, entities: &mut Vec<Entity>) {
    let kind = match open.tag.as_str() {
        "b" | "strong" => "bold",
        "i" | "em" => "italic",
        "u" | "ins" => "underline",
        "s" | "strike" | "del" => "strikethrough",
        "tg-spoiler" | "span" => "spoiler",
        "code" => "code",
        "pre" => "pre",
        "a" if !open.extra.is_empty() => "text_link",
        "blockquote" if !open.extra.is_empty() => "expandable_blockquote",
        "blockquote" => "blockquote",
        "tg-emoji" => "custom_emoji",
        "tg-time" => "date_time",
        _ => return,
    };
    let extra = match kind {
        "expandable_blockquote" => Vec::new(),
        _ => open.extra,
    };
    // `<pre><code class="language-x">` is one pre entity with a language.
    if kind == "code"
        && let Some(pre) = parent.filter(|p| p.tag == "pre" && p.start == open.start)
        && !extra.is_empty()
    {
        pre.extra = extra;
        return;
    }
    entities.push(Entity {
        kind: kind.to_owned(),
        offset: open.start,
        length: end - open.start,
        extra,
    });
}

/// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#NN;` `&#xHH;` → the character and bytes used.
fn entity_at(raw: &str, i: usize) -> Result<(char, usize), String> {
    let rest = &raw[i + 1..];
    let end = rest.find(';').filter(|end| *end <= 10);
    let decoded = end.and_then(|end| {
        let name = &rest[..end];
        let ch = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name.strip_prefix('#').and_then(|num| {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                code.and_then(char::from_u32)
            }),
        }?;
        Some((ch, end + 2))
    });
    decoded.ok_or_else(|| format!("Unescaped \"&\" at byte offset {i}: use &amp;"))
}

fn is_tag_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

fn end_tag(raw: &str, i: usize) -> Result<(String, usize), String> {
    let bytes = raw.as_bytes();
    let mut j = i + 2;
    while j < bytes.len() && is_tag_char(bytes[j]) {
        j += 1;
    }
    let tag = raw[i + 2..j].to_ascii_lowercase();
    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
        j += 1;
    }
    if bytes.get(j) != Some(&b'>') {
        return Err(format!("Unclosed end tag at byte offset {i}"));
    }
    Ok((tag, j + 1))
}

const SUPPORTED: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "s",
    "strike",
    "del",
    "u",
    "ins",
    "tg-spoiler",
    "tg-emoji",
    "span",
    "pre",
    "code",
    "blockquote",
    "tg-time",
];

fn start_tag(raw: &str, i: usize, position: usize) -> Result<(Open, usize), String> {
    let bytes = raw.as_bytes();
    let mut j = i + 1;
    while j < bytes.len() && is_tag_char(bytes[j]) {
        j += 1;
    }
    let tag = raw[i + 1..j].to_ascii_lowercase();
    if !SUPPORTED.contains(&tag.as_str()) {
        return Err(format!("Unsupported start tag \"{tag}\" at byte offset {i}"));
    }
    let mut attributes: Vec<(String, String)> = Vec::new();
    loop {
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        match bytes.get(j) {
            None => return Err(format!("Unclosed start tag at byte offset {i}")),
            Some(b'>') => break,
            Some(_) => {}
        }
        let name_start = j;
        while j < bytes.len() && (is_tag_char(bytes[j]) || bytes[j] == b'_') {
            j += 1;
        }
        if name_start == j {
            return Err(format!("Empty attribute name in the tag \"{tag}\" at byte offset {j}"));
        }
        let name = raw[name_start..j].to_ascii_lowercase();
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            attributes.push((name, String::new()));
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let (value, next) = attribute_value(raw, j, i)?;
        attributes.push((name, value));
        j = next;
    }
    let attr = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let extra = match tag.as_str() {
        "a" => attr("href").map(|href| vec![("url", json!(href))]).unwrap_or_default(),
        "span" if attr("class").as_deref() != Some("tg-spoiler") => {
            return Err(format!(
                "Tag \"span\" must have class \"tg-spoiler\" at byte offset {i}"
            ));
        }
        "code" => attr("class")
            .and_then(|c| c.strip_prefix("language-").map(str::to_owned))
            .map(|lang| vec![("language", json!(lang))])
            .unwrap_or_default(),
        "tg-emoji" => match attr("emoji-id") {
            Some(id) => vec![("custom_emoji_id", json!(id))],
            None => return Err(format!("Expected custom emoji identifier at byte offset {i}")),
        },
        "tg-time" => {
            let Some(unix) = attr("unix").and_then(|u| u.parse::<i64>().ok()) else {
                return Err(format!(
                    "Expected a valid Unix time in the tag \"tg-time\" at byte offset {i}"
                ));
            };
            let mut extra = vec![("unix_time", json!(unix))];
            if let Some(format) = attr("format") {
                extra.push(("date_time_format", json!(format)));
            }
            extra
        }
        "blockquote" => attr("expandable")
            .map(|_| vec![("expandable", Value::Bool(true))])
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok((
        Open {
            tag,
            start: position,
            extra,
        },
        j + 1,
    ))
}

fn attribute_value(raw: &str, j: usize, tag_start: usize) -> Result<(String, usize), String> {
    let bytes = raw.as_bytes();
    match bytes.get(j) {
        Some(quote @ (b'"' | b'\'')) => {
            let close = raw[j + 1..]
                .find(char::from(*quote))
                .ok_or_else(|| format!("Unclosed start tag at byte offset {tag_start}"))?;
            let value = decode(&raw[j + 1..j + 1 + close]);
            Ok((value, j + close + 2))
        }
        Some(_) => {
            let mut k = j;
            while k < bytes.len() && !bytes[k].is_ascii_whitespace() && bytes[k] != b'>' {
                k += 1;
            }
            Ok((decode(&raw[j..k]), k))
        }
        None => Err(format!("Unclosed start tag at byte offset {tag_start}")),
    }
}

/// Decodes entities in an attribute value, leaving unknown ones as they are.
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        if value.as_bytes()[i] == b'&'
            && let Ok((ch, used)) = entity_at(value, i)
        {
            out.push(ch);
            i += used;
            continue;
        }
        let ch = value[i..].chars().next().unwrap_or('\u{FFFD}');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn tags_become_entities_with_utf16_offsets() {
        let f = parse("💎 <b>Gold</b> <a href=\"https://example.com/?a=1&amp;b=2\">site</a>").expect("ok");
        assert_eq!(f.text, "💎 Gold site");
        assert_eq!(
            f.entities,
            vec![
                json!({"type": "bold", "offset": 3, "length": 4}),
                json!({"type": "text_link", "offset": 8, "length": 4, "url": "https://example.com/?a=1&b=2"}),
            ]
        );
    }

    #[test]
    fn escaped_characters_are_shown_plainly() {
        let f = parse("1 &lt; 2 &amp;&amp; 3 &gt; 2 &#33;").expect("ok");
        assert_eq!(f.text, "1 < 2 && 3 > 2 !");
    }

    #[test]
    fn an_unescaped_less_than_is_an_unsupported_tag() {
        assert_eq!(
            parse("price < 5").expect_err("bad"),
            "Unsupported start tag \"\" at byte offset 6"
        );
        assert_eq!(
            parse("<script>x</script>").expect_err("bad"),
            "Unsupported start tag \"script\" at byte offset 0"
        );
    }

    #[test]
    fn unbalanced_tags_are_refused() {
        assert_eq!(
            parse("<b>bold").expect_err("bad"),
            "Can't find end tag corresponding to start tag \"b\""
        );
        assert_eq!(
            parse("<b>x</i>").expect_err("bad"),
            "Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\""
        );
        assert_eq!(parse("x</b>").expect_err("bad"), "Unexpected end tag at byte offset 1");
        assert_eq!(parse("<b").expect_err("bad"), "Unclosed start tag at byte offset 0");
    }

    #[test]
    fn bare_ampersands_and_greater_than_are_refused() {
        assert!(parse("AT&T").expect_err("bad").contains("\"&\" at byte offset 2"));
        assert!(parse("a > b").expect_err("bad").contains("\">\" at byte offset 2"));
    }

    #[test]
    fn tg_time_becomes_a_date_time_entity() {
        let f = parse("until <tg-time unix=\"1767225600\" format=\"wD\">Jan 1</tg-time>").expect("ok");
        assert_eq!(
            f.entities,
            vec![
                json!({"type": "date_time", "offset": 6, "length": 5, "unix_time": 1_767_225_600, "date_time_format": "wD"})
            ]
        );
        assert!(parse("<tg-time>x</tg-time>").is_err());
    }

    #[test]
    fn pre_with_language_and_expandable_quotes() {
        let f = parse("<pre><code class=\"language-rust\">fn</code></pre><blockquote expandable>q</blockquote>")
            .expect("ok");
        assert_eq!(f.text, "fnq");
        assert_eq!(
            f.entities,
            vec![
                json!({"type": "pre", "offset": 0, "length": 2, "language": "rust"}),
                json!({"type": "expandable_blockquote", "offset": 2, "length": 1}),
            ]
        );
    }
}
