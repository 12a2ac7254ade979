//! The members ports the admin use cases of every subdomain share: role checks through the
//! [`members::Authorizer`] (a refusal is audited as `access.denied` there) and the audit log.

use std::sync::Arc;

use kernel::UserId;
use members::{AccessError, AuditAction, AuditLog, AuditTarget, Authorizer, NewAuditEntry, Role};
use time::OffsetDateTime;

use crate::InventoryError;

/// The members ports the admin operations use.
#[derive(Clone)]
pub(crate) struct AdminPorts {
    pub(crate) access: Arc<dyn Authorizer>,
    pub(crate) audit: Arc<dyn AuditLog>,
}

impl AdminPorts {
    /// Checks that `actor` is an admin for `attempt`; without admin ports every admin use case
    /// is refused.
    pub(crate) async fn check<'a>(
        ports: Option<&'a Self>,
        actor: UserId,
        attempt: &AuditAction,
    ) -> Result<&'a Self, InventoryError> {
        let ports = ports.ok_or(InventoryError::Access(AccessError::Forbidden { needed: Role::Admin }))?;
        ports.access.authorize(actor, Role::Admin, attempt).await?;
        Ok(ports)
    }

    /// Writes what an admin did; the action is done already, so a failure to write is
    /// logged, not returned.
    pub(crate) async fn record(
        &self,
        actor: UserId,
        action: AuditAction,
        target: AuditTarget,
        detail: serde_json::Value,
        at: OffsetDateTime,
    ) {
        let entry = NewAuditEntry::by(actor, action, target.clone(), detail, at);
        if let Err(e) = self.audit.record(entry).await {
            tracing::error!(error = %e, %target, "the panel action was done, but the audit log could not be written");
        }
    }
}
