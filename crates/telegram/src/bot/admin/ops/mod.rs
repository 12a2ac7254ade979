//! The shop-operations screens of the admin menu: stats (and, as they land, the audit log and
//! backups). Every tap passes the same guard as the rest of the admin menu first: a refusal
//! is audited and answered like a foreign button.

mod audit;
mod stats;

use members::AuditAction;

use crate::bot::{BotError, Ctx, Reply};
use crate::callback::OpsAction;

/// What an action attempts, as the audit log names it when it is refused.
fn attempt(action: OpsAction) -> AuditAction {
    match action {
        OpsAction::Stats => orders::StatsService::VIEW,
        OpsAction::Audit { .. } => members::MemberService::AUDIT_VIEW,
    }
}

/// A tapped operations button.
pub async fn tap(ctx: &Ctx<'_>, action: OpsAction) -> Result<Reply, BotError> {
    if !super::allowed(ctx, &attempt(action)).await? {
        return Ok(crate::bot::screens::not_yours(ctx));
    }
    match action {
        OpsAction::Stats => stats::show(ctx).await,
        OpsAction::Audit { page, period, family } => audit::show(ctx, page, period, family).await,
    }
}
