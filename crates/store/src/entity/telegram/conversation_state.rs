//! `conversation_state`: what a chat is in the middle of, one row per chat.

use sea_orm::entity::prelude::*;

/// A `conversation_state` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversation_state")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Telegram chat id (UNIQUE).
    #[sea_orm(unique)]
    pub chat_id: i64,
    /// The state as JSON text.
    pub state: String,
    /// Bumped by every save (compare-and-set).
    pub version: i64,
    /// Last save (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
