//! Database migrations for MoonVPN. One file per area, applied in order; the same migrations
//! run on SQLite, PostgreSQL and MySQL/MariaDB.
//!
//! Conventions every table follows (portable across the three backends):
//! - primary key `id` BIGINT auto-increment;
//! - money in BIGINT minor units, never decimals or floats;
//! - instants as BIGINT Unix milliseconds UTC in columns named `*_at`;
//! - statuses and kinds as short strings (`VARCHAR(16)`), JSON as TEXT;
//! - every rule the domain relies on (unique telegram id, client name, idempotency key,
//!   tracking code) is also a UNIQUE index.
#![forbid(unsafe_code)]

pub use sea_orm_migration::prelude::*;

mod m20261121_000001_members;
mod m20261121_000002_notify;
mod m20261121_000003_wallet;
mod m20261121_000004_inventory;
mod m20261121_000005_orders;
mod m20261121_000006_receipts;
mod m20261121_000007_telegram;
mod m20261121_000008_panel_ops;
mod m20261121_000009_jobs;
mod m20261121_000010_panel_two_factor;
mod m20261121_000011_transfer_cleanup;
mod m20261205_000012_order_delivery;
mod m20261205_000013_balance_check;
mod m20261205_000014_receipt_requests;
mod m20261206_000015_receipt_posts;
mod m20261206_000016_gateway_payments;
mod m20261206_000017_reminders;
mod m20261206_000020_panel_tls_pin;
mod m20261206_000022_sqlite_balance_guard;
mod m20261206_000023_broadcasts;
mod m20261206_000025_gateway_payment_order;
mod m20261206_000026_panel_alert;
mod m20261207_000100_plan_description;
mod m20261207_000300_inbound_on_sale;
mod m20261207_000400_discount_rules;
mod m20261207_000500_discount_uses;

/// Applies every MoonVPN migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_members::Migration),
            Box::new(m20261121_000002_notify::Migration),
            Box::new(m20261121_000003_wallet::Migration),
            Box::new(m20261121_000004_inventory::Migration),
            Box::new(m20261121_000005_orders::Migration),
            Box::new(m20261121_000006_receipts::Migration),
            Box::new(m20261121_000007_telegram::Migration),
            Box::new(m20261121_000008_panel_ops::Migration),
            Box::new(m20261121_000009_jobs::Migration),
            Box::new(m20261121_000010_panel_two_factor::Migration),
            Box::new(m20261121_000011_transfer_cleanup::Migration),
            Box::new(m20261205_000012_order_delivery::Migration),
            Box::new(m20261205_000013_balance_check::Migration),
            Box::new(m20261205_000014_receipt_requests::Migration),
            Box::new(m20261206_000015_receipt_posts::Migration),
            Box::new(m20261206_000016_gateway_payments::Migration),
            Box::new(m20261206_000017_reminders::Migration),
            Box::new(m20261206_000020_panel_tls_pin::Migration),
            Box::new(m20261206_000022_sqlite_balance_guard::Migration),
            Box::new(m20261206_000023_broadcasts::Migration),
            Box::new(m20261206_000025_gateway_payment_order::Migration),
            Box::new(m20261206_000026_panel_alert::Migration),
            Box::new(m20261207_000100_plan_description::Migration),
            Box::new(m20261207_000300_inbound_on_sale::Migration),
            Box::new(m20261207_000400_discount_rules::Migration),
            Box::new(m20261207_000500_discount_uses::Migration),
        ]
    }
}
