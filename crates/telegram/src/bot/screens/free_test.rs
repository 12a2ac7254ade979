//! The free test account: the test plans on sale and where; one claim per user and test
//! plan (the order saga records it), refused clearly the second time. A test costs nothing,
//! so a tap claims it at once.

use kernel::{LocationId, PlanId};
use orders::{OrderError, PurchaseRequest};

use super::{checkout, plans};
use crate::bot::{BotError, Ctx, Reply, format};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// The test plans on sale, one button per plan and location.
pub async fn show(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let locations = ctx.deps.placement.locations_on_sale().await?;
    let mut lines = vec![ctx.t("free-test-title")];
    let mut keyboard = Keyboard::new();
    for plan in ctx.deps.catalog.plans(true).await? {
        if !plan.is_test {
            continue;
        }
        let places: Vec<_> = locations.iter().filter(|l| plan.sold_at(l.id)).collect();
        if places.is_empty() {
            continue;
        }
        let Ok(quote) = plan.quote(None) else {
            continue;
        };
        lines.push(
            ctx.t_args(
                "free-test-line",
                &Args::new()
                    .text("name", plan.name.as_str())
                    .html("volume", format::volume(ctx, quote.volume_bytes))
                    .html("days", format::days(ctx, i64::from(quote.duration_days))),
            ),
        );
        for place in places {
            let label = format!("🎁 {} · {}", plan.name, place.name.as_str());
            keyboard = keyboard.row([ctx.button_text(label, Action::ClaimTest(plan.id, place.id))]);
        }
    }
    if keyboard.is_empty() {
        return Ok(Reply::show(ctx.t("free-test-none"), ctx.back_to_menu()));
    }
    let keyboard = keyboard.row([ctx.button("btn-menu", Action::Menu)]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// Claims the test plan at a location and hands the account over.
pub async fn claim(ctx: &Ctx<'_>, plan: PlanId, location: LocationId) -> Result<Reply, BotError> {
    let test = match ctx.deps.catalog.plan(plan).await {
        Ok(p) if p.is_test => p,
        Ok(_) | Err(OrderError::PlanNotFound(_)) => return Ok(plans::unavailable(ctx)),
        Err(e) => return Err(e.into()),
    };
    let request = PurchaseRequest {
        user: ctx.user.id,
        telegram_id: ctx.user.telegram_id,
        plan: test.id,
        location,
        selection: None,
        code: None,
    };
    let order = match ctx.deps.orders.create_order(&request).await {
        Ok(order) => order,
        Err(OrderError::TestAlreadyClaimed) => return Ok(already_used(ctx)),
        Err(OrderError::SoldOut(location)) => return plans::sold_out_at(ctx, location).await,
        Err(OrderError::PlanNotFound(_) | OrderError::PlanInactive | OrderError::PlanNotSoldHere) => {
            return Ok(plans::unavailable(ctx));
        }
        Err(e) => return Err(e.into()),
    };
    checkout::checkout_within_wait(ctx, &order).await
}

/// The second claim of the same test plan.
pub fn already_used(ctx: &Ctx<'_>) -> Reply {
    let keyboard = Keyboard::new()
        .row([ctx.button("btn-plans", Action::Plans)])
        .row([ctx.button("btn-menu", Action::Menu)]);
    Reply::show(ctx.t("free-test-used"), keyboard)
}
