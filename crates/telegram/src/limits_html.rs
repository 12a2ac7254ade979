//! Cutting a message written in Telegram's HTML to a length limit. Telegram counts the limit
//! after parsing the markup (a tag counts nothing, `&amp;` counts one), and it refuses a text
//! whose markup is broken, so a cut must never fall inside a tag or an entity and must close
//! the tags left open.

use super::utf16_len;

/// One piece of HTML text.
enum Piece<'a> {
    /// `<b>`, `<a href="…">`: opens `name`.
    Open { raw: &'a str, name: &'a str },
    /// `</b>`.
    Close { raw: &'a str, name: &'a str },
    /// A visible character or an entity (`&amp;`), `width` UTF-16 units once parsed.
    Visible { raw: &'a str, width: usize },
}

/// The first piece of `text` and what follows it.
fn next_piece(text: &str) -> Option<(Piece<'_>, &str)> {
    let first = text.chars().next()?;
    if first == '<'
        && let Some(end) = text.find('>')
    {
        let raw = &text[..=end];
        let inner = raw[1..raw.len() - 1].trim();
        let piece = match inner.strip_prefix('/') {
            Some(name) => Piece::Close { raw, name: name.trim() },
            None => Piece::Open {
                raw,
                name: inner.split_whitespace().next().unwrap_or(inner),
            },
        };
        return Some((piece, &text[end + 1..]));
    }
    if first == '&'
        && let Some(end) = text.bytes().take(12).position(|b| b == b';')
        && end > 1
        && text[1..end].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')
    {
        let raw = &text[..=end];
        let width = entity_width(&raw[1..end]);
        return Some((Piece::Visible { raw, width }, &text[end + 1..]));
    }
    let raw = &text[..first.len_utf8()];
    Some((
        Piece::Visible {
            raw,
            width: first.len_utf16(),
        },
        &text[first.len_utf8()..],
    ))
}

/// How many UTF-16 units an entity's character takes (`#128512` is an emoji: two).
fn entity_width(name: &str) -> usize {
    let code = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
        Some(decimal) => decimal.parse().ok(),
        None => None,
    };
    code.and_then(char::from_u32).map_or(1, char::len_utf16)
}

/// The length of `text` as Telegram counts it once the markup is parsed.
pub fn visible_len(text: &str) -> usize {
    let mut rest = text;
    let mut len = 0;
    while let Some((piece, after)) = next_piece(rest) {
        if let Piece::Visible { width, .. } = piece {
            len += width;
        }
        rest = after;
    }
    len
}

/// `text` (Telegram HTML) cut to at most `limit` visible UTF-16 units, ending in `…` when cut,
/// with the tags open at the cut closed. A text whose visible length fits is returned as is,
/// however long its markup.
pub fn fit_html(text: &str, limit: usize) -> String {
    if utf16_len(text) <= limit || visible_len(text) <= limit {
        return text.to_owned();
    }
    let budget = limit.saturating_sub(1);
    let mut out = String::with_capacity(text.len().min(limit * 4));
    let mut open: Vec<&str> = Vec::new();
    let mut used = 0;
    let mut rest = text;
    while let Some((piece, after)) = next_piece(rest) {
        match piece {
            Piece::Open { raw, name } => {
                open.push(name);
                out.push_str(raw);
            }
            Piece::Close { raw, name } => {
                if let Some(at) = open.iter().rposition(|n| *n == name) {
                    open.truncate(at);
                }
                out.push_str(raw);
            }
            Piece::Visible { raw, width } => {
                if used + width > budget {
                    break;
                }
                used += width;
                out.push_str(raw);
            }
        }
        rest = after;
    }
    out.push('…');
    for name in open.iter().rev() {
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::MESSAGE;

    #[test]
    fn a_cut_never_splits_an_entity() {
        let cut = fit_html(&"a&amp;".repeat(3000), MESSAGE);
        assert!(cut.ends_with('…'), "{}", &cut[cut.len() - 20..]);
        assert_eq!(visible_len(&cut), MESSAGE);
        let body = cut.trim_end_matches('…');
        assert!(
            body.ends_with("&amp;") || body.ends_with('a'),
            "{}",
            &body[body.len() - 10..]
        );
        assert_eq!(body.matches('&').count(), body.matches("&amp;").count());
    }

    #[test]
    fn the_tags_open_at_the_cut_are_closed() {
        let text = format!(
            "<b>Title</b>\n<a href=\"https://t.me/x\"><i>{}</i></a>",
            "x".repeat(5000)
        );
        let cut = fit_html(&text, MESSAGE);
        assert!(cut.ends_with("…</i></a>"), "{}", &cut[cut.len() - 20..]);
        assert_eq!(visible_len(&cut), MESSAGE);
        assert!(cut.starts_with("<b>Title</b>\n<a href=\"https://t.me/x\"><i>xxx"));
    }

    #[test]
    fn markup_does_not_count_toward_the_limit() {
        let text = "<b>ab</b> &lt;3 ".repeat(500);
        assert!(utf16_len(&text) > MESSAGE);
        assert_eq!(visible_len(&text), 500 * 6);
        assert_eq!(fit_html(&text, MESSAGE), text, "3000 visible characters fit");
        assert_eq!(fit_html("short", 10), "short");
    }

    #[test]
    fn a_numeric_entity_of_an_emoji_counts_two_and_a_lone_ampersand_one() {
        assert_eq!(visible_len("&#128512;"), 2);
        assert_eq!(visible_len("&#x1F600;"), 2);
        assert_eq!(visible_len("a & b"), 5);
        assert_eq!(fit_html(&"🛒".repeat(10), 6), "🛒🛒…");
        assert_eq!(
            visible_len("&ж;ж"),
            4,
            "no entity: four characters, and no panic inside one"
        );
    }
}
