//! How much to top up: preset buttons or a typed amount, checked against the receipts'
//! bounds; then the payment methods for that amount. Another method (a gateway, Stars) is
//! one more row in [`methods`].

use kernel::Money;

use crate::bot::conversation::Conversation;
use crate::bot::{Ctx, Reply};
use crate::callback::{Action, CardAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Preset buttons per row.
const PER_ROW: usize = 2;

/// The preset amount buttons (those within the bounds), two per row.
pub fn preset_rows(ctx: &Ctx<'_>, mut keyboard: Keyboard) -> Keyboard {
    let config = ctx.deps.receipts.config();
    let presets: Vec<Money> = ctx
        .deps
        .settings
        .topup
        .presets
        .iter()
        .copied()
        .filter(|m| *m >= config.min_amount && *m <= config.max_amount)
        .collect();
    for chunk in presets.chunks(PER_ROW) {
        keyboard = keyboard.row(
            chunk
                .iter()
                .map(|m| ctx.button_text(ctx.money(*m), Action::Card(CardAction::Amount(m.minor())))),
        );
    }
    keyboard
}

/// A preset was tapped.
pub fn preset(ctx: &Ctx<'_>, minor: i64) -> Reply {
    match Money::from_minor(minor) {
        Ok(amount) => chosen(ctx, amount),
        Err(_) => Reply::none().toast(ctx.t("toast-expired")),
    }
}

/// The amount is known: refused outside the bounds (the chat keeps waiting for one),
/// otherwise the payment methods.
pub fn chosen(ctx: &Ctx<'_>, amount: Money) -> Reply {
    let config = ctx.deps.receipts.config();
    if amount < config.min_amount || amount > config.max_amount {
        let text = ctx.t_args(
            "top-up-out-of-bounds",
            &Args::new()
                .money("min", config.min_amount)
                .money("max", config.max_amount),
        );
        let keyboard = Keyboard::new().row([ctx.button("btn-cancel", Action::Cancel)]);
        return Reply::send(text, Some(keyboard)).state(Conversation::TopUpAmount);
    }
    methods(ctx, amount)
}

/// How to pay `amount`: one button per payment method.
pub fn methods(ctx: &Ctx<'_>, amount: Money) -> Reply {
    let text = ctx.t_args("top-up-methods", &Args::new().money("amount", amount));
    let keyboard = Keyboard::new().row([ctx.button("btn-pay-card", Action::Card(CardAction::Open(amount.minor())))]);
    let keyboard = crate::bot::pay::topup_rows(ctx, amount, keyboard).row([
        ctx.button("btn-back", Action::TopUp),
        ctx.button("btn-menu", Action::Menu),
    ]);
    Reply::show(text, keyboard).state(Conversation::Idle)
}
