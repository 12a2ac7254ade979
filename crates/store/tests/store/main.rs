//! The store suite: every test runs unchanged on SQLite, PostgreSQL and MySQL/MariaDB
//! (see `store::testing`).

mod inventory;
mod jobs;
mod members;
mod notify;
mod orders;
mod receipts;
mod saga_races;
mod sqlite_file;
mod security;
mod telegram;
mod wallet;
