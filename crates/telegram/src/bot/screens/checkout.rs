//! Confirming and paying an order: the confirmation screen (what is bought, the discount,
//! the amount, the balance; for a renewal the resulting volume and expiry), the discount-code
//! prompt, and "Pay" with every way it can end.
//!
//! Money moves only from [`pay`], whose button carries the order id: the saga's `pay` is
//! idempotent, so a double tap pays once, and a button of an order that is already paid,
//! refunded or expired is answered with what happened to it.

use kernel::{OrderId, StorageError};
use orders::{
    Delivery, DiscountCode, DiscountRefusal, Order, OrderError, OrderKind, OrderStatus, PlanKind, PurchaseRequest,
    RenewRequest, Selection,
};

use super::{delivery, not_yours};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply, format};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// The confirmation screen of a pending order: nothing is charged until "Pay".
pub async fn confirm(ctx: &Ctx<'_>, order: &Order) -> Result<Reply, BotError> {
    let deps = ctx.deps;
    let plan_name = match deps.catalog.plan(order.plan).await {
        Ok(plan) => plan.name.as_str().to_owned(),
        Err(OrderError::PlanNotFound(_)) => "—".to_owned(),
        Err(e) => return Err(e.into()),
    };
    let location = deps.placement.location(order.location).await?;
    let balance = deps.wallet.balance(ctx.user.id).await?;
    let mut lines = Vec::new();
    let back = match order.kind {
        OrderKind::Purchase => {
            lines.push(ctx.t("confirm-title"));
            Action::Location(order.location)
        }
        OrderKind::Renew { account, rule } => {
            let renewed = deps.accounts.account(account).await?;
            lines.push(ctx.t_args(
                "confirm-renew-title",
                &Args::new().text("account", renewed.name.as_str()),
            ));
            lines.push(ctx.t_args("confirm-rule", &Args::new().html("rule", format::rule(ctx, rule))));
            Action::Renew(account)
        }
    };
    lines.push(
        ctx.t_args(
            "confirm-plan",
            &Args::new()
                .text("plan", plan_name)
                .text("location", location.name.as_str()),
        ),
    );
    lines.push(ctx.t_args(
        "confirm-volume",
        &Args::new().html("volume", format::volume(ctx, order.quote.volume_bytes)),
    ));
    lines.push(ctx.t_args(
        "confirm-duration",
        &Args::new().html("days", format::days(ctx, i64::from(order.quote.duration_days))),
    ));
    if let OrderKind::Renew { .. } = order.kind
        && let Some(after) = renewal_preview(ctx, order).await?
    {
        lines.push(after);
    }
    lines.push(String::new());
    lines.push(ctx.t_args("confirm-price", &Args::new().money("price", order.pricing.price)));
    if !order.pricing.discount.is_zero() {
        lines.push(ctx.t_args(
            "confirm-discount",
            &Args::new().money("discount", order.pricing.discount),
        ));
    }
    lines.push(ctx.t_args("confirm-amount", &Args::new().money("amount", order.amount())));
    lines.push(ctx.t_args("confirm-balance", &Args::new().money("balance", balance)));
    lines.push(String::new());
    lines.push(ctx.t("confirm-hint"));
    let pay = ctx.label("label-pay", &Args::new().money("amount", order.amount()));
    let keyboard = Keyboard::new()
        .row([ctx.button_text(pay, Action::Pay(order.id))])
        .row([ctx.button("btn-discount", Action::Discount(order.id))])
        .row([ctx.button("btn-back", back), ctx.button("btn-menu", Action::Menu)]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// "After renewing: 80 GB in total, until 21 Jan 2027" for a pending renewal order.
async fn renewal_preview(ctx: &Ctx<'_>, order: &Order) -> Result<Option<String>, BotError> {
    let Some(request) = renew_request(ctx, order, None).await? else {
        return Ok(None);
    };
    let preview = ctx.deps.orders.preview_renewal(&request).await?;
    Ok(Some(
        ctx.t_args(
            "confirm-after",
            &Args::new()
                .html("volume", format::volume(ctx, preview.total_bytes))
                .html("expiry", format::expiry(ctx, preview.expires_at)),
        ),
    ))
}

/// The confirmation screen of one of the user's orders again (the "Back" of the code prompt).
pub async fn show(ctx: &Ctx<'_>, id: OrderId) -> Result<Reply, BotError> {
    match own_order(ctx, id).await? {
        Owned::Mine(order) if order.status == OrderStatus::Pending => confirm(ctx, &order).await,
        Owned::Mine(order) => finished(ctx, &order).await,
        Owned::Other(reply) => Ok(reply),
    }
}

/// Asks for a discount code for a pending order.
pub async fn ask_code(ctx: &Ctx<'_>, id: OrderId) -> Result<Reply, BotError> {
    match own_order(ctx, id).await? {
        Owned::Mine(order) if order.status == OrderStatus::Pending => {
            let keyboard = Keyboard::new().row([ctx.button("btn-back", Action::Order(id))]);
            Ok(Reply::show(ctx.t("code-ask"), keyboard).state(Conversation::DiscountCode { order: id }))
        }
        Owned::Mine(order) => finished(ctx, &order).await,
        Owned::Other(reply) => Ok(reply),
    }
}

/// A code was typed for `id`: prices the same order again with it (a new pending order) and
/// shows the new confirmation; a refused code says why and waits for another.
pub async fn code_typed(ctx: &Ctx<'_>, id: OrderId, text: &str) -> Result<Reply, BotError> {
    let retry = Keyboard::new().row([ctx.button("btn-back", Action::Order(id))]);
    let Ok(code) = DiscountCode::parse(text) else {
        return Ok(Reply::send(ctx.t("code-malformed"), Some(retry)));
    };
    let order = match own_order(ctx, id).await? {
        Owned::Mine(order) if order.status == OrderStatus::Pending => order,
        Owned::Mine(order) => return Ok(finished(ctx, &order).await?.state(Conversation::Idle)),
        Owned::Other(reply) => return Ok(reply.state(Conversation::Idle)),
    };
    let priced = match order.kind {
        OrderKind::Purchase => {
            let request = PurchaseRequest {
                user: ctx.user.id,
                telegram_id: ctx.user.telegram_id,
                plan: order.plan,
                location: order.location,
                selection: selection_of(ctx, &order).await?,
                code: Some(code),
            };
            ctx.deps.orders.create_order(&request).await
        }
        OrderKind::Renew { .. } => match renew_request(ctx, &order, Some(code)).await? {
            Some(request) => ctx.deps.orders.create_renewal(&request).await,
            None => return Ok(super::plans::unavailable(ctx).state(Conversation::Idle)),
        },
    };
    match priced {
        Ok(new_order) => Ok(confirm(ctx, &new_order).await?.state(Conversation::Idle)),
        Err(OrderError::Discount(refusal)) => Ok(Reply::send(refusal_text(ctx, &refusal), Some(retry))),
        Err(OrderError::SoldOut(location)) => Ok(super::plans::sold_out_at(ctx, location)
            .await?
            .state(Conversation::Idle)),
        Err(e) => Err(e.into()),
    }
}

/// Why a code does not apply, in the user's words.
fn refusal_text(ctx: &Ctx<'_>, refusal: &DiscountRefusal) -> String {
    match refusal {
        DiscountRefusal::NotFound => ctx.t("code-not-found"),
        DiscountRefusal::Disabled | DiscountRefusal::Expired { .. } | DiscountRefusal::UsageLimitReached => {
            ctx.t("code-expired")
        }
        DiscountRefusal::NotYetValid { from } => ctx.t_args("code-not-yet", &Args::new().date("date", *from)),
        DiscountRefusal::BelowMinimum { min } => ctx.t_args("code-minimum", &Args::new().money("min", *min)),
        DiscountRefusal::NotForThisPlan => ctx.t("code-other-plan"),
        DiscountRefusal::PerUserLimitReached { limit } => {
            ctx.t_args("code-per-user-used", &Args::new().number("limit", i64::from(*limit)))
        }
    }
}

/// Runs the saga's checkout (pay, then deliver) for the user's order and answers within the
/// buyer's wait ([`crate::bot::BotSettings::buyer_wait`], 15 s): past it the buyer is told the
/// order is being set up, and the saga goes on in the background, never cut off mid-delivery;
/// its outcome then reaches the buyer as the order's notice (not settled inline, so sent).
pub(crate) async fn checkout_within_wait(ctx: &Ctx<'_>, order: &Order) -> Result<Reply, BotError> {
    let orders = ctx.deps.orders.clone();
    let (user, id, read) = (ctx.user.id, order.id, order.clone());
    let mut saga = tokio::spawn(async move { orders.checkout_order(user, read).await });
    match tokio::time::timeout(ctx.deps.settings.buyer_wait, &mut saga).await {
        Ok(Ok(result)) => settle(ctx, order, result).await,
        Ok(Err(e)) => Err(OrderError::Storage(StorageError::Other(format!("the checkout task failed: {e}"))).into()),
        Err(_) => {
            tracing::info!(order = %id, "delivery is slow; the buyer is told it goes on in the background");
            Ok(setting_up(ctx, order))
        }
    }
}

/// The order is paid and its delivery takes longer than the buyer's wait.
fn setting_up(ctx: &Ctx<'_>, order: &Order) -> Reply {
    let text = ctx.t_args(
        "order-setting-up",
        &Args::new().text("tracking", order.tracking.as_str()),
    );
    Reply::show(text, ctx.back_to_menu())
}

/// "Pay": pays the order from the wallet and delivers it.
pub async fn pay(ctx: &Ctx<'_>, id: OrderId) -> Result<Reply, BotError> {
    let order = match own_order(ctx, id).await? {
        Owned::Mine(order) => order,
        Owned::Other(reply) => return Ok(reply),
    };
    if !matches!(order.status, OrderStatus::Pending | OrderStatus::Paid) {
        return finished(ctx, &order).await;
    }
    checkout_within_wait(ctx, &order).await
}

/// Renders how a checkout ended: the delivery, the refund, or why nothing was charged.
pub async fn settle(ctx: &Ctx<'_>, order: &Order, result: Result<Delivery, OrderError>) -> Result<Reply, BotError> {
    match result {
        Ok(Delivery::Fulfilled(done)) => {
            let reply = fulfilled(ctx, &done).await?;
            shown_inline(ctx, &done).await;
            Ok(reply)
        }
        Ok(Delivery::Refunded(failed)) => {
            shown_inline(ctx, &failed).await;
            Ok(refunded(ctx, &failed))
        }
        Ok(Delivery::InProgress(paid)) => finished(ctx, &paid).await,
        Err(OrderError::InsufficientFunds { needed, balance }) => {
            let text = ctx.t_args(
                "balance-short",
                &Args::new()
                    .money("amount", needed)
                    .money("balance", balance)
                    .money("missing", needed.saturating_sub(balance)),
            );
            let methods = crate::bot::pay::order_rows(ctx, order.id, needed.saturating_sub(balance), Keyboard::new());
            let methods = crate::bot::topup::order::by_card(ctx, order, methods);
            let keyboard = methods.row([ctx.button("btn-top-up", Action::TopUp)]).row([
                ctx.button("btn-back", Action::Order(order.id)),
                ctx.button("btn-menu", Action::Menu),
            ]);
            Ok(Reply::show(text, keyboard))
        }
        Err(OrderError::OrderExpired) => Ok(expired(ctx, order)),
        Err(OrderError::Discount(refusal)) => {
            let keyboard = Keyboard::new()
                .row([ctx.button("btn-plans", Action::Plans)])
                .row([ctx.button("btn-menu", Action::Menu)]);
            let text = match refusal {
                DiscountRefusal::PerUserLimitReached { limit } => {
                    ctx.t_args("code-per-user-gone", &Args::new().number("limit", i64::from(limit)))
                }
                _ => ctx.t("code-gone"),
            };
            Ok(Reply::show(text, keyboard))
        }
        Err(OrderError::TestAlreadyClaimed) => Ok(super::free_test::already_used(ctx)),
        Err(OrderError::NotYours) => Ok(not_yours(ctx)),
        Err(OrderError::IllegalTransition(_)) => match own_order(ctx, order.id).await? {
            Owned::Mine(now) => finished(ctx, &now).await,
            Owned::Other(reply) => Ok(reply),
        },
        Err(e) => Err(e.into()),
    }
}

/// The outcome of `order` is on the buyer's screen: its outbox notice is not sent as well.
/// If settling fails the notice goes out after its grace (told twice beats told never).
async fn shown_inline(ctx: &Ctx<'_>, order: &Order) {
    if let Err(e) = ctx.deps.shown_inline.order_outcome(ctx.user.id, order.id).await {
        tracing::warn!(order = %order.id, error = %e, "cannot settle the order's notice; it will be sent too");
    }
}

/// A delivered order: the confirmation screen becomes the receipt, then one QR photo carries
/// the service (purchase); a renewal's receipt says all in that one edited message.
async fn fulfilled(ctx: &Ctx<'_>, order: &Order) -> Result<Reply, BotError> {
    let Some(account_id) = order.account.or(order.renews()) else {
        return Ok(Reply::show(ctx.t("order-done"), ctx.back_to_menu()));
    };
    let account = ctx.deps.accounts.account(account_id).await?;
    let title = match order.kind {
        OrderKind::Purchase if order.amount().is_zero() => {
            ctx.t_args("order-free", &Args::new().text("tracking", order.tracking.as_str()))
        }
        OrderKind::Purchase => ctx.t_args(
            "order-paid",
            &Args::new()
                .text("tracking", order.tracking.as_str())
                .money("amount", order.amount()),
        ),
        OrderKind::Renew { .. } => ctx.t_args(
            "order-renewed",
            &Args::new()
                .text("tracking", order.tracking.as_str())
                .text("account", account.name.as_str())
                .html("volume", format::volume(ctx, account.traffic_limit_bytes))
                .html("expiry", format::expiry_with_days_left(ctx, account.expires_at)),
        ),
    };
    match order.kind {
        OrderKind::Purchase => {
            delivery::append(ctx, Reply::show(title, Keyboard::new()), &account, "delivery-ready").await
        }
        OrderKind::Renew { .. } => Ok(Reply::show(
            format!("{title}\n\n{}", ctx.t("order-renewed-hint")),
            super::services::account_keyboard(ctx, &account),
        )),
    }
}

/// The panel could not deliver; the money is back.
fn refunded(ctx: &Ctx<'_>, order: &Order) -> Reply {
    let key = if order.amount().is_zero() {
        "order-failed-free"
    } else {
        "order-refunded"
    };
    let text = ctx.t_args(
        key,
        &Args::new()
            .text("tracking", order.tracking.as_str())
            .money("amount", order.amount()),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button("btn-wallet", Action::Wallet)])
        .row([ctx.button("btn-menu", Action::Menu)]);
    Reply::show(text, keyboard)
}

fn expired(ctx: &Ctx<'_>, order: &Order) -> Reply {
    let keyboard = Keyboard::new()
        .row([ctx.button("btn-plans", Action::Plans)])
        .row([ctx.button("btn-menu", Action::Menu)]);
    Reply::show(
        ctx.t_args("order-expired", &Args::new().text("tracking", order.tracking.as_str())),
        keyboard,
    )
}

/// An order that is no longer waiting for payment (an old or repeated button): says what
/// became of it; nothing moves.
async fn finished(ctx: &Ctx<'_>, order: &Order) -> Result<Reply, BotError> {
    let tracking = Args::new().text("tracking", order.tracking.as_str());
    Ok(match order.status {
        OrderStatus::Fulfilled => {
            let mut keyboard = Keyboard::new();
            if let Some(account) = order.account.or(order.renews()) {
                keyboard = keyboard.row([ctx.button("btn-open-service", Action::Service(account))]);
            }
            let keyboard = keyboard.row([ctx.button("btn-menu", Action::Menu)]);
            Reply::show(ctx.t_args("order-already-paid", &tracking), keyboard).toast(ctx.t("toast-already-paid"))
        }
        OrderStatus::Paid => Reply::show(ctx.t_args("order-in-progress", &tracking), ctx.back_to_menu()),
        OrderStatus::Failed if order.paid_at.is_some() => refunded(ctx, order),
        OrderStatus::Failed | OrderStatus::Expired | OrderStatus::Pending => expired(ctx, order),
    })
}

/// An order the user owns, or the answer for one they do not (or that does not exist).
enum Owned {
    Mine(Box<Order>),
    Other(Reply),
}

async fn own_order(ctx: &Ctx<'_>, id: OrderId) -> Result<Owned, BotError> {
    match ctx.deps.orders.order(ctx.user.id, id).await {
        Ok(order) => Ok(Owned::Mine(Box::new(order))),
        Err(OrderError::NotYours | OrderError::OrderNotFound(_)) => Ok(Owned::Other(not_yours(ctx))),
        Err(e) => Err(e.into()),
    }
}

/// The volume and days a build-your-own order was priced with.
async fn selection_of(ctx: &Ctx<'_>, order: &Order) -> Result<Option<Selection>, BotError> {
    let dynamic = match ctx.deps.catalog.plan(order.plan).await {
        Ok(plan) => matches!(plan.kind, PlanKind::Dynamic(_)),
        Err(OrderError::PlanNotFound(_)) => false,
        Err(e) => return Err(e.into()),
    };
    Ok(dynamic.then(|| Selection {
        gb: order.quote.volume_bytes.amount().map_or(0, |bytes| {
            u32::try_from(bytes / orders::BYTES_PER_GB).unwrap_or(u32::MAX)
        }),
        days: order.quote.duration_days,
    }))
}

/// The renewal request a pending renewal order was made from, with `code`.
async fn renew_request(
    ctx: &Ctx<'_>,
    order: &Order,
    code: Option<DiscountCode>,
) -> Result<Option<RenewRequest>, BotError> {
    let Some(account) = order.renews() else {
        return Ok(None);
    };
    Ok(Some(RenewRequest {
        user: ctx.user.id,
        telegram_id: ctx.user.telegram_id,
        account,
        plan: order.plan,
        selection: selection_of(ctx, order).await?,
        code,
    }))
}
