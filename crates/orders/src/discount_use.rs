//! Uses of discount codes: the one a payment records (decided here, applied by the store in
//! the payment's transaction) and the ones admins read back.

use kernel::{DiscountCodeId, Money, OrderId, TelegramId, UserId};
use time::OffsetDateTime;

/// The use of a code that paying an order records. The store keeps it under a UNIQUE
/// `(code, buyer, number)` index: with a per-buyer limit the number is a free slot in
/// `1..=limit`, so two payments racing for the last slot cannot both take it; the use is
/// given back when the order is refunded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscountUse {
    /// The code.
    pub code: DiscountCodeId,
    /// The buyer.
    pub buyer: UserId,
    /// What it took off the order.
    pub amount: Money,
    /// Uses one buyer may make (`None`: no such limit), as the code had it when the order
    /// was paid.
    pub per_user_limit: Option<u32>,
}

/// A recorded use of a code, as admins read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountUseRecord {
    /// The buyer's how-many-th use of the code (its slot).
    pub number: u32,
    /// The buyer.
    pub buyer: UserId,
    /// The buyer's Telegram id.
    pub buyer_telegram: TelegramId,
    /// The buyer's Telegram username, if known.
    pub buyer_username: Option<String>,
    /// The order that used it.
    pub order: OrderId,
    /// The order's tracking code.
    pub tracking: String,
    /// What it took off.
    pub amount: Money,
    /// When the order was paid.
    pub at: OffsetDateTime,
}
