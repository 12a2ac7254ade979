//! The store suite: every test runs unchanged on SQLite, PostgreSQL and MySQL/MariaDB
//! (see `store::testing`).

mod admin_care;
mod alerts;
mod backup;
mod broadcasts;
mod catalog_cache;
mod delivery_claims;
mod discount_uses;
mod dropped_connections;
mod inbound_sale;
mod inventory;
mod jobs;
mod limits;
mod loopback_tls;
mod members;
mod messages;
mod notify;
mod order_changes;
mod order_override;
mod orders;
mod payments;
mod receipts;
mod reminders;
mod saga_races;
mod security;
mod sqlite_file;
mod stale_changes;
mod stats;
mod telegram;
mod wallet;
