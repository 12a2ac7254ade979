//! `broadcast_recipient`: one user a started campaign goes to, and how their try ended.

use sea_orm::entity::prelude::*;

/// One recipient.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "broadcast_recipient")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The campaign.
    pub campaign_id: i64,
    /// The user.
    pub user_id: i64,
    /// `pending`, `sending`, `sent`, `failed`, `blocked` or `left`.
    pub state: String,
    /// Why Telegram refused, for `failed`.
    pub error: Option<String>,
    /// When its try began (Unix ms).
    pub claimed_at: Option<i64>,
    /// When its try ended (Unix ms).
    pub settled_at: Option<i64>,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
