//! Settings: the language, and which optional reminders the user gets (each one a toggle,
//! muted or not through [`notify::ReminderService`]). Expired and traffic-used-up reminders
//! are always sent, so they have no toggle.

use notify::{MuteError, ReminderKind};

use crate::bot::{BotError, Ctx, Reply};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// The catalog key naming an optional reminder kind in Settings.
fn kind_key(kind: ReminderKind) -> &'static str {
    match kind {
        ReminderKind::Expires3Days => "settings-expires-3d",
        ReminderKind::Expires1Day => "settings-expires-1d",
        ReminderKind::Traffic80 => "settings-traffic-80",
        ReminderKind::LowBalance => "settings-low-balance",
        ReminderKind::Expired | ReminderKind::Traffic100 => "settings-always",
    }
}

/// The Settings screen: one toggle per optional reminder kind, the language, the way back.
pub async fn show(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let settings = ctx.deps.reminders.settings(ctx.user.id).await?;
    let mut keyboard = Keyboard::new();
    for (kind, muted) in settings {
        let key = if muted {
            "label-reminder-off"
        } else {
            "label-reminder-on"
        };
        let label = ctx.label(key, &Args::new().text("kind", ctx.t(kind_key(kind))));
        keyboard = keyboard.row([ctx.button_text(label, Action::ToggleReminder(kind))]);
    }
    let keyboard = keyboard
        .row([ctx.button("btn-language", Action::Languages)])
        .row([ctx.button("btn-menu", Action::Menu)]);
    Ok(Reply::show(ctx.t("settings-title"), keyboard))
}

/// Mutes `kind` if it was on, unmutes it if it was muted, and shows Settings again.
pub async fn toggle(ctx: &Ctx<'_>, kind: ReminderKind) -> Result<Reply, BotError> {
    let settings = ctx.deps.reminders.settings(ctx.user.id).await?;
    let Some(muted) = settings.iter().find(|(k, _)| *k == kind).map(|(_, muted)| *muted) else {
        return Ok(super::not_yours(ctx));
    };
    match ctx.deps.reminders.set_muted(ctx.user.id, kind, !muted).await {
        Ok(()) => {}
        Err(MuteError::NotOptional) => return Ok(super::not_yours(ctx)),
        Err(MuteError::Storage(e)) => return Err(notify::NotifyError::Storage(e).into()),
    }
    let toast = if muted {
        "toast-reminder-on"
    } else {
        "toast-reminder-off"
    };
    Ok(show(ctx).await?.toast(ctx.t(toast)))
}
