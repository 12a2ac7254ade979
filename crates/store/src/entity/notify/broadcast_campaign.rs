//! `broadcast_campaign`: one broadcast, its content, audience and status.

use sea_orm::entity::prelude::*;

/// One campaign.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "broadcast_campaign")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The message text (plain).
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// A photo's Telegram `file_id`, if it has one.
    pub photo_file_id: Option<String>,
    /// The URL button's label, if it has one.
    pub button_label: Option<String>,
    /// The URL button's link, if it has one.
    pub button_url: Option<String>,
    /// `notify::broadcast::Audience::code`.
    pub audience: String,
    /// `draft`, `running`, `paused`, `cancelled` or `finished`.
    pub status: String,
    /// The admin who composed it.
    pub created_by: i64,
    /// Composed at (Unix ms).
    pub created_at: i64,
    /// Last started or resumed at (Unix ms).
    pub started_at: Option<i64>,
    /// Recipients tried when it last started or resumed.
    pub done_at_start: i64,
    /// Finished or cancelled at (Unix ms).
    pub ended_at: Option<i64>,
    /// The chat of the message showing its progress.
    pub progress_chat: Option<i64>,
    /// The message showing its progress.
    pub progress_message_id: Option<i64>,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
