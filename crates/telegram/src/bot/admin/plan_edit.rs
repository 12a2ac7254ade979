//! Changing a plan from its view: pick a field (the ones its kind has), type the new value or
//! tap it (no description, unlimited, no limit, the renewal rule, the test flag, the locations), see the plan
//! as it will be with the old and new value, and Save. Save calls `CatalogService::edit_plan`,
//! the use case `moonvpn plan edit` calls (admin role checked, audited as `plan.edit` with the
//! plan before and after); orders already placed keep their terms.

use std::collections::BTreeSet;

use kernel::{LocationId, Money, PlanId};
use orders::{OrderError, Plan, PlanDescription, PlanEdit, PlanError, PlanKind, PlanName, RenewalRule};

use super::catalog_flow;
use super::catalog_input;
use super::catalog_step::{CatalogStep, PlanChange, PlanField};
use crate::bot::conversation::Conversation;
use crate::bot::format;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, CatalogAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// The fields a plan of this kind has, in button order.
fn editable(plan: &Plan) -> Vec<PlanField> {
    use PlanField::*;
    match (plan.kind, plan.is_test) {
        (PlanKind::Fixed(_), false) => vec![Name, Description, Days, Gb, Price, Locations, Renewal, Test, IpLimit],
        (PlanKind::Fixed(_), true) => vec![Name, Description, Days, Gb, Locations, Test, IpLimit],
        (PlanKind::Dynamic(_), _) => vec![
            Name,
            Description,
            PerGb,
            PerDay,
            GbRange,
            DaysRange,
            Locations,
            Renewal,
            IpLimit,
        ],
    }
}

fn field_key(field: PlanField) -> &'static str {
    match field {
        PlanField::Name => "admin-plan-field-name",
        PlanField::Description => "admin-plan-field-description",
        PlanField::Days => "admin-plan-field-days",
        PlanField::Gb => "admin-plan-field-gb",
        PlanField::Price => "admin-plan-field-price",
        PlanField::PerGb => "admin-plan-field-per-gb",
        PlanField::PerDay => "admin-plan-field-per-day",
        PlanField::GbRange => "admin-plan-field-gb-range",
        PlanField::DaysRange => "admin-plan-field-days-range",
        PlanField::Locations => "admin-plan-field-locations",
        PlanField::Renewal => "admin-plan-field-renewal",
        PlanField::Test => "admin-plan-field-test",
        PlanField::IpLimit => "admin-plan-field-ip-limit",
        PlanField::Kind | PlanField::Summary => "admin-plan-field-name",
    }
}

fn index(field: PlanField) -> u8 {
    PlanField::EDITABLE.iter().position(|f| *f == field).unwrap_or(0) as u8
}

async fn load(ctx: &Ctx<'_>, id: PlanId) -> Result<Result<Plan, Reply>, BotError> {
    match ctx.deps.catalog.plan(id).await {
        Ok(plan) => Ok(Ok(plan)),
        Err(e) => super::catalog::refused(ctx, e).map(Err),
    }
}

/// "Edit": the fields of the plan, two a row.
pub async fn fields(ctx: &Ctx<'_>, id: PlanId) -> Result<Reply, BotError> {
    let plan = match load(ctx, id).await? {
        Ok(plan) => plan,
        Err(reply) => return Ok(reply),
    };
    let mut lines = vec![ctx.t_args("admin-plan-edit-pick", &Args::new().text("name", plan.name.to_string()))];
    lines.extend(super::catalog::plan_lines(ctx, &plan).await?);
    let buttons: Vec<_> = editable(&plan)
        .into_iter()
        .map(|f| {
            ctx.button(
                field_key(f),
                Action::Catalog(CatalogAction::EditPlanField(id, index(f))),
            )
        })
        .collect();
    let mut keyboard = Keyboard::new();
    for pair in buttons.chunks(2) {
        keyboard = keyboard.row(pair.to_vec());
    }
    let keyboard = keyboard.row([ctx.button("btn-back", Action::Admin(AdminAction::Plan(id)))]);
    Ok(Reply::show(lines.join("\n"), keyboard).state(Conversation::Idle))
}

/// A field was picked: its question with the current value.
pub async fn field_picked(ctx: &Ctx<'_>, id: PlanId, n: u8) -> Result<Reply, BotError> {
    let plan = match load(ctx, id).await? {
        Ok(plan) => plan,
        Err(reply) => return Ok(reply),
    };
    let Some(field) = PlanField::EDITABLE
        .get(usize::from(n))
        .copied()
        .filter(|f| editable(&plan).contains(f))
    else {
        return Ok(catalog_flow::expired(ctx));
    };
    let locations = plan.locations.iter().map(|l| l.get()).collect();
    ask(ctx, &plan, field, locations, None, true).await
}

