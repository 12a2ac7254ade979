//! `account_transfer`: a client account moved to another location.

use sea_orm::entity::prelude::*;

/// An `account_transfer` row; `from_account_id` is UNIQUE (an account moves once).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_transfer")]
pub struct Model {
    /// Transfer id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `user.id` of the owner.
    pub user_id: i64,
    /// The account moved (now `switched`).
    #[sea_orm(unique)]
    pub from_account_id: i64,
    /// The account that carries on.
    pub to_account_id: i64,
    /// Old `location.id`.
    pub from_location_id: i64,
    /// New `location.id`.
    pub to_location_id: i64,
    /// Traffic carried over in bytes; 0 = unlimited.
    pub carried_bytes: i64,
    /// Expiry carried over (Unix ms); NULL = never.
    pub expires_at: Option<i64>,
    /// When (Unix ms).
    pub created_at: i64,
    /// When the old client was removed from its panel (Unix ms); NULL while it may still be
    /// there (its panel was down during the move).
    pub old_client_removed_at: Option<i64>,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
