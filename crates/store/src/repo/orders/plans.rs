//! `PlanRepo` for [`Store`]: a plan and its locations are written together.

use async_trait::async_trait;
use kernel::{LocationId, PlanId, StorageError};
use members::{AuditTarget, NewAuditEntry};
use orders::{NewPlan, Plan, PlanKind, PlanRepo};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set};
use time::OffsetDateTime;

use super::rows::{DYNAMIC, FIXED, plan_from_rows, to_i64};
use crate::Store;
use crate::entity::orders::{plan, plan_location};
use crate::error::db_err;
use crate::repo::members::write_audit;
use crate::time_ms::to_ms;

fn fill(row: &mut plan::ActiveModel, p: &NewPlan) -> Result<(), StorageError> {
    row.name = Set(p.name.as_str().to_owned());
    row.description = Set(p.description.as_ref().map(|d| d.as_str().to_owned()));
    row.is_test = Set(p.is_test);
    row.renewal = Set(p.renewal.as_str().to_owned());
    row.ip_limit = Set(i64::from(crate::repo::limit_column::count(p.ip_limit)));
    row.active = Set(p.active);
    let none = || Set(None);
    match p.kind {
        PlanKind::Fixed(t) => {
            row.kind = Set(FIXED.into());
            row.volume_bytes = Set(Some(to_i64(crate::repo::limit_column::bytes(t.volume_bytes()))?));
            row.duration_days = Set(Some(i64::from(t.duration_days())));
            row.price = Set(Some(t.price().minor()));
            (row.price_per_gb, row.price_per_day) = (none(), none());
            (row.min_gb, row.max_gb, row.min_days, row.max_days) = (none(), none(), none(), none());
        }
        PlanKind::Dynamic(t) => {
            row.kind = Set(DYNAMIC.into());
            (row.volume_bytes, row.duration_days, row.price) = (none(), none(), none());
            row.price_per_gb = Set(Some(t.price_per_gb().minor()));
            row.price_per_day = Set(Some(t.price_per_day().minor()));
            let ((min_gb, max_gb), (min_days, max_days)) = (t.gb_range(), t.days_range());
            row.min_gb = Set(Some(i64::from(min_gb)));
            row.max_gb = Set(Some(i64::from(max_gb)));
            row.min_days = Set(Some(i64::from(min_days)));
            row.max_days = Set(Some(i64::from(max_days)));
        }
    }
    Ok(())
}

fn as_new(p: &Plan) -> NewPlan {
    NewPlan {
        name: p.name.clone(),
        description: p.description.clone(),
        kind: p.kind,
        locations: p.locations.clone(),
        is_test: p.is_test,
        renewal: p.renewal,
        ip_limit: p.ip_limit,
        active: p.active,
    }
}

async fn write_locations<C: ConnectionTrait>(
    conn: &C,
    plan: i64,
    locations: &[LocationId],
) -> Result<(), StorageError> {
    plan_location::Entity::delete_many()
        .filter(plan_location::Column::PlanId.eq(plan))
        .exec(conn)
        .await
        .map_err(db_err)?;
    for location in locations {
        plan_location::ActiveModel {
            id: NotSet,
            plan_id: Set(plan),
            location_id: Set(location.get()),
        }
        .insert(conn)
        .await
        .map_err(db_err)?;
    }
    Ok(())
}

async fn with_locations<C: ConnectionTrait>(conn: &C, rows: Vec<plan::Model>) -> Result<Vec<Plan>, StorageError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let locations = plan_location::Entity::find()
        .filter(plan_location::Column::PlanId.is_in(ids))
        .all(conn)
        .await
        .map_err(db_err)?;
    rows.into_iter().map(|r| plan_from_rows(r, &locations)).collect()
}

/// Every plan with its locations, by id, read from `conn` (what the catalog cache keeps).
pub(crate) async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<Plan>, StorageError> {
    let rows = plan::Entity::find()
        .order_by_asc(plan::Column::Id)
        .all(conn)
        .await
        .map_err(db_err)?;
    with_locations(conn, rows).await
}

#[async_trait]
impl PlanRepo for Store {
    async fn insert_plan(&self, new: &NewPlan, audit: Option<NewAuditEntry>) -> Result<Plan, StorageError> {
        let now = to_ms(OffsetDateTime::now_utc());
        let mut row = plan::ActiveModel {
            id: NotSet,
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        fill(&mut row, new)?;
        let txn = crate::tx::begin(self.db()).await?;
        let stored = row.insert(&txn).await.map_err(db_err)?;
        let locations: Vec<LocationId> = new.locations.iter().copied().collect();
        write_locations(&txn, stored.id, &locations).await?;
        if let Some(audit) = audit {
            let audit = NewAuditEntry {
                target: AuditTarget::new("plan", stored.id),
                ..audit
            };
            write_audit(&txn, &audit).await?;
        }
        txn.commit().await.map_err(db_err)?;
        self.catalog_changed();
        Ok(Plan::from_new(PlanId::new(stored.id), new.clone()))
    }

    async fn update_plan(&self, p: &Plan, audit: Option<NewAuditEntry>) -> Result<(), StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let existing = plan::Entity::find_by_id(p.id.get())
            .one(&txn)
            .await
            .map_err(db_err)?
            .ok_or_else(|| StorageError::NotFound(format!("plan {}", p.id)))?;
        let mut row: plan::ActiveModel = existing.into();
        fill(&mut row, &as_new(p))?;
        row.updated_at = Set(to_ms(OffsetDateTime::now_utc()));
        row.update(&txn).await.map_err(db_err)?;
        let locations: Vec<LocationId> = p.locations.iter().copied().collect();
        write_locations(&txn, p.id.get(), &locations).await?;
        if let Some(audit) = audit {
            write_audit(&txn, &audit).await?;
        }
        txn.commit().await.map_err(db_err)?;
        self.catalog_changed();
        Ok(())
    }

    /// Read from the database, not the kept catalog: an admin's edit builds on this reading,
    /// and one a few seconds old would write back what another process changed meanwhile.
    async fn plan(&self, id: PlanId) -> Result<Option<Plan>, StorageError> {
        let Some(row) = plan::Entity::find_by_id(id.get())
            .one(self.read())
            .await
            .map_err(db_err)?
        else {
            return Ok(None);
        };
        Ok(with_locations(self.read(), vec![row]).await?.pop())
    }

    async fn plans(&self, active_only: bool) -> Result<Vec<Plan>, StorageError> {
        Ok(self.catalog().await?.plans(active_only))
    }

    async fn plans_at(&self, location: LocationId) -> Result<Vec<Plan>, StorageError> {
        Ok(self.catalog().await?.plans_at(location))
    }
}
