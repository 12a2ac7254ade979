//! SQLite refuses a negative balance too. It cannot add a `CHECK` to an existing table
//! (migration 000013 adds one on PostgreSQL and MySQL/MariaDB), so two triggers do the same
//! job: an `INSERT` or an `UPDATE OF balance` on `user` leaving `balance < 0` is aborted with
//! the error `user.balance must not be negative`, and the statement changes nothing.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Adds the `user_balance_non_negative_*` triggers on SQLite; nothing on other back ends.
#[derive(DeriveMigrationName)]
pub struct Migration;

const TRIGGERS: [(&str, &str); 2] = [
    ("user_balance_non_negative_insert", "BEFORE INSERT ON \"user\""),
    (
        "user_balance_non_negative_update",
        "BEFORE UPDATE OF balance ON \"user\"",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        for (name, when) in TRIGGERS {
            let sql = format!(
                "CREATE TRIGGER {name} {when} FOR EACH ROW WHEN NEW.balance < 0 \
                 BEGIN SELECT RAISE(ABORT, 'user.balance must not be negative'); END"
            );
            manager.get_connection().execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        for (name, _) in TRIGGERS {
            let sql = format!("DROP TRIGGER IF EXISTS {name}");
            manager.get_connection().execute_unprepared(&sql).await?;
        }
        Ok(())
    }
}
