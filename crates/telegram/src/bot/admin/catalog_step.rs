//! What a catalog question waits for, kept in the chat's conversation state (inside
//! [`AdminStep::Catalog`](super::AdminStep::Catalog)): a plan or code being created with what
//! was answered so far, or one field of a plan or code being changed. Stored as JSON:
//! variants may be added, never renamed.

use kernel::{BYTES_PER_GB, ByteLimit, CountLimit};
use serde::{Deserialize, Serialize};

/// An open catalog question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogStep {
    /// A plan being created.
    NewPlan(PlanDraft),
    /// One field of plan `plan` being changed: the question, then the change to confirm.
    EditPlan {
        /// The plan (id).
        plan: i64,
        /// The field asked about.
        field: PlanField,
        /// The locations picked so far (the locations field).
        #[serde(default)]
        locations: Vec<i64>,
        /// The answer, shown for confirmation; `None` while the question is open.
        #[serde(default)]
        change: Option<PlanChange>,
    },
    /// A discount code being created.
    NewCode(CodeDraft),
    /// One rule of code `code` being changed.
    EditCode {
        /// The code (id).
        code: i64,
        /// The rule asked about.
        field: CodeField,
        /// The plans ticked so far (the plans rule).
        #[serde(default)]
        plans: Vec<i64>,
        /// The answer, shown for confirmation; `None` while the question is open.
        #[serde(default)]
        change: Option<CodeChange>,
    },
}

/// The kind of plan being created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftKind {
    /// A package: traffic for days at a price.
    #[default]
    Fixed,
    /// A free test package, once per user.
    Test,
    /// Build-your-own: priced per GB and per day within ranges.
    Dynamic,
}

/// A question about a plan: asked while creating one, or picked from its view to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanField {
    /// Its name.
    Name,
    /// Fixed, free test or build-your-own (creation only).
    Kind,
    /// Days of a package.
    Days,
    /// GB of a package (or unlimited).
    Gb,
    /// Price of a package.
    Price,
    /// Price of one GB (build-your-own).
    PerGb,
    /// Price of one day (build-your-own).
    PerDay,
    /// GB a buyer may pick (build-your-own).
    GbRange,
    /// Days a buyer may pick (build-your-own).
    DaysRange,
    /// Where it is sold.
    Locations,
    /// How renewing treats what is left.
    Renewal,
    /// Whether it is a free test plan (editing only).
    Test,
    /// Devices at once (editing only).
    IpLimit,
    /// The summary before saving (creation only).
    Summary,
    /// What buyers read about it (or none).
    Description,
}

impl PlanField {
    /// The fields an admin can pick to change, in button order (their index is on the wire,
    /// so new fields go at the end).
    pub const EDITABLE: [PlanField; 13] = [
        Self::Name,
        Self::Days,
        Self::Gb,
        Self::Price,
        Self::PerGb,
        Self::PerDay,
        Self::GbRange,
        Self::DaysRange,
        Self::Locations,
        Self::Renewal,
        Self::Test,
        Self::IpLimit,
        Self::Description,
    ];
}

/// A plan as the creation flow collected it so far; fields not asked yet keep defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanDraft {
    /// The question open now (`None` before the first).
    pub stage: Option<PlanField>,
    /// Name.
    pub name: String,
    /// Description (`None`: none).
    pub description: Option<String>,
    /// Kind.
    pub kind: DraftKind,
    /// Package days.
    pub days: u32,
    /// Package GB (0: unlimited).
    pub gb: u32,
    /// Package price (minor units).
    pub price: i64,
    /// Price per GB (minor units).
    pub per_gb: i64,
    /// Price per day (minor units).
    pub per_day: i64,
    /// GB range.
    pub gb_range: (u32, u32),
    /// Days range.
    pub days_range: (u32, u32),
    /// Location ids.
    pub locations: Vec<i64>,
    /// Renewal restarts from now (else adds to what is left).
    pub restart: bool,
}

impl PlanDraft {
    /// The questions of this kind of plan, in order.
    pub fn stages(&self) -> &'static [PlanField] {
        use PlanField::*;
        match self.kind {
            DraftKind::Fixed => &[Name, Description, Kind, Days, Gb, Price, Locations, Renewal, Summary],
            DraftKind::Test => &[Name, Description, Kind, Days, Gb, Locations, Summary],
            DraftKind::Dynamic => &[
                Name,
                Description,
                Kind,
                PerGb,
                PerDay,
                GbRange,
                DaysRange,
                Locations,
                Renewal,
                Summary,
            ],
        }
    }

    /// The question after `stage`.
    pub fn after(&self, stage: PlanField) -> PlanField {
        let stages = self.stages();
        let at = stages.iter().position(|s| *s == stage).unwrap_or(0);
        stages.get(at + 1).copied().unwrap_or(PlanField::Summary)
    }

    /// The question before `stage` (`None` at the first).
    pub fn before(&self, stage: PlanField) -> Option<PlanField> {
        let stages = self.stages();
        let at = stages.iter().position(|s| *s == stage)?;
        at.checked_sub(1).map(|n| stages[n])
    }

    /// Takes an answer in.
    pub fn take(&mut self, change: &PlanChange) {
        match change {
            PlanChange::Name(name) => self.name.clone_from(name),
            PlanChange::Description(text) => self.description.clone_from(text),
            PlanChange::Days(d) => self.days = *d,
            PlanChange::Gb(gb) => self.gb = *gb,
            PlanChange::Price(p) => self.price = *p,
            PlanChange::PerGb(p) => self.per_gb = *p,
            PlanChange::PerDay(p) => self.per_day = *p,
            PlanChange::GbRange(a, b) => self.gb_range = (*a, *b),
            PlanChange::DaysRange(a, b) => self.days_range = (*a, *b),
            PlanChange::Locations(l) => self.locations.clone_from(l),
            PlanChange::Renewal(restart) => self.restart = *restart,
            PlanChange::Test(_) | PlanChange::IpLimit(_) | PlanChange::Paid(_) => {}
        }
    }
}

