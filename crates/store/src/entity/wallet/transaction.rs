//! `transaction`: the append-only wallet ledger.

use sea_orm::entity::prelude::*;

/// A ledger row. `amount` is signed: credits positive, debits negative, so
/// `user.balance == SUM(amount)` for every user.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transaction")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Whose wallet.
    pub user_id: i64,
    /// `deposit`, `purchase`, `refund`, `adjustment`.
    pub kind: String,
    /// Signed change in minor units.
    pub amount: i64,
    /// Balance right after this row.
    pub balance_after: i64,
    /// Idempotency key (UNIQUE).
    #[sea_orm(unique)]
    pub idempotency_key: String,
    /// Tracking code (UNIQUE).
    #[sea_orm(unique)]
    pub tracking_code: String,
    /// Reason or description.
    pub note: Option<String>,
    /// Appended at (Unix ms).
    pub created_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
