//! Discount codes: what they take off, and every reason one can be refused. Their rules are
//! [`DiscountTerms`].

use kernel::{DiscountCodeId, Money, PlanId};
use time::OffsetDateTime;

use crate::DiscountTerms;

/// Why a discount definition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiscountError {
    /// Codes have 3 to 32 characters from `A-Z 0-9 _ -`.
    #[error("a discount code has 3 to 32 letters, digits, '_' or '-'")]
    BadCode,
    /// Percentages go from 1 to 100.
    #[error("a percentage is 1 to 100, got {0}")]
    BadPercent(u32),
    /// A fixed discount must take something off.
    #[error("a fixed discount must be more than zero")]
    ZeroAmount,
    /// A usage limit of zero would refuse everyone; leave it empty for unlimited.
    #[error("a usage limit is at least 1")]
    ZeroUsageLimit,
    /// A per-user limit of zero would refuse everyone; leave it empty for no such limit.
    #[error("a per-user limit is at least 1")]
    ZeroPerUserLimit,
    /// The validity window ends before it starts.
    #[error("the code must become valid before it expires")]
    EmptyWindow,
}

/// A discount code as typed by a buyer: 3–32 characters `[A-Z0-9_-]`, case-insensitive
/// (stored upper-case).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DiscountCode(String);

impl DiscountCode {
    /// Trims, upper-cases and checks a code.
    pub fn parse(raw: &str) -> Result<Self, DiscountError> {
        let code = raw.trim().to_ascii_uppercase();
        let ok_len = (3..=32).contains(&code.len());
        let ok_chars = code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !ok_len || !ok_chars {
            return Err(DiscountError::BadCode);
        }
        Ok(Self(code))
    }

    /// The code, upper-case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DiscountCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A whole percentage from 1 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Percent(u8);

impl Percent {
    /// Checks a percentage.
    pub fn new(value: u32) -> Result<Self, DiscountError> {
        match u8::try_from(value) {
            Ok(p) if (1..=100).contains(&p) => Ok(Self(p)),
            _ => Err(DiscountError::BadPercent(value)),
        }
    }

    /// The percentage.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// What a code takes off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountValue {
    /// A share of the price, rounded down.
    Percent(Percent),
    /// A fixed amount (never more than the price).
    Fixed(Money),
}

/// Whether a code can be used at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiscountStatus {
    /// Usable (subject to its other rules).
    Active,
    /// Switched off by an admin.
    Disabled,
}

impl DiscountStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Disabled => "disabled",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "active" => Some(Self::Active),
            "disabled" => Some(Self::Disabled),
            _ => None,
        }
    }
}

/// Why a code does not apply to this order. Each says what the buyer can do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiscountRefusal {
    /// No such code.
    #[error("there is no discount code like that")]
    NotFound,
    /// An admin switched the code off.
    #[error("this discount code is disabled")]
    Disabled,
    /// The code's validity has not started.
    #[error("this discount code is not valid yet")]
    NotYetValid {
        /// When it becomes valid.
        from: OffsetDateTime,
    },
    /// The code's validity has ended.
    #[error("this discount code has expired")]
    Expired {
        /// When it stopped being valid.
        until: OffsetDateTime,
    },
    /// Every allowed use has been taken.
    #[error("this discount code has been used up")]
    UsageLimitReached,
    /// This buyer has used the code as often as one buyer may.
    #[error("you have already used this discount code as often as it allows ({limit} times)")]
    PerUserLimitReached {
        /// Uses one buyer may make.
        limit: u32,
    },
    /// The order is too small for this code.
    #[error("this discount code needs an order of at least {min:?}")]
    BelowMinimum {
        /// The smallest order price the code accepts.
        min: Money,
    },
    /// The code is limited to other plans (or the plan is a free test).
    #[error("this discount code does not apply to this plan")]
    NotForThisPlan,
}

/// A code on file with its usage so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discount {
    /// Its id.
    pub id: DiscountCodeId,
    /// The code buyers type.
    pub code: DiscountCode,
    /// Its rules.
    pub terms: DiscountTerms,
    /// Paid orders that used it.
    pub used_count: u32,
    /// Active or disabled.
    pub status: DiscountStatus,
    /// When it was created.
    pub created_at: OffsetDateTime,
}

impl Discount {
    /// Checks whether the code may be used now (status, window, usage), without an order.
    pub fn check_usable(&self, now: OffsetDateTime) -> Result<(), DiscountRefusal> {
        if self.status == DiscountStatus::Disabled {
            return Err(DiscountRefusal::Disabled);
        }
        if let Some(from) = self.terms.valid_from()
            && now < from
        {
            return Err(DiscountRefusal::NotYetValid { from });
        }
        if let Some(until) = self.terms.valid_until()
            && now >= until
        {
            return Err(DiscountRefusal::Expired { until });
        }
        if self.terms.usage_limit().is_some_and(|limit| self.used_count >= limit) {
            return Err(DiscountRefusal::UsageLimitReached);
        }
        Ok(())
    }

    /// Checks whether a buyer who has used the code `buyer_uses` times (paid orders not
    /// refunded) may use it once more.
    pub fn check_buyer(&self, buyer_uses: u32) -> Result<(), DiscountRefusal> {
        match self.terms.per_user_limit() {
            Some(limit) if buyer_uses >= limit => Err(DiscountRefusal::PerUserLimitReached { limit }),
            _ => Ok(()),
        }
    }

    /// The amount this code takes off an order for `plan` priced `price` at `now` by a buyer
    /// who has used it `buyer_uses` times, or why it does not apply. Test plans (`is_test`)
    /// never take codes.
    pub fn apply(&self, order: CodedOrder, now: OffsetDateTime, buyer_uses: u32) -> Result<Money, DiscountRefusal> {
        self.check_usable(now)?;
        if order.is_test || !self.terms.covers(order.plan) {
            return Err(DiscountRefusal::NotForThisPlan);
        }
        if order.price < self.terms.min_order() {
            return Err(DiscountRefusal::BelowMinimum {
                min: self.terms.min_order(),
            });
        }
        self.check_buyer(buyer_uses)?;
        Ok(self.terms.amount_off(order.price))
    }
}

/// The order a code is tried on: its plan, whether that is a free test, and its price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodedOrder {
    /// The plan bought.
    pub plan: PlanId,
    /// Whether the plan is a free test (never discounted).
    pub is_test: bool,
    /// The price before the discount.
    pub price: Money,
}

/// A code an admin is creating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDiscount {
    /// The code buyers type (unique).
    pub code: DiscountCode,
    /// Its rules.
    pub terms: DiscountTerms,
    /// Active or disabled from the start.
    pub status: DiscountStatus,
    /// When it was created.
    pub created_at: OffsetDateTime,
}

#[cfg(test)]
#[path = "discount_tests.rs"]
mod tests;