/// Package GB as answered (0: the "Unlimited" button) as a traffic limit.
pub fn gb_limit(gb: u32) -> ByteLimit {
    ByteLimit::upto(u64::from(gb) * BYTES_PER_GB).unwrap_or(ByteLimit::Unlimited)
}

/// Devices at once as answered (0: the "No limit" button) as a limit.
pub fn device_limit(devices: u32) -> CountLimit {
    CountLimit::upto(devices).unwrap_or(CountLimit::Unlimited)
}

/// One answer about a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanChange {
    /// A name.
    Name(String),
    /// Package days.
    Days(u32),
    /// Package GB (0: unlimited).
    Gb(u32),
    /// Package price (minor units).
    Price(i64),
    /// Price per GB (minor units).
    PerGb(i64),
    /// Price per day (minor units).
    PerDay(i64),
    /// GB range.
    GbRange(u32, u32),
    /// Days range.
    DaysRange(u32, u32),
    /// Location ids.
    Locations(Vec<i64>),
    /// Renewal restarts from now (else adds to what is left).
    Renewal(bool),
    /// Free test plan or not.
    Test(bool),
    /// Devices at once (0: no limit).
    IpLimit(u32),
    /// A free test package becomes a paid one at this price (minor units).
    Paid(i64),
    /// A description (`None`: none).
    Description(Option<String>),
}

/// A question about a discount code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeField {
    /// What buyers type (creation only).
    Code,
    /// What it takes off: a percentage or an amount.
    Value,
    /// Uses in total.
    UsageLimit,
    /// Smallest order.
    MinOrder,
    /// Largest discount.
    MaxDiscount,
    /// Valid from.
    From,
    /// Valid until.
    Until,
    /// The plans it is for (ticked on and off; none: every paid plan).
    Plan,
    /// The summary before saving (creation only).
    Summary,
    /// Uses one buyer may make.
    PerUserLimit,
}

impl CodeField {
    /// The rules an admin can pick to change, in button order (their index is on the wire).
    pub const EDITABLE: [CodeField; 8] = [
        Self::Value,
        Self::UsageLimit,
        Self::MinOrder,
        Self::MaxDiscount,
        Self::From,
        Self::Until,
        Self::Plan,
        Self::PerUserLimit,
    ];

    /// The questions of a new code, in order.
    pub const CREATION: [CodeField; 10] = [
        Self::Code,
        Self::Value,
        Self::UsageLimit,
        Self::PerUserLimit,
        Self::MinOrder,
        Self::MaxDiscount,
        Self::From,
        Self::Until,
        Self::Plan,
        Self::Summary,
    ];

    /// The creation question after this one.
    pub fn after(self) -> CodeField {
        let at = Self::CREATION.iter().position(|s| *s == self).unwrap_or(0);
        Self::CREATION.get(at + 1).copied().unwrap_or(Self::Summary)
    }

    /// The creation question before this one (`None` at the first).
    pub fn before(self) -> Option<CodeField> {
        let at = Self::CREATION.iter().position(|s| *s == self)?;
        at.checked_sub(1).map(|n| Self::CREATION[n])
    }
}

/// What a code takes off, as answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftValue {
    /// A percentage.
    Percent(u32),
    /// An amount (minor units).
    Fixed(i64),
}

/// One answer about a discount code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeChange {
    /// The code buyers type.
    Code(String),
    /// What it takes off.
    Value(DraftValue),
    /// Uses in total (`None`: unlimited).
    UsageLimit(Option<u32>),
    /// Smallest order (minor units).
    MinOrder(i64),
    /// Largest discount (`None`: no cap).
    MaxDiscount(Option<i64>),
    /// Valid from (Unix seconds; `None`: now).
    From(Option<i64>),
    /// Valid until, exclusive (Unix seconds; `None`: no end).
    Until(Option<i64>),
    /// The one plan (`None`: every paid plan); read from states saved before codes had
    /// several plans.
    Plan(Option<i64>),
    /// Uses one buyer may make (`None`: no such limit).
    PerUserLimit(Option<u32>),
    /// The plans (empty: every paid plan).
    Plans(Vec<i64>),
}

/// A code as the creation flow collected it so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeDraft {
    /// The question open now.
    pub stage: CodeField,
    /// The answers so far, at most one per rule.
    #[serde(default)]
    pub answers: Vec<CodeChange>,
}

impl CodeDraft {
    /// The plans ticked so far.
    pub fn plans(&self) -> Vec<i64> {
        self.answers
            .iter()
            .find_map(|a| match a {
                CodeChange::Plans(plans) => Some(plans.clone()),
                CodeChange::Plan(plan) => Some(plan.iter().copied().collect()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Takes an answer in (replacing an earlier answer about the same rule).
    pub fn take(&mut self, change: CodeChange) {
        let plans = |c: &CodeChange| matches!(c, CodeChange::Plan(_) | CodeChange::Plans(_));
        let same = std::mem::discriminant(&change);
        let both_plans = plans(&change);
        self.answers
            .retain(|a| std::mem::discriminant(a) != same && !(both_plans && plans(a)));
        self.answers.push(change);
    }
}

#[cfg(test)]
#[path = "catalog_step_tests.rs"]
mod tests;
