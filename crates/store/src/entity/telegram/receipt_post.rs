//! `receipt_post`: where the bot posted a receipt for review, one row per receipt and chat.

use sea_orm::entity::prelude::*;

/// A `receipt_post` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "receipt_post")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The receipt (`receipt_log.id`).
    pub receipt_id: i64,
    /// The Telegram chat (a channel id).
    pub chat_id: i64,
    /// The post's message id in that chat.
    pub message_id: i64,
    /// Posted at (Unix ms).
    pub created_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
