//! `bank_card`: cards receiving card-to-card payments. The number is encrypted.

use sea_orm::entity::prelude::*;

/// A `bank_card` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank_card")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Name on the card.
    pub holder: String,
    /// Bank name.
    pub bank: String,
    /// The 16 digits, encrypted with the store's cipher.
    pub number_enc: String,
    /// The last four digits, in clear, for display and search.
    pub last4: String,
    /// The owning admin (`user.id`).
    pub owner_id: i64,
    /// Telegram channel for this card's receipts.
    pub channel_id: Option<i64>,
    /// `manual`, `interval` or `load_balance`.
    pub rotation: String,
    /// The interval of `interval` rotation, in seconds.
    pub rotation_every_secs: Option<i64>,
    /// Whether payers may be shown it.
    pub active: bool,
    /// Whether it is the current card.
    pub is_current: bool,
    /// Most it may receive in 24 hours, minor units.
    pub daily_cap: Option<i64>,
    /// Most it may receive in 30 days, minor units.
    pub monthly_cap: Option<i64>,
    /// Bank notification pattern (NULL: the built-in ones).
    pub sms_pattern: Option<String>,
    /// Whether exact unique notification matches approve by themselves.
    pub auto_approve: bool,
    /// Added at (Unix ms).
    pub created_at: i64,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
