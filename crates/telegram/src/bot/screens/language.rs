//! The language picker.

use members::Language;

use crate::bot::{BotError, Ctx, Reply};
use crate::callback::Action;
use crate::keyboard::Keyboard;

/// One button per language, each labelled in its own language.
pub fn keyboard(ctx: &Ctx<'_>) -> Keyboard {
    Keyboard::new().row(Language::ALL.iter().map(|lang| {
        let label = ctx.deps.i18n.t(*lang, &format!("btn-lang-{}", lang.code()));
        ctx.button_text(label, Action::SetLanguage(*lang))
    }))
}

/// The picker screen.
pub fn show(ctx: &Ctx<'_>) -> Reply {
    Reply::show(ctx.t("language-choose"), keyboard(ctx))
}

/// Saves the choice and shows the menu in the new language.
pub async fn choose(ctx: &Ctx<'_>, lang: Language) -> Result<Reply, BotError> {
    let user = ctx.deps.members.set_language(ctx.user.id, lang).await?;
    let ctx = Ctx {
        lang: user.language,
        user: &user,
        ..*ctx
    };
    Ok(Reply::show(ctx.t("menu-title"), super::menu::keyboard(&ctx)).toast(ctx.t("language-saved")))
}
