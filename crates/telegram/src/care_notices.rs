//! Notices an admin's care for one user sends them: a service extended (what was added, until
//! when it runs and with how much traffic) and a message an admin wrote. Texts live in
//! `locales/*/care.ftl`.

use kernel::BYTES_PER_GB;
use members::Language;
use notify::Notice;

use crate::bot::format::data_in;
use crate::i18n::{Args, I18n};

/// The text of a care notice in `lang`; `None` for other notices.
pub fn render(i18n: &I18n, lang: Language, notice: &Notice) -> Option<String> {
    match notice {
        Notice::ServiceExtended {
            name,
            days,
            gb,
            expires_at,
            traffic_limit_bytes,
            ..
        } => {
            let expires = match expires_at {
                Some(at) => i18n.date(lang, *at),
                None => i18n.t(lang, "expiry-never"),
            };
            let limit = match traffic_limit_bytes.amount() {
                Some(bytes) => data_in(i18n, lang, bytes),
                None => i18n.t(lang, "volume-unlimited"),
            };
            let args = Args::new()
                .text("name", name.as_str())
                .html("added", added(i18n, lang, *days, *gb))
                .html("expires", expires)
                .html("limit", limit);
            Some(i18n.t_args(lang, "notice-service-extended", &args))
        }
        Notice::AdminMessage { text } => {
            Some(i18n.t_args(lang, "notice-admin-message", &Args::new().text("text", text.as_str())))
        }
        _ => None,
    }
}

/// `10 days and 5 GB`, `10 days` or `5 GB` in `lang`.
pub fn added(i18n: &I18n, lang: Language, days: u32, gb: u32) -> String {
    let days_text = i18n.t_args(lang, "duration-days", &Args::new().number("count", i64::from(days)));
    let gb_text = data_in(i18n, lang, u64::from(gb) * BYTES_PER_GB);
    match (days, gb) {
        (0, _) => gb_text,
        (_, 0) => days_text,
        _ => i18n.t_args(
            lang,
            "extension-added-both",
            &Args::new().html("days", days_text).html("data", gb_text),
        ),
    }
}