/// The question about `field` of `plan`, with `problem` on top.
async fn ask(
    ctx: &Ctx<'_>,
    plan: &Plan,
    field: PlanField,
    locations: Vec<i64>,
    problem: Option<String>,
    tapped: bool,
) -> Result<Reply, BotError> {
    let mut keyboard = Keyboard::new();
    match field {
        PlanField::Gb => {
            keyboard = keyboard.row([ctx.button("admin-btn-plan-unlimited", Action::Catalog(CatalogAction::Skip))]);
        }
        PlanField::IpLimit => {
            keyboard = keyboard.row([ctx.button("admin-btn-no-limit", Action::Catalog(CatalogAction::Skip))]);
        }
        PlanField::Description if plan.description.is_some() => {
            keyboard =
                keyboard.row([ctx.button("admin-btn-plan-no-description", Action::Catalog(CatalogAction::Skip))]);
        }
        PlanField::Renewal => keyboard = catalog_flow::renewal_buttons(ctx, keyboard),
        PlanField::Test => {
            keyboard = keyboard
                .row([ctx.button("admin-btn-plan-paid", Action::Catalog(CatalogAction::Choice(0)))])
                .row([ctx.button("admin-btn-plan-kind-test", Action::Catalog(CatalogAction::Choice(1)))]);
        }
        PlanField::Locations => {
            let all = ctx.deps.placement.locations().await?;
            keyboard = catalog_flow::location_toggles(ctx, &all, &locations);
        }
        _ => {}
    }
    let keyboard = keyboard.row([
        ctx.button("btn-back", Action::Catalog(CatalogAction::EditPlan(plan.id))),
        ctx.button("btn-cancel", Action::Admin(AdminAction::Plan(plan.id))),
    ]);
    let mut lines: Vec<String> = problem.into_iter().collect();
    lines.push(ctx.t_args(
        catalog_flow::plan_question(field),
        &Args::new().text("name", plan.name.to_string()),
    ));
    lines.push(ctx.t_args(
        "admin-plan-edit-now",
        &Args::new().html("value", value(ctx, plan, field).await?),
    ));
    let text = lines.join("\n\n");
    let reply = if tapped {
        Reply::show(text, keyboard)
    } else {
        Reply::send(text, Some(keyboard))
    };
    Ok(reply.state(catalog_flow::state(CatalogStep::EditPlan {
        plan: plan.id.get(),
        field,
        locations,
        change: None,
    })))
}

/// `field` of `plan` as text (HTML).
async fn value(ctx: &Ctx<'_>, plan: &Plan, field: PlanField) -> Result<String, BotError> {
    let range = |key: &str, (min, max): (u32, u32)| {
        ctx.t_args(
            key,
            &Args::new().number("min", i64::from(min)).number("max", i64::from(max)),
        )
    };
    Ok(match (field, plan.kind) {
        (PlanField::Days, PlanKind::Fixed(t)) => format::days(ctx, i64::from(t.duration_days())),
        (PlanField::Gb, PlanKind::Fixed(t)) => format::volume(ctx, t.volume_bytes()),
        (PlanField::Price, PlanKind::Fixed(t)) => ctx.money(t.price()),
        (PlanField::PerGb, PlanKind::Dynamic(t)) => ctx.money(t.price_per_gb()),
        (PlanField::PerDay, PlanKind::Dynamic(t)) => ctx.money(t.price_per_day()),
        (PlanField::GbRange, PlanKind::Dynamic(t)) => range("admin-plan-range-gb", t.gb_range()),
        (PlanField::DaysRange, PlanKind::Dynamic(t)) => range("admin-plan-range-days", t.days_range()),
        (PlanField::Locations, _) => {
            let names: Vec<String> = ctx
                .deps
                .placement
                .locations()
                .await?
                .into_iter()
                .filter(|l| plan.locations.contains(&l.id))
                .map(|l| crate::i18n::escape_html(&l.name.to_string()))
                .collect();
            if names.is_empty() {
                ctx.t("admin-plan-nowhere")
            } else {
                names.join(", ")
            }
        }
        (PlanField::Renewal, _) => format::rule(ctx, plan.renewal),
        (PlanField::Test, _) => ctx.t(if plan.is_test {
            "admin-btn-plan-kind-test"
        } else {
            "admin-btn-plan-paid"
        }),
        (PlanField::Description, _) => match &plan.description {
            Some(d) => crate::i18n::escape_html(d.as_str()),
            None => ctx.t("admin-plan-no-description"),
        },
        (PlanField::IpLimit, _) => match plan.ip_limit.amount() {
            Some(devices) => crate::i18n::integer(ctx.lang, i64::from(devices)),
            None => ctx.t("admin-btn-no-limit"),
        },
        _ => crate::i18n::escape_html(plan.name.as_str()),
    })
}

