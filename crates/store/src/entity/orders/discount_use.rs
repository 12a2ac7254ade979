//! `discount_use`: one row per paid order that used a code, UNIQUE(code_id, user_id, number)
//! and UNIQUE(order_id); deleted when the order is refunded.

use sea_orm::entity::prelude::*;

/// One use of one code by one buyer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "discount_use")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The code.
    pub code_id: i64,
    /// The buyer.
    pub user_id: i64,
    /// The order.
    pub order_id: i64,
    /// The buyer's slot: with a per-buyer limit, a number in `1..=limit`.
    pub number: i64,
    /// What it took off, in minor units.
    pub amount: i64,
    /// When the order was paid (Unix ms).
    pub created_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
