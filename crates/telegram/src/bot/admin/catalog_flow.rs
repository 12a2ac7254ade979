//! The catalog editing buttons and typed answers: the role guard first (a refusal is audited
//! and answered like a foreign button), then the open question in the chat's state decides
//! what a Choice, Skip, Done, Confirm or Back means. Also the pieces every catalog question
//! shares: its navigation row, the renewal buttons, the location toggles.

use inventory::Location;
use members::AuditAction;
use orders::CatalogService;

use super::catalog_step::{CatalogStep, PlanField};
use super::{AdminStep, code_create, code_edit, plan_create, plan_edit};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, CatalogAction};
use crate::keyboard::Keyboard;

/// The conversation state holding a catalog question.
pub fn state(step: CatalogStep) -> Conversation {
    Conversation::Admin {
        step: AdminStep::Catalog(step),
    }
}

/// The open catalog question of the chat, if any.
fn open(ctx: &Ctx<'_>) -> Option<CatalogStep> {
    match ctx.state {
        Conversation::Admin {
            step: AdminStep::Catalog(step),
        } => Some(step.clone()),
        _ => None,
    }
}

/// What a step attempts, as the audit log names it when it is refused.
pub fn step_attempt(step: &CatalogStep) -> AuditAction {
    match step {
        CatalogStep::NewPlan(_) => CatalogService::PLAN_ADD,
        CatalogStep::EditPlan { .. } => CatalogService::PLAN_EDIT,
        CatalogStep::NewCode(_) => CatalogService::DISCOUNT_ADD,
        CatalogStep::EditCode { .. } => CatalogService::DISCOUNT_EDIT,
    }
}

/// What a tap attempts: the action's own, or the open question's.
fn attempt(ctx: &Ctx<'_>, action: CatalogAction) -> AuditAction {
    match action {
        CatalogAction::NewPlan => CatalogService::PLAN_ADD,
        CatalogAction::EditPlan(_) | CatalogAction::EditPlanField(..) => CatalogService::PLAN_EDIT,
        CatalogAction::NewCode => CatalogService::DISCOUNT_ADD,
        CatalogAction::EditCode(_) | CatalogAction::EditCodeField(..) => CatalogService::DISCOUNT_EDIT,
        _ => open(ctx).map_or(CatalogService::PLAN_EDIT, |s| step_attempt(&s)),
    }
}

/// A tapped catalog editing button.
pub async fn tap(ctx: &Ctx<'_>, action: CatalogAction) -> Result<Reply, BotError> {
    if !super::allowed(ctx, &attempt(ctx, action)).await? {
        return Ok(crate::bot::screens::not_yours(ctx));
    }
    match (action, open(ctx)) {
        (CatalogAction::NewPlan, _) => Ok(plan_create::start(ctx)),
        (CatalogAction::EditPlan(id), _) => plan_edit::fields(ctx, id).await,
        (CatalogAction::EditPlanField(id, n), _) => plan_edit::field_picked(ctx, id, n).await,
        (CatalogAction::NewCode, _) => code_create::start(ctx).await,
        (CatalogAction::EditCode(id), _) => code_edit::fields(ctx, id).await,
        (CatalogAction::EditCodeField(id, n), _) => code_edit::field_picked(ctx, id, n).await,
        (action, Some(CatalogStep::NewPlan(draft))) => match action {
            CatalogAction::Choice(n) => plan_create::choice(ctx, draft, n).await,
            CatalogAction::Skip => plan_create::skip(ctx, draft).await,
            CatalogAction::Toggle(l) => plan_create::toggle(ctx, draft, l).await,
            CatalogAction::Done => plan_create::done(ctx, draft).await,
            CatalogAction::Confirm => plan_create::confirm(ctx, draft).await,
            CatalogAction::Back => plan_create::back(ctx, draft).await,
            _ => Ok(expired(ctx)),
        },
        (action, Some(step @ CatalogStep::EditPlan { .. })) => plan_edit::answer(ctx, step, action).await,
        (action, Some(CatalogStep::NewCode(draft))) => match action {
            CatalogAction::Skip => code_create::skip(ctx, draft).await,
            CatalogAction::Pick(plan) => code_create::pick(ctx, draft, plan).await,
            CatalogAction::Done => code_create::done(ctx, draft).await,
            CatalogAction::Confirm => code_create::confirm(ctx, draft).await,
            CatalogAction::Back => code_create::back(ctx, draft).await,
            _ => Ok(expired(ctx)),
        },
        (action, Some(step @ CatalogStep::EditCode { .. })) => code_edit::answer(ctx, step, action).await,
        (_, None) => Ok(expired(ctx)),
    }
}

