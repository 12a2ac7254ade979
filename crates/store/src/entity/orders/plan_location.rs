//! `plan_location`: where a plan is sold (UNIQUE(plan_id, location_id)).

use sea_orm::entity::prelude::*;

/// One location a plan is sold at.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_location")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The plan.
    pub plan_id: i64,
    /// The location.
    pub location_id: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
