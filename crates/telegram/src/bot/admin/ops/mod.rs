//! The shop-operations screens of the admin menu: stats, the audit log, the shop settings
//! and writing to one user. Every tap passes the same guard as the rest of the admin menu
//! first: a refusal is audited and answered like a foreign button.

mod audit;
mod audit_filters;
mod stats;

use members::AuditAction;

use crate::bot::{BotError, Ctx, Reply};
use crate::callback::OpsAction;

/// What an action attempts, as the audit log names it when it is refused.
fn attempt(action: OpsAction) -> AuditAction {
    match action {
        OpsAction::Stats => orders::StatsService::VIEW,
        OpsAction::Audit { .. }
        | OpsAction::AuditActions { .. }
        | OpsAction::AuditActor(_)
        | OpsAction::AuditDays(_) => members::MemberService::AUDIT_VIEW,
        OpsAction::Settings
        | OpsAction::SettingsContact
        | OpsAction::SettingsLanguage
        | OpsAction::SettingsLanguagePick(_) => members::MemberService::SETTINGS_VIEW,
        OpsAction::SettingsContactSave | OpsAction::SettingsLanguageSave(_) => members::MemberService::SETTINGS_SET,
        OpsAction::Message(_) | OpsAction::MessageSend(_) => notify::MessageService::MESSAGE,
    }
}

/// Text typed while the audit browser asks whose actions or which days to show.
pub async fn audit_typed(ctx: &Ctx<'_>, step: &super::AdminStep, text: &str) -> Result<Reply, BotError> {
    match step {
        super::AdminStep::AuditActor { view } => audit_filters::actor_typed(ctx, view, text).await,
        super::AdminStep::AuditDays { view } => audit_filters::days_typed(ctx, view, text).await,
        _ => Ok(Reply::none()),
    }
}

/// A tapped operations button.
pub async fn tap(ctx: &Ctx<'_>, action: OpsAction) -> Result<Reply, BotError> {
    if !super::allowed(ctx, &attempt(action)).await? {
        return Ok(crate::bot::screens::not_yours(ctx));
    }
    match action {
        OpsAction::Stats => stats::show(ctx).await,
        OpsAction::Audit { page, view } => audit::show(ctx, page, view).await,
        OpsAction::AuditActions { family, view } => audit_filters::actions(ctx, family, view).await,
        OpsAction::AuditActor(view) => audit_filters::ask_actor(ctx, view).await,
        OpsAction::AuditDays(view) => audit_filters::ask_days(ctx, view).await,
        OpsAction::Settings => super::settings::show(ctx).await,
        OpsAction::SettingsContact => super::settings::ask_contact(ctx).await,
        OpsAction::SettingsContactSave => super::settings::save_contact(ctx).await,
        OpsAction::SettingsLanguage => super::settings::pick_language(ctx).await,
        OpsAction::SettingsLanguagePick(language) => super::settings::confirm_language(ctx, language).await,
        OpsAction::SettingsLanguageSave(language) => super::settings::save_language(ctx, language).await,
        OpsAction::Message(user) => super::message::ask(ctx, user).await,
        OpsAction::MessageSend(user) => super::message::send(ctx, user).await,
    }
}
