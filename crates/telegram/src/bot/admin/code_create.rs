//! Creating a discount code from the bot, one rule at a time: the code; what it takes off
//! (`15%` or an amount); then each optional rule — uses in total, uses per buyer, smallest
//! order, largest discount (percentages only), first and last day, the plans (ticked on and
//! off) — with a button to leave it open; then a summary with Create. Every question has Back and Cancel. Create calls
//! `CatalogService::add_discount`, the use case `moonvpn discount add` calls (admin role
//! checked, audited as `discount.add`).

use kernel::{DiscountCodeId, Money, PlanId};
use orders::{
    Discount, DiscountCode, DiscountEdit, DiscountError, DiscountRefusal, DiscountStatus, DiscountTerms, DiscountValue,
    OrderError, Percent,
};
use time::OffsetDateTime;

use super::catalog_flow::{self, Nav};
use super::catalog_input;
use super::catalog_step::{CatalogStep, CodeChange, CodeDraft, CodeField, DraftValue};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, CatalogAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

fn state(draft: CodeDraft) -> Conversation {
    catalog_flow::state(CatalogStep::NewCode(draft))
}

fn cancel() -> Action {
    Action::Admin(AdminAction::Discounts)
}

/// The answers as the use case's change; `None` keeps the default of a new code.
pub(super) fn to_edit(answers: &[CodeChange]) -> Result<DiscountEdit, DiscountError> {
    let at = |secs: &Option<i64>| secs.and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok());
    let money = |minor: i64| Money::from_minor(minor).map_err(|_| DiscountError::ZeroAmount);
    let mut edit = DiscountEdit::default();
    for answer in answers {
        match answer {
            CodeChange::Code(_) => {}
            CodeChange::Value(DraftValue::Percent(p)) => edit.value = Some(DiscountValue::Percent(Percent::new(*p)?)),
            CodeChange::Value(DraftValue::Fixed(m)) => edit.value = Some(DiscountValue::Fixed(money(*m)?)),
            CodeChange::UsageLimit(n) => edit.usage_limit = Some(*n),
            CodeChange::PerUserLimit(n) => edit.per_user_limit = Some(*n),
            CodeChange::MinOrder(m) => edit.min_order = Some(money(*m)?),
            CodeChange::MaxDiscount(m) => edit.max_discount = Some(m.map(money).transpose()?),
            CodeChange::From(s) => edit.valid_from = Some(at(s)),
            CodeChange::Until(s) => edit.valid_until = Some(at(s)),
            CodeChange::Plan(p) => edit.plans = Some(p.iter().map(|id| PlanId::new(*id)).collect()),
            CodeChange::Plans(p) => edit.plans = Some(p.iter().map(|id| PlanId::new(*id)).collect()),
        }
    }
    Ok(edit)
}

/// The code and rules the draft describes, checked by the domain's constructors.
fn build(draft: &CodeDraft) -> Result<(DiscountCode, DiscountTerms), DiscountError> {
    let code = draft
        .answers
        .iter()
        .find_map(|a| match a {
            CodeChange::Code(c) => Some(c.as_str()),
            _ => None,
        })
        .unwrap_or_default();
    let edit = to_edit(&draft.answers)?;
    let value = edit.value.ok_or(DiscountError::ZeroAmount)?;
    Ok((DiscountCode::parse(code)?, edit.apply(&DiscountTerms::new(value)?)?))
}

fn is_fixed(draft: &CodeDraft) -> bool {
    draft
        .answers
        .iter()
        .any(|a| matches!(a, CodeChange::Value(DraftValue::Fixed(_))))
}

/// The question after `stage`: the largest discount is only asked of percentages.
fn after(draft: &CodeDraft, stage: CodeField) -> CodeField {
    match stage.after() {
        CodeField::MaxDiscount if is_fixed(draft) => CodeField::MaxDiscount.after(),
        next => next,
    }
}

fn before(draft: &CodeDraft, stage: CodeField) -> Option<CodeField> {
    match stage.before()? {
        CodeField::MaxDiscount if is_fixed(draft) => CodeField::MaxDiscount.before(),
        back => Some(back),
    }
}

/// The catalog key of a code question, and of its "leave it open" button.
pub(super) fn question(field: CodeField) -> (&'static str, Option<&'static str>) {
    match field {
        CodeField::Code => ("admin-code-ask-code", None),
        CodeField::Value => ("admin-code-ask-value", None),
        CodeField::UsageLimit => ("admin-code-ask-usage-limit", Some("admin-btn-no-limit")),
        CodeField::PerUserLimit => ("admin-code-ask-per-user-limit", Some("admin-btn-no-limit")),
        CodeField::MinOrder => ("admin-code-ask-min-order", Some("admin-btn-code-no-minimum")),
        CodeField::MaxDiscount => ("admin-code-ask-max-discount", Some("admin-btn-code-no-cap")),
        CodeField::From => ("admin-code-ask-from", Some("admin-btn-code-from-now")),
        CodeField::Until => ("admin-code-ask-until", Some("admin-btn-code-no-end")),
        CodeField::Plan => ("admin-code-ask-plans", Some("admin-btn-code-every-plan")),
        CodeField::Summary => ("admin-code-summary", None),
    }
}

