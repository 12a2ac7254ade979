//! `telegram_update`: Telegram update ids already taken.

use sea_orm::entity::prelude::*;

/// A `telegram_update` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "telegram_update")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Telegram's `update_id` (UNIQUE).
    #[sea_orm(unique)]
    pub update_id: i64,
    /// When it was taken (Unix ms).
    pub received_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
