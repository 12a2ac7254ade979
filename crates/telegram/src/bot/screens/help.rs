//! Help, with the support contact in effect: the one a superadmin set in the bot (⚙️ Shop
//! settings, `moonvpn settings`), else the config's `support.contact`.

use crate::bot::{BotError, Ctx, Reply};
use crate::i18n::Args;

/// The help screen.
pub async fn show(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let settings = ctx.deps.members.shop_settings().await?;
    let text = match &settings.support_contact {
        Some(contact) => ctx.t_args("help-text", &Args::new().text("contact", contact.as_str())),
        None => ctx.t("help-no-contact"),
    };
    Ok(Reply::show(text, ctx.back_to_menu()))
}
