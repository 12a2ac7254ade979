//! Creating a plan from the bot, one question at a time: its name; its description for
//! buyers (or none); what it sells (a package,
//! a free test, or build-your-own); days, GB (or unlimited) and price for a package, or the
//! per-GB and per-day prices and the ranges a buyer may pick; the locations it is sold at
//! (tapped on and off); the renewal rule; then a summary with Create and Cancel. Every
//! question has Back and Cancel; a typed answer that does not read is explained and asked
//! again. Create calls `CatalogService::add_plan`, the use case `moonvpn plan add` calls
//! (admin role checked, audited as `plan.add`).

use std::collections::BTreeSet;

use kernel::{LocationId, Money};
use orders::{
    DynamicTerms, FixedTerms, NewPlan, OrderError, Plan, PlanDescription, PlanError, PlanKind, PlanName, RenewalRule,
};

use super::catalog_flow::{self, Nav};
use super::catalog_input;
use super::catalog_step::{CatalogStep, DraftKind, PlanChange, PlanDraft, PlanField};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, CatalogAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

fn state(draft: PlanDraft) -> Conversation {
    catalog_flow::state(CatalogStep::NewPlan(draft))
}

/// "New plan": asks its name.
pub fn start(ctx: &Ctx<'_>) -> Reply {
    let draft = PlanDraft {
        stage: Some(PlanField::Name),
        ..PlanDraft::default()
    };
    ask(ctx, draft, None, true)
}

/// The question `draft.stage` asks, with `problem` (why the last answer was refused) on top;
/// `tapped`: replaces the tapped screen instead of sending a new message.
fn ask(ctx: &Ctx<'_>, draft: PlanDraft, problem: Option<String>, tapped: bool) -> Reply {
    let stage = draft.stage.unwrap_or(PlanField::Name);
    let mut keyboard = Keyboard::new();
    match stage {
        PlanField::Kind => {
            for (n, key) in [
                "admin-btn-plan-kind-fixed",
                "admin-btn-plan-kind-test",
                "admin-btn-plan-kind-dynamic",
            ]
            .into_iter()
            .enumerate()
            {
                keyboard = keyboard.row([ctx.button(key, Action::Catalog(CatalogAction::Choice(n as u8)))]);
            }
        }
        PlanField::Gb => {
            keyboard = keyboard.row([ctx.button("admin-btn-plan-unlimited", Action::Catalog(CatalogAction::Skip))]);
        }
        PlanField::Description => {
            keyboard =
                keyboard.row([ctx.button("admin-btn-plan-no-description", Action::Catalog(CatalogAction::Skip))]);
        }
        PlanField::Renewal => {
            keyboard = catalog_flow::renewal_buttons(ctx, keyboard);
        }
        _ => {}
    }
    let nav = if draft.before(stage).is_some() {
        Nav::BackCancel
    } else {
        Nav::Cancel
    };
    let keyboard = catalog_flow::nav(ctx, keyboard, nav, Action::Admin(crate::callback::AdminAction::Plans));
    let question = format!(
        "{}\n{}",
        ctx.t("admin-plan-new-title"),
        ctx.t_args(
            catalog_flow::plan_question(stage),
            &Args::new().text("name", draft.name.clone()),
        )
    );
    let text = match problem {
        Some(p) => format!("{p}\n\n{question}"),
        None => question,
    };
    let reply = if tapped {
        Reply::show(text, keyboard)
    } else {
        Reply::send(text, Some(keyboard))
    };
    reply.state(state(draft))
}

/// Goes on to the question after `draft.stage` (the summary at the end).
async fn next(ctx: &Ctx<'_>, mut draft: PlanDraft, tapped: bool) -> Result<Reply, BotError> {
    let stage = draft.stage.unwrap_or(PlanField::Name);
    draft.stage = Some(draft.after(stage));
    show(ctx, draft, None, tapped).await
}

/// Shows the open question (the locations and the summary need the store).
async fn show(ctx: &Ctx<'_>, draft: PlanDraft, problem: Option<String>, tapped: bool) -> Result<Reply, BotError> {
    match draft.stage {
        Some(PlanField::Locations) => locations(ctx, draft, problem, tapped).await,
        Some(PlanField::Summary) => summary(ctx, draft, tapped).await,
        _ => Ok(ask(ctx, draft, problem, tapped)),
    }
}

