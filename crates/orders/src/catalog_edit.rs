//! Changes an admin makes to a plan or a discount code: only the fields given change, and the
//! result is checked by the same constructors a new plan or code goes through.

use std::collections::BTreeSet;

use kernel::{ByteLimit, CountLimit, LocationId, Money, PlanId};
use time::OffsetDateTime;

use crate::{
    DiscountError, DiscountTerms, DiscountValue, DynamicTerms, FixedTerms, Plan, PlanDescription, PlanError, PlanKind,
    PlanName, RenewalRule,
};

/// What to change on a plan; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanEdit {
    /// A new display name.
    pub name: Option<PlanName>,
    /// A new description (`Some(None)` removes it).
    pub description: Option<Option<PlanDescription>>,
    /// Fixed plans: a new price.
    pub price: Option<Money>,
    /// Fixed plans: new days of service.
    pub days: Option<u32>,
    /// Fixed plans: new traffic in bytes.
    pub volume_bytes: Option<ByteLimit>,
    /// Dynamic plans: a new price of one GB.
    pub price_per_gb: Option<Money>,
    /// Dynamic plans: a new price of one day.
    pub price_per_day: Option<Money>,
    /// Dynamic plans: the GB a buyer may pick.
    pub gb_range: Option<(u32, u32)>,
    /// Dynamic plans: the days a buyer may pick.
    pub days_range: Option<(u32, u32)>,
    /// Where it is sold (replaces the whole set).
    pub locations: Option<BTreeSet<LocationId>>,
    /// Whether it is a free test plan.
    pub is_test: Option<bool>,
    /// How renewing treats what is left.
    pub renewal: Option<RenewalRule>,
    /// Devices at once per account.
    pub ip_limit: Option<CountLimit>,
    /// On sale or not.
    pub active: Option<bool>,
}

impl PlanEdit {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// `plan` with these changes, checked.
    pub fn apply(&self, plan: &Plan) -> Result<Plan, PlanError> {
        let mut out = plan.clone();
        out.kind = match plan.kind {
            PlanKind::Fixed(t) => {
                self.refuse_dynamic_terms()?;
                PlanKind::Fixed(FixedTerms::new(
                    self.volume_bytes.unwrap_or(t.volume_bytes()),
                    self.days.unwrap_or(t.duration_days()),
                    self.price.unwrap_or(t.price()),
                )?)
            }
            PlanKind::Dynamic(t) => {
                self.refuse_fixed_terms()?;
                PlanKind::Dynamic(DynamicTerms::new(
                    self.price_per_gb.unwrap_or(t.price_per_gb()),
                    self.price_per_day.unwrap_or(t.price_per_day()),
                    self.gb_range.unwrap_or(t.gb_range()),
                    self.days_range.unwrap_or(t.days_range()),
                )?)
            }
        };
        if let Some(name) = &self.name {
            out.name = name.clone();
        }
        if let Some(description) = &self.description {
            out.description = description.clone();
        }
        if let Some(locations) = &self.locations {
            out.locations = locations.clone();
        }
        out.is_test = self.is_test.unwrap_or(plan.is_test);
        out.renewal = self.renewal.unwrap_or(plan.renewal);
        out.ip_limit = self.ip_limit.unwrap_or(plan.ip_limit);
        out.active = self.active.unwrap_or(plan.active);
        Ok(out)
    }

    fn refuse_dynamic_terms(&self) -> Result<(), PlanError> {
        let given = [
            ("a price per GB", self.price_per_gb.is_some()),
            ("a price per day", self.price_per_day.is_some()),
            ("a GB range", self.gb_range.is_some()),
            ("a days range", self.days_range.is_some()),
        ];
        match given.iter().find(|(_, set)| *set) {
            Some((field, _)) => Err(PlanError::NotThisKind { field, kind: "dynamic" }),
            None => Ok(()),
        }
    }

    fn refuse_fixed_terms(&self) -> Result<(), PlanError> {
        let given = [
            ("a price", self.price.is_some()),
            ("days", self.days.is_some()),
            ("a volume", self.volume_bytes.is_some()),
        ];
        match given.iter().find(|(_, set)| *set) {
            Some((field, _)) => Err(PlanError::NotThisKind { field, kind: "fixed" }),
            None => Ok(()),
        }
    }
}

/// What to change on a discount code's rules; `None` keeps the current value, `Some(None)`
/// clears an optional rule (no limit, no cap, open window); an empty plan set means any plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscountEdit {
    /// What it takes off.
    pub value: Option<DiscountValue>,
    /// Uses allowed in total.
    pub usage_limit: Option<Option<u32>>,
    /// Uses allowed to one buyer.
    pub per_user_limit: Option<Option<u32>>,
    /// Smallest order price accepted.
    pub min_order: Option<Money>,
    /// Largest discount given.
    pub max_discount: Option<Option<Money>>,
    /// Start of validity.
    pub valid_from: Option<Option<OffsetDateTime>>,
    /// End of validity (exclusive).
    pub valid_until: Option<Option<OffsetDateTime>>,
    /// The plans it applies to (replaces the whole set; empty: every paid plan).
    pub plans: Option<BTreeSet<PlanId>>,
}

