//! The superadmin's setup checklist, shown under /start until a first sale is possible:
//! panel → location → plan → payments. The admin screens are not in the bot yet, so each
//! item names the `moonvpn` command that does it on the server.

use members::Role;
use orders::SetupProgress;

use crate::bot::Ctx;

/// The checklist text for a superadmin while the shop cannot sell yet; `None` for anyone
/// else, once it can, or when the progress cannot be read (logged; /start still answers).
pub async fn for_superadmin(ctx: &Ctx<'_>) -> Option<String> {
    if ctx.role != Role::Superadmin {
        return None;
    }
    match SetupProgress::read(&ctx.deps.fleet, &ctx.deps.placement, &ctx.deps.catalog).await {
        Ok(progress) if progress.is_complete() => None,
        Ok(progress) => Some(render(ctx, progress)),
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the shop's setup progress");
            None
        }
    }
}

/// The title, one line per step (done or to do), the payments line and the footer.
pub fn render(ctx: &Ctx<'_>, progress: SetupProgress) -> String {
    let step = |done: bool, done_key: &str, todo_key: &str| ctx.t(if done { done_key } else { todo_key });
    [
        ctx.t("setup-title"),
        step(progress.panel, "setup-panel-done", "setup-panel-todo"),
        step(progress.location, "setup-location-done", "setup-location-todo"),
        step(progress.plan, "setup-plan-done", "setup-plan-todo"),
        ctx.t("setup-payments"),
        ctx.t("setup-footer"),
    ]
    .join("\n\n")
}
