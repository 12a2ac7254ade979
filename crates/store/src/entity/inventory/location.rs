//! `location`: a human-readable group of panels ("France", prefix `FR`).

use sea_orm::entity::prelude::*;

/// A `location` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "location")]
pub struct Model {
    /// Location id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Display name (UNIQUE).
    #[sea_orm(unique)]
    pub name: String,
    /// Client-name prefix, e.g. `FR` (UNIQUE).
    #[sea_orm(unique)]
    pub prefix: String,
    /// The number the next client name here gets; only ever grows.
    pub next_client_number: i64,
    /// On sale.
    pub active: bool,
    /// Added at (Unix ms).
    pub created_at: i64,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