/// Text typed while a plan is being created.
pub async fn typed(ctx: &Ctx<'_>, mut draft: PlanDraft, text: &str) -> Result<Reply, BotError> {
    let stage = draft.stage.unwrap_or(PlanField::Name);
    match catalog_input::plan_answer(stage, text, ctx.deps.i18n.currency()) {
        Ok(change) => {
            draft.take(&change);
            next(ctx, draft, false).await
        }
        Err(key) => show(ctx, draft, Some(format!("⚠️ {}", ctx.t(key))), false).await,
    }
}

/// A choice button: the plan's kind or its renewal rule.
pub async fn choice(ctx: &Ctx<'_>, mut draft: PlanDraft, n: u8) -> Result<Reply, BotError> {
    match (draft.stage, n) {
        (Some(PlanField::Kind), 0..=2) => {
            draft.kind = [DraftKind::Fixed, DraftKind::Test, DraftKind::Dynamic][usize::from(n)];
        }
        (Some(PlanField::Renewal), 0 | 1) => draft.take(&PlanChange::Renewal(n == 1)),
        _ => return Ok(catalog_flow::expired(ctx)),
    }
    next(ctx, draft, true).await
}

/// "Unlimited" on the GB question, "No description" on the description question.
pub async fn skip(ctx: &Ctx<'_>, mut draft: PlanDraft) -> Result<Reply, BotError> {
    match draft.stage {
        Some(PlanField::Gb) => draft.take(&PlanChange::Gb(0)),
        Some(PlanField::Description) => draft.take(&PlanChange::Description(None)),
        _ => return Ok(catalog_flow::expired(ctx)),
    }
    next(ctx, draft, true).await
}

/// The locations question: every location, ticked when picked.
async fn locations(ctx: &Ctx<'_>, draft: PlanDraft, problem: Option<String>, tapped: bool) -> Result<Reply, BotError> {
    let all = ctx.deps.placement.locations().await?;
    let keyboard = catalog_flow::location_toggles(ctx, &all, &draft.locations);
    let keyboard = catalog_flow::nav(
        ctx,
        keyboard,
        Nav::BackCancel,
        Action::Admin(crate::callback::AdminAction::Plans),
    );
    let key = if all.is_empty() {
        "admin-plan-ask-locations-none"
    } else {
        "admin-plan-ask-locations"
    };
    let question = format!(
        "{}\n{}",
        ctx.t("admin-plan-new-title"),
        ctx.t_args(key, &Args::new().text("name", draft.name.clone()))
    );
    let text = match problem {
        Some(p) => format!("{p}\n\n{question}"),
        None => question,
    };
    let reply = if tapped {
        Reply::show(text, keyboard)
    } else {
        Reply::send(text, Some(keyboard))
    };
    Ok(reply.state(state(draft)))
}

/// A location tapped on or off.
pub async fn toggle(ctx: &Ctx<'_>, mut draft: PlanDraft, location: LocationId) -> Result<Reply, BotError> {
    if draft.stage != Some(PlanField::Locations) {
        return Ok(catalog_flow::expired(ctx));
    }
    catalog_flow::flip(&mut draft.locations, location.get());
    locations(ctx, draft, None, true).await
}

/// "Done" under the locations: at least one must be picked while any exist.
pub async fn done(ctx: &Ctx<'_>, draft: PlanDraft) -> Result<Reply, BotError> {
    if draft.stage != Some(PlanField::Locations) {
        return Ok(catalog_flow::expired(ctx));
    }
    let all = ctx.deps.placement.locations().await?;
    let known: Vec<i64> = all.iter().map(|l| l.id.get()).collect();
    if !all.is_empty() && !draft.locations.iter().any(|l| known.contains(l)) {
        return Ok(Reply::none()
            .toast(ctx.t("admin-plan-pick-a-location"))
            .state(state(draft)));
    }
    next(ctx, draft, true).await
}

/// "Back": the question before the open one.
pub async fn back(ctx: &Ctx<'_>, mut draft: PlanDraft) -> Result<Reply, BotError> {
    let Some(before) = draft.stage.and_then(|s| draft.before(s)) else {
        return Ok(catalog_flow::expired(ctx));
    };
    draft.stage = Some(before);
    show(ctx, draft, None, true).await
}

