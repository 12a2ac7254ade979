//! What a test puts on sale: [`PlanSpec`].

use orders::{BYTES_PER_GB, DynamicTerms, FixedTerms, PlanKind, RenewalRule};

use crate::money;

/// A plan for [`crate::ShopBuilder::with_plan`]: its terms and the locations (by prefix) it
/// sells in; no prefix means every location of the shop.
#[derive(Clone, Debug)]
pub struct PlanSpec {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) kind: PlanKind,
    pub(crate) prefixes: Vec<String>,
    pub(crate) renewal: RenewalRule,
    pub(crate) is_test: bool,
}

impl PlanSpec {
    /// A fixed plan: `gb` gigabytes (0: unlimited) for `days` days at `toman`; renewal adds to
    /// what is left.
    pub fn fixed(name: &str, gb: u64, days: u32, toman: i64) -> Self {
        let volume = kernel::ByteLimit::upto(gb * BYTES_PER_GB).unwrap_or(kernel::ByteLimit::Unlimited);
        let terms = FixedTerms::new(volume, days, money(toman)).expect("valid fixed terms");
        Self::of_kind(name, PlanKind::Fixed(terms))
    }

    /// A plan priced per GB and per day within the ranges of `terms`.
    pub fn dynamic(name: &str, terms: DynamicTerms) -> Self {
        Self::of_kind(name, PlanKind::Dynamic(terms))
    }

    /// The free test: `gb` gigabytes for `days` days, once per user.
    pub fn free_test(name: &str, gb: u64, days: u32) -> Self {
        Self {
            is_test: true,
            renewal: RenewalRule::RestartFromNow,
            ..Self::fixed(name, gb, days, 0)
        }
    }

    /// Sold only in the locations with these prefixes.
    pub fn at(mut self, prefixes: &[&str]) -> Self {
        self.prefixes = prefixes.iter().map(|p| (*p).to_owned()).collect();
        self
    }

    /// What buyers read about the plan besides its terms.
    pub fn described(mut self, description: &str) -> Self {
        self.description = Some(description.to_owned());
        self
    }

    /// How a renewal treats what is left.
    pub fn renewal(mut self, rule: RenewalRule) -> Self {
        self.renewal = rule;
        self
    }

    fn of_kind(name: &str, kind: PlanKind) -> Self {
        Self {
            name: name.to_owned(),
            description: None,
            kind,
            prefixes: Vec::new(),
            renewal: RenewalRule::AddToRemaining,
            is_test: false,
        }
    }
}
