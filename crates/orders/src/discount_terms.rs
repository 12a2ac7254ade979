//! The rules of a discount code: what it takes off, how often it may be used (in total and by
//! one buyer), the smallest order, the largest discount, when it is valid and which plans take
//! it.
//!
//! Rounding: a percentage discount is rounded **down** to the minor unit
//! ([`Money::mul_ratio_floor`]), then capped by the code's maximum and by the price, so a
//! discount never makes an order cost less than nothing.

use std::collections::BTreeSet;

use kernel::{Money, PlanId};
use time::OffsetDateTime;

use crate::{DiscountError, DiscountValue};

/// The rules of a code: its value, limits and validity. Built with [`DiscountTerms::new`] and
/// the `with_*` methods, each of which checks what it sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountTerms {
    value: DiscountValue,
    usage_limit: Option<u32>,
    per_user_limit: Option<u32>,
    min_order: Money,
    max_discount: Option<Money>,
    valid_from: Option<OffsetDateTime>,
    valid_until: Option<OffsetDateTime>,
    plans: BTreeSet<PlanId>,
}

impl DiscountTerms {
    /// Terms with only a value: unlimited uses, no minimum, no cap, always valid, any plan.
    pub fn new(value: DiscountValue) -> Result<Self, DiscountError> {
        if value == DiscountValue::Fixed(Money::ZERO) {
            return Err(DiscountError::ZeroAmount);
        }
        Ok(Self {
            value,
            usage_limit: None,
            per_user_limit: None,
            min_order: Money::ZERO,
            max_discount: None,
            valid_from: None,
            valid_until: None,
            plans: BTreeSet::new(),
        })
    }

    /// At most `limit` paid orders may use the code (`None` = unlimited).
    pub fn with_usage_limit(mut self, limit: Option<u32>) -> Result<Self, DiscountError> {
        if limit == Some(0) {
            return Err(DiscountError::ZeroUsageLimit);
        }
        self.usage_limit = limit;
        Ok(self)
    }

    /// At most `limit` paid orders of one buyer may use the code (`None` = no such limit).
    pub fn with_per_user_limit(mut self, limit: Option<u32>) -> Result<Self, DiscountError> {
        if limit == Some(0) {
            return Err(DiscountError::ZeroPerUserLimit);
        }
        self.per_user_limit = limit;
        Ok(self)
    }

    /// Orders priced below `min` are refused.
    pub fn with_min_order(mut self, min: Money) -> Self {
        self.min_order = min;
        self
    }

    /// The discount never exceeds `cap` (`None` = no cap).
    pub fn with_max_discount(mut self, cap: Option<Money>) -> Self {
        self.max_discount = cap;
        self
    }

    /// Valid from `from` (inclusive) until `until` (exclusive); either end may be open.
    pub fn with_window(
        mut self,
        from: Option<OffsetDateTime>,
        until: Option<OffsetDateTime>,
    ) -> Result<Self, DiscountError> {
        if let (Some(f), Some(u)) = (from, until)
            && u <= f
        {
            return Err(DiscountError::EmptyWindow);
        }
        self.valid_from = from;
        self.valid_until = until;
        Ok(self)
    }

    /// Limits the code to these plans (empty = every paid plan).
    pub fn with_plans(mut self, plans: BTreeSet<PlanId>) -> Self {
        self.plans = plans;
        self
    }

    /// What the code takes off.
    pub fn value(&self) -> DiscountValue {
        self.value
    }

    /// Uses allowed in total (`None` = unlimited).
    pub fn usage_limit(&self) -> Option<u32> {
        self.usage_limit
    }

    /// Uses allowed to one buyer (`None` = no such limit).
    pub fn per_user_limit(&self) -> Option<u32> {
        self.per_user_limit
    }

    /// Smallest order price accepted.
    pub fn min_order(&self) -> Money {
        self.min_order
    }

    /// Largest discount given (`None` = no cap).
    pub fn max_discount(&self) -> Option<Money> {
        self.max_discount
    }

    /// Start of validity.
    pub fn valid_from(&self) -> Option<OffsetDateTime> {
        self.valid_from
    }

    /// End of validity (exclusive).
    pub fn valid_until(&self) -> Option<OffsetDateTime> {
        self.valid_until
    }

    /// The plans it applies to (empty = every paid plan).
    pub fn plans(&self) -> &BTreeSet<PlanId> {
        &self.plans
    }

    /// Whether an order for `plan` may take the code (test plans never do).
    pub fn covers(&self, plan: PlanId) -> bool {
        self.plans.is_empty() || self.plans.contains(&plan)
    }

    /// The amount taken off `price`: percentage rounded down, then capped by the maximum
    /// discount and by the price itself.
    pub fn amount_off(&self, price: Money) -> Money {
        let raw = match self.value {
            DiscountValue::Percent(p) => price.mul_ratio_floor(u64::from(p.get()), 100).unwrap_or(price),
            DiscountValue::Fixed(amount) => amount,
        };
        let capped = self.max_discount.map_or(raw, |cap| raw.min(cap));
        capped.min(price)
    }
}
