//! The payment methods for an amount (one button per enabled provider, labelled with what it
//! charges by the admin's rate) and the screen a tap opens: the payment created, what will be
//! charged, and the button that opens the provider's page (or Telegram's Stars invoice).

use kernel::{Money, OrderId};
use orders::{OrderError, OrderStatus};
use payments::{GatewayError, Payment, PaymentError, Provider};

use crate::bot::screens::checkout;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, GatewayAction};
use crate::i18n::Args;
use crate::keyboard::{Button, ButtonKind, Keyboard};

use super::{charge_text, provider_name};

fn method_button(ctx: &Ctx<'_>, provider: Provider, amount: Money, action: GatewayAction) -> Option<Button> {
    let charge = ctx.deps.payments.quote(provider, amount).ok()?;
    let label = ctx.label(
        "label-pay-with",
        &Args::new()
            .text("provider", provider_name(ctx, provider))
            .text("charge", charge_text(ctx, charge)),
    );
    Some(ctx.button_text(label, Action::Gateway(action)))
}

/// `keyboard` with one row per enabled provider for a top-up of `amount`.
pub fn topup_rows(ctx: &Ctx<'_>, amount: Money, mut keyboard: Keyboard) -> Keyboard {
    for provider in ctx.deps.payments.enabled() {
        let action = GatewayAction::TopUp(provider, amount.minor());
        keyboard = keyboard.row(method_button(ctx, provider, amount, action));
    }
    keyboard
}

/// `keyboard` with one row per enabled provider paying the `missing` part of `order`.
pub fn order_rows(ctx: &Ctx<'_>, order: OrderId, missing: Money, mut keyboard: Keyboard) -> Keyboard {
    if missing.is_zero() {
        return keyboard;
    }
    for provider in ctx.deps.payments.enabled() {
        let action = GatewayAction::ForOrder(provider, order);
        keyboard = keyboard.row(method_button(ctx, provider, missing, action));
    }
    keyboard
}

/// Creates a top-up of `minor` through `provider` and shows its pay button.
pub async fn start_topup(ctx: &Ctx<'_>, provider: Provider, minor: i64) -> Result<Reply, BotError> {
    let Ok(amount) = Money::from_minor(minor) else {
        return Ok(Reply::none().toast(ctx.t("toast-expired")));
    };
    let description = ctx.t_args("pay-description", &Args::new().money("amount", amount));
    let created = ctx
        .deps
        .payments
        .create_topup(ctx.user.id, provider, amount, &description)
        .await;
    let retry = Action::Gateway(GatewayAction::TopUp(provider, minor));
    checkout_screen(ctx, provider, amount, created, retry, Action::Wallet, None)
}

/// Creates a payment for what `order` is missing through `provider` and shows its pay
/// button; an order the balance now covers is simply paid.
pub async fn start_for_order(ctx: &Ctx<'_>, provider: Provider, id: OrderId) -> Result<Reply, BotError> {
    let order = match ctx.deps.orders.order(ctx.user.id, id).await {
        Ok(order) => order,
        Err(OrderError::NotYours | OrderError::OrderNotFound(_)) => {
            return Ok(Reply::none().toast(ctx.t("toast-not-allowed")));
        }
        Err(e) => return Err(e.into()),
    };
    if order.status != OrderStatus::Pending {
        // Paid, expired or given up meanwhile (an old button): say so, take no payment.
        return checkout::show(ctx, id).await;
    }
    let balance = ctx.deps.wallet.balance(ctx.user.id).await?;
    let missing = order.amount().saturating_sub(balance);
    if missing.is_zero() {
        return checkout::pay(ctx, id).await;
    }
    let description = ctx.t_args("pay-description", &Args::new().money("amount", missing));
    let created = ctx
        .deps
        .payments
        .create_for_order(ctx.user.id, provider, missing, id, &description)
        .await;
    let retry = Action::Gateway(GatewayAction::ForOrder(provider, id));
    let tracking = order.tracking.as_str().to_owned();
    checkout_screen(
        ctx,
        provider,
        missing,
        created,
        retry,
        Action::Order(id),
        Some(tracking),
    )
}

fn checkout_screen(
    ctx: &Ctx<'_>,
    provider: Provider,
    amount: Money,
    created: Result<Payment, PaymentError>,
    retry: Action,
    back: Action,
    order: Option<String>,
) -> Result<Reply, BotError> {
    let back_row = [ctx.button("btn-back", back), ctx.button("btn-menu", Action::Menu)];
    let payment = match created {
        Ok(payment) => payment,
        Err(PaymentError::NotEnabled(_)) => {
            return Ok(Reply::show(ctx.t("pay-unavailable"), Keyboard::new().row(back_row)));
        }
        Err(PaymentError::Gateway(GatewayError::Unavailable(e))) => {
            tracing::warn!(%provider, error = %e, "the provider did not create the payment");
            let text = ctx.t_args(
                "pay-provider-down",
                &Args::new().text("provider", provider_name(ctx, provider)),
            );
            let keyboard = Keyboard::new().row([ctx.button("btn-pay-retry", retry)]).row(back_row);
            return Ok(Reply::show(text, keyboard));
        }
        Err(e) => return Err(e.into()),
    };
    let Some(url) = payment.pay_url.clone() else {
        return Ok(Reply::show(ctx.t("pay-unavailable"), Keyboard::new().row(back_row)));
    };
    let charge = charge_text(ctx, payment.charge);
    let args = Args::new()
        .money("amount", amount)
        .text("provider", provider_name(ctx, provider))
        .text("charge", charge.clone())
        .id("payment", payment.id.get());
    // For an order: the payment lands in the wallet and pays the order by itself.
    let text = match order {
        Some(tracking) => ctx.t_args("pay-checkout-order", &args.text("tracking", tracking)),
        None => ctx.t_args("pay-checkout", &args),
    };
    let open = Button {
        text: ctx.label("label-pay-open", &Args::new().text("charge", charge)),
        kind: ButtonKind::Url(url),
    };
    Ok(Reply::show(text, Keyboard::new().row([open]).row(back_row)))
}
