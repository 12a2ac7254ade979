//! A panel's inbounds: protocol, port, clients against the limit, and whether new clients are
//! sold onto it; the limit is changed by typing a number (0: no limit) through
//! `PlacementService::set_inbound_capacity_as`, the use case `moonvpn panel capacity` calls.
//! Each inbound also has a button to put it on or off sale (see [`super::inbound_sale`]).

use inventory::{Inbound, InboundStatus, InventoryError, PanelOverview};
use kernel::{CountLimit, InboundId, PanelId};

use super::{AdminStep, home, refusal};
use crate::bot::conversation::Conversation;
use crate::bot::screens::selection::parse_count;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, InboundAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// The panel (with its inbounds) as the admin list knows it; `None` when it is gone.
async fn overview(ctx: &Ctx<'_>, panel: PanelId) -> Result<Result<Option<PanelOverview>, Reply>, BotError> {
    match ctx.deps.fleet.panels_for_admin(ctx.user.id).await {
        Ok(all) => Ok(Ok(all.into_iter().find(|o| o.panel.id == panel))),
        Err(e) => Ok(Err(refusal::inventory(ctx, e)?)),
    }
}

fn icon(inbound: &Inbound) -> &'static str {
    match inbound.status {
        InboundStatus::Active => "🟢",
        InboundStatus::Full => "🟡",
        InboundStatus::Disabled => "⏸",
    }
}

fn limit(ctx: &Ctx<'_>, inbound: &Inbound) -> String {
    match inbound.max_clients.amount() {
        Some(max) => ctx.t_args("admin-inbound-limit-value", &Args::new().number("max", i64::from(max))),
        None => ctx.t("admin-inbound-no-limit"),
    }
}

/// "on sale" or "off sale".
fn sale(ctx: &Ctx<'_>, inbound: &Inbound) -> String {
    ctx.t(if inbound.on_sale {
        "admin-inbound-on-sale"
    } else {
        "admin-inbound-off-sale"
    })
}

/// One inbound: status, protocol, port, load against the limit and whether it is on sale.
pub(super) fn line(ctx: &Ctx<'_>, inbound: &Inbound) -> String {
    ctx.t_args(
        "admin-inbound-line",
        &Args::new()
            .text("icon", icon(inbound))
            .text("protocol", inbound.spec.protocol.to_string())
            .text("port", inbound.spec.port.to_string())
            .number("clients", i64::from(inbound.client_count))
            .text("limit", limit(ctx, inbound))
            .text("sale", sale(ctx, inbound)),
    )
}

/// Every inbound of `panel` with its load; `note` (the result of a change) goes on top.
pub async fn list(ctx: &Ctx<'_>, panel: PanelId, note: Option<String>) -> Result<Reply, BotError> {
    let found = match overview(ctx, panel).await? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let Some(found) = found else {
        return Ok(Reply::none().toast(ctx.t("admin-panel-gone")));
    };
    let mut lines: Vec<String> = note.into_iter().collect();
    lines.push(ctx.t_args(
        "admin-inbounds-title",
        &Args::new().text("name", found.panel.name.to_string()),
    ));
    if found.inbounds.is_empty() {
        lines.push(ctx.t("admin-inbounds-empty"));
    }
    let mut keyboard = Keyboard::new();
    for inbound in &found.inbounds {
        lines.push(line(ctx, inbound));
        let label = ctx.t_args(
            "admin-btn-inbound-limit",
            &Args::new()
                .text("protocol", inbound.spec.protocol.to_string())
                .text("port", inbound.spec.port.to_string()),
        );
        let toggle = ctx.t_args(
            if inbound.on_sale {
                "admin-btn-inbound-off-sale"
            } else {
                "admin-btn-inbound-on-sale"
            },
            &Args::new().text("port", inbound.spec.port.to_string()),
        );
        keyboard = keyboard.row([
            ctx.button_text(label, Action::Admin(AdminAction::InboundLimit(inbound.id))),
            ctx.button_text(
                toggle,
                Action::Inbound(InboundAction::Sale(inbound.id, !inbound.on_sale)),
            ),
        ]);
    }
    let keyboard = keyboard.row([
        ctx.button("admin-btn-back-panel", Action::Admin(AdminAction::Panel(panel))),
        home::back_button(ctx),
    ]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// The inbound `id` and its panel, if an admin may see it and it still exists.
pub(super) async fn find(ctx: &Ctx<'_>, id: InboundId) -> Result<Result<Option<(PanelId, Inbound)>, Reply>, BotError> {
    let all = match ctx.deps.fleet.panels_for_admin(ctx.user.id).await {
        Ok(all) => all,
        Err(e) => return Ok(Err(refusal::inventory(ctx, e)?)),
    };
    Ok(Ok(all.into_iter().find_map(|o| {
        o.inbounds.into_iter().find(|i| i.id == id).map(|i| (o.panel.id, i))
    })))
}

/// Asks for the inbound's new client limit.
pub async fn ask_limit(ctx: &Ctx<'_>, id: InboundId) -> Result<Reply, BotError> {
    let (panel, inbound) = match find(ctx, id).await? {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(Reply::none().toast(ctx.t("admin-inbound-gone"))),
        Err(refused) => return Ok(refused),
    };
    let text = format!("{}\n\n{}", line(ctx, &inbound), ctx.t("admin-inbound-limit-ask"));
    let keyboard = Keyboard::new().row([ctx.button("btn-cancel", Action::Admin(AdminAction::Inbounds(panel)))]);
    Ok(Reply::show(text, keyboard).state(Conversation::Admin {
        step: AdminStep::InboundLimit {
            inbound: id.get(),
            panel: panel.get(),
        },
    }))
}

/// The limit arrived: set it and show the inbounds again, or explain the format.
pub async fn limit_typed(ctx: &Ctx<'_>, id: InboundId, panel: PanelId, text: &str) -> Result<Reply, BotError> {
    // 0 typed is "no limit", as the prompt says.
    let Some(max_clients) = parse_count(text).map(|n| CountLimit::upto(n).unwrap_or(CountLimit::Unlimited)) else {
        let keyboard = Keyboard::new().row([ctx.button("btn-cancel", Action::Admin(AdminAction::Inbounds(panel)))]);
        return Ok(Reply::send(ctx.t("admin-inbound-limit-invalid"), Some(keyboard)));
    };
    let note = match ctx
        .deps
        .placement
        .set_inbound_capacity_as(ctx.user.id, id, max_clients)
        .await
    {
        Ok(saved) => ctx.t_args(
            "admin-inbound-limit-set",
            &Args::new().text("limit", limit(ctx, &saved)),
        ),
        Err(InventoryError::NotFound(_)) => ctx.t("admin-inbound-gone"),
        Err(e @ InventoryError::Access(_)) => return refusal::inventory(ctx, e),
        Err(e) => return Err(e.into()),
    };
    Ok(list(ctx, panel, Some(note)).await?.state(Conversation::Idle))
}
