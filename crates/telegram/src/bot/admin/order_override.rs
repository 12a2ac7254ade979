//! ⚖️ Override on a paid order's screen (superadmins): Refund now or Retry now, the reason
//! typed in one message, a confirmation saying what will happen (and the amount), then
//! `OrderService::override_order` — the use case `moonvpn order override` calls (superadmin
//! role checked again there, audited `order.override`) — and the order's screen with the
//! result on top. An admin's or user's tap or answer is refused and audited; nothing changes.

use kernel::OrderId;
use members::{MemberError, Role};
use orders::{Order, OrderError, OrderOverride, OrderStatus, OverrideOutcome, OverrideReason, OverrideReasonError};

use super::AdminStep;
use super::user_orders::{buyer_name, details, refused, status, view};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, OrderAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// How a refusal is answered: a toast under a tapped button, a message for typed text.
#[derive(Clone, Copy)]
enum Via {
    Tap,
    Text,
}

/// `None` when the sender is a superadmin; else the refusal (audited as `order.override`).
async fn superadmin(ctx: &Ctx<'_>, via: Via) -> Result<Option<Reply>, BotError> {
    match ctx
        .deps
        .members
        .authorize(ctx.user.id, Role::Superadmin, &orders::OrderService::OVERRIDE)
        .await
    {
        Ok(_) => Ok(None),
        Err(MemberError::Forbidden { .. }) => {
            let text = ctx.t("admin-need-superadmin");
            let reply = match via {
                Via::Tap => Reply::none().toast(text),
                Via::Text => Reply::send(text, None),
            };
            Ok(Some(reply.state(Conversation::Idle)))
        }
        Err(e) => Err(e.into()),
    }
}

fn decision_code(decision: OrderOverride) -> String {
    decision.as_str().to_owned()
}

fn cancel_row(ctx: &Ctx<'_>, id: OrderId) -> Keyboard {
    Keyboard::new().row([ctx.button("btn-cancel", Action::Orders(OrderAction::View(id)))])
}

/// The order, when it is still paid; else the order's screen saying why nothing can be done.
async fn paid_order(ctx: &Ctx<'_>, id: OrderId) -> Result<Result<Order, Reply>, BotError> {
    let order = match ctx.deps.orders.order_as(ctx.user.id, id).await {
        Ok(order) => order,
        Err(e) => return refused(ctx, e).map(Err),
    };
    if order.status != OrderStatus::Paid {
        return not_overridable(ctx, id, order.status).await.map(Err);
    }
    Ok(Ok(order))
}

async fn not_overridable(ctx: &Ctx<'_>, id: OrderId, now: OrderStatus) -> Result<Reply, BotError> {
    let note = ctx.t_args(
        "admin-order-not-overridable",
        &Args::new().text("status", status(ctx, now)),
    );
    Ok(view(ctx, id, Some(note)).await?.state(Conversation::Idle))
}

