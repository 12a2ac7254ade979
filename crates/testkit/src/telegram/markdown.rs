//! `parse_mode=MarkdownV2` and legacy `Markdown`, close to Telegram's parsers: in MarkdownV2
//! every reserved character outside markup must be escaped with `\`; unclosed markup is an
//! error naming where it started.

use serde_json::{Value, json};

use super::text::{Entity, Formatted, finish, utf16_len};

const RESERVED: &str = "_*[]()~`>#+-=|{}.!";

struct Open {
    kind: &'static str,
    name: &'static str,
    start: usize,
    byte: usize,
}

/// Parses MarkdownV2; `Err` holds the text after `can't parse entities: `.
pub(crate) fn parse_v2(raw: &str) -> Result<Formatted, String> {
    let chars: Vec<(usize, char)> = raw.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    let mut text = String::with_capacity(raw.len());
    let mut stack: Vec<Open> = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (byte, c) = chars[k];
        if c == '\\' && at(k + 1).is_some_and(|n| (1..=126).contains(&u32::from(n))) {
            text.push(at(k + 1).unwrap_or(' '));
            k += 2;
            continue;
        }
        let top_kind = stack.last().map(|o| o.kind);
        if matches!(top_kind, Some("code" | "pre")) {
            if c != '`' {
                text.push(c);
                k += 1;
                continue;
            }
            let is_pre = top_kind == Some("pre");
            if is_pre && !(at(k + 1) == Some('`') && at(k + 2) == Some('`')) {
                return Err(reserved(c));
            }
            close_top(&mut stack, &text, &mut entities, Vec::new());
            k += if is_pre { 3 } else { 1 };
            continue;
        }
        if c == '\n' && top_kind == Some("blockquote") && at(k + 1) != Some('>') {
            close_top(&mut stack, &text, &mut entities, Vec::new());
        }
        if !RESERVED.contains(c) {
            text.push(c);
            k += 1;
            continue;
        }
        let pos = utf16_len(&text);
        let open = |kind, name| Open {
            kind,
            name,
            start: pos,
            byte,
        };
        match c {
            '_' if at(k + 1) == Some('_') => {
                toggle(&mut stack, &text, &mut entities, open("underline", "Underline"))?;
                k += 2;
            }
            '_' => {
                toggle(&mut stack, &text, &mut entities, open("italic", "Italic"))?;
                k += 1;
            }
            '*' => {
                toggle(&mut stack, &text, &mut entities, open("bold", "Bold"))?;
                k += 1;
            }
            '~' => {
                toggle(&mut stack, &text, &mut entities, open("strikethrough", "Strikethrough"))?;
                k += 1;
            }
            '|' if at(k + 1) == Some('|') => {
                toggle(&mut stack, &text, &mut entities, open("spoiler", "Spoiler"))?;
                k += 2;
            }
            '`' if at(k + 1) == Some('`') && at(k + 2) == Some('`') => {
                k += 3;
                while at(k).is_some_and(|c| c != '\n' && !c.is_whitespace()) {
                    k += 1;
                }
                if at(k) == Some('\n') {
                    k += 1;
                }
                stack.push(open("pre", "Pre"));
            }
            '`' => {
                stack.push(open("code", "Code"));
                k += 1;
            }
            '[' => {
                stack.push(open("text_link", "TextUrl"));
                k += 1;
            }
            '!' if at(k + 1) == Some('[') => {
                stack.push(open("custom_emoji", "CustomEmoji"));
                k += 2;
            }
            ']' if matches!(top_kind, Some("text_link" | "custom_emoji")) => {
                k += 1;
                let mut url = None;
                if at(k) == Some('(') {
                    let mut target = String::new();
                    k += 1;
                    loop {
                        match at(k) {
                            None => return Err(format!("Can't find end of a URL at byte offset {byte}")),
                            Some(')') => break,
                            Some('\\') if at(k + 1).is_some() => {
                                target.push(at(k + 1).unwrap_or(' '));
                                k += 2;
                            }
                            Some(ch) => {
                                target.push(ch);
                                k += 1;
                            }
                        }
                    }
                    k += 1;
                    url = Some(target);
                }
                let (kind, extra) = link_entity(top_kind == Some("custom_emoji"), url);
                if let (Some(kind), Some(open)) = (kind, stack.last_mut()) {
                    open.kind = kind;
                }
                close_top(&mut stack, &text, &mut entities, extra);
            }
            '>' if text.is_empty() || text.ends_with('\n') => {
                if top_kind != Some("blockquote") {
                    stack.push(open("blockquote", "BlockQuote"));
                }
                k += 1;
            }
            _ => return Err(reserved(c)),
        }
    }
    if stack.last().is_some_and(|o| o.kind == "blockquote") {
        close_top(&mut stack, &text, &mut entities, Vec::new());
    }
    if let Some(open) = stack.first() {
        return Err(format!(
            "Can't find end of {} entity at byte offset {}",
            open.name, open.byte
        ));
    }
    Ok(finish(text, entities))
}

fn reserved(c: char) -> String {
    format!("Character '{c}' is reserved and must be escaped with the preceding '\\'")
}

fn toggle(stack: &mut Vec<Open>, text: &str, entities: &mut Vec<Entity>, open: Open) -> Result<(), String> {
    match stack.iter().position(|o| o.kind == open.kind) {
        None => {
            stack.push(open);
            Ok(())
        }
        Some(index) if index + 1 == stack.len() => {
            close_top(stack, text, entities, Vec::new());
            Ok(())
        }
        Some(_) => {
            let top = stack.last().map(|o| (o.name, o.byte)).unwrap_or(("", 0));
            Err(format!("Can't find end of {} entity at byte offset {}", top.0, top.1))
        }
    }
}

