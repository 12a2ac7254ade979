//! Changing a user from their profile: block and unblock (after a confirmation), grant and
//! revoke admin or seller. Each calls the members use case the CLI calls, which checks the
//! role again and writes the audit log.

use kernel::UserId;
use members::Role;

use super::{refusal, users};
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Asks before blocking (`block`) or unblocking a user.
pub async fn block_ask(ctx: &Ctx<'_>, id: UserId, block: bool) -> Result<Reply, BotError> {
    let user = match ctx.deps.members.get(id).await {
        Ok(user) => user,
        Err(e) => return refusal::member(ctx, e),
    };
    let (key, yes, action) = if block {
        (
            "admin-block-confirm",
            "admin-btn-block-yes",
            AdminAction::BlockConfirmed(id),
        )
    } else {
        (
            "admin-unblock-confirm",
            "admin-btn-unblock-yes",
            AdminAction::UnblockConfirmed(id),
        )
    };
    let text = ctx.t_args(
        key,
        &Args::new()
            .text("name", user.first_name.to_string())
            .id("telegram", user.telegram_id.get()),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button(yes, Action::Admin(action))])
        .row([ctx.button("btn-back", Action::Admin(AdminAction::User(id)))]);
    Ok(Reply::show(text, keyboard))
}

/// Blocks or unblocks (confirmed) and shows the profile with the result.
pub async fn set_blocked(ctx: &Ctx<'_>, id: UserId, block: bool) -> Result<Reply, BotError> {
    let members = &ctx.deps.members;
    let changed = if block {
        members.block(ctx.user.id, id).await
    } else {
        members.unblock(ctx.user.id, id).await
    };
    if let Err(e) = changed {
        return refusal::member(ctx, e);
    }
    let note = ctx.t(if block { "admin-blocked" } else { "admin-unblocked" });
    users::profile(ctx, id, Some(note)).await
}

/// Gives the user `role` (`User` revokes admin or seller) and shows the profile.
pub async fn set_role(ctx: &Ctx<'_>, id: UserId, role: Role) -> Result<Reply, BotError> {
    if let Err(e) = ctx.deps.members.set_role(ctx.user.id, id, role).await {
        return refusal::member(ctx, e);
    }
    users::profile(ctx, id, Some(ctx.t("admin-role-changed"))).await
}
