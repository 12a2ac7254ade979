//! Telegram's length limits, counted the way Telegram counts them (UTF-16 code units).

/// Longest message text.
pub const MESSAGE: usize = 4096;
/// Longest photo caption.
pub const CAPTION: usize = 1024;
/// Longest `answerCallbackQuery` text.
pub const CALLBACK_ANSWER: usize = 200;
/// Longest button label the bot uses (Telegram has no hard limit; longer ones are cut off
/// on screen).
pub const BUTTON: usize = 64;
/// Longest `callback_data`, in bytes.
pub const CALLBACK_DATA_BYTES: usize = 64;

#[path = "limits_html.rs"]
mod html;

pub use html::{fit_html, visible_len};

/// Length as Telegram counts it.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The limit that applies to a catalog key, by its prefix (`btn-`, `toast-`, `caption-`).
pub fn limit_for_key(key: &str) -> usize {
    if key.starts_with("btn-") {
        BUTTON
    } else if key.starts_with("toast-") {
        CALLBACK_ANSWER
    } else if key.starts_with("caption-") {
        CAPTION
    } else {
        MESSAGE
    }
}

/// `text` cut to at most `limit` UTF-16 units, ending in `…` when cut. Never splits a
/// character. For plain text (buttons, toasts); a message or caption in HTML goes through
/// [`fit_html`].
pub fn fit(text: &str, limit: usize) -> String {
    if utf16_len(text) <= limit {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let width = ch.len_utf16();
        if used + width > limit.saturating_sub(1) {
            break;
        }
        used += width;
        out.push(ch);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_count_twice_like_telegram_counts_them() {
        assert_eq!(utf16_len("🛒 a"), 4);
        assert_eq!(utf16_len("سلام"), 4);
    }

    #[test]
    fn long_text_is_cut_to_the_limit_with_an_ellipsis() {
        let cut = fit(&"ж".repeat(5000), MESSAGE);
        assert_eq!(utf16_len(&cut), MESSAGE);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("short", 10), "short");
        let emoji = fit(&"🛒".repeat(10), 6);
        assert_eq!(emoji, "🛒🛒…");
    }
}
