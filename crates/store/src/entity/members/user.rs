//! `user`: one row per Telegram user; also holds the wallet balance the ledger adds up to.

use sea_orm::entity::prelude::*;

/// A `user` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user")]
pub struct Model {
    /// MoonVPN user id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Telegram user id (UNIQUE).
    #[sea_orm(unique)]
    pub telegram_id: i64,
    /// Telegram @username without the @, if any.
    pub username: Option<String>,
    /// Telegram first name.
    pub first_name: Option<String>,
    /// `en`, `fa` or `ru`.
    pub language: String,
    /// `user`, `seller`, `admin` or `superadmin`.
    pub role: String,
    /// `active` or `blocked` (by an admin).
    pub status: String,
    /// The user blocked the bot (Telegram 403).
    pub bot_blocked: bool,
    /// Wallet balance in minor units; equals the sum of the user's ledger rows.
    pub balance: i64,
    /// Registered at (Unix ms).
    pub created_at: i64,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
