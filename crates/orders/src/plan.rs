//! Plans on sale: fixed packages or dynamic (pay per GB and per day), where they can be bought,
//! and how a renewal treats what is left of an account.

use std::collections::BTreeSet;

use kernel::{ByteLimit, CountLimit, LocationId, Money, MoneyError, PlanId};

use crate::PlanDescription;

/// Bytes in one gigabyte as 3x-ui counts them (GiB, 1024³).
pub use kernel::BYTES_PER_GB;

/// The longest term a plan may sell, in days (ten years).
pub const MAX_DAYS: u32 = 3650;

/// The most gigabytes a dynamic plan may sell in one order.
pub const MAX_GB: u32 = 1_000_000;

/// Why a plan definition or a choice on a plan was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// Names have 1 to 64 printable characters.
    #[error("a plan name has 1 to {max} characters without control characters", max = PlanName::MAX_LEN)]
    BadName,
    /// Descriptions have 1 to 500 characters (line breaks allowed, other control characters not).
    #[error("a plan description has 1 to {max} characters", max = crate::PlanDescription::MAX_LEN)]
    BadDescription,
    /// A duration must be between 1 and [`MAX_DAYS`] days.
    #[error("a plan lasts 1 to {MAX_DAYS} days, got {0}")]
    BadDuration(u32),
    /// A dynamic plan's range is empty or out of bounds.
    #[error("the range {min}..={max} {unit} is not valid")]
    BadRange {
        /// Lower end.
        min: u32,
        /// Upper end.
        max: u32,
        /// `GB` or `days`.
        unit: &'static str,
    },
    /// A dynamic plan needs the buyer to pick a volume and a duration.
    #[error("choose a volume and a duration for this plan")]
    SelectionRequired,
    /// The chosen volume is outside what the plan sells.
    #[error("choose between {min} and {max} GB")]
    VolumeOutOfRange {
        /// Smallest volume on sale.
        min: u32,
        /// Largest volume on sale.
        max: u32,
    },
    /// The chosen duration is outside what the plan sells.
    #[error("choose between {min} and {max} days")]
    DaysOutOfRange {
        /// Shortest duration on sale.
        min: u32,
        /// Longest duration on sale.
        max: u32,
    },
    /// The price does not fit in the money type.
    #[error("the price is too large")]
    PriceTooLarge,
    /// A change names a term the plan's kind does not have (a price per GB on a fixed plan).
    #[error("{field} belongs to {kind} plans; this plan is not one")]
    NotThisKind {
        /// The term that was given.
        field: &'static str,
        /// The kind of plan that has it: `fixed` or `dynamic`.
        kind: &'static str,
    },
}

impl From<MoneyError> for PlanError {
    fn from(_: MoneyError) -> Self {
        Self::PriceTooLarge
    }
}

/// A plan's display name, 1 to 64 characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlanName(String);

impl PlanName {
    /// Longest name accepted (fits an indexed column everywhere).
    pub const MAX_LEN: usize = 64;

    /// Checks and trims a name.
    pub fn parse(raw: &str) -> Result<Self, PlanError> {
        let name = raw.trim();
        let len = name.chars().count();
        if len == 0 || len > Self::MAX_LEN || name.chars().any(char::is_control) {
            return Err(PlanError::BadName);
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PlanName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A fixed package: this much traffic for this many days at this price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedTerms {
    volume_bytes: ByteLimit,
    duration_days: u32,
    price: Money,
}

impl FixedTerms {
    /// A package of `volume_bytes` of traffic (or unlimited) for `duration_days`.
    pub fn new(volume_bytes: ByteLimit, duration_days: u32, price: Money) -> Result<Self, PlanError> {
        check_days(duration_days)?;
        Ok(Self {
            volume_bytes,
            duration_days,
            price,
        })
    }

    /// Traffic sold, in bytes.
    pub fn volume_bytes(&self) -> ByteLimit {
        self.volume_bytes
    }

    /// Days sold.
    pub fn duration_days(&self) -> u32 {
        self.duration_days
    }

    /// The package price.
    pub fn price(&self) -> Money {
        self.price
    }
}

/// A build-your-own plan: the buyer picks gigabytes and days inside the ranges; the price is
/// `gb × price_per_gb + days × price_per_day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DynamicTerms {
    price_per_gb: Money,
    price_per_day: Money,
    min_gb: u32,
    max_gb: u32,
    min_days: u32,
    max_days: u32,
}

impl DynamicTerms {
    /// Checks that both ranges are non-empty, start at 1 or more and stay within
    /// [`MAX_GB`] / [`MAX_DAYS`].
    pub fn new(
        price_per_gb: Money,
        price_per_day: Money,
        (min_gb, max_gb): (u32, u32),
        (min_days, max_days): (u32, u32),
    ) -> Result<Self, PlanError> {
        if min_gb == 0 || min_gb > max_gb || max_gb > MAX_GB {
            return Err(PlanError::BadRange {
                min: min_gb,
                max: max_gb,
                unit: "GB",
            });
        }
        if min_days == 0 || min_days > max_days || max_days > MAX_DAYS {
            return Err(PlanError::BadRange {
                min: min_days,
                max: max_days,
                unit: "days",
            });
        }
        Ok(Self {
            price_per_gb,
            price_per_day,
            min_gb,
            max_gb,
            min_days,
            max_days,
        })
    }

    /// Price of one gigabyte.
    pub fn price_per_gb(&self) -> Money {
        self.price_per_gb
    }

    /// Price of one day.
    pub fn price_per_day(&self) -> Money {
        self.price_per_day
    }

    /// Gigabytes on sale, inclusive.
    pub fn gb_range(&self) -> (u32, u32) {
        (self.min_gb, self.max_gb)
    }

    /// Days on sale, inclusive.
    pub fn days_range(&self) -> (u32, u32) {
        (self.min_days, self.max_days)
    }
}

/// What a plan sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanKind {
    /// A fixed package.
    Fixed(FixedTerms),
    /// Priced by the volume and duration the buyer picks.
    Dynamic(DynamicTerms),
}

/// How renewing an account treats what is left on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RenewalRule {
    /// The new traffic and days are added on top of what is left (days count from the current
    /// expiry, or from now if it has passed).
    AddToRemaining,
    /// What is left is dropped: the account gets exactly the new traffic, and the days count
    /// from now.
    RestartFromNow,
}

