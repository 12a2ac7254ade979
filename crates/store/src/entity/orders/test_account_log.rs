//! `test_account_log`: free test claims, UNIQUE(user_id, plan_id).

use sea_orm::entity::prelude::*;

/// One user's claim on one test plan.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "test_account_log")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The user.
    pub user_id: i64,
    /// The test plan.
    pub plan_id: i64,
    /// The order that claimed it.
    pub order_id: i64,
    /// Claimed at (Unix ms).
    pub created_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