/// The change as the use case's edit.
fn to_edit(plan: &Plan, change: &PlanChange) -> Result<PlanEdit, PlanError> {
    let money = |minor: i64| Money::from_minor(minor).map_err(|_| PlanError::PriceTooLarge);
    let mut edit = PlanEdit::default();
    match change {
        PlanChange::Name(name) => edit.name = Some(PlanName::parse(name)?),
        PlanChange::Description(text) => {
            edit.description = Some(text.as_deref().map(PlanDescription::parse).transpose()?);
        }
        PlanChange::Days(d) => edit.days = Some(*d),
        PlanChange::Gb(gb) => edit.volume_bytes = Some(super::catalog_step::gb_limit(*gb)),
        PlanChange::Price(p) => edit.price = Some(money(*p)?),
        PlanChange::PerGb(p) => edit.price_per_gb = Some(money(*p)?),
        PlanChange::PerDay(p) => edit.price_per_day = Some(money(*p)?),
        PlanChange::GbRange(a, b) => edit.gb_range = Some((*a, *b)),
        PlanChange::DaysRange(a, b) => edit.days_range = Some((*a, *b)),
        PlanChange::Locations(l) => {
            edit.locations = Some(l.iter().map(|id| LocationId::new(*id)).collect::<BTreeSet<_>>());
        }
        PlanChange::Renewal(restart) => {
            edit.renewal = Some(if *restart {
                RenewalRule::RestartFromNow
            } else {
                RenewalRule::AddToRemaining
            });
        }
        PlanChange::Test(test) => {
            edit.is_test = Some(*test);
            // A free test plan costs nothing: its price goes to zero with the flag.
            if *test && matches!(plan.kind, PlanKind::Fixed(_)) {
                edit.price = Some(Money::ZERO);
            }
        }
        PlanChange::IpLimit(n) => edit.ip_limit = Some(super::catalog_step::device_limit(*n)),
        PlanChange::Paid(p) => {
            edit.is_test = Some(false);
            edit.price = Some(money(*p)?);
        }
    }
    Ok(edit)
}

/// The plan as it will be, with the old and the new value and Save.
async fn confirmation(
    ctx: &Ctx<'_>,
    plan: &Plan,
    field: PlanField,
    change: PlanChange,
    tapped: bool,
) -> Result<Reply, BotError> {
    let locations: Vec<i64> = plan.locations.iter().map(|l| l.get()).collect();
    let after = match to_edit(plan, &change).and_then(|e| e.apply(plan)) {
        Ok(after) => after,
        Err(e) => {
            let problem = format!("⚠️ {e}");
            return ask(ctx, plan, field, locations, Some(problem), tapped).await;
        }
    };
    // Back from a free test's new price goes to the question that asked for it.
    let back_to = match change {
        PlanChange::Paid(_) => PlanField::Test,
        _ => field,
    };
    let mut lines = vec![
        ctx.t_args(
            "admin-plan-edit-confirm",
            &Args::new()
                .text("name", plan.name.to_string())
                .text("field", ctx.t(field_key(field)))
                .html("before", value(ctx, plan, field).await?)
                .html("after", value(ctx, &after, field).await?),
        ),
        String::new(),
    ];
    lines.extend(super::catalog::plan_lines(ctx, &after).await?);
    let keyboard = Keyboard::new()
        .row([ctx.button("admin-btn-save", Action::Catalog(CatalogAction::Confirm))])
        .row([
            ctx.button(
                "btn-back",
                Action::Catalog(CatalogAction::EditPlanField(plan.id, index(back_to))),
            ),
            ctx.button("btn-cancel", Action::Admin(AdminAction::Plan(plan.id))),
        ]);
    let text = lines.join("\n");
    let reply = if tapped {
        Reply::show(text, keyboard)
    } else {
        Reply::send(text, Some(keyboard))
    };
    Ok(reply.state(catalog_flow::state(CatalogStep::EditPlan {
        plan: plan.id.get(),
        field,
        locations,
        change: Some(change),
    })))
}

