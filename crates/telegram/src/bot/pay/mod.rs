//! Paying through payment providers (Telegram Stars, Robokassa, FreeKassa, …): the method
//! rows the top-up and the checkout's "balance short" screen offer, the screen with the pay
//! button, Telegram Stars' pre-checkout and `successful_payment`, and the admin's Payments
//! screen.
//!
//! The wallet is credited by the payments domain when the provider confirms (a webhook, or
//! Telegram's update for Stars); nothing here moves money itself.

pub mod admin;
pub mod methods;
pub mod stars;

use kernel::Money;
use payments::{Charge, Provider};

use crate::bot::{BotError, Ctx, Reply};
use crate::callback::GatewayAction;
use crate::i18n::money_number;

pub use methods::{order_rows, topup_rows};

/// A provider button was tapped.
pub async fn tap(ctx: &Ctx<'_>, action: GatewayAction) -> Result<Reply, BotError> {
    match action {
        GatewayAction::TopUp(provider, minor) => methods::start_topup(ctx, provider, minor).await,
        GatewayAction::ForOrder(provider, order) => methods::start_for_order(ctx, provider, order).await,
        GatewayAction::Payments(status) => admin::show(ctx, status, None).await,
        GatewayAction::Reconcile => admin::reconcile(ctx).await,
    }
}

/// A provider's name as users know it.
pub fn provider_name(ctx: &Ctx<'_>, provider: Provider) -> String {
    ctx.t(&format!("provider-{provider}"))
}

/// What a provider charges, in the user's digits: `50 ⭐`, `50.00 RUB`.
pub fn charge_text(ctx: &Ctx<'_>, charge: Charge) -> String {
    let number = Money::from_minor(charge.minor())
        .map(|m| money_number(ctx.lang, m, charge.currency()))
        .unwrap_or_else(|_| charge.decimal());
    match charge.currency().code() {
        "XTR" => format!("{number} ⭐"),
        code => format!("{number} {code}"),
    }
}
