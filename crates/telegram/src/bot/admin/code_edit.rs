//! Changing a discount code's rules from its view: pick a rule, type the new value, tick the
//! plans, or tap the button that leaves it open (no limit, no cap, from now, no end, every
//! plan), see the
//! code as it will be with the old and new value, and Save. Save calls
//! `CatalogService::edit_discount`, the use case `moonvpn discount edit` calls (admin role
//! checked, audited as `discount.edit` with the rules before and after); its uses so far stay.

use kernel::DiscountCodeId;
use orders::{Discount, DiscountValue, OrderError};

use super::catalog_flow;
use super::catalog_input;
use super::catalog_step::{CatalogStep, CodeChange, CodeField};
use super::code_create::{self, plan_buttons, question};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, CatalogAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

fn field_key(field: CodeField) -> &'static str {
    match field {
        CodeField::Value => "admin-code-field-value",
        CodeField::UsageLimit => "admin-code-field-usage-limit",
        CodeField::PerUserLimit => "admin-code-field-per-user-limit",
        CodeField::MinOrder => "admin-code-field-min-order",
        CodeField::MaxDiscount => "admin-code-field-max-discount",
        CodeField::From => "admin-code-field-from",
        CodeField::Until => "admin-code-field-until",
        CodeField::Plan | CodeField::Code | CodeField::Summary => "admin-code-field-plans",
    }
}

fn index(field: CodeField) -> u8 {
    CodeField::EDITABLE.iter().position(|f| *f == field).unwrap_or(0) as u8
}

async fn load(ctx: &Ctx<'_>, id: DiscountCodeId) -> Result<Result<Discount, Reply>, BotError> {
    match ctx.deps.catalog.discount(ctx.user.id, id).await {
        Ok(d) => Ok(Ok(d)),
        Err(e) => super::catalog::refused(ctx, e).map(Err),
    }
}

/// "Edit": the rules of the code, two a row.
pub async fn fields(ctx: &Ctx<'_>, id: DiscountCodeId) -> Result<Reply, BotError> {
    let d = match load(ctx, id).await? {
        Ok(d) => d,
        Err(reply) => return Ok(reply),
    };
    let mut lines = vec![ctx.t_args("admin-code-edit-pick", &Args::new().text("code", d.code.as_str()))];
    lines.extend(super::catalog::code_lines(ctx, &d).await);
    let buttons: Vec<_> = CodeField::EDITABLE
        .into_iter()
        .map(|f| {
            ctx.button(
                field_key(f),
                Action::Catalog(CatalogAction::EditCodeField(id, index(f))),
            )
        })
        .collect();
    let mut keyboard = Keyboard::new();
    for pair in buttons.chunks(2) {
        keyboard = keyboard.row(pair.to_vec());
    }
    let keyboard = keyboard.row([ctx.button("btn-back", Action::Admin(AdminAction::Discount(id)))]);
    Ok(Reply::show(lines.join("\n"), keyboard).state(Conversation::Idle))
}

/// A rule was picked: its question with the current value.
pub async fn field_picked(ctx: &Ctx<'_>, id: DiscountCodeId, n: u8) -> Result<Reply, BotError> {
    let d = match load(ctx, id).await? {
        Ok(d) => d,
        Err(reply) => return Ok(reply),
    };
    let Some(field) = CodeField::EDITABLE.get(usize::from(n)).copied() else {
        return Ok(catalog_flow::expired(ctx));
    };
    let plans = d.terms.plans().iter().map(|p| p.get()).collect();
    ask(ctx, &d, field, plans, None, true).await
}

/// The question about `field` of code `d` (`plans`: the plans ticked so far), with `problem`
/// on top.
async fn ask(
    ctx: &Ctx<'_>,
    d: &Discount,
    field: CodeField,
    plans: Vec<i64>,
    problem: Option<String>,
    tapped: bool,
) -> Result<Reply, BotError> {
    let (key, skip) = question(field);
    let mut keyboard = Keyboard::new();
    if field == CodeField::Plan {
        keyboard = plan_buttons(ctx, keyboard, &plans).await?;
    }
    if let Some(skip) = skip {
        keyboard = keyboard.row([ctx.button(skip, Action::Catalog(CatalogAction::Skip))]);
    }
    let keyboard = keyboard.row([
        ctx.button("btn-back", Action::Catalog(CatalogAction::EditCode(d.id))),
        ctx.button("btn-cancel", Action::Admin(AdminAction::Discount(d.id))),
    ]);
    let mut lines: Vec<String> = problem.into_iter().collect();
    lines.push(ctx.t(key));
    lines.push(ctx.t_args(
        "admin-plan-edit-now",
        &Args::new().html("value", value(ctx, d, field).await),
    ));
    let text = lines.join("\n\n");
    let reply = if tapped {
        Reply::show(text, keyboard)
    } else {
        Reply::send(text, Some(keyboard))
    };
    Ok(reply.state(catalog_flow::state(CatalogStep::EditCode {
        code: d.id.get(),
        field,
        plans,
        change: None,
    })))
}