/// Text typed while a catalog question is open.
pub async fn typed(ctx: &Ctx<'_>, step: CatalogStep, text: &str) -> Result<Reply, BotError> {
    match step {
        CatalogStep::NewPlan(draft) => plan_create::typed(ctx, draft, text).await,
        step @ CatalogStep::EditPlan { .. } => plan_edit::typed(ctx, step, text).await,
        CatalogStep::NewCode(draft) => code_create::typed(ctx, draft, text).await,
        step @ CatalogStep::EditCode { .. } => code_edit::typed(ctx, step, text).await,
    }
}

/// What a tap on a question that is no longer open gets.
pub fn expired(ctx: &Ctx<'_>) -> Reply {
    Reply::none().toast(ctx.t("admin-cat-expired"))
}

/// The navigation row under a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Cancel only (the first question).
    Cancel,
    /// Back to the previous question, and Cancel.
    BackCancel,
}

/// `keyboard` with the navigation row; Cancel goes to `cancel` (and closes the question).
pub fn nav(ctx: &Ctx<'_>, keyboard: Keyboard, nav: Nav, cancel: Action) -> Keyboard {
    let cancel = ctx.button("btn-cancel", cancel);
    match nav {
        Nav::Cancel => keyboard.row([cancel]),
        Nav::BackCancel => keyboard.row([ctx.button("btn-back", Action::Catalog(CatalogAction::Back)), cancel]),
    }
}

/// The two renewal rules as choices 0 (add to what is left) and 1 (start over).
pub fn renewal_buttons(ctx: &Ctx<'_>, keyboard: Keyboard) -> Keyboard {
    keyboard
        .row([ctx.button("admin-btn-renewal-add", Action::Catalog(CatalogAction::Choice(0)))])
        .row([ctx.button("admin-btn-renewal-restart", Action::Catalog(CatalogAction::Choice(1)))])
}

/// One button per location, ticked when it is in `picked`, then Done.
pub fn location_toggles(ctx: &Ctx<'_>, all: &[Location], picked: &[i64]) -> Keyboard {
    let mut keyboard = Keyboard::new();
    for location in all {
        let mark = if picked.contains(&location.id.get()) {
            "✅"
        } else {
            "▫️"
        };
        keyboard = keyboard.row([ctx.button_text(
            format!("{mark} {}", location.name),
            Action::Catalog(CatalogAction::Toggle(location.id)),
        )]);
    }
    keyboard.row([ctx.button("admin-btn-locations-done", Action::Catalog(CatalogAction::Done))])
}

/// Adds `id` (a location or a plan) to `picked`, or removes it if it is there.
pub fn flip(picked: &mut Vec<i64>, id: i64) {
    if picked.contains(&id) {
        picked.retain(|l| *l != id);
    } else {
        picked.push(id);
        picked.sort_unstable();
    }
}

/// The catalog key of the question about `field`.
pub fn plan_question(field: PlanField) -> &'static str {
    match field {
        PlanField::Name => "admin-plan-ask-name",
        PlanField::Description => "admin-plan-ask-description",
        PlanField::Kind => "admin-plan-ask-kind",
        PlanField::Days => "admin-plan-ask-days",
        PlanField::Gb => "admin-plan-ask-gb",
        PlanField::Price => "admin-plan-ask-price",
        PlanField::PerGb => "admin-plan-ask-per-gb",
        PlanField::PerDay => "admin-plan-ask-per-day",
        PlanField::GbRange => "admin-plan-ask-gb-range",
        PlanField::DaysRange => "admin-plan-ask-days-range",
        PlanField::Locations => "admin-plan-ask-locations",
        PlanField::Renewal => "admin-plan-ask-renewal",
        PlanField::Test => "admin-plan-ask-test",
        PlanField::IpLimit => "admin-plan-ask-ip-limit",
        PlanField::Summary => "admin-plan-summary",
    }
}
