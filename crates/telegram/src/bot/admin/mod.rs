//! The admin menu: panels (health, sync now, restart Xray) and users (find, profile, block,
//! unblock, grant and revoke roles). One file per screen group.
//!
//! Every tap, command and typed answer of this menu passes [`allowed`] first: the members
//! guard checks the role on the server and records a refusal as `access.denied`; a refused
//! user sees the same answer as for any unknown input or foreign button, and nothing changes.
//! The use cases behind the screens check the role again themselves (the CLI calls them too).

mod balance;
pub mod broadcasts;
mod catalog;
mod catalog_flow;
mod catalog_input;
mod catalog_step;
mod code_create;
mod code_edit;
mod code_uses;
pub(crate) mod explain;
mod extend;
mod home;
mod inbound_sale;
mod inbounds;
mod message;
pub(crate) mod ops;
mod order_override;
mod panel_add;
mod panel_edit;
mod panel_remove;
mod panels;
mod plan_create;
mod plan_edit;
mod refusal;
mod services;
mod settings;
mod step;
mod user_actions;
mod user_orders;
mod users;

pub use step::AdminStep;

use kernel::{ClientAccountId, InboundId, OrderId, PanelId, UserId};
use members::{AuditAction, MemberError, Role};

use super::conversation::Conversation;
use super::screens::menu;
use super::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::keyboard::Button;

/// The "Admin" button of the main menu: only for admins and superadmins.
pub fn entry(ctx: &Ctx<'_>) -> Option<Button> {
    ctx.role
        .is_staff()
        .then(|| ctx.button("admin-btn-open", Action::Admin(AdminAction::Home)))
}

/// What an action attempts, as the audit log names it when it is refused.
fn attempt(action: AdminAction) -> AuditAction {
    AuditAction::new(match action {
        AdminAction::Home => "admin.menu",
        AdminAction::Panels | AdminAction::Panel(_) => "panel.view",
        AdminAction::SyncPanel(_) => "panel.sync",
        AdminAction::RestartXray(_) | AdminAction::RestartXrayConfirmed(_) => "panel.restart_xray",
        AdminAction::FindUser | AdminAction::User(_) => "member.view",
        AdminAction::Block(_) | AdminAction::BlockConfirmed(_) => "member.block",
        AdminAction::Unblock(_) | AdminAction::UnblockConfirmed(_) => "member.unblock",
        AdminAction::SetRole(..) => "member.set_role",
        AdminAction::AdjustBalance(_) | AdminAction::AdjustConfirmed(_) => "wallet.adjust",
        AdminAction::Plans | AdminAction::Plan(_) => "plan.view",
        AdminAction::PlanSale(..) => "plan.edit",
        AdminAction::Discounts | AdminAction::Discount(_) => "discount.view",
        AdminAction::DiscountStatus(..) => "discount.status",
        AdminAction::DiscountUses(..) => "discount.uses",
        AdminAction::AddPanel
        | AdminAction::AddPanelAt(_)
        | AdminAction::AddPanelNewLocation
        | AdminAction::AddPanelSelfSigned(_) => "panel.add",
        AdminAction::Inbounds(_) => "panel.view",
        AdminAction::InboundLimit(_) => "inbound.capacity",
        AdminAction::RemovePanel(_) | AdminAction::RemovePanelConfirmed(_) | AdminAction::PanelOffSale(_) => {
            "panel.remove"
        }
        AdminAction::EditPanel(_) | AdminAction::EditPanelField(..) | AdminAction::EditPanelSelfSigned(..) => {
            "panel.edit"
        }
        AdminAction::ResetTraffic(_) | AdminAction::ResetTrafficConfirmed(_) => "account.reset_traffic",
        AdminAction::Extend(_) | AdminAction::ExtendConfirmed(_) => "account.extend",
    })
}

