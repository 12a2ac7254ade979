//! Reminder notices (a service expiring, expired, or running out of traffic): their text in
//! the user's language and the one-tap Renew button that opens the renew preview.

use kernel::ClientAccountId;
use members::Language;
use notify::ReminderKind;
use telegram_state::ChatKey;
use time::OffsetDateTime;

use crate::callback::{Action, CallbackCodec};
use crate::i18n::{Args, I18n};
use crate::keyboard::{Button, ButtonKind, Keyboard};
use crate::limits;

/// The catalog key of a reminder kind (`locales/*/notices.ftl`).
pub fn key(kind: ReminderKind) -> &'static str {
    match kind {
        ReminderKind::Expires3Days => "reminder-expires-3d",
        ReminderKind::Expires1Day => "reminder-expires-1d",
        ReminderKind::Expired => "reminder-expired",
        ReminderKind::Traffic80 => "reminder-traffic-80",
        ReminderKind::Traffic100 => "reminder-traffic-100",
        // Not a service threshold: told by its own notice (`Notice::LowBalance`).
        ReminderKind::LowBalance => "notice-generic",
    }
}

/// The reminder's text: the service by name, the expiry date where it matters.
pub fn render(
    i18n: &I18n,
    lang: Language,
    name: &str,
    kind: ReminderKind,
    expires_at: Option<OffsetDateTime>,
) -> String {
    let mut args = Args::new().text("name", name);
    if let Some(at) = expires_at {
        args = args.date("date", at);
    }
    i18n.t_args(lang, key(kind), &args)
}

/// "➕ Top up" under the low-balance notice, signed for `chat` (asks for the amount).
pub fn top_up_keyboard(codec: &CallbackCodec, i18n: &I18n, lang: Language, chat: i64) -> Option<Keyboard> {
    let data = codec.encode(ChatKey::new(chat), &Action::TopUp).ok()?;
    Some(Keyboard::new().row([Button {
        text: limits::fit(&i18n.t(lang, "btn-top-up"), limits::BUTTON),
        kind: ButtonKind::Callback(data),
    }]))
}

/// "🔄 Renew" for `account`, signed for `chat` (opens the renew preview; nothing is charged).
pub fn renew_keyboard(
    codec: &CallbackCodec,
    i18n: &I18n,
    lang: Language,
    chat: i64,
    account: ClientAccountId,
) -> Option<Keyboard> {
    let data = codec.encode(ChatKey::new(chat), &Action::Renew(account)).ok()?;
    Some(Keyboard::new().row([Button {
        text: limits::fit(&i18n.t(lang, "btn-renew"), limits::BUTTON),
        kind: ButtonKind::Callback(data),
    }]))
}