impl RenewalRule {
    /// The stored name (`add` / `restart`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AddToRemaining => "add",
            Self::RestartFromNow => "restart",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "add" => Some(Self::AddToRemaining),
            "restart" => Some(Self::RestartFromNow),
            _ => None,
        }
    }
}

/// The volume and duration a buyer picked on a dynamic plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Gigabytes.
    pub gb: u32,
    /// Days.
    pub days: u32,
}

/// What an order on a plan delivers and costs, before any discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Traffic in bytes.
    pub volume_bytes: ByteLimit,
    /// Days of service.
    pub duration_days: u32,
    /// Price before discount.
    pub price: Money,
}

/// A plan as an admin defines it, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    /// Display name.
    pub name: PlanName,
    /// What buyers read about it besides its terms.
    pub description: Option<PlanDescription>,
    /// What it sells.
    pub kind: PlanKind,
    /// Where it can be bought; empty means nowhere.
    pub locations: BTreeSet<LocationId>,
    /// A free test plan: costs nothing, one claim per user.
    pub is_test: bool,
    /// How renewing with this plan treats what is left.
    pub renewal: RenewalRule,
    /// Simultaneous devices (IPs) allowed per account.
    pub ip_limit: CountLimit,
    /// Whether it is on sale.
    pub active: bool,
}

/// A plan on file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Its id.
    pub id: PlanId,
    /// Display name.
    pub name: PlanName,
    /// What buyers read about it besides its terms.
    pub description: Option<PlanDescription>,
    /// What it sells.
    pub kind: PlanKind,
    /// Where it can be bought; empty means nowhere.
    pub locations: BTreeSet<LocationId>,
    /// A free test plan: costs nothing, one claim per user.
    pub is_test: bool,
    /// How renewing with this plan treats what is left.
    pub renewal: RenewalRule,
    /// Simultaneous devices (IPs) allowed per account.
    pub ip_limit: CountLimit,
    /// Whether it is on sale.
    pub active: bool,
}

impl Plan {
    /// The stored plan with id `id`.
    pub fn from_new(id: PlanId, new: NewPlan) -> Self {
        Self {
            id,
            name: new.name,
            description: new.description,
            kind: new.kind,
            locations: new.locations,
            is_test: new.is_test,
            renewal: new.renewal,
            ip_limit: new.ip_limit,
            active: new.active,
        }
    }

    /// Whether the plan can be bought at `location`.
    pub fn sold_at(&self, location: LocationId) -> bool {
        self.locations.contains(&location)
    }

    /// Prices a purchase. Fixed plans ignore `selection`; dynamic plans require one inside
    /// their ranges. A test plan always costs nothing.
    pub fn quote(&self, selection: Option<Selection>) -> Result<Quote, PlanError> {
        let mut quote = match self.kind {
            PlanKind::Fixed(t) => Quote {
                volume_bytes: t.volume_bytes,
                duration_days: t.duration_days,
                price: t.price,
            },
            PlanKind::Dynamic(t) => {
                let s = selection.ok_or(PlanError::SelectionRequired)?;
                if !(t.min_gb..=t.max_gb).contains(&s.gb) {
                    return Err(PlanError::VolumeOutOfRange {
                        min: t.min_gb,
                        max: t.max_gb,
                    });
                }
                if !(t.min_days..=t.max_days).contains(&s.days) {
                    return Err(PlanError::DaysOutOfRange {
                        min: t.min_days,
                        max: t.max_days,
                    });
                }
                let price = t
                    .price_per_gb
                    .checked_mul(u64::from(s.gb))?
                    .checked_add(t.price_per_day.checked_mul(u64::from(s.days))?)?;
                let volume_bytes =
                    ByteLimit::upto(u64::from(s.gb) * BYTES_PER_GB).ok_or(PlanError::VolumeOutOfRange {
                        min: t.min_gb,
                        max: t.max_gb,
                    })?;
                Quote {
                    volume_bytes,
                    duration_days: s.days,
                    price,
                }
            }
        };
        if self.is_test {
            quote.price = Money::ZERO;
        }
        Ok(quote)
    }
}

fn check_days(days: u32) -> Result<(), PlanError> {
    if days == 0 || days > MAX_DAYS {
        return Err(PlanError::BadDuration(days));
    }
    Ok(())
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
