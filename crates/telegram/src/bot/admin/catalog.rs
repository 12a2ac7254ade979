//! Plans and discount codes in the admin menu: every plan (on sale or not) with its terms and
//! locations, and the newest discount codes with their rules and uses; each can be put on or
//! taken off sale (plans) or disabled and enabled (codes) through the catalog's admin use cases,
//! the ones `moonvpn plan edit --active` and `moonvpn discount disable|enable` call (role
//! checked, audited). Creating and editing is in [`plan_create`](super::plan_create),
//! [`plan_edit`](super::plan_edit), [`code_create`](super::code_create) and
//! [`code_edit`](super::code_edit).

use std::collections::BTreeSet;

use kernel::{DiscountCodeId, PageRequest, PlanId};
use orders::{Discount, DiscountStatus, DiscountValue, OrderError, Plan, PlanKind};

use super::home;
use crate::bot::format;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, CatalogAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Codes listed at once (newest first).
const CODES_SHOWN: u64 = 20;

pub(super) fn plan_icon(plan: &Plan) -> &'static str {
    if plan.active { "▶️" } else { "⏸" }
}

/// A refusal of the catalog as a toast; other failures stay errors.
pub(super) fn refused(ctx: &Ctx<'_>, e: OrderError) -> Result<Reply, BotError> {
    match e {
        OrderError::PlanNotFound(_) => Ok(Reply::none().toast(ctx.t("admin-plan-gone"))),
        OrderError::DiscountNotFound(_) => Ok(Reply::none().toast(ctx.t("admin-discount-gone"))),
        OrderError::Forbidden { .. } => Ok(super::super::screens::not_yours(ctx)),
        other => Err(other.into()),
    }
}

