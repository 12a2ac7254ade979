//! `AuditLog` for [`Store`], and [`write_audit`] for other repositories' transactions.

use async_trait::async_trait;
use kernel::{AuditEntryId, Page, PageRequest, StorageError, UserId};
use members::{AuditAction, AuditEntry, AuditLog, AuditQuery, AuditTarget, NewAuditEntry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::Store;
use crate::entity::members::audit_log;
use crate::error::{corrupt, db_err};
use crate::time_ms::{from_ms, to_ms};

/// Appends `entry` on `conn` (pass the transaction of the change it describes).
pub async fn write_audit<C: ConnectionTrait>(conn: &C, entry: &NewAuditEntry) -> Result<AuditEntryId, StorageError> {
    let row = audit_log::ActiveModel {
        id: NotSet,
        actor_id: Set(entry.actor.map(UserId::get)),
        action: Set(entry.action.as_str().to_owned()),
        target: Set(entry.target.as_str().to_owned()),
        detail: Set(entry.detail.to_string()),
        created_at: Set(to_ms(entry.at)),
    }
    .insert(conn)
    .await
    .map_err(db_err)?;
    Ok(AuditEntryId::new(row.id))
}

impl TryFrom<audit_log::Model> for AuditEntry {
    type Error = StorageError;

    fn try_from(row: audit_log::Model) -> Result<Self, Self::Error> {
        Ok(Self {
            id: AuditEntryId::new(row.id),
            actor: row.actor_id.map(UserId::new),
            action: AuditAction::from_stored(row.action),
            target: AuditTarget::from_stored(row.target),
            detail: serde_json::from_str(&row.detail).map_err(|e| corrupt("audit_log", row.id, e))?,
            at: from_ms(row.created_at)?,
        })
    }
}

#[async_trait]
impl AuditLog for Store {
    async fn record(&self, entry: NewAuditEntry) -> Result<AuditEntryId, StorageError> {
        write_audit(self.db(), &entry).await
    }

    async fn list(&self, query: AuditQuery, page: PageRequest) -> Result<Page<AuditEntry>, StorageError> {
        let mut select = audit_log::Entity::find();
        if let Some(actor) = query.actor {
            select = select.filter(audit_log::Column::ActorId.eq(actor.get()));
        }
        if let Some(target) = &query.target {
            select = select.filter(audit_log::Column::Target.eq(target.as_str()));
        }
        if let Some(action) = &query.action {
            // A family has only a-z, 0-9 and dots (checked by the filter): no LIKE wildcard.
            select = if action.is_family() {
                select.filter(audit_log::Column::Action.starts_with(action.as_str()))
            } else {
                select.filter(audit_log::Column::Action.eq(action.as_str()))
            };
        }
        if let Some(since) = query.since {
            select = select.filter(audit_log::Column::CreatedAt.gte(crate::time_ms::to_ms(since)));
        }
        if let Some(until) = query.until {
            select = select.filter(audit_log::Column::CreatedAt.lt(crate::time_ms::to_ms(until)));
        }
        crate::paging::fetch_page(
            self.db(),
            select.order_by_desc(audit_log::Column::Id),
            page,
            AuditEntry::try_from,
        )
        .await
    }

    async fn actions(&self) -> Result<Vec<AuditAction>, StorageError> {
        let names: Vec<String> = audit_log::Entity::find()
            .select_only()
            .column(audit_log::Column::Action)
            .distinct()
            .order_by_asc(audit_log::Column::Action)
            .into_tuple()
            .all(self.db())
            .await
            .map_err(db_err)?;
        Ok(names.into_iter().map(AuditAction::from_stored).collect())
    }
}
