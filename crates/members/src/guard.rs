//! The one access guard of every admin action, and the start-up pass that makes the config
//! the truth about superadmins.
//!
//! Bot screens, CLI commands and other domain crates ask [`MemberService::authorize`] (or the
//! [`Authorizer`] port) before an admin action. A refusal changes nothing and is written to
//! the audit log as [`MemberService::ACCESS_DENIED`], naming what was attempted.

use kernel::UserId;

use crate::service::not_found_as_unknown;
use crate::{AccessError, AuditAction, AuditTarget, MemberError, MemberService, NewAuditEntry, Role, User};

/// What [`MemberService::sync_superadmins`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuperadminSync {
    /// Registered users the config names who were stored with a lower role.
    pub promoted: Vec<UserId>,
    /// Stored superadmins the config no longer names; they are plain users now.
    pub demoted: Vec<UserId>,
}

impl MemberService {
    /// Audit action of a refused admin attempt.
    pub const ACCESS_DENIED: AuditAction = AuditAction::new("access.denied");
    /// Audit action of a superadmin promoted or demoted to match the config at start.
    pub const SUPERADMIN_SYNC: AuditAction = AuditAction::new("member.superadmin_sync");

    /// The acting user, if they exist, are not blocked and hold at least `role`. A role that
    /// is too low is refused and recorded as [`Self::ACCESS_DENIED`] with `attempt`.
    pub async fn authorize(&self, actor: UserId, role: Role, attempt: &AuditAction) -> Result<User, MemberError> {
        Ok(self.guard(actor, role, attempt).await?)
    }

    pub(crate) async fn guard(&self, actor: UserId, role: Role, attempt: &AuditAction) -> Result<User, AccessError> {
        let user = self.check_active(actor).await?;
        let held = self.effective_role(&user);
        if held >= role {
            return Ok(user);
        }
        tracing::warn!(%actor, %attempt, needed = %role, held = %held, "admin action refused");
        if let Some(audit) = &self.audit {
            let entry = NewAuditEntry::by(
                actor,
                Self::ACCESS_DENIED,
                AuditTarget::user(actor),
                serde_json::json!({ "attempt": attempt.as_str(), "needed": role.code(), "role": held.code() }),
                self.clock.now(),
            );
            if let Err(e) = audit.record(entry).await {
                tracing::error!(error = %e, "cannot record a refused admin attempt");
            }
        }
        Err(AccessError::Forbidden { needed: role })
    }

    /// Makes the stored roles match the config (call at start): registered users the config
    /// names become superadmin, stored superadmins it no longer names become plain users.
    /// Each change is audited with no actor (the system).
    pub async fn sync_superadmins(&self) -> Result<SuperadminSync, MemberError> {
        let mut sync = SuperadminSync::default();
        for telegram_id in &self.config.superadmins {
            if let Some(user) = self.repo.find_by_telegram(*telegram_id).await?
                && user.role != Role::Superadmin
            {
                self.change_role_at_start(&user, Role::Superadmin).await?;
                sync.promoted.push(user.id);
            }
        }
        for user in self.repo.staff().await? {
            if user.role == Role::Superadmin && !self.is_configured_superadmin(&user) {
                self.change_role_at_start(&user, Role::User).await?;
                sync.demoted.push(user.id);
            }
        }
        if !sync.promoted.is_empty() || !sync.demoted.is_empty() {
            tracing::info!(promoted = ?sync.promoted, demoted = ?sync.demoted, "superadmins follow the config");
        }
        Ok(sync)
    }

    async fn change_role_at_start(&self, user: &User, role: Role) -> Result<User, MemberError> {
        let audit = NewAuditEntry {
            actor: None,
            action: Self::SUPERADMIN_SYNC,
            target: AuditTarget::user(user.id),
            detail: serde_json::json!({
                "from": user.role.code(),
                "to": role.code(),
                "reason": "admins.superadmins in the config",
            }),
            at: self.clock.now(),
        };
        self.repo
            .set_role(user.id, role, audit)
            .await
            .map_err(|e| not_found_as_unknown(e, user.id))
    }
}
