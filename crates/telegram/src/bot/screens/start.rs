//! `/start`: a newcomer gets a welcome, then the language picker; a returning user gets ONE
//! message, the greeting above the main menu. A superadmin whose shop cannot sell yet also
//! gets the setup checklist.

use crate::bot::{Ctx, Reply};
use crate::i18n::Args;

use super::{language, menu, setup_checklist};

/// Greets a user who pressed Start; `created` says whether this registered them.
pub async fn show(ctx: &Ctx<'_>, created: bool) -> Reply {
    let name = Args::new()
        .text("name", ctx.user.first_name.as_str())
        .text("shop", ctx.deps.settings.shop_name.as_str());
    let checklist = setup_checklist::for_superadmin(ctx).await;
    if !created {
        let greeting = format!("{}\n\n{}", ctx.t_args("start-welcome-back", &name), ctx.t("menu-title"));
        let reply = Reply::send(greeting, Some(menu::keyboard(ctx)));
        return match checklist {
            Some(checklist) => reply.and_send(checklist, None),
            None => reply,
        };
    }
    let mut reply = Reply::send(ctx.t_args("start-welcome", &name), None);
    if let Some(checklist) = checklist {
        reply = reply.and_send(checklist, None);
    }
    reply.and_send(ctx.t("language-choose"), Some(language::keyboard(ctx)))
}
