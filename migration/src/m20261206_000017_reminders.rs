//! Reminders (#12): `reminder_log`, one row per reminder sent (service, threshold, term), and
//! `reminder_mute`, the reminder kinds a user muted.
//!
//! `(account_id, kind, term)` is UNIQUE: the store inserts the row and queues the notice in one
//! transaction, so a second run (or a second instance) cannot send the same reminder twice. A
//! renewal changes the term (expiry and traffic total), which re-arms every threshold.
//! `(user_id, kind)` is UNIQUE in `reminder_mute`.

use sea_orm_migration::prelude::*;

/// Creates `reminder_log` and `reminder_mute`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReminderLog {
    Table,
    Id,
    AccountId,
    UserId,
    Kind,
    Term,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReminderMute {
    Table,
    Id,
    UserId,
    Kind,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ReminderLog as L;
        use ReminderMute as M;
        manager
            .create_table(
                Table::create()
                    .table(L::Table)
                    .col(
                        ColumnDef::new(L::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(L::AccountId).big_integer().not_null())
                    .col(ColumnDef::new(L::UserId).big_integer().not_null())
                    .col(ColumnDef::new(L::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(L::Term).string_len(64).not_null())
                    .col(ColumnDef::new(L::CreatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_reminder_log_once")
                    .table(L::Table)
                    .col(L::AccountId)
                    .col(L::Kind)
                    .col(L::Term)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(M::Table)
                    .col(
                        ColumnDef::new(M::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(M::UserId).big_integer().not_null())
                    .col(ColumnDef::new(M::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(M::CreatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_reminder_mute_user_kind")
                    .table(M::Table)
                    .col(M::UserId)
                    .col(M::Kind)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReminderMute::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ReminderLog::Table).to_owned())
            .await
    }
}
