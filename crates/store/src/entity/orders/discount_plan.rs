//! `discount_plan`: the plans a discount code is for, UNIQUE(code_id, plan_id); a code
//! without rows is for every paid plan.

use sea_orm::entity::prelude::*;

/// One plan of one code.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "discount_plan")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The code.
    pub code_id: i64,
    /// A plan it is for.
    pub plan_id: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
