//! `order`: a purchase or renewal and how far its saga got (UNIQUE tracking).

use sea_orm::entity::prelude::*;

/// An order row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Tracking code `OR-…` (UNIQUE).
    #[sea_orm(unique)]
    pub tracking: String,
    /// The buyer.
    pub user_id: i64,
    /// The buyer's Telegram id.
    pub telegram_id: i64,
    /// The plan.
    pub plan_id: i64,
    /// Where the account lives.
    pub location_id: i64,
    /// `purchase` or `renew`.
    pub kind: String,
    /// Renew: the account renewed.
    pub renew_account_id: Option<i64>,
    /// Renew: `add` or `restart`.
    pub renewal_rule: Option<String>,
    /// A free test claim.
    pub is_test: bool,
    /// Bytes bought (0 = unlimited).
    pub volume_bytes: i64,
    /// Days bought.
    pub duration_days: i64,
    /// Simultaneous IPs (0 = no limit).
    pub ip_limit: i64,
    /// Plan price.
    pub price: i64,
    /// Discount taken off.
    pub discount: i64,
    /// Discount code used.
    pub discount_code_id: Option<i64>,
    /// Amount charged.
    pub amount: i64,
    /// `pending`, `paid`, `fulfilled`, `failed`, `expired`.
    pub status: String,
    /// Allocation: inbound.
    pub inbound_id: Option<i64>,
    /// Allocation: client name.
    pub client_name: Option<String>,
    /// Allocation: panel email.
    pub client_email: Option<String>,
    /// Allocation: client key.
    pub client_uuid: Option<String>,
    /// Allocation: subscription id.
    pub sub_id: Option<String>,
    /// The account delivered or renewed, once fulfilled.
    pub account_id: Option<i64>,
    /// Why it failed.
    pub failure: Option<String>,
    /// Created at (Unix ms).
    pub created_at: i64,
    /// Paid at (Unix ms).
    pub paid_at: Option<i64>,
    /// Fulfilled, failed or expired at (Unix ms).
    pub closed_at: Option<i64>,
    /// Last changed at (Unix ms).
    pub updated_at: i64,
    /// Who is delivering the paid order right now (a run's id), if anyone.
    pub delivery_owner: Option<String>,
    /// Until when (Unix ms) the owner holds the delivery; past it another run may take over.
    pub delivery_until: Option<i64>,
    /// How many runs took the delivery so far.
    pub delivery_attempts: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
