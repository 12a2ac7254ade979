//! `client_account`: a VPN client sold to a user.

use sea_orm::entity::prelude::*;

/// A `client_account` row; `name` and `email` are UNIQUE.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "client_account")]
pub struct Model {
    /// Account id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `user.id` of the owner.
    pub user_id: i64,
    /// `inbound.id` it lives on.
    pub inbound_id: i64,
    /// `location.id` of that inbound.
    pub location_id: i64,
    /// The order that created it, if any.
    pub order_id: Option<i64>,
    /// `FR-MoonVPN-1001` (UNIQUE).
    #[sea_orm(unique)]
    pub name: String,
    /// Panel email (UNIQUE).
    #[sea_orm(unique)]
    pub email: String,
    /// Client key on the panel.
    pub client_uuid: String,
    /// Subscription id.
    pub sub_id: String,
    /// Traffic allowed in bytes; 0 = unlimited.
    pub traffic_limit_bytes: i64,
    /// Traffic used in bytes, as last read.
    pub traffic_used_bytes: i64,
    /// Simultaneous IPs; 0 = unlimited.
    pub ip_limit: i64,
    /// Expiry (Unix ms); NULL = never.
    pub expires_at: Option<i64>,
    /// `active`, `expired`, `switched` or `disabled`.
    pub status: String,
    /// Share link.
    #[sea_orm(column_type = "Text")]
    pub config_url: String,
    /// Subscription URL.
    #[sea_orm(column_type = "Text", nullable)]
    pub subscription_url: Option<String>,
    /// Created at (Unix ms).
    pub created_at: i64,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