/// Rule `field` of code `d` as text (HTML).
async fn value(ctx: &Ctx<'_>, d: &Discount, field: CodeField) -> String {
    let t = &d.terms;
    let open = |key: &str| ctx.t(key);
    let date = |at| ctx.deps.i18n.date(ctx.lang, at);
    match field {
        CodeField::Value => match t.value() {
            DiscountValue::Percent(p) => ctx.t_args(
                "admin-discount-percent",
                &Args::new().number("percent", i64::from(p.get())),
            ),
            DiscountValue::Fixed(m) => ctx.money(m),
        },
        CodeField::UsageLimit => t.usage_limit().map_or_else(
            || open("admin-btn-no-limit"),
            |n| crate::i18n::integer(ctx.lang, i64::from(n)),
        ),
        CodeField::PerUserLimit => t.per_user_limit().map_or_else(
            || open("admin-btn-no-limit"),
            |n| crate::i18n::integer(ctx.lang, i64::from(n)),
        ),
        CodeField::MinOrder if t.min_order().is_zero() => open("admin-btn-code-no-minimum"),
        CodeField::MinOrder => ctx.money(t.min_order()),
        CodeField::MaxDiscount => t
            .max_discount()
            .map_or_else(|| open("admin-btn-code-no-cap"), |m| ctx.money(m)),
        CodeField::From => t.valid_from().map_or_else(|| open("admin-btn-code-from-now"), date),
        CodeField::Until => t.valid_until().map_or_else(|| open("admin-btn-code-no-end"), date),
        CodeField::Plan | CodeField::Code | CodeField::Summary if t.plans().is_empty() => {
            open("admin-btn-code-every-plan")
        }
        CodeField::Plan | CodeField::Code | CodeField::Summary => {
            crate::i18n::escape_html(&super::catalog::plan_names(ctx, t.plans()).await)
        }
    }
}

/// The code as it will be, with the old and the new value and Save.
async fn confirmation(
    ctx: &Ctx<'_>,
    d: &Discount,
    field: CodeField,
    change: CodeChange,
    tapped: bool,
) -> Result<Reply, BotError> {
    let terms = match code_create::to_edit(std::slice::from_ref(&change)).and_then(|e| e.apply(&d.terms)) {
        Ok(terms) => terms,
        Err(e) => {
            let problem = format!("⚠️ {}", code_create::window_problem(ctx, &e));
            let plans = d.terms.plans().iter().map(|p| p.get()).collect();
            return ask(ctx, d, field, plans, Some(problem), tapped).await;
        }
    };
    let after = Discount { terms, ..d.clone() };
    let mut lines = vec![
        ctx.t_args(
            "admin-code-edit-confirm",
            &Args::new()
                .text("code", d.code.as_str())
                .text("field", ctx.t(field_key(field)))
                .html("before", value(ctx, d, field).await)
                .html("after", value(ctx, &after, field).await),
        ),
        String::new(),
    ];
    lines.extend(super::catalog::code_lines(ctx, &after).await);
    let keyboard = Keyboard::new()
        .row([ctx.button("admin-btn-save", Action::Catalog(CatalogAction::Confirm))])
        .row([
            ctx.button(
                "btn-back",
                Action::Catalog(CatalogAction::EditCodeField(d.id, index(field))),
            ),
            ctx.button("btn-cancel", Action::Admin(AdminAction::Discount(d.id))),
        ]);
    let text = lines.join("\n");
    let reply = if tapped {
        Reply::show(text, keyboard)
    } else {
        Reply::send(text, Some(keyboard))
    };
    Ok(reply.state(catalog_flow::state(CatalogStep::EditCode {
        code: d.id.get(),
        field,
        plans: Vec::new(),
        change: Some(change),
    })))
}

