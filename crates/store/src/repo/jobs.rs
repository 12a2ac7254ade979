//! `JobLease` for [`Store`]: a conditional UPDATE takes an expired or own lease, an INSERT
//! takes a new one, and the UNIQUE name makes racing instances lose cleanly. No row locks,
//! so it behaves the same on SQLite, PostgreSQL and MySQL.

use async_trait::async_trait;
use kernel::{JobLease, StorageError};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use time::{Duration, OffsetDateTime};

use crate::Store;
use crate::entity::jobs::job_lease;
use crate::error::db_err;
use crate::time_ms::to_ms;

#[async_trait]
impl JobLease for Store {
    async fn try_acquire(
        &self,
        job: &str,
        holder: &str,
        now: OffsetDateTime,
        ttl: Duration,
    ) -> Result<bool, StorageError> {
        let (now_ms, until_ms) = (to_ms(now), to_ms(now + ttl));
        job_lease::Entity::update_many()
            .col_expr(job_lease::Column::Holder, Expr::value(holder))
            .col_expr(job_lease::Column::ExpiresAt, Expr::value(until_ms))
            .filter(job_lease::Column::Name.eq(job))
            .filter(
                Condition::any()
                    .add(job_lease::Column::Holder.eq(holder))
                    .add(job_lease::Column::ExpiresAt.lte(now_ms)),
            )
            .exec(self.db())
            .await
            .map_err(db_err)?;
        // MySQL counts only rows whose values changed, so read back instead of trusting
        // rows_affected.
        match job_lease::Entity::find_by_id(job.to_owned())
            .one(self.db())
            .await
            .map_err(db_err)?
        {
            Some(row) => Ok(row.holder == holder && row.expires_at > now_ms),
            None => {
                let inserted = job_lease::ActiveModel {
                    name: Set(job.to_owned()),
                    holder: Set(holder.to_owned()),
                    expires_at: Set(until_ms),
                }
                .insert(self.db())
                .await;
                match inserted.map_err(db_err) {
                    Ok(_) => Ok(true),
                    Err(StorageError::Conflict(_)) => Ok(false),
                    Err(e) => Err(e),
                }
            }
        }
    }

    async fn release(&self, job: &str, holder: &str) -> Result<(), StorageError> {
        job_lease::Entity::delete_many()
            .filter(job_lease::Column::Name.eq(job))
            .filter(job_lease::Column::Holder.eq(holder))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(())
    }
}