/// The entity a `[text](url)` or `![emoji](tg://…)` closes into: its kind when it is not the
/// opened one, and its extra fields.
fn link_entity(emoji: bool, url: Option<String>) -> (Option<&'static str>, Vec<(&'static str, Value)>) {
    let Some(url) = url else {
        return (None, Vec::new());
    };
    if let Some(query) = url.strip_prefix("tg://time?") {
        let mut extra = Vec::new();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "unix" => extra.push(("unix_time", json!(value.parse::<i64>().unwrap_or(0)))),
                "format" => extra.push(("date_time_format", json!(value))),
                _ => {}
            }
        }
        return (Some("date_time"), extra);
    }
    if emoji {
        let id = url.trim_start_matches("tg://emoji?id=").to_owned();
        return (None, vec![("custom_emoji_id", json!(id))]);
    }
    (None, vec![("url", json!(url))])
}

fn close_top(stack: &mut Vec<Open>, text: &str, entities: &mut Vec<Entity>, extra: Vec<(&'static str, Value)>) {
    let Some(open) = stack.pop() else { return };
    if open.kind == "text_link" && extra.is_empty() {
        return;
    }
    entities.push(Entity {
        kind: open.kind.to_owned(),
        offset: open.start,
        length: utf16_len(text) - open.start,
        extra,
    });
}

/// Parses legacy Markdown (`*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`).
pub(crate) fn parse_legacy(raw: &str) -> Result<Formatted, String> {
    let mut text = String::with_capacity(raw.len());
    let mut entities = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let start = utf16_len(&text);
        let unclosed = || format!("Can't find end of the entity starting at byte offset {i}");
        match c {
            '\\' if rest[1..].starts_with(['_', '*', '`', '[']) => {
                text.push_str(&rest[1..2]);
                i += 2;
            }
            '*' | '_' => {
                let end = rest[1..].find(c).ok_or_else(unclosed)?;
                text.push_str(&rest[1..1 + end]);
                let kind = if c == '*' { "bold" } else { "italic" };
                entities.push(entity(kind, start, &text, Vec::new()));
                i += end + 2;
            }
            '`' if rest.starts_with("```") => {
                let end = rest[3..].find("```").ok_or_else(unclosed)?;
                let body = &rest[3..3 + end];
                let body = body.split_once('\n').map_or(body, |(_, code)| code);
                text.push_str(body);
                entities.push(entity("pre", start, &text, Vec::new()));
                i += end + 6;
            }
            '`' => {
                let end = rest[1..].find('`').ok_or_else(unclosed)?;
                text.push_str(&rest[1..1 + end]);
                entities.push(entity("code", start, &text, Vec::new()));
                i += end + 2;
            }
            '[' => {
                let close = rest.find(']').ok_or_else(unclosed)?;
                text.push_str(&rest[1..close]);
                let after = &rest[close + 1..];
                if let Some(url_part) = after.strip_prefix('(') {
                    let end = url_part.find(')').ok_or_else(unclosed)?;
                    let url = url_part[..end].to_owned();
                    entities.push(entity("text_link", start, &text, vec![("url", json!(url))]));
                    i += close + end + 3;
                } else {
                    i += close + 1;
                }
            }
            _ => {
                text.push(c);
                i += c.len_utf8();
            }
        }
    }
    Ok(finish(text, entities))
}

fn entity(kind: &str, start: usize, text: &str, extra: Vec<(&'static str, Value)>) -> Entity {
    Entity {
        kind: kind.to_owned(),
        offset: start,
        length: utf16_len(text) - start,
        extra,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn v2_markup_becomes_entities() {
        let f = parse_v2("*bold* _it_ __u__ ~s~ ||sp|| `c` [link](https://example.com/a\\)b)").expect("ok");
        assert_eq!(f.text, "bold it u s sp c link");
        assert!(f.entities.contains(&json!({"type": "bold", "offset": 0, "length": 4})));
        assert!(
            f.entities
                .contains(&json!({"type": "underline", "offset": 8, "length": 1}))
        );
        assert!(
            f.entities
                .contains(&json!({"type": "text_link", "offset": 17, "length": 4, "url": "https://example.com/a)b"}))
        );
    }

    #[test]
    fn v2_time_links_become_date_time_entities() {
        let f = parse_v2("ends ![Jan 1](tg://time?unix=1767225600&format=wD)").expect("ok");
        assert_eq!(
            f.entities,
            vec![
                json!({"type": "date_time", "offset": 5, "length": 5, "unix_time": 1_767_225_600, "date_time_format": "wD"})
            ]
        );
    }

    #[test]
    fn v2_reserved_characters_must_be_escaped() {
        assert_eq!(
            parse_v2("Price: 5.00").expect_err("bad"),
            "Character '.' is reserved and must be escaped with the preceding '\\'"
        );
        assert_eq!(parse_v2("Price: 5\\.00").expect("ok").text, "Price: 5.00");
    }

    #[test]
    fn v2_unclosed_markup_is_refused() {
        assert_eq!(
            parse_v2("a *bold").expect_err("bad"),
            "Can't find end of Bold entity at byte offset 2"
        );
    }

    #[test]
    fn v2_code_keeps_reserved_characters() {
        let f = parse_v2("`a.b-c`").expect("ok");
        assert_eq!(f.text, "a.b-c");
    }

    #[test]
    fn legacy_markdown_needs_closed_entities() {
        let f = parse_legacy("*hi* [x](https://e.com) 1.5").expect("ok");
        assert_eq!(f.text, "hi x 1.5");
        assert_eq!(
            parse_legacy("snake_case").expect_err("bad"),
            "Can't find end of the entity starting at byte offset 5"
        );
    }
}
