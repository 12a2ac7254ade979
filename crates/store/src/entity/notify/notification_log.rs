//! `notification_log`: the outbox of notices and their delivery state.

use sea_orm::entity::prelude::*;

/// One notice.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_log")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The recipient user, or NULL for "all admins".
    pub user_id: Option<i64>,
    /// The notice kind (`receipt_approved`, …), for querying.
    pub kind: String,
    /// The whole `NewNotice` as JSON.
    pub payload: String,
    /// `pending`, `sent`, `failed`.
    pub status: String,
    /// Delivery attempts so far.
    pub attempts: i32,
    /// Last delivery error.
    pub last_error: Option<String>,
    /// When the next attempt is due (Unix ms).
    pub next_attempt_at: i64,
    /// Written at (Unix ms).
    pub created_at: i64,
    /// Delivered at (Unix ms).
    pub sent_at: Option<i64>,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
