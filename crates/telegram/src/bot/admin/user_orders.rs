//! 🧾 Orders on a user's profile: their orders, newest first, ten a page (tracking code, plan,
//! amount, status, date), and one order's screen (status, plan, location, amount, when ordered
//! and paid, delivery runs, the service). Read through `OrderService::orders_of_user_as` and
//! `order_as`, the use cases `moonvpn order list` calls (admins only, a refusal audited). A
//! superadmin gets ⚖️ Override under a paid order (see `order_override.rs`).

use kernel::{OrderId, PageRequest, UserId};
use members::Role;
use orders::{Order, OrderError, OrderStatus};

use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, OrderAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Orders on one page.
const PER_PAGE: u64 = 10;

/// A refusal of the orders use cases as a toast; other failures stay errors.
pub(super) fn refused(ctx: &Ctx<'_>, e: OrderError) -> Result<Reply, BotError> {
    let key = match e {
        OrderError::Forbidden {
            needed: Role::Superadmin,
        } => "admin-need-superadmin",
        OrderError::Forbidden { .. } | OrderError::Blocked | OrderError::UnknownUser(_) => "toast-not-allowed",
        OrderError::OrderNotFound(_) => "admin-order-gone",
        other => return Err(other.into()),
    };
    Ok(Reply::none().toast(ctx.t(key)))
}

/// The status in words.
pub(super) fn status(ctx: &Ctx<'_>, status: OrderStatus) -> String {
    ctx.t(match status {
        OrderStatus::Pending => "admin-order-status-pending",
        OrderStatus::Paid => "admin-order-status-paid",
        OrderStatus::Fulfilled => "admin-order-status-fulfilled",
        OrderStatus::Failed => "admin-order-status-failed",
        OrderStatus::Expired => "admin-order-status-expired",
    })
}

/// The plan's name (or `#id` when it is gone).
async fn plan_name(ctx: &Ctx<'_>, order: &Order) -> String {
    match ctx.deps.catalog.plan(order.plan).await {
        Ok(plan) => plan.name.to_string(),
        Err(_) => format!("#{}", order.plan),
    }
}

/// The buyer's first name (or `#id` when they are gone).
pub(super) async fn buyer_name(ctx: &Ctx<'_>, user: UserId) -> String {
    match ctx.deps.members.get(user).await {
        Ok(user) => user.first_name.to_string(),
        Err(_) => format!("#{user}"),
    }
}

/// One order as a line of the list (HTML).
async fn line(ctx: &Ctx<'_>, order: &Order) -> String {
    ctx.t_args(
        "admin-order-line",
        &Args::new()
            .text("tracking", order.tracking.as_str())
            .text("plan", plan_name(ctx, order).await)
            .money("amount", order.amount())
            .text("status", status(ctx, order.status))
            .date("date", order.created_at),
    )
}

/// Page `page` of `user`'s orders.
pub async fn list(ctx: &Ctx<'_>, user: UserId, page: u32) -> Result<Reply, BotError> {
    let request = PageRequest::new(u64::from(page), PER_PAGE);
    let found = match ctx.deps.orders.orders_of_user_as(ctx.user.id, user, request).await {
        Ok(found) => found,
        Err(e) => return refused(ctx, e),
    };
    let mut lines = vec![
        ctx.t_args(
            "admin-orders-title",
            &Args::new()
                .text("name", buyer_name(ctx, user).await)
                .number("total", i64::try_from(found.total).unwrap_or(i64::MAX)),
        ),
    ];
    if found.items.is_empty() {
        lines.push(ctx.t("admin-orders-none"));
    }
    let mut keyboard = Keyboard::new();
    for order in &found.items {
        lines.push(line(ctx, order).await);
        keyboard = keyboard.row([ctx.button_text(
            format!("🧾 {}", order.tracking.as_str()),
            Action::Orders(OrderAction::View(order.id)),
        )]);
    }
    let mut pages = Vec::new();
    if page > 0 {
        pages.push(ctx.button("btn-newer", Action::Orders(OrderAction::List(user, page - 1))));
    }
    if found.has_more(request) {
        pages.push(ctx.button("btn-older", Action::Orders(OrderAction::List(user, page + 1))));
    }
    if !pages.is_empty() {
        keyboard = keyboard.row(pages);
    }
    let keyboard = keyboard.row([ctx.button("btn-back", Action::Admin(AdminAction::User(user)))]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// What the order screen says about `order` (HTML lines).
pub(super) async fn details(ctx: &Ctx<'_>, order: &Order) -> Vec<String> {
    let location = match ctx.deps.placement.location(order.location).await {
        Ok(location) => location.name.to_string(),
        Err(_) => format!("#{}", order.location),
    };
    let mut lines = vec![
        ctx.t_args(
            "admin-order-title",
            &Args::new()
                .text("tracking", order.tracking.as_str())
                .text("name", buyer_name(ctx, order.user).await),
        ),
        ctx.t_args(
            "admin-order-status",
            &Args::new().text("status", status(ctx, order.status)),
        ),
        ctx.t_args(
            "admin-order-plan",
            &Args::new()
                .text("plan", plan_name(ctx, order).await)
                .text("location", location),
        ),
    ];
    lines.push(if order.pricing.discount.is_zero() {
        ctx.t_args("admin-order-amount", &Args::new().money("amount", order.amount()))
    } else {
        ctx.t_args(
            "admin-order-discount",
            &Args::new()
                .money("amount", order.amount())
                .money("price", order.pricing.price)
                .money("discount", order.pricing.discount),
        )
    });
    lines.push(ctx.t_args("admin-order-created", &Args::new().date("date", order.created_at)));
    if let Some(paid) = order.paid_at {
        lines.push(ctx.t_args("admin-order-paid-at", &Args::new().date("date", paid)));
    }
    lines.push(ctx.t_args(
        "admin-order-attempts",
        &Args::new().number("attempts", i64::from(order.delivery_attempts)),
    ));
    if let Some(account) = order.account.or(order.renews()) {
        let name = match ctx.deps.accounts.account(account).await {
            Ok(account) => account.name.to_string(),
            Err(_) => format!("#{account}"),
        };
        lines.push(ctx.t_args("admin-order-account", &Args::new().text("account", name)));
    }
    if let (OrderStatus::Failed, Some(reason)) = (order.status, &order.failure) {
        lines.push(ctx.t_args("admin-order-failure", &Args::new().text("reason", reason.as_str())));
    }
    lines
}

/// The screen of order `id`, with `note` (the result of an action) on top.
pub async fn view(ctx: &Ctx<'_>, id: OrderId, note: Option<String>) -> Result<Reply, BotError> {
    let order = match ctx.deps.orders.order_as(ctx.user.id, id).await {
        Ok(order) => order,
        Err(e) => return refused(ctx, e),
    };
    let mut lines: Vec<String> = note.into_iter().collect();
    lines.extend(details(ctx, &order).await);
    let mut keyboard = Keyboard::new();
    if ctx.role == Role::Superadmin && order.status == OrderStatus::Paid {
        keyboard = keyboard.row([ctx.button(
            "admin-btn-order-override",
            Action::Orders(OrderAction::Override(order.id)),
        )]);
    }
    let keyboard = keyboard.row([
        ctx.button("btn-back", Action::Orders(OrderAction::List(order.user, 0))),
        ctx.button("admin-btn-order-profile", Action::Admin(AdminAction::User(order.user))),
    ]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}
