//! Buying: the locations with plans on sale, the plans at one location, and the start of an
//! order (a pending order and its confirmation screen; a build-your-own plan first asks for
//! its volume and days).

use kernel::{LocationId, PlanId};
use orders::{OrderError, Plan, PlanKind, PurchaseRequest, Selection};

use super::{checkout, selection};
use crate::bot::conversation::OrderTarget;
use crate::bot::{BotError, Ctx, Reply, format};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Plans a buyer can pick at `location` (free tests have their own screen).
async fn paid_plans_at(ctx: &Ctx<'_>, location: LocationId) -> Result<Vec<Plan>, BotError> {
    let mut plans = ctx.deps.catalog.plans_at(location).await?;
    plans.retain(|p| !p.is_test);
    Ok(plans)
}

/// The locations that have plans on sale.
pub async fn show(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let mut keyboard = Keyboard::new();
    for location in ctx.deps.placement.locations_on_sale().await? {
        if !paid_plans_at(ctx, location.id).await?.is_empty() {
            keyboard = keyboard
                .row([ctx.button_text(format!("📍 {}", location.name.as_str()), Action::Location(location.id))]);
        }
    }
    if keyboard.is_empty() {
        return Ok(Reply::show(ctx.t("plans-none"), ctx.back_to_menu()));
    }
    let keyboard = keyboard.row([ctx.button("btn-menu", Action::Menu)]);
    Ok(Reply::show(ctx.t("plans-choose-location"), keyboard))
}

/// The plans sold at one location, each with its volume, duration, price and description.
pub async fn at_location(ctx: &Ctx<'_>, location: LocationId) -> Result<Reply, BotError> {
    let place = ctx.deps.placement.location(location).await?;
    let plans = if place.active {
        paid_plans_at(ctx, location).await?
    } else {
        Vec::new()
    };
    if !plans.is_empty() && !ctx.deps.orders.location_has_room(location).await? {
        return Ok(sold_out(ctx, place.name.as_str()));
    }
    if plans.is_empty() {
        let keyboard = Keyboard::new().row([
            ctx.button("btn-back", Action::Plans),
            ctx.button("btn-menu", Action::Menu),
        ]);
        return Ok(Reply::show(ctx.t("plans-none-here"), keyboard));
    }
    let mut lines = Vec::with_capacity(plans.len());
    let mut keyboard = Keyboard::new();
    for plan in &plans {
        let mut line = ctx.t_args(
            "plan-line",
            &Args::new()
                .text("name", plan.name.as_str())
                .html("terms", format::plan_terms(ctx, plan))
                .html("rule", format::rule(ctx, plan.renewal)),
        );
        if let Some(description) = &plan.description {
            line.push('\n');
            line.push_str(&ctx.t_args(
                "plan-description",
                &Args::new().text("description", description.as_str()),
            ));
        }
        lines.push(line);
        keyboard =
            keyboard.row([ctx.button_text(format!("🛒 {}", plan.name.as_str()), Action::Buy(plan.id, location))]);
    }
    let header = ctx.t_args("plans-at-location", &Args::new().text("location", place.name.as_str()));
    let text = format!("{header}\n\n{}", lines.join("\n\n"));
    let keyboard = keyboard.row([
        ctx.button("btn-back", Action::Plans),
        ctx.button("btn-menu", Action::Menu),
    ]);
    Ok(Reply::show(text, keyboard))
}

/// A plan was picked: a fixed plan gets a pending order and its confirmation screen; a
/// build-your-own plan asks for the gigabytes first.
pub async fn buy(ctx: &Ctx<'_>, plan: PlanId, location: LocationId) -> Result<Reply, BotError> {
    let picked = match ctx.deps.catalog.plan(plan).await {
        Ok(p) => p,
        Err(OrderError::PlanNotFound(_)) => return Ok(unavailable(ctx)),
        Err(e) => return Err(e.into()),
    };
    if matches!(picked.kind, PlanKind::Dynamic(_)) {
        return Ok(selection::ask_volume(ctx, &picked, OrderTarget::Buy { location }));
    }
    order(ctx, plan, location, None).await
}

/// Creates the pending order and shows its confirmation screen.
pub async fn order(
    ctx: &Ctx<'_>,
    plan: PlanId,
    location: LocationId,
    selection: Option<Selection>,
) -> Result<Reply, BotError> {
    let request = PurchaseRequest {
        user: ctx.user.id,
        telegram_id: ctx.user.telegram_id,
        plan,
        location,
        selection,
        code: None,
    };
    match ctx.deps.orders.create_order(&request).await {
        Ok(order) => checkout::confirm(ctx, &order).await,
        Err(OrderError::SoldOut(location)) => sold_out_at(ctx, location).await,
        Err(OrderError::PlanNotFound(_) | OrderError::PlanInactive | OrderError::PlanNotSoldHere) => {
            Ok(unavailable(ctx))
        }
        Err(e) => Err(e.into()),
    }
}

/// The order use case refused `location` as sold out ([`OrderError::SoldOut`]): says so,
/// by the location's name.
pub(crate) async fn sold_out_at(ctx: &Ctx<'_>, location: LocationId) -> Result<Reply, BotError> {
    let place = ctx.deps.placement.location(location).await?;
    Ok(sold_out(ctx, place.name.as_str()))
}

/// No server at `location` can take a new service now: nothing is ordered or charged.
fn sold_out(ctx: &Ctx<'_>, location: &str) -> Reply {
    let keyboard = Keyboard::new().row([
        ctx.button("btn-back", Action::Plans),
        ctx.button("btn-menu", Action::Menu),
    ]);
    Reply::show(
        ctx.t_args("plans-sold-out", &Args::new().text("location", location)),
        keyboard,
    )
}

/// The plan is gone or off sale here.
pub fn unavailable(ctx: &Ctx<'_>) -> Reply {
    let keyboard = Keyboard::new().row([
        ctx.button("btn-plans", Action::Plans),
        ctx.button("btn-menu", Action::Menu),
    ]);
    Reply::show(ctx.t("plan-unavailable"), keyboard)
}
