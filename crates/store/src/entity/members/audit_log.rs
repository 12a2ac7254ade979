//! `audit_log`: who did what to what, append-only.

use sea_orm::entity::prelude::*;

/// An `audit_log` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The acting user (`user.id`); NULL for the system.
    pub actor_id: Option<i64>,
    /// What was done (`receipt.approve`).
    pub action: String,
    /// What it was done to (`receipt:7`).
    pub target: String,
    /// Details as JSON text.
    pub detail: String,
    /// When (Unix ms).
    pub created_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
