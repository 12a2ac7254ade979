//! `receipt_log`: card-to-card receipts and their review.

use sea_orm::entity::prelude::*;

/// A `receipt_log` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "receipt_log")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The payer (`user.id`).
    pub user_id: i64,
    /// The card paid into (`bank_card.id`).
    pub card_id: i64,
    /// The unique amount to transfer, minor units.
    pub amount: i64,
    /// What the payer typed.
    pub text: Option<String>,
    /// Telegram file id of the receipt photo.
    pub photo_file_id: Option<String>,
    /// `pending`, `approved`, `rejected` or `expired`.
    pub status: String,
    /// Tracking code (UNIQUE).
    #[sea_orm(unique)]
    pub tracking_code: String,
    /// Sent at (Unix ms).
    pub submitted_at: i64,
    /// Deadline for review (Unix ms).
    pub expires_at: i64,
    /// The deciding admin (`user.id`).
    pub decided_by: Option<i64>,
    /// Decided or expired at (Unix ms).
    pub decided_at: Option<i64>,
    /// Why it was rejected.
    pub reject_reason: Option<String>,
    /// The amount asked for (NULL on rows from before requests: then `amount`).
    pub requested_amount: Option<i64>,
    /// What approval credited.
    pub credited_amount: Option<i64>,
    /// Comma-separated flag codes.
    pub flags: String,
    /// Telegram `file_unique_id` of the photo.
    pub photo_unique_id: Option<String>,
    /// `amount` while the request is pending, NULL after (UNIQUE).
    #[sea_orm(unique)]
    pub open_amount: Option<i64>,
    /// The order this receipt pays for (`order.id`), NULL for a plain top-up.
    pub order_id: Option<i64>,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
