//! `reminder_log`: each reminder sent, once per service, threshold and term.

use sea_orm::entity::prelude::*;

/// One reminder sent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminder_log")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The client account.
    pub account_id: i64,
    /// Its owner.
    pub user_id: i64,
    /// `notify::ReminderKind::as_str`.
    pub kind: String,
    /// The service's term (`notify::ServiceSnapshot::term`).
    pub term: String,
    /// Sent at (Unix ms).
    pub created_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
