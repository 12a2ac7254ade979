//! `/start`: a welcome, then the language picker for newcomers or the menu for others.

use crate::bot::{Ctx, Reply};
use crate::i18n::Args;

use super::{language, menu};

/// Greets a user who pressed Start; `created` says whether this registered them.
pub fn show(ctx: &Ctx<'_>, created: bool) -> Reply {
    let name = Args::new().text("name", ctx.user.first_name.as_str());
    if created {
        Reply::send(ctx.t_args("start-welcome", &name), None)
            .and_send(ctx.t("language-choose"), Some(language::keyboard(ctx)))
    } else {
        Reply::send(ctx.t_args("start-welcome-back", &name), None)
            .and_send(ctx.t("menu-title"), Some(menu::keyboard(ctx)))
    }
}