/// Text typed while a plan field is asked (or its confirmation is open).
pub async fn typed(ctx: &Ctx<'_>, step: CatalogStep, text: &str) -> Result<Reply, BotError> {
    let CatalogStep::EditPlan {
        plan,
        field,
        locations,
        change,
    } = step
    else {
        return Ok(crate::bot::unknown(ctx));
    };
    let plan = match load(ctx, PlanId::new(plan)).await? {
        Ok(plan) => plan,
        Err(reply) => return Ok(reply.state(Conversation::Idle)),
    };
    if change.is_some() {
        return Ok(Reply::send(ctx.t("admin-cat-tap-save"), None));
    }
    match catalog_input::plan_answer(field, text, ctx.deps.i18n.currency()) {
        // The price a free test asked for when it was made a paid plan.
        Ok(PlanChange::Price(p)) if plan.is_test => confirmation(ctx, &plan, field, PlanChange::Paid(p), false).await,
        Ok(change) => confirmation(ctx, &plan, field, change, false).await,
        Err(key) => ask(ctx, &plan, field, locations, Some(format!("⚠️ {}", ctx.t(key))), false).await,
    }
}

/// A button answering the open question about a plan field.
pub async fn answer(ctx: &Ctx<'_>, step: CatalogStep, action: CatalogAction) -> Result<Reply, BotError> {
    let CatalogStep::EditPlan {
        plan,
        field,
        mut locations,
        change,
    } = step
    else {
        return Ok(catalog_flow::expired(ctx));
    };
    let plan = match load(ctx, PlanId::new(plan)).await? {
        Ok(plan) => plan,
        Err(reply) => return Ok(reply),
    };
    let answer = match (action, field, &change) {
        (CatalogAction::Confirm, _, Some(change)) => return save(ctx, &plan, field, change).await,
        (CatalogAction::Back, _, _) => return fields(ctx, plan.id).await,
        (_, _, Some(_)) => return Ok(catalog_flow::expired(ctx)),
        (CatalogAction::Choice(n @ (0 | 1)), PlanField::Renewal, None) => PlanChange::Renewal(n == 1),
        // A free test made paid needs its price first: a paid plan never costs nothing.
        (CatalogAction::Choice(0), PlanField::Test, None)
            if plan.is_test && matches!(plan.kind, PlanKind::Fixed(_)) =>
        {
            let note = format!("ℹ️ {}", ctx.t("admin-plan-paid-needs-price"));
            return ask(ctx, &plan, PlanField::Price, locations, Some(note), true).await;
        }
        (CatalogAction::Choice(n @ (0 | 1)), PlanField::Test, None) => PlanChange::Test(n == 1),
        (CatalogAction::Skip, PlanField::Gb, None) => PlanChange::Gb(0),
        (CatalogAction::Skip, PlanField::IpLimit, None) => PlanChange::IpLimit(0),
        (CatalogAction::Skip, PlanField::Description, None) if plan.description.is_some() => {
            PlanChange::Description(None)
        }
        (CatalogAction::Toggle(location), PlanField::Locations, None) => {
            catalog_flow::flip(&mut locations, location.get());
            return ask(ctx, &plan, field, locations, None, true).await;
        }
        (CatalogAction::Done, PlanField::Locations, None) => PlanChange::Locations(locations),
        _ => return Ok(catalog_flow::expired(ctx)),
    };
    confirmation(ctx, &plan, field, answer, true).await
}

/// "Save": the change through the admin use case, then the plan.
async fn save(ctx: &Ctx<'_>, plan: &Plan, field: PlanField, change: &PlanChange) -> Result<Reply, BotError> {
    let edit = match to_edit(plan, change) {
        Ok(edit) => edit,
        Err(e) => return Ok(failed(ctx, plan.id, &super::explain::plan(ctx, &e))),
    };
    match ctx.deps.catalog.edit_plan(ctx.user.id, plan.id, &edit).await {
        Ok(_) => {
            let note = ctx.t_args("admin-plan-saved", &Args::new().text("field", ctx.t(field_key(field))));
            Ok(super::catalog::plan(ctx, plan.id, Some(note))
                .await?
                .state(Conversation::Idle))
        }
        Err(e @ (OrderError::Plan(_) | OrderError::TestPlanPriced)) => {
            Ok(failed(ctx, plan.id, &super::explain::order(ctx, &e)))
        }
        Err(e) => super::catalog::refused(ctx, e),
    }
}

/// The change was refused (`why`: a sentence, HTML): nothing saved, back to the plan.
fn failed(ctx: &Ctx<'_>, id: PlanId, why: &str) -> Reply {
    let text = ctx.t_args("admin-plan-refused", &Args::new().html("why", why));
    let keyboard = Keyboard::new().row([ctx.button("btn-back", Action::Admin(AdminAction::Plan(id)))]);
    Reply::show(text, keyboard).state(Conversation::Idle)
}
