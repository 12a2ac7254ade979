//! `job_lease`: who runs which background job until when.

use sea_orm::entity::prelude::*;

/// One job's lease.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_lease")]
pub struct Model {
    /// The job's name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// The instance holding it.
    pub holder: String,
    /// When the lease runs out (Unix ms).
    pub expires_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
