//! The wallet: balance, and a top-up that asks for the amount (a stored conversation
//! state, so it survives a restart).

use kernel::Money;

use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// The balance screen.
pub async fn show(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let balance = ctx.deps.wallet.balance(ctx.user.id).await?;
    let text = ctx.t_args("wallet-balance", &Args::new().money("balance", balance));
    let keyboard = Keyboard::new()
        .row([ctx.button("btn-top-up", Action::TopUp)])
        .row([ctx.button("btn-menu", Action::Menu)]);
    Ok(Reply::show(text, keyboard))
}

fn example(ctx: &Ctx<'_>) -> String {
    let currency = ctx.deps.i18n.currency();
    let minor = 100_000 * 10_i64.pow(u32::from(currency.exponent()));
    crate::i18n::money_number(ctx.lang, Money::from_minor(minor).unwrap_or(Money::ZERO), currency)
}

/// Asks for the amount and waits for it.
pub fn ask_amount(ctx: &Ctx<'_>) -> Reply {
    let unit = ctx.t(&format!(
        "currency-{}",
        ctx.deps.i18n.currency().code().to_ascii_lowercase()
    ));
    let text = ctx.t_args(
        "top-up-ask",
        &Args::new().text("unit", unit).text("example", example(ctx)),
    );
    Reply::show(text, Keyboard::new().row([ctx.button("btn-cancel", Action::Cancel)])).state(Conversation::TopUpAmount)
}

/// The amount arrived as text.
pub fn amount_typed(ctx: &Ctx<'_>, text: &str) -> Reply {
    match Money::parse(text, ctx.deps.i18n.currency()) {
        Ok(amount) if !amount.is_zero() => Reply::send(
            ctx.t_args("top-up-chosen", &Args::new().money("amount", amount)),
            Some(ctx.back_to_menu()),
        )
        .state(Conversation::Idle),
        _ => Reply::send(
            ctx.t_args("top-up-invalid", &Args::new().text("example", example(ctx))),
            Some(Keyboard::new().row([ctx.button("btn-cancel", Action::Cancel)])),
        ),
    }
}
