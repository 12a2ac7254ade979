//! MoonVPN's orders: plans on sale (fixed or dynamic, per location), discount codes, orders
//! and their state machine (`Pending → Paid → Fulfilled`, or `Failed`/`Expired`), the free
//! test-account rule, and the purchase/renewal saga that debits the wallet, provisions the
//! client through inventory, and refunds when delivery fails.
//!
//! A status moves only as an [`OrderChange`] the domain decided (transition and money effect),
//! applied by the store under a guard on the status it moves from.
//!
//! Ports: [`PlanRepo`], [`DiscountRepo`], [`OrderRepo`], [`TestAccountRepo`] (storage) and
//! [`Provisioner`] (inventory, implemented here for [`inventory::AccountService`]).
//! Use cases: [`CatalogService`] (admins) and [`OrderService`] (buyers, the recovery job, and
//! the admins' order views and superadmins' overrides, [`OrderService::override_order`]).
#![forbid(unsafe_code)]

mod catalog;
mod catalog_edit;
#[cfg(test)]
mod catalog_tests;
mod change;
#[cfg(test)]
mod change_tests;
mod delivery;
mod discount;
mod discount_terms;
mod discount_use;
mod error;
mod order;
mod order_override;
#[cfg(test)]
mod order_override_tests;
mod plan;
mod plan_description;
mod ports;
mod provisioner;
mod recovery;
mod renewal;
mod room;
mod service;
mod setup;
mod stats;
mod status;

#[cfg(test)]
mod service_tests;

pub use catalog::CatalogService;
pub use catalog_edit::{DiscountEdit, PlanEdit};
pub use change::{Charge, Delivered, Failure, OrderChange, OrderEffect, Payment, Refund, TestClaim};
pub use delivery::Delivery;
pub use discount::{
    CodedOrder, Discount, DiscountCode, DiscountError, DiscountRefusal, DiscountStatus, DiscountValue, NewDiscount,
    Percent,
};
pub use discount_terms::DiscountTerms;
pub use discount_use::{DiscountUse, DiscountUseRecord};
pub use error::OrderError;
pub use order::{NewOrder, Order, OrderKind, Pricing};
pub use order_override::{OrderOverride, OverrideOutcome, OverrideReason, OverrideReasonError};
pub use plan::{
    BYTES_PER_GB, DynamicTerms, FixedTerms, MAX_DAYS, MAX_GB, NewPlan, Plan, PlanError, PlanKind, PlanName, Quote,
    RenewalRule, Selection,
};
pub use plan_description::PlanDescription;
pub use ports::{
    DeliveryClaim, DiscountRepo, OrderRepo, OrderWriteError, PlanRepo, ProvisionError, Provisioner, TestAccountRepo,
};
pub use recovery::{RecoveryBounds, RecoveryReport};
pub use renewal::renewed_limits;
pub use service::{OrderService, Priced, PurchaseRequest, RenewRequest, RenewalPreview, SagaPolicy};
pub use setup::{SetupProgress, SetupReadError};
pub use stats::{
    DayRevenue, FailingPanel, LedgerFact, MoneyIn, STATS_DAYS, ServiceCount, ShopStats, StatsService, StatsSource,
    UserCounts,
};
pub use status::{ALL_STATUSES, IllegalTransition, OrderStatus};

#[cfg(any(test, feature = "mock"))]
pub use ports::{MockDiscountRepo, MockOrderRepo, MockPlanRepo, MockProvisioner, MockTestAccountRepo};
#[cfg(any(test, feature = "mock"))]
pub use stats::MockStatsSource;
