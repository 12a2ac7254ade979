//! Help, with the support contact from the config (`support.contact`).

use crate::bot::{Ctx, Reply};
use crate::i18n::Args;

/// The help screen.
pub fn show(ctx: &Ctx<'_>) -> Reply {
    let text = match &ctx.deps.settings.support_contact {
        Some(contact) => ctx.t_args("help-text", &Args::new().text("contact", contact.as_str())),
        None => ctx.t("help-no-contact"),
    };
    Reply::show(text, ctx.back_to_menu())
}
