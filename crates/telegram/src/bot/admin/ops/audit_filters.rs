//! The audit browser's filter screens (superadmins): 🏷 Action picks a family of the actions
//! the log holds, then the whole family or one action; 👤 Actor and 📅 Days ask a question
//! answered by text (a Telegram id, @username, tracking code or #id; one day or two, Gregorian
//! or Persian). Each checks the superadmin role through a members use case first, so an admin
//! is refused, and the attempt audited, even before a question is asked.

use members::{AuditActionFilter, AuditDays, MemberService, Role, UserRef};

use super::audit::{open, refused, show};
use crate::bot::admin::AdminStep;
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AuditView, OpsAction};
use crate::i18n::Args;
use crate::keyboard::{Button, Keyboard};

/// The superadmin check of a question (a refusal is audited as `audit.view`).
async fn superadmin(ctx: &Ctx<'_>) -> Result<Option<Reply>, BotError> {
    match ctx
        .deps
        .members
        .authorize(ctx.user.id, Role::Superadmin, &MemberService::AUDIT_VIEW)
        .await
    {
        Ok(_) => Ok(None),
        Err(e) => refused(ctx, e).map(Some),
    }
}

fn cancel(ctx: &Ctx<'_>, view: AuditView) -> Keyboard {
    Keyboard::new().row([ctx.button("btn-cancel", open(0, view))])
}

/// Buttons two a row.
fn pairs(buttons: Vec<Button>) -> Keyboard {
    buttons
        .chunks(2)
        .fold(Keyboard::new(), |keyboard, row| keyboard.row(row.to_vec()))
}

/// The action picker: the families (`family` 0) or one family's actions.
pub async fn actions(ctx: &Ctx<'_>, family: u16, view: AuditView) -> Result<Reply, BotError> {
    let choices = match ctx.deps.members.audit_actions(ctx.user.id).await {
        Ok(choices) => choices,
        Err(e) => return refused(ctx, e),
    };
    let pick = |n: usize| AuditView {
        action: u16::try_from(n + 1).unwrap_or(0),
        ..view
    };
    let chosen = usize::from(family)
        .checked_sub(1)
        .and_then(|n| choices.get(n).filter(|c| c.is_family()).map(|c| (n, c)));
    if let Some((n, family)) = chosen {
        let mut buttons = vec![ctx.button_text(
            ctx.t_args("ops-audit-family-all", &Args::new().text("family", family.as_str())),
            open(0, pick(n)),
        )];
        buttons.extend(
            choices
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_family() && c.as_str().starts_with(family.as_str()))
                .map(|(m, c)| ctx.button_text(c.as_str().to_owned(), open(0, pick(m)))),
        );
        let keyboard =
            pairs(buttons).row([ctx.button("btn-back", Action::Ops(OpsAction::AuditActions { family: 0, view }))]);
        let text = ctx.t_args("ops-audit-family-ask", &Args::new().text("family", family.as_str()));
        return Ok(Reply::show(text, keyboard));
    }
    let families: Vec<&AuditActionFilter> = choices.iter().filter(|c| c.is_family()).collect();
    let buttons = choices
        .iter()
        .enumerate()
        .filter_map(|(n, c)| {
            let code = u16::try_from(n + 1).ok()?;
            if c.is_family() {
                Some(ctx.button_text(
                    format!("{}…", c.as_str()),
                    Action::Ops(OpsAction::AuditActions { family: code, view }),
                ))
            } else if families
                .iter()
                .any(|f| f.matches(&members::AuditAction::from_stored(c.to_string())))
            {
                None
            } else {
                Some(ctx.button_text(c.as_str().to_owned(), open(0, pick(n))))
            }
        })
        .collect();
    let keyboard = pairs(buttons)
        .row([ctx.button("ops-audit-all-actions", open(0, AuditView { action: 0, ..view }))])
        .row([ctx.button("btn-back", open(0, view))]);
    Ok(Reply::show(ctx.t("ops-audit-actions-ask"), keyboard))
}

/// Asks whose actions to show.
pub async fn ask_actor(ctx: &Ctx<'_>, view: AuditView) -> Result<Reply, BotError> {
    if let Some(refusal) = superadmin(ctx).await? {
        return Ok(refusal);
    }
    Ok(
        Reply::show(ctx.t("ops-audit-actor-ask"), cancel(ctx, view)).state(Conversation::Admin {
            step: AdminStep::AuditActor { view: view.to_wire() },
        }),
    )
}

/// Asks which days to show.
pub async fn ask_days(ctx: &Ctx<'_>, view: AuditView) -> Result<Reply, BotError> {
    if let Some(refusal) = superadmin(ctx).await? {
        return Ok(refusal);
    }
    Ok(Reply::show(
        ctx.t_args(
            "ops-audit-days-ask",
            &Args::new().text("zone", members::zone_name(ctx.deps.members.utc_offset())),
        ),
        cancel(ctx, view),
    )
    .state(Conversation::Admin {
        step: AdminStep::AuditDays { view: view.to_wire() },
    }))
}

/// The view a question was asked under (stored in the chat's state).
fn stored(view: &str) -> AuditView {
    let args: Vec<&str> = view.split(':').collect();
    AuditView::from_wire(&args).unwrap_or_default()
}

/// A refusal of a typed answer: the message, and the question closed.
async fn typed_refusal(ctx: &Ctx<'_>) -> Result<Option<Reply>, BotError> {
    Ok(superadmin(ctx)
        .await?
        .map(|_| Reply::send(ctx.t("admin-need-superadmin"), None).state(Conversation::Idle)))
}

/// The actor arrived: the log of what they did, or why nobody matches (the question stays).
pub async fn actor_typed(ctx: &Ctx<'_>, view: &str, text: &str) -> Result<Reply, BotError> {
    if let Some(refusal) = typed_refusal(ctx).await? {
        return Ok(refusal);
    }
    let view = stored(view);
    let found = match UserRef::parse(text) {
        Ok(named) => ctx.deps.members.find(&named).await?,
        Err(_) => None,
    };
    match found {
        Some(user) => Ok(show(
            ctx,
            0,
            AuditView {
                actor: Some(user.id),
                ..view
            },
        )
        .await?
        .state(Conversation::Idle)),
        None => Ok(Reply::send(
            ctx.t_args("ops-audit-actor-none", &Args::new().text("query", text.trim())),
            Some(cancel(ctx, view)),
        )),
    }
}

/// The days arrived: the log of those days, or how to write them (the question stays).
pub async fn days_typed(ctx: &Ctx<'_>, view: &str, text: &str) -> Result<Reply, BotError> {
    if let Some(refusal) = typed_refusal(ctx).await? {
        return Ok(refusal);
    }
    let view = stored(view);
    match AuditDays::parse(text) {
        Ok(days) => Ok(show(
            ctx,
            0,
            AuditView {
                from: Some(days.from()),
                to: Some(days.to()),
                ..view
            },
        )
        .await?
        .state(Conversation::Idle)),
        Err(_) => Ok(Reply::send(
            ctx.t_args("ops-audit-days-invalid", &Args::new().text("text", text.trim())),
            Some(cancel(ctx, view)),
        )),
    }
}
