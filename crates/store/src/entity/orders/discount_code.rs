//! `discount_code`: codes buyers type (UNIQUE code) and how often they were used.

use sea_orm::entity::prelude::*;

/// A discount code row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "discount_code")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The code, upper-case (UNIQUE).
    #[sea_orm(unique)]
    pub code: String,
    /// `percent` or `fixed`.
    pub kind: String,
    /// The percentage, or the amount in minor units.
    pub value: i64,
    /// Uses allowed (NULL = unlimited).
    pub usage_limit: Option<i64>,
    /// Uses allowed to one buyer (NULL = no such limit).
    pub per_user_limit: Option<i64>,
    /// Paid orders that used it.
    pub used_count: i64,
    /// Smallest order price accepted.
    pub min_order: i64,
    /// Largest discount given (NULL = no cap).
    pub max_discount: Option<i64>,
    /// Valid from (Unix ms, inclusive).
    pub starts_at: Option<i64>,
    /// Valid until (Unix ms, exclusive).
    pub expires_at: Option<i64>,
    /// Not used since `m20261207_000400_discount_rules` (always NULL): the plans of a code are
    /// in `discount_plan`.
    pub plan_id: Option<i64>,
    /// `active` or `disabled`.
    pub status: String,
    /// Created at (Unix ms).
    pub created_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
