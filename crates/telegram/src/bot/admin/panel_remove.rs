//! Removing a panel after a confirmation, through `FleetService::remove_panel_as` (the use
//! case `moonvpn panel remove` calls). A panel nothing was sold on is deleted; one users still
//! hold accounts on is refused with the count, and the admin may take it off sale instead
//! (after a second confirmation): it is kept for those accounts and nothing new is sold on it.

use inventory::{InventoryError, PanelRemoval};
use kernel::PanelId;

use super::{home, panels, refusal};
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Asks before removing.
pub async fn ask(ctx: &Ctx<'_>, id: PanelId) -> Result<Reply, BotError> {
    let panel = ctx.deps.fleet.panels().await?.into_iter().find(|p| p.id == id);
    let Some(panel) = panel else {
        return Ok(Reply::none().toast(ctx.t("admin-panel-gone")));
    };
    let text = ctx.t_args(
        "admin-panel-remove-confirm",
        &Args::new().text("name", panel.name.to_string()),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button(
            "admin-btn-panel-remove-yes",
            Action::Admin(AdminAction::RemovePanelConfirmed(id)),
        )])
        .row([ctx.button("btn-back", Action::Admin(AdminAction::Panel(id)))]);
    Ok(Reply::show(text, keyboard))
}

/// Removes the panel (confirmed), or with `off_sale` takes it off sale instead.
pub async fn remove(ctx: &Ctx<'_>, id: PanelId, off_sale: bool) -> Result<Reply, BotError> {
    match ctx.deps.fleet.remove_panel_as(ctx.user.id, id, off_sale).await {
        Ok(PanelRemoval::Deleted) => {
            let list = panels::list(ctx).await?;
            Ok(list.toast(ctx.t("admin-panel-removed")))
        }
        Ok(PanelRemoval::Disabled { live_accounts }) => {
            let note = ctx.t_args(
                "admin-panel-taken-off-sale",
                &Args::new().number("accounts", i64::try_from(live_accounts).unwrap_or(i64::MAX)),
            );
            panels::view(ctx, id, Some(note)).await
        }
        Err(InventoryError::PanelInUse { accounts }) => {
            let text = ctx.t_args(
                "admin-panel-in-use",
                &Args::new().number("accounts", i64::try_from(accounts).unwrap_or(i64::MAX)),
            );
            let keyboard = Keyboard::new()
                .row([ctx.button("admin-btn-panel-off-sale", Action::Admin(AdminAction::PanelOffSale(id)))])
                .row([
                    ctx.button("btn-back", Action::Admin(AdminAction::Panel(id))),
                    home::back_button(ctx),
                ]);
            Ok(Reply::show(text, keyboard))
        }
        Err(e) => refusal::inventory(ctx, e),
    }
}
