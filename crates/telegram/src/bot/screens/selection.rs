//! Build-your-own plans: the buyer types the gigabytes, then the days, each checked against
//! the plan's range, before the order is priced and confirmed.

use kernel::PlanId;
use orders::{OrderError, Plan, PlanKind, Selection};

use super::{plans, renew};
use crate::bot::conversation::{Conversation, OrderTarget};
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::Action;
use crate::i18n::{Args, integer};
use crate::keyboard::Keyboard;

fn cancel(ctx: &Ctx<'_>) -> Keyboard {
    Keyboard::new().row([ctx.button("btn-cancel", Action::Cancel)])
}

fn range_args(ctx: &Ctx<'_>, (min, max): (u32, u32)) -> Args {
    Args::new()
        .html("min", integer(ctx.lang, i64::from(min)))
        .html("max", integer(ctx.lang, i64::from(max)))
}

/// Asks for the gigabytes of `plan` (a build-your-own plan) and waits for them.
pub fn ask_volume(ctx: &Ctx<'_>, plan: &Plan, target: OrderTarget) -> Reply {
    let PlanKind::Dynamic(terms) = plan.kind else {
        return Reply::none();
    };
    let text = ctx.t_args(
        "selection-volume",
        &range_args(ctx, terms.gb_range())
            .text("plan", plan.name.as_str())
            .money("per_gb", terms.price_per_gb()),
    );
    Reply::show(text, cancel(ctx)).state(Conversation::Volume { plan: plan.id, target })
}

/// The gigabytes arrived: asks for the days.
pub async fn volume_typed(ctx: &Ctx<'_>, plan: PlanId, target: OrderTarget, text: &str) -> Result<Reply, BotError> {
    let Some((plan, terms)) = dynamic_plan(ctx, plan).await? else {
        return Ok(plans::unavailable(ctx).state(Conversation::Idle));
    };
    let range = terms.gb_range();
    let Some(gb) = parse_count(text).filter(|gb| (range.0..=range.1).contains(gb)) else {
        let again = ctx.t_args("selection-out-of-range", &range_args(ctx, range));
        return Ok(Reply::send(again, Some(cancel(ctx))));
    };
    let text = ctx.t_args(
        "selection-days",
        &range_args(ctx, terms.days_range()).money("per_day", terms.price_per_day()),
    );
    Ok(Reply::send(text, Some(cancel(ctx))).state(Conversation::Days {
        plan: plan.id,
        target,
        gb,
    }))
}

/// The days arrived: prices the order and shows its confirmation screen.
pub async fn days_typed(
    ctx: &Ctx<'_>,
    plan: PlanId,
    target: OrderTarget,
    gb: u32,
    text: &str,
) -> Result<Reply, BotError> {
    let Some((plan, terms)) = dynamic_plan(ctx, plan).await? else {
        return Ok(plans::unavailable(ctx).state(Conversation::Idle));
    };
    let range = terms.days_range();
    let Some(days) = parse_count(text).filter(|d| (range.0..=range.1).contains(d)) else {
        let again = ctx.t_args("selection-out-of-range", &range_args(ctx, range));
        return Ok(Reply::send(again, Some(cancel(ctx))));
    };
    let selection = Some(Selection { gb, days });
    let reply = match target {
        OrderTarget::Buy { location } => plans::order(ctx, plan.id, location, selection).await?,
        OrderTarget::Renew { account } => renew::order(ctx, account, plan.id, selection).await?,
    };
    Ok(reply.state(Conversation::Idle))
}

async fn dynamic_plan(ctx: &Ctx<'_>, id: PlanId) -> Result<Option<(Plan, orders::DynamicTerms)>, BotError> {
    match ctx.deps.catalog.plan(id).await {
        Ok(plan) => match plan.kind {
            PlanKind::Dynamic(terms) if plan.active => Ok(Some((plan, terms))),
            _ => Ok(None),
        },
        Err(OrderError::PlanNotFound(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// A whole number typed in Latin, Persian or Arabic digits (`30`, `۳۰`, `٣٠`).
pub fn parse_count(text: &str) -> Option<u32> {
    let digits: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '۰'..='۹' => char::from_u32(u32::from(c) - 0x06F0 + u32::from(b'0')).unwrap_or(c),
            '٠'..='٩' => char::from_u32(u32::from(c) - 0x0660 + u32::from(b'0')).unwrap_or(c),
            c => c,
        })
        .collect();
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn counts_are_read_in_every_digit_script() {
        assert_eq!(parse_count(" 30 "), Some(30));
        assert_eq!(parse_count("۳۰"), Some(30));
        assert_eq!(parse_count("٣٠"), Some(30));
        assert_eq!(parse_count("30 GB"), None);
        assert_eq!(parse_count("-3"), None);
        assert_eq!(parse_count("9999999999"), None);
        assert_eq!(parse_count(""), None);
    }
}
