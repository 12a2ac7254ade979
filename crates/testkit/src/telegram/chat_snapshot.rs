//! A chat as plain text for snapshot tests: each message's sender, kind, shown text and button
//! rows, with the values that change from run to run (tracking codes, UUIDs, dates, links,
//! share tokens) replaced by placeholders, so a snapshot changes only when a screen does.
//!
//! ```text
//! > /start
//! < Welcome to MoonVPN! Choose your language:
//!   [English] [فارسی] [Русский]
//! < [photo] Your service FR-MoonVPN-1001 is ready: [link]
//!   [Open this service]
//! ```

use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;

use super::SimUser;
use super::transcript::{ChatEntry, EntryKind, Sender};

/// Patterns of volatile values and the placeholder each becomes, applied in order.
static REDACTIONS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // Share links, subscription URLs and any other link carry keys and ports.
        (
            r"\b(?:vless|vmess|trojan|ss|hysteria2?|tuic|https?)://[^\s<>\]]+",
            "[link]",
        ),
        (
            r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b",
            "[uuid]",
        ),
        (r"\b(?:TX|RC|OR)-[0-9]{6}-[2-9A-HJKMNP-Z]{5}\b", "[tracking]"),
        // Dates and times in ASCII or Persian digits: 2026-12-05, 2026-12-05 09:30, ۲۰۲۶-۱۲-۰۵.
        (
            r"[0-9۰-۹]{4}[-/][0-9۰-۹]{2}[-/][0-9۰-۹]{2}(?:[ T][0-9۰-۹]{2}:[0-9۰-۹]{2}(?::[0-9۰-۹]{2})?)?(?: UTC)?",
            "[date]",
        ),
        // Spelled-out days ("21 Nov 2026", "21 ноября 2026", "۳۰ آبان ۱۴۰۵"), bidi isolates
        // around each part included.
        (
            r"\x{2068}?[0-9۰-۹]{1,2}\x{2069}? \x{2068}?\p{L}+\.?\x{2069}? \x{2068}?[0-9۰-۹]{4}\x{2069}?",
            "[date]",
        ),
        // Latency ("answered in 12 ms", Persian digits in bidi isolates): differs run to run.
        (r"[0-9۰-۹]+(\x{2069}? ?(?:ms|мс|میلی‌ثانیه)\b)", "N$1"),
    ]
    .into_iter()
    .map(|(pattern, placeholder)| (Regex::new(pattern).expect("a valid redaction pattern"), placeholder))
    .collect()
});

/// `text` with every volatile value replaced by its placeholder.
pub fn redact(text: &str) -> String {
    REDACTIONS.iter().fold(text.to_owned(), |text, (pattern, placeholder)| {
        pattern.replace_all(&text, *placeholder).into_owned()
    })
}

/// The chat as the user sees it: `>` for the user, `<` for the bot, buttons indented under
/// their message, one row per line; deleted messages are marked, edits are already applied.
pub fn render_chat(entries: &[ChatEntry]) -> String {
    let mut out = String::new();
    for entry in entries {
        let arrow = match entry.from {
            Sender::User => '>',
            Sender::Bot => '<',
        };
        let kind = match &entry.kind {
            EntryKind::Text => String::new(),
            EntryKind::Photo { .. } => "[photo] ".to_owned(),
            EntryKind::Document { file_name, .. } => {
                format!("[document {}] ", file_name.as_deref().unwrap_or("unnamed"))
            }
            EntryKind::Invoice {
                title,
                currency,
                total_amount,
                ..
            } => format!("[invoice {title}: {total_amount} {currency}] "),
            EntryKind::SuccessfulPayment { total_amount, .. } => format!("[paid {total_amount}] "),
            EntryKind::RefundedPayment { .. } => "[refunded] ".to_owned(),
            EntryKind::Other(method) => format!("[{method}] "),
        };
        let deleted = if entry.deleted { "[deleted] " } else { "" };
        let text = redact(entry.text_or_empty());
        let mut lines = text.lines();
        let _ = writeln!(out, "{arrow} {deleted}{kind}{}", lines.next().unwrap_or_default());
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
        for row in &entry.buttons {
            let labels: Vec<String> = row.iter().map(|b| format!("[{}]", redact(&b.text))).collect();
            let _ = writeln!(out, "  {}", labels.join(" "));
        }
        for row in &entry.reply_keyboard {
            let labels: Vec<String> = row.iter().map(|b| format!("({})", redact(b))).collect();
            let _ = writeln!(out, "  {}", labels.join(" "));
        }
    }
    out
}

impl SimUser {
    /// The whole chat rendered by [`render_chat`], ready for `insta::assert_snapshot!`.
    pub fn chat_snapshot(&self) -> String {
        render_chat(&self.transcript())
    }

    /// The chat from message number `from` (an index into [`SimUser::transcript`]) on: one
    /// screen's worth, after the steps that led to it.
    pub fn chat_snapshot_from(&self, from: usize) -> String {
        let transcript = self.transcript();
        render_chat(transcript.get(from..).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volatile_values_become_placeholders() {
        let text = "Order OR-261205-7KQ2M on 2026-12-05 09:30 UTC, key 3f2b6c1e-1d2a-4b5c-8d9e-0a1b2c3d4e5f, \
                    link vless://3f2b@1.2.3.4:443?x=y#FR, until ۲۰۲۶-۱۲-۰۵, valid until 21 Nov 2026 or \u{2068}۳۰\u{2069} \u{2068}آبان\u{2069} \u{2068}۱۴۰۵\u{2069}";
        assert_eq!(
            redact(text),
            "Order [tracking] on [date], key [uuid], link [link] until [date], valid until [date] or [date]"
        );
    }

    #[test]
    fn latencies_become_n_and_other_numbers_stay() {
        assert_eq!(
            redact("✅ Reachable, answered in 12 ms · 3 inbounds, 25 items"),
            "✅ Reachable, answered in N ms · 3 inbounds, 25 items"
        );
        assert_eq!(redact("ответ за 7 мс"), "ответ за N мс");
        assert_eq!(
            redact("پاسخ در \u{2068}۱۲\u{2069} میلی\u{200c}ثانیه، ۳ ورودی"),
            "پاسخ در \u{2068}N\u{2069} میلی\u{200c}ثانیه، ۳ ورودی"
        );
    }

    #[test]
    fn plain_text_and_ids_stay() {
        assert_eq!(
            redact("FR-MoonVPN-1001: 50 GB, 30 days"),
            "FR-MoonVPN-1001: 50 GB, 30 days"
        );
    }
}