/// One button per paid plan (for the plans question), ticked when it is in `picked`, then
/// Done, above `keyboard`'s other rows.
pub(super) async fn plan_buttons(ctx: &Ctx<'_>, mut keyboard: Keyboard, picked: &[i64]) -> Result<Keyboard, BotError> {
    let mut plans = ctx.deps.catalog.plans(false).await?;
    plans.retain(|p| !p.is_test);
    plans.sort_by_key(|p| p.name.to_string());
    for plan in plans {
        let mark = if picked.contains(&plan.id.get()) {
            "✅"
        } else {
            "▫️"
        };
        keyboard = keyboard.row([ctx.button_text(
            format!("{mark} {}", plan.name),
            Action::Catalog(CatalogAction::Pick(plan.id)),
        )]);
    }
    Ok(keyboard.row([ctx.button("admin-btn-locations-done", Action::Catalog(CatalogAction::Done))]))
}

/// "New code": asks the code.
pub async fn start(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let draft = CodeDraft {
        stage: CodeField::Code,
        answers: Vec::new(),
    };
    show(ctx, draft, None, true).await
}

/// Shows the open question (or the summary), with `problem` on top.
async fn show(ctx: &Ctx<'_>, draft: CodeDraft, problem: Option<String>, tapped: bool) -> Result<Reply, BotError> {
    let (key, skip) = question(draft.stage);
    let mut keyboard = Keyboard::new();
    let mut lines: Vec<String> = problem.into_iter().flat_map(|p| [p, String::new()]).collect();
    lines.push(ctx.t("admin-code-new-title"));
    if draft.stage == CodeField::Summary {
        let (code, terms) = match build(&draft) {
            Ok(built) => built,
            Err(e) => return Ok(refusal(ctx, &super::explain::discount(ctx, &e))),
        };
        let preview = Discount {
            id: DiscountCodeId::new(0),
            code,
            terms,
            used_count: 0,
            status: DiscountStatus::Active,
            created_at: ctx.now(),
        };
        lines.push(ctx.t(key));
        lines.extend(super::catalog::code_lines(ctx, &preview).await);
        keyboard = keyboard.row([ctx.button("admin-btn-code-create", Action::Catalog(CatalogAction::Confirm))]);
    } else {
        lines.push(ctx.t(key));
        if draft.stage == CodeField::Plan {
            keyboard = plan_buttons(ctx, keyboard, &draft.plans()).await?;
        }
        if let Some(skip) = skip {
            keyboard = keyboard.row([ctx.button(skip, Action::Catalog(CatalogAction::Skip))]);
        }
    }
    let nav = if before(&draft, draft.stage).is_some() {
        Nav::BackCancel
    } else {
        Nav::Cancel
    };
    let keyboard = catalog_flow::nav(ctx, keyboard, nav, cancel());
    let text = lines.join("\n");
    let reply = if tapped {
        Reply::show(text, keyboard)
    } else {
        Reply::send(text, Some(keyboard))
    };
    Ok(reply.state(state(draft)))
}

/// Takes `change` in and goes on, unless it contradicts an earlier answer.
async fn take(ctx: &Ctx<'_>, mut draft: CodeDraft, change: CodeChange, tapped: bool) -> Result<Reply, BotError> {
    let mut answers = draft.answers.clone();
    answers.retain(|a| std::mem::discriminant(a) != std::mem::discriminant(&change));
    answers.push(change.clone());
    if let Some(value) = to_edit(&answers).ok().and_then(|e| e.value) {
        let terms = DiscountTerms::new(value).and_then(|t| to_edit(&answers).and_then(|e| e.apply(&t)));
        if let Err(e) = terms {
            return show(ctx, draft, Some(format!("⚠️ {}", window_problem(ctx, &e))), tapped).await;
        }
    }
    draft.take(change);
    draft.stage = after(&draft, draft.stage);
    show(ctx, draft, None, tapped).await
}

/// Why the rules do not hold together, in the admin's language.
pub(super) fn window_problem(ctx: &Ctx<'_>, e: &DiscountError) -> String {
    super::explain::discount(ctx, e)
}