/// ⚖️ Override: what each choice does, with Refund now / Retry now and Back.
pub async fn choices(ctx: &Ctx<'_>, id: OrderId) -> Result<Reply, BotError> {
    if let Some(refusal) = superadmin(ctx, Via::Tap).await? {
        return Ok(refusal);
    }
    let order = match paid_order(ctx, id).await? {
        Ok(order) => order,
        Err(reply) => return Ok(reply),
    };
    let mut lines = details(ctx, &order).await;
    lines.push(String::new());
    lines.push(ctx.t_args("admin-order-override-ask", &Args::new().money("amount", order.amount())));
    let keyboard = Keyboard::new()
        .row([
            ctx.button(
                "admin-btn-order-refund",
                Action::Orders(OrderAction::Decide(id, OrderOverride::Refund)),
            ),
            ctx.button(
                "admin-btn-order-retry",
                Action::Orders(OrderAction::Decide(id, OrderOverride::Retry)),
            ),
        ])
        .row([ctx.button("btn-back", Action::Orders(OrderAction::View(id)))]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// Refund now / Retry now: asks why.
pub async fn ask_reason(ctx: &Ctx<'_>, id: OrderId, decision: OrderOverride) -> Result<Reply, BotError> {
    if let Some(refusal) = superadmin(ctx, Via::Tap).await? {
        return Ok(refusal);
    }
    if let Err(reply) = paid_order(ctx, id).await? {
        return Ok(reply);
    }
    let text = ctx.t_args(
        "admin-order-reason-ask",
        &Args::new().number("max", OverrideReason::MAX_CHARS as i64),
    );
    Ok(Reply::show(text, cancel_row(ctx, id)).state(Conversation::Admin {
        step: AdminStep::OrderReason {
            order: id.get(),
            decision: decision_code(decision),
        },
    }))
}

/// The reason arrived: the confirmation saying what will happen, or why the reason is refused.
pub async fn reason_typed(ctx: &Ctx<'_>, id: OrderId, decision: &str, typed: &str) -> Result<Reply, BotError> {
    if let Some(refusal) = superadmin(ctx, Via::Text).await? {
        return Ok(refusal);
    }
    let Some(decision) = OrderOverride::parse(decision) else {
        return Ok(Reply::send(ctx.t("admin-order-expired"), None).state(Conversation::Idle));
    };
    let reason = match OverrideReason::parse(typed) {
        Ok(reason) => reason,
        Err(e) => {
            let why = match e {
                OverrideReasonError::Empty => ctx.t("admin-order-reason-empty"),
                OverrideReasonError::TooLong { chars } => ctx.t_args(
                    "admin-order-reason-too-long",
                    &Args::new()
                        .number("chars", i64::try_from(chars).unwrap_or(i64::MAX))
                        .number("max", OverrideReason::MAX_CHARS as i64),
                ),
            };
            return Ok(Reply::send(why, Some(cancel_row(ctx, id))));
        }
    };
    let order = match paid_order(ctx, id).await? {
        Ok(order) => order,
        Err(reply) => return Ok(reply),
    };
    let (question, yes) = match decision {
        OrderOverride::Refund => ("admin-order-confirm-refund", "admin-btn-order-refund-yes"),
        OrderOverride::Retry => ("admin-order-confirm-retry", "admin-btn-order-retry-yes"),
    };
    let text = ctx.t_args(
        question,
        &Args::new()
            .text("tracking", order.tracking.as_str())
            .money("amount", order.amount())
            .text("name", buyer_name(ctx, order.user).await)
            .text("reason", reason.as_str()),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button(yes, Action::Orders(OrderAction::Confirm(id)))])
        .row([ctx.button("btn-cancel", Action::Orders(OrderAction::View(id)))]);
    Ok(Reply::send(text, Some(keyboard)).state(Conversation::Admin {
        step: AdminStep::OrderConfirm {
            order: id.get(),
            decision: decision_code(decision),
            reason: reason.as_str().to_owned(),
        },
    }))
}

/// ✅ Yes: the decision shown for confirmation, once; the order's screen with what happened.
/// A tap on a confirmation that is no longer the open one changes nothing.
pub async fn confirm(ctx: &Ctx<'_>, id: OrderId) -> Result<Reply, BotError> {
    if let Some(refusal) = superadmin(ctx, Via::Tap).await? {
        return Ok(refusal);
    }
    let expired = || Ok(Reply::none().toast(ctx.t("admin-order-expired")));
    let Conversation::Admin {
        step: AdminStep::OrderConfirm {
            order,
            decision,
            reason,
        },
    } = ctx.state
    else {
        return expired();
    };
    if *order != id.get() {
        return expired();
    }
    let (Some(decision), Ok(reason)) = (OrderOverride::parse(decision), OverrideReason::parse(reason)) else {
        return Ok(Reply::none()
            .toast(ctx.t("admin-order-expired"))
            .state(Conversation::Idle));
    };
    let outcome = match ctx.deps.orders.override_order(ctx.user.id, id, decision, &reason).await {
        Ok(outcome) => outcome,
        Err(OrderError::NotOverridable(now)) => return not_overridable(ctx, id, now).await,
        Err(e) => return Ok(refused(ctx, e)?.state(Conversation::Idle)),
    };
    tracing::info!(order = %id, superadmin = %ctx.user.id, outcome = outcome.as_str(), "order overridden");
    let key = match &outcome {
        OverrideOutcome::Refunded(_) => "admin-order-refunded",
        OverrideOutcome::Delivered(_) => "admin-order-delivered",
        OverrideOutcome::RetryRefunded(_) => "admin-order-retry-refunded",
        OverrideOutcome::InProgress(_) => "admin-order-in-progress",
    };
    let done = outcome.order();
    let note = ctx.t_args(
        key,
        &Args::new()
            .text("tracking", done.tracking.as_str())
            .money("amount", done.amount()),
    );
    Ok(view(ctx, id, Some(note)).await?.state(Conversation::Idle))
}
