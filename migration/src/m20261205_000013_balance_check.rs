//! The database itself forbids a negative balance: `CHECK (balance >= 0)` on `user`.
//!
//! - PostgreSQL: `ALTER TABLE … ADD CONSTRAINT user_balance_non_negative CHECK (…)`.
//! - MySQL 8.0.16+ and MariaDB 10.2+: the same statement (both enforce CHECK).
//! - SQLite: a CHECK can only be added by rebuilding the table (copy, drop, rename), which
//!   would also have to recreate every index and foreign key pointing at `user`. The embedded
//!   backend is single-process and every balance change already goes through
//!   `UPDATE … SET balance = balance - x WHERE balance >= x`, so this migration leaves SQLite
//!   unchanged; migration 000022 guards SQLite with triggers instead.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Adds `CHECK (balance >= 0)` on PostgreSQL and MySQL/MariaDB.
#[derive(DeriveMigrationName)]
pub struct Migration;

const CONSTRAINT: &str = "user_balance_non_negative";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                format!("ALTER TABLE \"user\" ADD CONSTRAINT {CONSTRAINT} CHECK (balance >= 0)")
            }
            DatabaseBackend::MySql => format!("ALTER TABLE `user` ADD CONSTRAINT {CONSTRAINT} CHECK (balance >= 0)"),
            _ => return Ok(()),
        };
        manager.get_connection().execute_unprepared(&sql).await.map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => format!("ALTER TABLE \"user\" DROP CONSTRAINT {CONSTRAINT}"),
            DatabaseBackend::MySql => format!("ALTER TABLE `user` DROP CONSTRAINT {CONSTRAINT}"),
            _ => return Ok(()),
        };
        manager.get_connection().execute_unprepared(&sql).await.map(|_| ())
    }
}
