//! `/start`: a welcome, then the language picker for newcomers or the menu for others. A
//! superadmin whose shop cannot sell yet also gets the setup checklist.

use crate::bot::{Ctx, Reply};
use crate::i18n::Args;

use super::{language, menu, setup_checklist};

/// Greets a user who pressed Start; `created` says whether this registered them.
pub async fn show(ctx: &Ctx<'_>, created: bool) -> Reply {
    let name = Args::new().text("name", ctx.user.first_name.as_str());
    let welcome = if created { "start-welcome" } else { "start-welcome-back" };
    let mut reply = Reply::send(ctx.t_args(welcome, &name), None);
    if let Some(checklist) = setup_checklist::for_superadmin(ctx).await {
        reply = reply.and_send(checklist, None);
    }
    if created {
        reply.and_send(ctx.t("language-choose"), Some(language::keyboard(ctx)))
    } else {
        reply.and_send(ctx.t("menu-title"), Some(menu::keyboard(ctx)))
    }
}