/// Every plan, on sale first.
pub async fn plans(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let mut plans = ctx.deps.catalog.plans(false).await?;
    plans.sort_by_key(|p| (!p.active, p.name.to_string()));
    let mut lines = vec![ctx.t("admin-plans-title")];
    if plans.is_empty() {
        lines.push(ctx.t("admin-plans-empty"));
    }
    let mut keyboard = Keyboard::new();
    for plan in &plans {
        lines.push(format!(
            "{} <b>{}</b> · {}",
            plan_icon(plan),
            crate::i18n::escape_html(&plan.name.to_string()),
            format::plan_terms(ctx, plan)
        ));
        keyboard = keyboard.row([ctx.button_text(
            format!("{} {}", plan_icon(plan), plan.name),
            Action::Admin(AdminAction::Plan(plan.id)),
        )]);
    }
    let keyboard = keyboard
        .row([ctx.button("admin-btn-plan-new", Action::Catalog(CatalogAction::NewPlan))])
        .row([home::back_button(ctx)]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// A plan's card: name, terms, description, ranges, locations, renewal, test flag, device limit (the
/// plan view, a new plan's summary and an edit's confirmation show it).
pub(super) async fn plan_lines(ctx: &Ctx<'_>, plan: &Plan) -> Result<Vec<String>, BotError> {
    let locations = ctx.deps.placement.locations().await?;
    let sold_at: Vec<String> = locations
        .iter()
        .filter(|l| plan.locations.contains(&l.id))
        .map(|l| l.name.to_string())
        .collect();
    let mut lines = vec![
        ctx.t_args(
            "admin-plan-title",
            &Args::new()
                .text("icon", plan_icon(plan))
                .text("name", plan.name.to_string()),
        ),
        format::plan_terms(ctx, plan),
    ];
    if let Some(description) = &plan.description {
        lines.push(ctx.t_args(
            "admin-plan-description",
            &Args::new().text("description", description.as_str()),
        ));
    }
    if let PlanKind::Dynamic(t) = plan.kind {
        let ((min_gb, max_gb), (min_days, max_days)) = (t.gb_range(), t.days_range());
        lines.push(
            ctx.t_args(
                "admin-plan-ranges",
                &Args::new()
                    .number("min_gb", i64::from(min_gb))
                    .number("max_gb", i64::from(max_gb))
                    .number("min_days", i64::from(min_days))
                    .number("max_days", i64::from(max_days)),
            ),
        );
    }
    let sold_at = if sold_at.is_empty() {
        ctx.t("admin-plan-nowhere")
    } else {
        sold_at.join(", ")
    };
    lines.push(ctx.t_args("admin-plan-locations", &Args::new().text("locations", sold_at)));
    if plan.is_test {
        lines.push(ctx.t("admin-plan-test"));
    } else {
        lines.push(ctx.t_args(
            "admin-plan-renewal",
            &Args::new().html("rule", format::rule(ctx, plan.renewal)),
        ));
    }
    if let Some(devices) = plan.ip_limit.amount() {
        lines.push(ctx.t_args(
            "admin-plan-ip-limit",
            &Args::new().number("devices", i64::from(devices)),
        ));
    }
    Ok(lines)
}

/// One plan, with `note` (the result of an action) on top.
pub async fn plan(ctx: &Ctx<'_>, id: PlanId, note: Option<String>) -> Result<Reply, BotError> {
    let plan = match ctx.deps.catalog.plan(id).await {
        Ok(plan) => plan,
        Err(e) => return refused(ctx, e),
    };
    let mut lines: Vec<String> = note.into_iter().collect();
    lines.extend(plan_lines(ctx, &plan).await?);
    lines.push(ctx.t(if plan.active {
        "admin-plan-on-sale"
    } else {
        "admin-plan-off-sale"
    }));
    let toggle = if plan.active {
        ctx.button("admin-btn-plan-off", Action::Admin(AdminAction::PlanSale(id, false)))
    } else {
        ctx.button("admin-btn-plan-on", Action::Admin(AdminAction::PlanSale(id, true)))
    };
    let edit = ctx.button("admin-btn-plan-edit", Action::Catalog(CatalogAction::EditPlan(id)));
    let keyboard = Keyboard::new().row([edit, toggle]).row([
        ctx.button("admin-btn-back-plans", Action::Admin(AdminAction::Plans)),
        home::back_button(ctx),
    ]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// Puts a plan on sale or takes it off, then shows it.
pub async fn set_plan_sale(ctx: &Ctx<'_>, id: PlanId, active: bool) -> Result<Reply, BotError> {
    if let Err(e) = ctx.deps.catalog.set_plan_active(ctx.user.id, id, active).await {
        return refused(ctx, e);
    }
    let note = ctx.t(if active {
        "admin-plan-put-on-sale"
    } else {
        "admin-plan-taken-off-sale"
    });
    plan(ctx, id, Some(note)).await
}

fn value(ctx: &Ctx<'_>, discount: &Discount) -> String {
    match discount.terms.value() {
        DiscountValue::Percent(p) => ctx.t_args(
            "admin-discount-percent",
            &Args::new().number("percent", i64::from(p.get())),
        ),
        DiscountValue::Fixed(amount) => ctx.money(amount),
    }
}

fn uses(ctx: &Ctx<'_>, discount: &Discount) -> String {
    let used = i64::from(discount.used_count);
    match discount.terms.usage_limit() {
        Some(limit) => ctx.t_args(
            "admin-discount-uses-limited",
            &Args::new().number("used", used).number("limit", i64::from(limit)),
        ),
        None => ctx.t_args("admin-discount-uses", &Args::new().number("used", used)),
    }
}

fn code_icon(discount: &Discount) -> &'static str {
    match discount.status {
        DiscountStatus::Active => "🏷",
        DiscountStatus::Disabled => "⏸",
    }
}

/// The newest discount codes with their value and uses.
pub async fn discounts(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let page = match ctx
        .deps
        .catalog
        .discounts(ctx.user.id, PageRequest::new(0, CODES_SHOWN))
        .await
    {
        Ok(page) => page,
        Err(e) => return refused(ctx, e),
    };
    let mut lines = vec![ctx.t("admin-discounts-title")];
    if page.items.is_empty() {
        lines.push(ctx.t("admin-discounts-empty"));
    }
    let mut keyboard = Keyboard::new();
    for d in &page.items {
        lines.push(format!(
            "{} <code>{}</code> · {} · {}",
            code_icon(d),
            d.code.as_str(),
            value(ctx, d),
            uses(ctx, d)
        ));
        keyboard = keyboard.row([ctx.button_text(
            format!("{} {}", code_icon(d), d.code.as_str()),
            Action::Admin(AdminAction::Discount(d.id)),
        )]);
    }
    let keyboard = keyboard
        .row([ctx.button("admin-btn-code-new", Action::Catalog(CatalogAction::NewCode))])
        .row([home::back_button(ctx)]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// A code's card: code, value, uses, minimum order, cap, window, uses per buyer and plans (the
/// code view, a
/// new code's summary and an edit's confirmation show it).
pub(super) async fn code_lines(ctx: &Ctx<'_>, d: &Discount) -> Vec<String> {
    let terms = &d.terms;
    let mut lines = vec![
        ctx.t_args(
            "admin-discount-title",
            &Args::new()
                .text("icon", code_icon(d))
                .text("code", d.code.as_str())
                .text("value", value(ctx, d)),
        ),
        uses(ctx, d),
    ];
    if !terms.min_order().is_zero() {
        lines.push(ctx.t_args(
            "admin-discount-min-order",
            &Args::new().money("amount", terms.min_order()),
        ));
    }
    if let Some(cap) = terms.max_discount() {
        lines.push(ctx.t_args("admin-discount-max", &Args::new().money("amount", cap)));
    }
    if let Some(from) = terms.valid_from() {
        lines.push(ctx.t_args("admin-discount-from", &Args::new().date("date", from)));
    }
    if let Some(until) = terms.valid_until() {
        lines.push(ctx.t_args("admin-discount-until", &Args::new().date("date", until)));
    }
    if let Some(limit) = terms.per_user_limit() {
        lines.push(ctx.t_args(
            "admin-discount-per-user",
            &Args::new().number("limit", i64::from(limit)),
        ));
    }
    if !terms.plans().is_empty() {
        let names = plan_names(ctx, terms.plans()).await;
        lines.push(ctx.t_args("admin-discount-plans", &Args::new().text("plans", names)));
    }
    lines
}

/// The names of `plans`, by name, comma-separated (a plan that is gone by its id).
pub(super) async fn plan_names(ctx: &Ctx<'_>, plans: &BTreeSet<PlanId>) -> String {
    let mut names = Vec::with_capacity(plans.len());
    for plan in plans {
        names.push(match ctx.deps.catalog.plan(*plan).await {
            Ok(p) => p.name.to_string(),
            Err(_) => format!("#{plan}"),
        });
    }
    names.sort();
    names.join(", ")
}

/// One code with every rule it has, with `note` on top.
pub async fn discount(ctx: &Ctx<'_>, id: DiscountCodeId, note: Option<String>) -> Result<Reply, BotError> {
    let d = match ctx.deps.catalog.discount(ctx.user.id, id).await {
        Ok(d) => d,
        Err(e) => return refused(ctx, e),
    };
    let mut lines: Vec<String> = note.into_iter().collect();
    lines.extend(code_lines(ctx, &d).await);
    lines.push(ctx.t(match d.status {
        DiscountStatus::Active => "admin-discount-active",
        DiscountStatus::Disabled => "admin-discount-disabled",
    }));
    let toggle = match d.status {
        DiscountStatus::Active => ctx.button(
            "admin-btn-discount-off",
            Action::Admin(AdminAction::DiscountStatus(id, false)),
        ),
        DiscountStatus::Disabled => ctx.button(
            "admin-btn-discount-on",
            Action::Admin(AdminAction::DiscountStatus(id, true)),
        ),
    };
    let edit = ctx.button("admin-btn-plan-edit", Action::Catalog(CatalogAction::EditCode(id)));
    let uses = ctx.button("admin-btn-code-uses", Action::Admin(AdminAction::DiscountUses(id, 0)));
    let keyboard = Keyboard::new().row([edit, toggle]).row([uses]).row([
        ctx.button("admin-btn-back-discounts", Action::Admin(AdminAction::Discounts)),
        home::back_button(ctx),
    ]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}
/// Enables or disables a code, then shows it.
pub async fn set_discount_status(ctx: &Ctx<'_>, id: DiscountCodeId, active: bool) -> Result<Reply, BotError> {
    let status = if active {
        DiscountStatus::Active
    } else {
        DiscountStatus::Disabled
    };
    if let Err(e) = ctx.deps.catalog.set_discount_status(ctx.user.id, id, status).await {
        return refused(ctx, e);
    }
    let note = ctx.t(if active {
        "admin-discount-enabled"
    } else {
        "admin-discount-was-disabled"
    });
    discount(ctx, id, Some(note)).await
}