/// Text typed while a code rule is asked (or its confirmation is open).
pub async fn typed(ctx: &Ctx<'_>, step: CatalogStep, text: &str) -> Result<Reply, BotError> {
    let CatalogStep::EditCode {
        code,
        field,
        plans,
        change,
    } = step
    else {
        return Ok(crate::bot::unknown(ctx));
    };
    let d = match load(ctx, DiscountCodeId::new(code)).await? {
        Ok(d) => d,
        Err(reply) => return Ok(reply.state(Conversation::Idle)),
    };
    if change.is_some() {
        return Ok(Reply::send(ctx.t("admin-cat-tap-save"), None));
    }
    match catalog_input::code_answer(field, text, ctx.deps.i18n.currency()) {
        Ok(change) => confirmation(ctx, &d, field, change, false).await,
        Err(key) => ask(ctx, &d, field, plans, Some(format!("⚠️ {}", ctx.t(key))), false).await,
    }
}

/// A button answering the open question about a code rule.
pub async fn answer(ctx: &Ctx<'_>, step: CatalogStep, action: CatalogAction) -> Result<Reply, BotError> {
    let CatalogStep::EditCode {
        code,
        field,
        mut plans,
        change,
    } = step
    else {
        return Ok(catalog_flow::expired(ctx));
    };
    let d = match load(ctx, DiscountCodeId::new(code)).await? {
        Ok(d) => d,
        Err(reply) => return Ok(reply),
    };
    let answer = match (action, field, &change) {
        (CatalogAction::Confirm, _, Some(change)) => return save(ctx, &d, field, change).await,
        (CatalogAction::Back, _, _) => return fields(ctx, d.id).await,
        (_, _, Some(_)) => return Ok(catalog_flow::expired(ctx)),
        (CatalogAction::Pick(plan), CodeField::Plan, None) => {
            catalog_flow::flip(&mut plans, plan.get());
            return ask(ctx, &d, field, plans, None, true).await;
        }
        (CatalogAction::Done, CodeField::Plan, None) => CodeChange::Plans(plans),
        (CatalogAction::Skip, CodeField::UsageLimit, None) => CodeChange::UsageLimit(None),
        (CatalogAction::Skip, CodeField::PerUserLimit, None) => CodeChange::PerUserLimit(None),
        (CatalogAction::Skip, CodeField::MinOrder, None) => CodeChange::MinOrder(0),
        (CatalogAction::Skip, CodeField::MaxDiscount, None) => CodeChange::MaxDiscount(None),
        (CatalogAction::Skip, CodeField::From, None) => CodeChange::From(None),
        (CatalogAction::Skip, CodeField::Until, None) => CodeChange::Until(None),
        (CatalogAction::Skip, CodeField::Plan, None) => CodeChange::Plans(Vec::new()),
        _ => return Ok(catalog_flow::expired(ctx)),
    };
    confirmation(ctx, &d, field, answer, true).await
}

/// "Save": the change through the admin use case, then the code.
async fn save(ctx: &Ctx<'_>, d: &Discount, field: CodeField, change: &CodeChange) -> Result<Reply, BotError> {
    let edit = match code_create::to_edit(std::slice::from_ref(change)) {
        Ok(edit) => edit,
        Err(e) => return Ok(failed(ctx, d.id, &super::explain::discount(ctx, &e))),
    };
    match ctx.deps.catalog.edit_discount(ctx.user.id, d.id, &edit).await {
        Ok(_) => {
            let note = ctx.t_args("admin-plan-saved", &Args::new().text("field", ctx.t(field_key(field))));
            Ok(super::catalog::discount(ctx, d.id, Some(note))
                .await?
                .state(Conversation::Idle))
        }
        Err(e @ (OrderError::DiscountDefinition(_) | OrderError::PlanNotFound(_))) => {
            Ok(failed(ctx, d.id, &super::explain::order(ctx, &e)))
        }
        Err(e) => super::catalog::refused(ctx, e),
    }
}

/// The change was refused (`why`: a sentence, HTML): nothing saved, back to the code.
fn failed(ctx: &Ctx<'_>, id: DiscountCodeId, why: &str) -> Reply {
    let text = ctx.t_args("admin-plan-refused", &Args::new().html("why", why));
    let keyboard = Keyboard::new().row([ctx.button("btn-back", Action::Admin(AdminAction::Discount(id)))]);
    Reply::show(text, keyboard).state(Conversation::Idle)
}
