//! `gateway_payment`: payments through providers (Stars, Zarinpal, Robokassa, …).

use sea_orm::entity::prelude::*;

/// A `gateway_payment` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "gateway_payment")]
pub struct Model {
    /// Row id; our payment id sent to the provider.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The payer (`user.id`).
    pub user_id: i64,
    /// The provider's name (`robokassa`, `stars`, …).
    pub provider: String,
    /// What the wallet receives, shop minor units.
    pub amount: i64,
    /// What the provider collects, its minor units.
    pub charge_minor: i64,
    /// The provider's currency code.
    pub charge_currency: String,
    /// `created`, `paid`, `failed`, `expired` or `refunded`.
    pub status: String,
    /// The provider's id (UNIQUE with `provider`).
    pub provider_ref: Option<String>,
    /// The link the user opens.
    pub pay_url: Option<String>,
    /// Created at (Unix ms).
    pub created_at: i64,
    /// Last change (Unix ms).
    pub updated_at: i64,
    /// The order the payment pays when it lands (`order.id`), if any.
    pub order_id: Option<i64>,
    /// When the order step finished (Unix ms), once.
    pub order_done_at: Option<i64>,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
