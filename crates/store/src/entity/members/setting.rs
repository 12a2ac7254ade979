//! `setting`: the shop's run-time settings, one row per key.

use sea_orm::entity::prelude::*;

/// A `setting` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "setting")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The setting's key (UNIQUE).
    #[sea_orm(unique)]
    pub key: String,
    /// The value as text.
    pub value: String,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
