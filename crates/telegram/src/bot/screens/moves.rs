//! Switching an account to another location: the destinations, a confirmation that says what
//! moves with it, then the move (a new client there with the remaining volume and the same
//! expiry, the old one removed, the transfer recorded) and the new links.

use inventory::{AccountStatus, InventoryError};
use kernel::{ClientAccountId, LocationId};

use super::delivery;
use super::services::own_account;
use crate::bot::{BotError, Ctx, Reply, format};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

fn back(ctx: &Ctx<'_>, id: ClientAccountId) -> Keyboard {
    Keyboard::new().row([
        ctx.button("btn-back", Action::Service(id)),
        ctx.button("btn-menu", Action::Menu),
    ])
}

fn refused(ctx: &Ctx<'_>, id: ClientAccountId, key: &str) -> Reply {
    Reply::show(ctx.t(key), back(ctx, id))
}

/// The locations the account can move to.
pub async fn destinations(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    let account = match own_account(ctx, id).await? {
        Ok(account) => account,
        Err(reply) => return Ok(reply),
    };
    if account.status != AccountStatus::Active {
        return Ok(Reply::show(ctx.t("move-not-active"), back(ctx, id)));
    }
    let mut keyboard = Keyboard::new();
    for location in ctx.deps.placement.locations_on_sale().await? {
        if location.id != account.location {
            keyboard = keyboard.row([ctx.button_text(
                format!("📍 {}", location.name.as_str()),
                Action::MoveTo(id, location.id),
            )]);
        }
    }
    if keyboard.is_empty() {
        return Ok(Reply::show(ctx.t("move-none"), back(ctx, id)));
    }
    let text = ctx.t_args("move-choose", &Args::new().text("name", account.name.as_str()));
    let keyboard = keyboard.row([
        ctx.button("btn-back", Action::Service(id)),
        ctx.button("btn-menu", Action::Menu),
    ]);
    Ok(Reply::show(text, keyboard))
}

/// What moving to `to` keeps and changes; asks before doing it.
pub async fn confirm(ctx: &Ctx<'_>, id: ClientAccountId, to: LocationId) -> Result<Reply, BotError> {
    let account = match own_account(ctx, id).await? {
        Ok(account) => account,
        Err(reply) => return Ok(reply),
    };
    if account.status != AccountStatus::Active {
        return Ok(Reply::show(ctx.t("move-not-active"), back(ctx, id)));
    }
    let from = ctx.deps.placement.location(account.location).await?;
    let destination = ctx.deps.placement.location(to).await?;
    let left = match account.remaining_bytes() {
        Some(left) => format::data(ctx, left),
        None => ctx.t("volume-unlimited"),
    };
    let text = ctx.t_args(
        "move-confirm",
        &Args::new()
            .text("name", account.name.as_str())
            .text("from", from.name.as_str())
            .text("to", destination.name.as_str())
            .html("left", left)
            .html("expiry", format::expiry(ctx, account.expires_at)),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button("btn-move-confirm", Action::MoveConfirmed(id, to))])
        .row([
            ctx.button("btn-back", Action::Move(id)),
            ctx.button("btn-menu", Action::Menu),
        ]);
    Ok(Reply::show(text, keyboard))
}

/// Moves the account (confirmed) and hands over the new service.
pub async fn run(ctx: &Ctx<'_>, id: ClientAccountId, to: LocationId) -> Result<Reply, BotError> {
    let account = match own_account(ctx, id).await? {
        Ok(account) => account,
        Err(reply) => return Ok(reply),
    };
    match ctx.deps.accounts.transfer(id, to, ctx.user.telegram_id).await {
        Ok(outcome) => {
            let destination = ctx.deps.placement.location(to).await?;
            let text = ctx.t_args(
                "move-done",
                &Args::new()
                    .text("old", account.name.as_str())
                    .text("name", outcome.account.name.as_str())
                    .text("to", destination.name.as_str()),
            );
            delivery::append(
                ctx,
                Reply::show(text, Keyboard::new()),
                &outcome.account,
                "delivery-moved",
            )
            .await
        }
        Err(InventoryError::AccountNotActive { .. }) => Ok(refused(ctx, id, "move-not-active")),
        Err(InventoryError::SameLocation) => Ok(refused(ctx, id, "move-same")),
        Err(InventoryError::NoCapacity { .. } | InventoryError::LocationInactive(_)) => {
            Ok(refused(ctx, id, "move-no-capacity"))
        }
        Err(InventoryError::LocationUnreachable { .. }) => Ok(refused(ctx, id, "error-panel")),
        Err(e) if e.is_retryable() || matches!(e, InventoryError::Panel(_)) => Ok(refused(ctx, id, "error-panel")),
        Err(e) => Err(e.into()),
    }
}