/// The plan the draft describes, checked by the domain's constructors.
fn build(draft: &PlanDraft) -> Result<NewPlan, PlanError> {
    let money = |minor: i64| Money::from_minor(minor).map_err(|_| PlanError::PriceTooLarge);
    let volume = super::catalog_step::gb_limit(draft.gb);
    let kind = match draft.kind {
        DraftKind::Fixed => PlanKind::Fixed(FixedTerms::new(volume, draft.days, money(draft.price)?)?),
        DraftKind::Test => PlanKind::Fixed(FixedTerms::new(volume, draft.days, Money::ZERO)?),
        DraftKind::Dynamic => PlanKind::Dynamic(DynamicTerms::new(
            money(draft.per_gb)?,
            money(draft.per_day)?,
            draft.gb_range,
            draft.days_range,
        )?),
    };
    Ok(NewPlan {
        name: PlanName::parse(&draft.name)?,
        description: draft.description.as_deref().map(PlanDescription::parse).transpose()?,
        kind,
        locations: draft
            .locations
            .iter()
            .map(|l| LocationId::new(*l))
            .collect::<BTreeSet<_>>(),
        is_test: draft.kind == DraftKind::Test,
        renewal: if draft.restart {
            RenewalRule::RestartFromNow
        } else {
            RenewalRule::AddToRemaining
        },
        ip_limit: kernel::CountLimit::Unlimited,
        active: true,
    })
}

/// The summary: the plan as it will be saved, with Create, Back and Cancel.
async fn summary(ctx: &Ctx<'_>, draft: PlanDraft, tapped: bool) -> Result<Reply, BotError> {
    let plan = match build(&draft) {
        Ok(new) => Plan::from_new(kernel::PlanId::new(0), new),
        Err(e) => return Ok(refusal(ctx, &super::explain::plan(ctx, &e))),
    };
    let mut lines = vec![ctx.t("admin-plan-new-title"), ctx.t("admin-plan-summary")];
    lines.extend(super::catalog::plan_lines(ctx, &plan).await?);
    let keyboard = Keyboard::new().row([ctx.button("admin-btn-plan-create", Action::Catalog(CatalogAction::Confirm))]);
    let keyboard = catalog_flow::nav(
        ctx,
        keyboard,
        Nav::BackCancel,
        Action::Admin(crate::callback::AdminAction::Plans),
    );
    let text = lines.join("\n");
    let reply = if tapped {
        Reply::show(text, keyboard)
    } else {
        Reply::send(text, Some(keyboard))
    };
    Ok(reply.state(state(draft)))
}

/// "Create": saves the plan through the admin use case and shows it.
pub async fn confirm(ctx: &Ctx<'_>, draft: PlanDraft) -> Result<Reply, BotError> {
    if draft.stage != Some(PlanField::Summary) {
        return Ok(catalog_flow::expired(ctx));
    }
    let new = match build(&draft) {
        Ok(new) => new,
        Err(e) => return Ok(refusal(ctx, &super::explain::plan(ctx, &e))),
    };
    match ctx.deps.catalog.add_plan(ctx.user.id, new).await {
        Ok(plan) => {
            let note = ctx.t_args("admin-plan-created", &Args::new().text("name", plan.name.to_string()));
            Ok(super::catalog::plan(ctx, plan.id, Some(note))
                .await?
                .state(Conversation::Idle))
        }
        Err(OrderError::Forbidden { .. }) => Ok(crate::bot::screens::not_yours(ctx)),
        Err(e @ (OrderError::Plan(_) | OrderError::TestPlanPriced)) => {
            Ok(refusal(ctx, &super::explain::order(ctx, &e)))
        }
        Err(e) => Err(e.into()),
    }
}

/// The plan was refused as a whole (`why`: a sentence, HTML): nothing saved, the flow closed.
fn refusal(ctx: &Ctx<'_>, why: &str) -> Reply {
    let text = ctx.t_args("admin-plan-refused", &Args::new().html("why", why));
    let keyboard = Keyboard::new().row([ctx.button(
        "admin-btn-back-plans",
        Action::Admin(crate::callback::AdminAction::Plans),
    )]);
    Reply::show(text, keyboard).state(Conversation::Idle)
}
