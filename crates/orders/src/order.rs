//! Orders: what was bought, for how much, and how far delivery got.

use inventory::Allocation;
use kernel::{ClientAccountId, DiscountCodeId, LocationId, Money, OrderId, PlanId, TelegramId, TrackingCode, UserId};
use time::OffsetDateTime;

use crate::{OrderStatus, Quote, RenewalRule};

/// What an order delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderKind {
    /// A new client account.
    Purchase,
    /// More traffic and time on an existing account.
    Renew {
        /// The account renewed.
        account: ClientAccountId,
        /// How the renewal treats what is left (copied from the plan when ordered).
        rule: RenewalRule,
    },
}

/// How the order's price was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pricing {
    /// The plan's price for what was chosen.
    pub price: Money,
    /// Taken off by the discount code (0 without one).
    pub discount: Money,
    /// The code used, if any.
    pub discount_code: Option<DiscountCodeId>,
    /// What the wallet is charged: `price - discount`.
    pub amount: Money,
}

impl Pricing {
    /// Pricing without a discount.
    pub fn full(price: Money) -> Self {
        Self {
            price,
            discount: Money::ZERO,
            discount_code: None,
            amount: price,
        }
    }

    /// Pricing with `discount` off `price` by `code`; the discount is capped at the price.
    pub fn discounted(price: Money, discount: Money, code: DiscountCodeId) -> Self {
        let discount = discount.min(price);
        Self {
            price,
            discount,
            discount_code: Some(code),
            amount: price.saturating_sub(discount),
        }
    }
}

/// An order about to be stored (status `Pending`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrder {
    /// The code support and the user quote (`OR-…`).
    pub tracking: TrackingCode,
    /// The buyer.
    pub user: UserId,
    /// The buyer's Telegram id (the panel client carries it).
    pub telegram_id: TelegramId,
    /// The plan bought.
    pub plan: PlanId,
    /// Where the account lives.
    pub location: LocationId,
    /// Purchase or renewal.
    pub kind: OrderKind,
    /// Whether this is a free test-plan claim (one per user and plan).
    pub is_test: bool,
    /// Traffic and days bought, and the plan price.
    pub quote: Quote,
    /// Simultaneous IPs allowed (copied from the plan).
    pub ip_limit: kernel::CountLimit,
    /// Price, discount, amount charged.
    pub pricing: Pricing,
    /// When it was created.
    pub created_at: OffsetDateTime,
}

/// An order on file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// Its id.
    pub id: OrderId,
    /// The code support and the user quote (`OR-…`).
    pub tracking: TrackingCode,
    /// The buyer.
    pub user: UserId,
    /// The buyer's Telegram id.
    pub telegram_id: TelegramId,
    /// The plan bought.
    pub plan: PlanId,
    /// Where the account lives.
    pub location: LocationId,
    /// Purchase or renewal.
    pub kind: OrderKind,
    /// Whether this is a free test-plan claim.
    pub is_test: bool,
    /// Traffic and days bought, and the plan price.
    pub quote: Quote,
    /// Simultaneous IPs allowed.
    pub ip_limit: kernel::CountLimit,
    /// Price, discount, amount charged.
    pub pricing: Pricing,
    /// Where it is in its life.
    pub status: OrderStatus,
    /// The panel identity reserved for a purchase, stored before the panel is called so a
    /// retry reuses it.
    pub allocation: Option<Allocation>,
    /// The account delivered (purchase) or renewed.
    pub account: Option<ClientAccountId>,
    /// Why it failed, for the user and support.
    pub failure: Option<String>,
    /// When it was created.
    pub created_at: OffsetDateTime,
    /// When it was paid.
    pub paid_at: Option<OffsetDateTime>,
    /// When it became fulfilled, failed or expired.
    pub closed_at: Option<OffsetDateTime>,
    /// How many delivery runs took it so far (the saga gives up after its bounded attempts).
    pub delivery_attempts: u32,
}

impl Order {
    /// The stored order with id `id`, fresh from `new` (pending, nothing delivered).
    pub fn from_new(id: OrderId, new: NewOrder) -> Self {
        Self {
            id,
            tracking: new.tracking,
            user: new.user,
            telegram_id: new.telegram_id,
            plan: new.plan,
            location: new.location,
            kind: new.kind,
            is_test: new.is_test,
            quote: new.quote,
            ip_limit: new.ip_limit,
            pricing: new.pricing,
            status: OrderStatus::Pending,
            allocation: None,
            account: None,
            failure: None,
            created_at: new.created_at,
            paid_at: None,
            closed_at: None,
            delivery_attempts: 0,
        }
    }

    /// The amount the wallet is (or was) charged.
    pub fn amount(&self) -> Money {
        self.pricing.amount
    }

    /// The account a renewal order renews.
    pub fn renews(&self) -> Option<ClientAccountId> {
        match self.kind {
            OrderKind::Renew { account, .. } => Some(account),
            OrderKind::Purchase => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(minor: i64) -> Money {
        Money::from_minor(minor).unwrap()
    }

    #[test]
    fn the_amount_charged_is_the_price_less_the_discount() {
        let p = Pricing::discounted(money(10_000), money(1_500), DiscountCodeId::new(1));
        assert_eq!(p.amount, money(8_500));
        assert_eq!(Pricing::full(money(700)).amount, money(700));
    }

    #[test]
    fn a_discount_never_makes_the_amount_negative() {
        let p = Pricing::discounted(money(1_000), money(5_000), DiscountCodeId::new(1));
        assert_eq!(p.discount, money(1_000));
        assert_eq!(p.amount, Money::ZERO);
    }
}
