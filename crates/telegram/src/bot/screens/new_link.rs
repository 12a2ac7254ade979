//! "New link": a fresh key for an account, after a warning that the old link stops working.

use inventory::InventoryError;
use kernel::ClientAccountId;

use super::delivery;
use super::services::own_account;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Asks before replacing the link.
pub async fn confirm(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    let account = match own_account(ctx, id).await? {
        Ok(account) => account,
        Err(reply) => return Ok(reply),
    };
    let text = ctx.t_args("new-link-confirm", &Args::new().text("name", account.name.as_str()));
    let keyboard = Keyboard::new()
        .row([ctx.button("btn-new-link-confirm", Action::NewLinkConfirmed(id))])
        .row([
            ctx.button("btn-back", Action::Service(id)),
            ctx.button("btn-menu", Action::Menu),
        ]);
    Ok(Reply::show(text, keyboard))
}

/// Replaces the link (confirmed) and hands over the new one.
pub async fn run(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    if let Err(reply) = own_account(ctx, id).await? {
        return Ok(reply);
    }
    let back = Keyboard::new().row([
        ctx.button("btn-back", Action::Service(id)),
        ctx.button("btn-menu", Action::Menu),
    ]);
    match ctx.deps.accounts.rekey(id).await {
        Ok(account) => {
            let text = ctx.t_args("new-link-done", &Args::new().text("name", account.name.as_str()));
            delivery::append(ctx, Reply::show(text, Keyboard::new()), &account, "delivery-new-link").await
        }
        Err(InventoryError::AccountNotActive { .. }) => Ok(Reply::show(ctx.t("new-link-not-possible"), back)),
        Err(InventoryError::ClientMissing(_)) => Ok(Reply::show(ctx.t("new-link-missing"), back)),
        Err(e) if e.is_retryable() || matches!(e, InventoryError::Panel(_)) => {
            Ok(Reply::show(ctx.t("error-panel"), back))
        }
        Err(e) => Err(e.into()),
    }
}
