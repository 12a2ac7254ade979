//! The shop's numbers for admins: users, sales and money in over the last 30 days, active
//! services per location and panel, receipts waiting and panels failing. One use case,
//! [`StatsService::shop_stats`], called by the bot's Stats screen and `moonvpn stats`.
//!
//! The store reports raw facts ([`StatsSource`]); this module decides what they mean: which
//! ledger row is a sale, a refund or money in by which method, and which day it belongs to.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use kernel::{Clock, StorageError, UserId};
use members::{AuditAction, Authorizer, Role};
use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};

use crate::OrderError;

/// How many days the revenue series covers (today included).
pub const STATS_DAYS: usize = 30;

/// Users registered in total and lately.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UserCounts {
    /// Every registered user.
    pub total: u64,
    /// Registered since the start of today (the shop's day: see [`StatsService::with_utc_offset`]).
    pub today: u64,
    /// Registered in the last 7 days (today included).
    pub week: u64,
}

/// One ledger row as the store keeps it, with the provider of a gateway payment it credits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFact {
    /// When it was appended.
    pub at: OffsetDateTime,
    /// `deposit`, `purchase`, `refund` or `adjustment`.
    pub kind: String,
    /// Signed change in minor units (credits positive).
    pub amount: i64,
    /// Its idempotency key (`order:7:debit`, `receipt:3:approve`, `payment:9:credit`, …).
    pub key: String,
    /// The provider (`stars`, `zarinpal`, …) when the key names a gateway payment.
    pub provider: Option<String>,
}

/// Active services on one panel of one location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceCount {
    /// The location's name.
    pub location: String,
    /// The panel's name.
    pub panel: String,
    /// Active client accounts.
    pub active: u64,
}

/// A panel whose last health check failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailingPanel {
    /// The panel's name.
    pub name: String,
    /// Why the check failed.
    pub error: String,
}

/// Where the facts come from (implemented by the store).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait StatsSource: Send + Sync {
    /// Users in total, registered since `today`, and since `week`.
    async fn user_counts(&self, today: OffsetDateTime, week: OffsetDateTime) -> Result<UserCounts, StorageError>;
    /// Every ledger row appended at or after `since`, oldest first.
    async fn ledger_since(&self, since: OffsetDateTime) -> Result<Vec<LedgerFact>, StorageError>;
    /// Active client accounts per location and panel (only pairs with at least one).
    async fn active_services(&self) -> Result<Vec<ServiceCount>, StorageError>;
    /// Card-to-card receipts waiting for an admin.
    async fn pending_receipts(&self) -> Result<u64, StorageError>;
    /// Active panels whose last health check failed.
    async fn failing_panels(&self) -> Result<Vec<FailingPanel>, StorageError>;
}

/// How money came into wallets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MoneyIn {
    /// Card-to-card receipts approved by an admin (minus reversals).
    Card,
    /// A payment provider, by its code (`stars`, `zarinpal`, …; minus refunds).
    Provider(String),
    /// Admin balance adjustments (signed).
    Adjustment,
    /// Any other credit.
    Other,
}

impl MoneyIn {
    /// A short code for the CLI's JSON and the catalog keys (`card`, `stars`, `adjustment`).
    pub fn code(&self) -> &str {
        match self {
            Self::Card => "card",
            Self::Provider(p) => p,
            Self::Adjustment => "adjustment",
            Self::Other => "other",
        }
    }
}

/// Sales of one day: wallet debits for orders minus their refunds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRevenue {
    /// The day, in the shop's time.
    pub day: Date,
    /// Net sales, minor units.
    pub sales: i64,
}

/// Everything the Stats screen and `moonvpn stats` show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopStats {
    /// When they were taken.
    pub at: OffsetDateTime,
    /// Users.
    pub users: UserCounts,
    /// Sales per day, oldest first, [`STATS_DAYS`] days ending today (days without sales are 0).
    pub days: Vec<DayRevenue>,
    /// Sales today.
    pub sales_today: i64,
    /// Sales over the last 7 days.
    pub sales_week: i64,
    /// Sales over the [`STATS_DAYS`] days.
    pub sales_month: i64,
    /// Money into wallets over the [`STATS_DAYS`] days, by method (methods with no movement
    /// left out).
    pub money_in: Vec<(MoneyIn, i64)>,
    /// Active services per location and panel.
    pub services: Vec<ServiceCount>,
    /// Card-to-card receipts waiting.
    pub pending_receipts: u64,
    /// Panels failing their health check.
    pub failing_panels: Vec<FailingPanel>,
}