impl DiscountEdit {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// `terms` with these changes, checked as a new code's terms are.
    pub fn apply(&self, terms: &DiscountTerms) -> Result<DiscountTerms, DiscountError> {
        Ok(DiscountTerms::new(self.value.unwrap_or(terms.value()))?
            .with_usage_limit(self.usage_limit.unwrap_or(terms.usage_limit()))?
            .with_per_user_limit(self.per_user_limit.unwrap_or(terms.per_user_limit()))?
            .with_min_order(self.min_order.unwrap_or(terms.min_order()))
            .with_max_discount(self.max_discount.unwrap_or(terms.max_discount()))
            .with_window(
                self.valid_from.unwrap_or(terms.valid_from()),
                self.valid_until.unwrap_or(terms.valid_until()),
            )?
            .with_plans(self.plans.clone().unwrap_or_else(|| terms.plans().clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Percent;

    fn money(minor: i64) -> Money {
        Money::from_minor(minor).unwrap()
    }

    fn fixed() -> Plan {
        Plan {
            id: PlanId::new(1),
            name: PlanName::parse("Silver").unwrap(),
            description: None,
            kind: PlanKind::Fixed(FixedTerms::new(ByteLimit::upto(50 << 30).unwrap(), 30, money(100)).unwrap()),
            locations: BTreeSet::new(),
            is_test: false,
            renewal: RenewalRule::AddToRemaining,
            ip_limit: CountLimit::Unlimited,
            active: true,
        }
    }

    #[test]
    fn a_plan_edit_changes_only_what_is_given() {
        let edit = PlanEdit {
            price: Some(money(150)),
            active: Some(false),
            ..PlanEdit::default()
        };
        let p = edit.apply(&fixed()).unwrap();
        let PlanKind::Fixed(t) = p.kind else {
            panic!("still fixed")
        };
        assert_eq!(
            (t.price(), t.duration_days(), t.volume_bytes()),
            (money(150), 30, ByteLimit::upto(50 << 30).unwrap())
        );
        assert!(!p.active);
        assert_eq!(p.name.as_str(), "Silver");
    }

    #[test]
    fn a_plan_edit_sets_and_clears_the_description() {
        let text = PlanDescription::parse("For phones").unwrap();
        let set = PlanEdit {
            description: Some(Some(text.clone())),
            ..PlanEdit::default()
        };
        let with = set.apply(&fixed()).unwrap();
        assert_eq!(with.description, Some(text));
        assert!(PlanEdit::default().apply(&with).unwrap().description.is_some());
        let clear = PlanEdit {
            description: Some(None),
            ..PlanEdit::default()
        };
        assert!(!clear.is_empty());
        assert_eq!(clear.apply(&with).unwrap().description, None);
    }

    #[test]
    fn a_plan_edit_is_checked_like_a_new_plan() {
        let edit = PlanEdit {
            days: Some(0),
            ..PlanEdit::default()
        };
        assert_eq!(edit.apply(&fixed()), Err(PlanError::BadDuration(0)));
        let wrong_kind = PlanEdit {
            price_per_gb: Some(money(5)),
            ..PlanEdit::default()
        };
        assert!(matches!(
            wrong_kind.apply(&fixed()),
            Err(PlanError::NotThisKind { kind: "dynamic", .. })
        ));
    }

    #[test]
    fn a_discount_edit_keeps_other_rules_and_can_clear_one() {
        let terms = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap()))
            .unwrap()
            .with_usage_limit(Some(5))
            .unwrap()
            .with_min_order(money(1_000));
        let edit = DiscountEdit {
            usage_limit: Some(None),
            max_discount: Some(Some(money(300))),
            ..DiscountEdit::default()
        };
        let out = edit.apply(&terms).unwrap();
        assert_eq!(out.usage_limit(), None);
        assert_eq!(out.per_user_limit(), None);
        let narrowed = DiscountEdit {
            per_user_limit: Some(Some(1)),
            plans: Some([PlanId::new(2), PlanId::new(5)].into()),
            ..DiscountEdit::default()
        }
        .apply(&out)
        .unwrap();
        assert_eq!(narrowed.per_user_limit(), Some(1));
        assert_eq!(narrowed.plans(), &[PlanId::new(2), PlanId::new(5)].into());
        assert_eq!(narrowed.max_discount(), Some(money(300)), "the rest is kept");
        let every = DiscountEdit {
            plans: Some(BTreeSet::new()),
            ..DiscountEdit::default()
        };
        assert!(every.apply(&narrowed).unwrap().plans().is_empty());
        assert_eq!(out.max_discount(), Some(money(300)));
        assert_eq!(out.min_order(), money(1_000));
        let zero = DiscountEdit {
            usage_limit: Some(Some(0)),
            ..DiscountEdit::default()
        };
        assert_eq!(zero.apply(&terms), Err(DiscountError::ZeroUsageLimit));
        let zero_each = DiscountEdit {
            per_user_limit: Some(Some(0)),
            ..DiscountEdit::default()
        };
        assert_eq!(zero_each.apply(&terms), Err(DiscountError::ZeroPerUserLimit));
    }
}
