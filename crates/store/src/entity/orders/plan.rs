//! `plan`: what is on sale. Fixed plans fill `volume_bytes`/`duration_days`/`price`, dynamic
//! plans the per-unit prices and ranges.

use sea_orm::entity::prelude::*;

/// A plan row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Display name.
    pub name: String,
    /// What buyers read about it besides its terms (added by `m20261207_000100_plan_description`).
    pub description: Option<String>,
    /// `fixed` or `dynamic`.
    pub kind: String,
    /// Fixed: bytes sold (0 = unlimited).
    pub volume_bytes: Option<i64>,
    /// Fixed: days sold.
    pub duration_days: Option<i64>,
    /// Fixed: price in minor units.
    pub price: Option<i64>,
    /// Dynamic: price of one GB.
    pub price_per_gb: Option<i64>,
    /// Dynamic: price of one day.
    pub price_per_day: Option<i64>,
    /// Dynamic: smallest GB.
    pub min_gb: Option<i64>,
    /// Dynamic: largest GB.
    pub max_gb: Option<i64>,
    /// Dynamic: fewest days.
    pub min_days: Option<i64>,
    /// Dynamic: most days.
    pub max_days: Option<i64>,
    /// A free test plan.
    pub is_test: bool,
    /// `add` or `restart`.
    pub renewal: String,
    /// Simultaneous IPs (0 = no limit).
    pub ip_limit: i64,
    /// On sale.
    pub active: bool,
    /// Created at (Unix ms).
    pub created_at: i64,
    /// Last changed at (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