/// Whether the sender may use the admin menu; a refusal is audited by the guard.
async fn allowed(ctx: &Ctx<'_>, attempt: &AuditAction) -> Result<bool, BotError> {
    match ctx.deps.members.authorize(ctx.user.id, Role::Admin, attempt).await {
        Ok(_) => Ok(true),
        Err(MemberError::Forbidden { .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// What a refused user is told: exactly what they would be told without the menu.
fn refused_input(ctx: &Ctx<'_>) -> Reply {
    Reply::send(ctx.t("unknown-input"), Some(menu::keyboard(ctx))).state(Conversation::Idle)
}

/// `/admin`: the admin menu, for admins.
pub async fn command(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    if !allowed(ctx, &AuditAction::new("admin.menu")).await? {
        return Ok(refused_input(ctx));
    }
    Ok(home::show(ctx).state(Conversation::Idle))
}

/// A tapped admin button.
pub async fn tap(ctx: &Ctx<'_>, action: AdminAction) -> Result<Reply, BotError> {
    if !allowed(ctx, &attempt(action)).await? {
        return Ok(super::screens::not_yours(ctx));
    }
    match action {
        AdminAction::Home => Ok(home::show(ctx)),
        AdminAction::Panels => panels::list(ctx).await,
        AdminAction::Panel(id) => panels::view(ctx, id, None).await,
        AdminAction::SyncPanel(id) => panels::sync(ctx, id).await,
        AdminAction::RestartXray(id) => panels::restart_ask(ctx, id).await,
        AdminAction::RestartXrayConfirmed(id) => panels::restart(ctx, id).await,
        AdminAction::FindUser => Ok(users::ask(ctx)),
        // Back to the profile closes any question or confirmation about this user.
        AdminAction::User(id) => Ok(users::profile(ctx, id, None).await?.state(Conversation::Idle)),
        AdminAction::Block(id) => user_actions::block_ask(ctx, id, true).await,
        AdminAction::Unblock(id) => user_actions::block_ask(ctx, id, false).await,
        AdminAction::BlockConfirmed(id) => user_actions::set_blocked(ctx, id, true).await,
        AdminAction::UnblockConfirmed(id) => user_actions::set_blocked(ctx, id, false).await,
        AdminAction::SetRole(id, role) => user_actions::set_role(ctx, id, role).await,
        AdminAction::AdjustBalance(id) => balance::ask_amount(ctx, id).await,
        AdminAction::AdjustConfirmed(id) => balance::confirmed(ctx, id).await,
        AdminAction::Plans => catalog::plans(ctx).await,
        AdminAction::Plan(id) => catalog::plan(ctx, id, None).await,
        AdminAction::PlanSale(id, on) => catalog::set_plan_sale(ctx, id, on).await,
        AdminAction::Discounts => catalog::discounts(ctx).await,
        AdminAction::Discount(id) => catalog::discount(ctx, id, None).await,
        AdminAction::DiscountStatus(id, on) => catalog::set_discount_status(ctx, id, on).await,
        AdminAction::DiscountUses(id, page) => code_uses::show(ctx, id, page).await,
        AdminAction::AddPanel => Ok(panel_add::start(ctx)),
        AdminAction::AddPanelAt(id) => panel_add::location_picked(ctx, id).await,
        AdminAction::AddPanelNewLocation => Ok(panel_add::new_location(ctx)),
        AdminAction::AddPanelSelfSigned(yes) => Ok(panel_add::self_signed_picked(ctx, yes)),
        AdminAction::Inbounds(id) => inbounds::list(ctx, id, None).await,
        AdminAction::InboundLimit(id) => inbounds::ask_limit(ctx, id).await,
        AdminAction::RemovePanel(id) => panel_remove::ask(ctx, id).await,
        AdminAction::RemovePanelConfirmed(id) => panel_remove::remove(ctx, id, false).await,
        AdminAction::PanelOffSale(id) => panel_remove::remove(ctx, id, true).await,
        AdminAction::EditPanel(id) => panel_edit::menu(ctx, id).await,
        AdminAction::EditPanelField(id, field) => panel_edit::ask(ctx, id, field).await,
        AdminAction::EditPanelSelfSigned(id, yes) => panel_edit::self_signed(ctx, id, yes).await,
        AdminAction::ResetTraffic(id) => services::reset_ask(ctx, id).await,
        AdminAction::ResetTrafficConfirmed(id) => services::reset(ctx, id).await,
        AdminAction::Extend(id) => extend::ask_days(ctx, id).await,
        AdminAction::ExtendConfirmed(id) => extend::confirmed(ctx, id).await,
    }
}

/// A tapped catalog editing button (creating and editing plans and codes).
pub async fn catalog_tap(ctx: &Ctx<'_>, action: crate::callback::CatalogAction) -> Result<Reply, BotError> {
    catalog_flow::tap(ctx, action).await
}

/// A tapped inbound sale button: the admin guard first (a refusal is audited), then the screen.
pub async fn inbound_tap(ctx: &Ctx<'_>, action: crate::callback::InboundAction) -> Result<Reply, BotError> {
    if !allowed(ctx, &inventory::PlacementService::INBOUND_SALE).await? {
        return Ok(super::screens::not_yours(ctx));
    }
    inbound_sale::tap(ctx, action).await
}

/// A tapped order button: the admin guard first (a refusal is audited), then the screen; the
/// override screens check for a superadmin too.
pub async fn orders_tap(ctx: &Ctx<'_>, action: crate::callback::OrderAction) -> Result<Reply, BotError> {
    use crate::callback::OrderAction;
    let attempt = if action.overrides() {
        orders::OrderService::OVERRIDE
    } else {
        orders::OrderService::VIEW_ORDERS
    };
    if !allowed(ctx, &attempt).await? {
        return Ok(super::screens::not_yours(ctx));
    }
    match action {
        OrderAction::List(user, page) => user_orders::list(ctx, user, page).await,
        OrderAction::View(id) => Ok(user_orders::view(ctx, id, None).await?.state(Conversation::Idle)),
        OrderAction::Override(id) => order_override::choices(ctx, id).await,
        OrderAction::Decide(id, decision) => order_override::ask_reason(ctx, id, decision).await,
        OrderAction::Confirm(id) => order_override::confirm(ctx, id).await,
    }
}

/// Text typed while the admin menu waits for it.
pub async fn typed(ctx: &Ctx<'_>, step: AdminStep, text: &str) -> Result<Reply, BotError> {
    let attempt = match step {
        AdminStep::FindUser => AuditAction::new("member.view"),
        AdminStep::AdjustAmount { .. } | AdminStep::AdjustReason { .. } | AdminStep::AdjustConfirm { .. } => {
            AuditAction::new("wallet.adjust")
        }
        AdminStep::PanelUrl
        | AdminStep::PanelUsername { .. }
        | AdminStep::PanelLocation { .. }
        | AdminStep::PanelPrefix { .. }
        | AdminStep::PanelSelfSigned { .. }
        | AdminStep::PanelPassword { .. } => AuditAction::new("panel.add"),
        AdminStep::InboundLimit { .. } => AuditAction::new("inbound.capacity"),
        AdminStep::PanelEdit { .. } => AuditAction::new("panel.edit"),
        AdminStep::BroadcastText | AdminStep::BroadcastPhoto { .. } | AdminStep::BroadcastButton { .. } => {
            notify::broadcast::CREATE
        }
        AdminStep::Catalog(ref step) => catalog_flow::step_attempt(step),
        AdminStep::ExtendDays { .. } | AdminStep::ExtendGb { .. } | AdminStep::ExtendConfirm { .. } => {
            inventory::AccountService::EXTEND
        }
        AdminStep::SupportContact | AdminStep::SupportContactConfirm { .. } => members::MemberService::SETTINGS_SET,
        AdminStep::MessageText { .. } | AdminStep::MessageConfirm { .. } => notify::MessageService::MESSAGE,
        AdminStep::AuditActor { .. } | AdminStep::AuditDays { .. } => members::MemberService::AUDIT_VIEW,
        AdminStep::OrderReason { .. } | AdminStep::OrderConfirm { .. } => orders::OrderService::OVERRIDE,
    };
    if !allowed(ctx, &attempt).await? {
        let reply = refused_input(ctx);
        return Ok(match step {
            AdminStep::PanelPassword { .. } | AdminStep::PanelEdit { .. } => reply.forget_input(),
            _ => reply,
        });
    }
    match step {
        AdminStep::FindUser => users::found(ctx, text).await,
        AdminStep::AdjustAmount { user } => Ok(balance::amount_typed(ctx, UserId::new(user), text)),
        AdminStep::AdjustReason { user, delta_minor } => {
            balance::reason_typed(ctx, UserId::new(user), delta_minor, text).await
        }
        // Text while a confirmation is open: it stays open (the state is kept).
        AdminStep::AdjustConfirm { .. } => Ok(Reply::send(ctx.t("admin-adjust-tap-confirm"), None)),
        AdminStep::PanelUrl => Ok(panel_add::url_typed(ctx, text)),
        AdminStep::PanelUsername { url } => panel_add::username_typed(ctx, &url, text).await,
        AdminStep::PanelLocation { url, username } => panel_add::location_typed(ctx, &url, &username, text).await,
        AdminStep::PanelPrefix {
            url,
            username,
            location,
        } => Ok(panel_add::prefix_typed(ctx, &url, &username, &location, text)),
        // Text while the certificate question waits for a button: it stays open.
        AdminStep::PanelSelfSigned { .. } => Ok(Reply::send(ctx.t("admin-panel-add-tap-choice"), None)),
        AdminStep::PanelPassword {
            url,
            username,
            spot,
            self_signed,
        } => panel_add::password_typed(ctx, &url, &username, &spot, self_signed, text).await,
        AdminStep::PanelEdit { panel, field } => panel_edit::typed(ctx, PanelId::new(panel), field, text).await,
        AdminStep::InboundLimit { inbound, panel } => {
            inbounds::limit_typed(ctx, InboundId::new(inbound), PanelId::new(panel), text).await
        }
        step @ (AdminStep::BroadcastText | AdminStep::BroadcastPhoto { .. } | AdminStep::BroadcastButton { .. }) => {
            broadcasts::typed(ctx, step, text).await
        }
        AdminStep::Catalog(step) => catalog_flow::typed(ctx, step, text).await,
        AdminStep::ExtendDays { account } => extend::days_typed(ctx, ClientAccountId::new(account), text).await,
        AdminStep::ExtendGb { account, days } => extend::gb_typed(ctx, ClientAccountId::new(account), days, text).await,
        // Text while the confirmation is open: it stays open (the state is kept).
        AdminStep::ExtendConfirm { .. } => Ok(Reply::send(ctx.t("admin-extend-tap-confirm"), None)),
        AdminStep::SupportContact => settings::contact_typed(ctx, text).await,
        AdminStep::SupportContactConfirm { .. } => settings::text_at_confirmation(ctx).await,
        AdminStep::MessageText { user } => message::text_typed(ctx, UserId::new(user), text).await,
        // Text while the preview is open: it stays open (the state is kept).
        AdminStep::MessageConfirm { .. } => Ok(Reply::send(ctx.t("admin-message-tap-confirm"), None)),
        step @ (AdminStep::AuditActor { .. } | AdminStep::AuditDays { .. }) => ops::audit_typed(ctx, &step, text).await,
        AdminStep::OrderReason { order, decision } => {
            order_override::reason_typed(ctx, OrderId::new(order), &decision, text).await
        }
        // Text while the confirmation is open: it stays open (the state is kept).
        AdminStep::OrderConfirm { .. } => Ok(Reply::send(ctx.t("admin-order-tap-confirm"), None)),
    }
}

#[cfg(test)]
mod tests {
    use kernel::Currency;
    use members::Language;

    use crate::i18n::I18n;

    /// Every file of the admin menu.
    const SOURCES: &[(&str, &str)] = &[
        ("mod.rs", include_str!("mod.rs")),
        ("explain.rs", include_str!("explain.rs")),
        ("broadcasts.rs", include_str!("broadcasts.rs")),
        ("catalog.rs", include_str!("catalog.rs")),
        ("extend.rs", include_str!("extend.rs")),
        ("balance.rs", include_str!("balance.rs")),
        ("home.rs", include_str!("home.rs")),
        ("panel_add.rs", include_str!("panel_add.rs")),
        ("panel_edit.rs", include_str!("panel_edit.rs")),
        ("inbounds.rs", include_str!("inbounds.rs")),
        ("inbound_sale.rs", include_str!("inbound_sale.rs")),
        ("message.rs", include_str!("message.rs")),
        ("user_orders.rs", include_str!("user_orders.rs")),
        ("order_override.rs", include_str!("order_override.rs")),
        ("panel_remove.rs", include_str!("panel_remove.rs")),
        ("panels.rs", include_str!("panels.rs")),
        ("refusal.rs", include_str!("refusal.rs")),
        ("services.rs", include_str!("services.rs")),
        ("settings.rs", include_str!("settings.rs")),
        ("step.rs", include_str!("step.rs")),
        ("user_actions.rs", include_str!("user_actions.rs")),
        ("users.rs", include_str!("users.rs")),
        ("ops/mod.rs", include_str!("ops/mod.rs")),
        ("ops/stats.rs", include_str!("ops/stats.rs")),
        ("ops/audit.rs", include_str!("ops/audit.rs")),
        ("ops/audit_filters.rs", include_str!("ops/audit_filters.rs")),
        ("catalog_flow.rs", include_str!("catalog_flow.rs")),
        ("catalog_input.rs", include_str!("catalog_input.rs")),
        ("catalog_step.rs", include_str!("catalog_step.rs")),
        ("plan_create.rs", include_str!("plan_create.rs")),
        ("plan_edit.rs", include_str!("plan_edit.rs")),
        ("code_create.rs", include_str!("code_create.rs")),
        ("code_edit.rs", include_str!("code_edit.rs")),
    ];

    /// String literals that look like catalog keys (`word-word…`).
    fn key_literals(source: &str) -> Vec<&str> {
        source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                s.contains('-')
                    && s.starts_with(|c: char| c.is_ascii_lowercase())
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
            .collect()
    }

    #[test]
    fn every_catalog_key_the_admin_menu_names_exists_in_every_language() {
        let i18n = I18n::new(Currency::from_code("IRT").unwrap()).unwrap();
        let mut checked = 0;
        for (file, source) in SOURCES {
            for key in key_literals(source) {
                for lang in Language::ALL {
                    assert!(
                        i18n.has(*lang, key),
                        "{file} uses {key:?}, which the {lang} catalog lacks"
                    );
                }
                checked += 1;
            }
        }
        assert!(checked > 40, "only {checked} keys found; is the scan broken?");
    }
}