/// Text typed while a code is being created.
pub async fn typed(ctx: &Ctx<'_>, draft: CodeDraft, text: &str) -> Result<Reply, BotError> {
    let change = match catalog_input::code_answer(draft.stage, text, ctx.deps.i18n.currency()) {
        Ok(change) => change,
        Err(key) => return show(ctx, draft, Some(format!("⚠️ {}", ctx.t(key))), false).await,
    };
    if let CodeChange::Code(code) = &change
        && let Ok(code) = DiscountCode::parse(code)
    {
        match ctx.deps.catalog.discount_by_code(ctx.user.id, &code).await {
            Ok(_) => {
                let problem = ctx.t_args("admin-code-taken", &Args::new().text("code", code.as_str()));
                return show(ctx, draft, Some(format!("⚠️ {problem}")), false).await;
            }
            Err(OrderError::Discount(DiscountRefusal::NotFound)) => {}
            Err(OrderError::Forbidden { .. }) => return Ok(crate::bot::screens::not_yours(ctx)),
            Err(e) => return Err(e.into()),
        }
    }
    take(ctx, draft, change, false).await
}

/// "No limit", "No minimum", "From now"… on the open question.
pub async fn skip(ctx: &Ctx<'_>, draft: CodeDraft) -> Result<Reply, BotError> {
    let change = match draft.stage {
        CodeField::UsageLimit => CodeChange::UsageLimit(None),
        CodeField::PerUserLimit => CodeChange::PerUserLimit(None),
        CodeField::MinOrder => CodeChange::MinOrder(0),
        CodeField::MaxDiscount => CodeChange::MaxDiscount(None),
        CodeField::From => CodeChange::From(None),
        CodeField::Until => CodeChange::Until(None),
        CodeField::Plan => CodeChange::Plans(Vec::new()),
        _ => return Ok(catalog_flow::expired(ctx)),
    };
    take(ctx, draft, change, true).await
}

/// A plan tapped on or off for the code.
pub async fn pick(ctx: &Ctx<'_>, mut draft: CodeDraft, plan: PlanId) -> Result<Reply, BotError> {
    if draft.stage != CodeField::Plan {
        return Ok(catalog_flow::expired(ctx));
    }
    let mut plans = draft.plans();
    catalog_flow::flip(&mut plans, plan.get());
    draft.take(CodeChange::Plans(plans));
    show(ctx, draft, None, true).await
}

/// "Done" under the plans: the ticked ones (none ticked: every paid plan).
pub async fn done(ctx: &Ctx<'_>, draft: CodeDraft) -> Result<Reply, BotError> {
    if draft.stage != CodeField::Plan {
        return Ok(catalog_flow::expired(ctx));
    }
    let plans = draft.plans();
    take(ctx, draft, CodeChange::Plans(plans), true).await
}

/// "Back": the question before the open one.
pub async fn back(ctx: &Ctx<'_>, mut draft: CodeDraft) -> Result<Reply, BotError> {
    let Some(previous) = before(&draft, draft.stage) else {
        return Ok(catalog_flow::expired(ctx));
    };
    draft.stage = previous;
    show(ctx, draft, None, true).await
}

/// "Create": saves the code through the admin use case and shows it.
pub async fn confirm(ctx: &Ctx<'_>, draft: CodeDraft) -> Result<Reply, BotError> {
    if draft.stage != CodeField::Summary {
        return Ok(catalog_flow::expired(ctx));
    }
    let (code, terms) = match build(&draft) {
        Ok(built) => built,
        Err(e) => return Ok(refusal(ctx, &super::explain::discount(ctx, &e))),
    };
    let shown = code.as_str().to_owned();
    match ctx
        .deps
        .catalog
        .add_discount(ctx.user.id, code, terms, DiscountStatus::Active)
        .await
    {
        Ok(d) => {
            let note = ctx.t_args("admin-code-created", &Args::new().text("code", d.code.as_str()));
            Ok(super::catalog::discount(ctx, d.id, Some(note))
                .await?
                .state(Conversation::Idle))
        }
        Err(OrderError::DiscountCodeTaken) => {
            let why = ctx.t_args("admin-code-taken", &Args::new().text("code", shown));
            Ok(refusal(ctx, &why))
        }
        Err(OrderError::Forbidden { .. }) => Ok(crate::bot::screens::not_yours(ctx)),
        Err(e @ (OrderError::DiscountDefinition(_) | OrderError::PlanNotFound(_))) => {
            Ok(refusal(ctx, &super::explain::order(ctx, &e)))
        }
        Err(e) => Err(e.into()),
    }
}

/// The code was refused as a whole (`why`: a sentence, HTML): nothing saved, the flow closed.
fn refusal(ctx: &Ctx<'_>, why: &str) -> Reply {
    let text = ctx.t_args("admin-plan-refused", &Args::new().html("why", why));
    let keyboard = Keyboard::new().row([ctx.button("admin-btn-back-discounts", cancel())]);
    Reply::show(text, keyboard).state(Conversation::Idle)
}
