//! Renewing an account: the plans sold at its location, each stating its renewal rule, then
//! a confirmation screen that previews the resulting volume and expiry before any money
//! moves. The same client is kept; only its limits change.

use inventory::AccountStatus;
use kernel::{ClientAccountId, PlanId};
use orders::{OrderError, PlanKind, RenewRequest, Selection};

use super::services::own_account;
use super::{checkout, plans, selection};
use crate::bot::conversation::OrderTarget;
use crate::bot::{BotError, Ctx, Reply, format};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// The plans the account can be renewed with.
pub async fn show(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    let account = match own_account(ctx, id).await? {
        Ok(account) => account,
        Err(reply) => return Ok(reply),
    };
    if matches!(account.status, AccountStatus::Switched | AccountStatus::Disabled) {
        return Ok(not_renewable(ctx, id));
    }
    let mut options = ctx.deps.catalog.plans_at(account.location).await?;
    options.retain(|p| !p.is_test);
    let back = Keyboard::new().row([
        ctx.button("btn-back", Action::Service(id)),
        ctx.button("btn-menu", Action::Menu),
    ]);
    if options.is_empty() {
        return Ok(Reply::show(ctx.t("renew-none"), back));
    }
    let mut lines = vec![
        ctx.t_args(
            "renew-choose",
            &Args::new()
                .text("name", account.name.as_str())
                .html("volume", format::volume(ctx, account.traffic_limit_bytes))
                .html("expiry", format::expiry_with_days_left(ctx, account.expires_at)),
        ),
    ];
    let mut keyboard = Keyboard::new();
    for plan in &options {
        lines.push(String::new());
        lines.push(
            ctx.t_args(
                "plan-line",
                &Args::new()
                    .text("name", plan.name.as_str())
                    .html("terms", format::plan_terms(ctx, plan))
                    .html("rule", format::rule(ctx, plan.renewal)),
            ),
        );
        keyboard = keyboard.row([ctx.button_text(format!("🔄 {}", plan.name), Action::RenewWith(id, plan.id))]);
    }
    let keyboard = keyboard.row([
        ctx.button("btn-back", Action::Service(id)),
        ctx.button("btn-menu", Action::Menu),
    ]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// A plan was picked: the confirmation screen with the preview (a build-your-own plan asks
/// for its volume and days first).
pub async fn with_plan(ctx: &Ctx<'_>, id: ClientAccountId, plan: PlanId) -> Result<Reply, BotError> {
    if let Err(reply) = own_account(ctx, id).await? {
        return Ok(reply);
    }
    let picked = match ctx.deps.catalog.plan(plan).await {
        Ok(p) => p,
        Err(OrderError::PlanNotFound(_)) => return Ok(plans::unavailable(ctx)),
        Err(e) => return Err(e.into()),
    };
    if matches!(picked.kind, PlanKind::Dynamic(_)) {
        return Ok(selection::ask_volume(ctx, &picked, OrderTarget::Renew { account: id }));
    }
    order(ctx, id, plan, None).await
}

/// Creates the pending renewal order and shows its confirmation screen.
pub async fn order(
    ctx: &Ctx<'_>,
    account: ClientAccountId,
    plan: PlanId,
    selection: Option<Selection>,
) -> Result<Reply, BotError> {
    let request = RenewRequest {
        user: ctx.user.id,
        telegram_id: ctx.user.telegram_id,
        account,
        plan,
        selection,
        code: None,
    };
    match ctx.deps.orders.create_renewal(&request).await {
        Ok(order) => checkout::confirm(ctx, &order).await,
        Err(OrderError::NotYours | OrderError::AccountNotFound(_)) => Ok(super::not_yours(ctx)),
        Err(
            OrderError::PlanNotFound(_)
            | OrderError::PlanInactive
            | OrderError::PlanNotSoldHere
            | OrderError::TestPlanNotRenewable,
        ) => Ok(plans::unavailable(ctx)),
        Err(e) => Err(e.into()),
    }
}

fn not_renewable(ctx: &Ctx<'_>, id: ClientAccountId) -> Reply {
    let keyboard = Keyboard::new().row([
        ctx.button("btn-back", Action::Service(id)),
        ctx.button("btn-menu", Action::Menu),
    ]);
    Reply::show(ctx.t("renew-not-possible"), keyboard)
}
