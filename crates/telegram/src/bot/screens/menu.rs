//! The main menu.

use crate::bot::{Ctx, Reply};
use crate::callback::Action;
use crate::keyboard::Keyboard;

/// The main menu's buttons.
pub fn keyboard(ctx: &Ctx<'_>) -> Keyboard {
    Keyboard::new()
        .row([ctx.button("btn-plans", Action::Plans)])
        .row([
            ctx.button("btn-services", Action::Services),
            ctx.button("btn-wallet", Action::Wallet),
        ])
        .row([
            ctx.button("btn-free-test", Action::FreeTest),
            ctx.button("btn-help", Action::Help),
        ])
        .row([
            ctx.button("btn-language", Action::Languages),
            ctx.button("btn-settings", Action::Settings),
        ])
        .row(crate::bot::admin::entry(ctx))
}

/// The main menu screen.
pub fn show(ctx: &Ctx<'_>) -> Reply {
    Reply::show(ctx.t("menu-title"), keyboard(ctx))
}
