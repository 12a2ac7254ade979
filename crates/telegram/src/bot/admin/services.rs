//! A user's service from the admin's profile view: reset its traffic on the panel after a
//! confirmation, through `AccountService::reset_traffic_as` (the use case
//! `moonvpn user reset-traffic` calls; admins only, audited `account.reset_traffic`), and the
//! button that starts extending it (see `extend.rs`).

use inventory::{AccountStatus, ClientAccount, InventoryError};
use kernel::ClientAccountId;

use super::{refusal, users};
use crate::bot::format;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// One row per service that still runs on its panel ("reset traffic", "extend"), above the
/// rows of `keyboard`.
pub fn buttons(ctx: &Ctx<'_>, accounts: &[ClientAccount], keyboard: Keyboard) -> Keyboard {
    let mut rows = Keyboard::new();
    for account in accounts
        .iter()
        .filter(|a| matches!(a.status, AccountStatus::Active | AccountStatus::Expired))
    {
        let label = ctx.t_args(
            "admin-btn-reset-traffic",
            &Args::new().text("name", account.name.to_string()),
        );
        rows = rows.row([
            ctx.button_text(label, Action::Admin(AdminAction::ResetTraffic(account.id))),
            ctx.button("admin-btn-extend", Action::Admin(AdminAction::Extend(account.id))),
        ]);
    }
    for row in keyboard.rows() {
        rows = rows.row(row.iter().cloned());
    }
    rows
}

/// Asks before resetting.
pub async fn reset_ask(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    let account = match ctx.deps.accounts.account(id).await {
        Ok(account) => account,
        Err(InventoryError::NotFound(_)) => return Ok(Reply::none().toast(ctx.t("admin-service-gone"))),
        Err(e) => return Err(e.into()),
    };
    let text = ctx.t_args(
        "admin-reset-traffic-confirm",
        &Args::new()
            .text("name", account.name.to_string())
            .html("used", format::data(ctx, account.traffic_used_bytes))
            .html("limit", format::volume(ctx, account.traffic_limit_bytes)),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button(
            "admin-btn-reset-traffic-yes",
            Action::Admin(AdminAction::ResetTrafficConfirmed(id)),
        )])
        .row([ctx.button("btn-back", Action::Admin(AdminAction::User(account.user)))]);
    Ok(Reply::show(text, keyboard))
}

/// Resets (confirmed) and shows the owner's profile with the result.
pub async fn reset(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    let owner = match ctx.deps.accounts.account(id).await {
        Ok(account) => account.user,
        Err(InventoryError::NotFound(_)) => return Ok(Reply::none().toast(ctx.t("admin-service-gone"))),
        Err(e) => return Err(e.into()),
    };
    let note = match ctx.deps.accounts.reset_traffic_as(ctx.user.id, id).await {
        Ok(account) => ctx.t_args(
            "admin-reset-traffic-done",
            &Args::new().text("name", account.name.to_string()),
        ),
        Err(e @ InventoryError::Access(_)) => return refusal::inventory(ctx, e),
        Err(e) => ctx.t_args(
            "admin-panel-action-failed",
            &Args::new().html("why", super::explain::inventory(ctx, &e)),
        ),
    };
    users::profile(ctx, owner, Some(note)).await
}
