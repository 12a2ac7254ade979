//! Putting an inbound on or off sale from the inbounds screen: a confirmation saying what it
//! changes, then `PlacementService::set_inbound_sale_as` (the use case `moonvpn panel
//! inbound-sale` calls; it checks the role again and audits the change with it) and the
//! inbounds again with the result on top.

use inventory::InventoryError;
use kernel::InboundId;

use super::{inbounds, refusal};
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, InboundAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// A tapped sale button (the admin guard has passed).
pub async fn tap(ctx: &Ctx<'_>, action: InboundAction) -> Result<Reply, BotError> {
    match action {
        InboundAction::Sale(id, on_sale) => ask(ctx, id, on_sale).await,
        InboundAction::SaleConfirmed(id, on_sale) => save(ctx, id, on_sale).await,
    }
}

/// Asks before putting the inbound on (`true`) or off sale, saying what that changes.
async fn ask(ctx: &Ctx<'_>, id: InboundId, on_sale: bool) -> Result<Reply, BotError> {
    let (panel, inbound) = match inbounds::find(ctx, id).await? {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(Reply::none().toast(ctx.t("admin-inbound-gone"))),
        Err(refused) => return Ok(refused),
    };
    let (question, yes) = if on_sale {
        ("admin-inbound-on-sale-confirm", "admin-btn-inbound-on-sale-yes")
    } else {
        ("admin-inbound-off-sale-confirm", "admin-btn-inbound-off-sale-yes")
    };
    let text = format!("{}\n\n{}", inbounds::line(ctx, &inbound), ctx.t(question));
    let keyboard = Keyboard::new()
        .row([ctx.button(yes, Action::Inbound(InboundAction::SaleConfirmed(id, on_sale)))])
        .row([ctx.button("btn-back", Action::Admin(AdminAction::Inbounds(panel)))]);
    Ok(Reply::show(text, keyboard))
}

/// Saves the sale (confirmed) and shows the panel's inbounds with the result on top.
async fn save(ctx: &Ctx<'_>, id: InboundId, on_sale: bool) -> Result<Reply, BotError> {
    let panel = match inbounds::find(ctx, id).await? {
        Ok(Some((panel, _))) => panel,
        Ok(None) => return Ok(Reply::none().toast(ctx.t("admin-inbound-gone"))),
        Err(refused) => return Ok(refused),
    };
    let saved = match ctx.deps.placement.set_inbound_sale_as(ctx.user.id, id, on_sale).await {
        Ok(saved) => saved,
        Err(InventoryError::NotFound(_)) => return Ok(Reply::none().toast(ctx.t("admin-inbound-gone"))),
        Err(e @ InventoryError::Access(_)) => return refusal::inventory(ctx, e),
        Err(e) => return Err(e.into()),
    };
    let done = if saved.on_sale {
        "admin-inbound-sale-on-done"
    } else {
        "admin-inbound-sale-off-done"
    };
    let note = ctx.t_args(
        done,
        &Args::new()
            .text("protocol", saved.spec.protocol.to_string())
            .text("port", saved.spec.port.to_string()),
    );
    inbounds::list(ctx, panel, Some(note)).await
}
