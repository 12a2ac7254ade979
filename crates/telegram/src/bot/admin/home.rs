//! The admin menu's first screen.

use crate::bot::{Ctx, Reply};
use crate::callback::{Action, AdminAction, OpsAction};
use crate::keyboard::Keyboard;

/// The admin menu.
pub fn show(ctx: &Ctx<'_>) -> Reply {
    let keyboard = Keyboard::new()
        .row([
            ctx.button("admin-btn-panels", Action::Admin(AdminAction::Panels)),
            ctx.button("admin-btn-users", Action::Admin(AdminAction::FindUser)),
        ])
        .row([
            ctx.button("admin-btn-plans", Action::Admin(AdminAction::Plans)),
            ctx.button("admin-btn-discounts", Action::Admin(AdminAction::Discounts)),
        ])
        .row(
            [
                Some(ctx.button("ops-btn-stats", Action::Ops(OpsAction::Stats))),
                audit_button(ctx),
            ]
            .into_iter()
            .flatten(),
        )
        .row(super::settings::entry(ctx))
        .row([ctx.button("admin-btn-bank-sms", Action::Card(crate::callback::CardAction::SmsAsk))])
        .row([ctx.button(
            "admin-btn-payments",
            Action::Gateway(crate::callback::GatewayAction::Payments(None)),
        )])
        .row([ctx.button(
            "admin-btn-broadcasts",
            Action::Broadcast(crate::callback::BroadcastAction::Home),
        )])
        .row([ctx.button("btn-menu", Action::Menu)]);
    Reply::show(ctx.t("admin-title"), keyboard)
}

/// "📜 Audit log", for superadmins only.
fn audit_button(ctx: &Ctx<'_>) -> Option<crate::keyboard::Button> {
    (ctx.role == members::Role::Superadmin).then(|| {
        ctx.button(
            "ops-btn-audit",
            Action::Ops(OpsAction::Audit {
                page: 0,
                view: crate::callback::AuditView::default(),
            }),
        )
    })
}

/// "« Admin menu".
pub fn back_button(ctx: &Ctx<'_>) -> crate::keyboard::Button {
    ctx.button("admin-btn-back-home", Action::Admin(AdminAction::Home))
}