impl ShopStats {
    /// Active services in total.
    pub fn active_services(&self) -> u64 {
        self.services.iter().map(|s| s.active).sum()
    }
}

/// What one ledger row means for the stats.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Meaning {
    Sale(i64),
    MoneyIn(MoneyIn, i64),
    Ignored,
}

fn meaning(fact: &LedgerFact) -> Meaning {
    let scope = fact.key.split(':').next().unwrap_or_default();
    match (fact.kind.as_str(), scope) {
        // An order's debit (negative) is a sale; its refund (positive) takes it back.
        ("purchase", _) | ("refund", "order") => Meaning::Sale(-fact.amount),
        ("adjustment", _) => Meaning::MoneyIn(MoneyIn::Adjustment, fact.amount),
        (_, "receipt") => Meaning::MoneyIn(MoneyIn::Card, fact.amount),
        (_, "payment") => match &fact.provider {
            Some(p) => Meaning::MoneyIn(MoneyIn::Provider(p.clone()), fact.amount),
            None => Meaning::MoneyIn(MoneyIn::Other, fact.amount),
        },
        ("deposit", _) => Meaning::MoneyIn(MoneyIn::Other, fact.amount),
        _ => Meaning::Ignored,
    }
}

/// The Stats use case.
pub struct StatsService {
    source: Arc<dyn StatsSource>,
    access: Arc<dyn Authorizer>,
    clock: Arc<dyn Clock>,
    offset: UtcOffset,
}

impl StatsService {
    /// What a refused attempt is audited as (reading stats writes nothing else).
    pub const VIEW: AuditAction = AuditAction::new("stats.view");

    /// Wires the service; days run midnight to midnight UTC until [`Self::with_utc_offset`].
    pub fn new(source: Arc<dyn StatsSource>, access: Arc<dyn Authorizer>, clock: Arc<dyn Clock>) -> Self {
        Self {
            source,
            access,
            clock,
            offset: UtcOffset::UTC,
        }
    }

    /// Days (today, the last 7, the revenue series) run midnight to midnight in the shop's
    /// time, `offset` from UTC (`+03:30` for a shop in Iran).
    #[must_use]
    pub fn with_utc_offset(mut self, offset: UtcOffset) -> Self {
        self.offset = offset;
        self
    }

    /// The shop's numbers now (admins only; a refusal is audited).
    pub async fn shop_stats(&self, actor: UserId) -> Result<ShopStats, OrderError> {
        self.access.authorize(actor, Role::Admin, &Self::VIEW).await?;
        let now = self.clock.now().to_offset(self.offset);
        let today = now.date();
        let start = |days_back: i64| {
            (today - Duration::days(days_back))
                .with_time(Time::MIDNIGHT)
                .assume_offset(self.offset)
        };
        let users = self.source.user_counts(start(0), start(6)).await?;
        let first = start(STATS_DAYS as i64 - 1);
        let facts = self.source.ledger_since(first).await?;
        let mut per_day: BTreeMap<Date, i64> = (0..STATS_DAYS as i64)
            .map(|back| (today - Duration::days(back), 0))
            .collect();
        let mut money_in: BTreeMap<MoneyIn, i64> = BTreeMap::new();
        for fact in facts.iter().filter(|f| f.at >= first) {
            match meaning(fact) {
                Meaning::Sale(minor) => {
                    let day = fact.at.to_offset(self.offset).date();
                    if let Some(total) = per_day.get_mut(&day) {
                        *total = total.saturating_add(minor);
                    }
                }
                Meaning::MoneyIn(method, minor) => {
                    let total = money_in.entry(method).or_default();
                    *total = total.saturating_add(minor);
                }
                Meaning::Ignored => {}
            }
        }
        let days: Vec<DayRevenue> = per_day
            .into_iter()
            .map(|(day, sales)| DayRevenue { day, sales })
            .collect();
        let sum_last = |n: usize| {
            days.iter()
                .rev()
                .take(n)
                .map(|d| d.sales)
                .fold(0i64, i64::saturating_add)
        };
        let mut services = self.source.active_services().await?;
        services.sort_by(|a, b| (&a.location, &a.panel).cmp(&(&b.location, &b.panel)));
        Ok(ShopStats {
            at: now,
            users,
            sales_today: sum_last(1),
            sales_week: sum_last(7),
            sales_month: sum_last(STATS_DAYS),
            days,
            money_in: money_in.into_iter().filter(|(_, v)| *v != 0).collect(),
            services,
            pending_receipts: self.source.pending_receipts().await?,
            failing_panels: self.source.failing_panels().await?,
        })
    }
}

#[cfg(test)]
#[path = "stats_tests.rs"]
mod tests;
