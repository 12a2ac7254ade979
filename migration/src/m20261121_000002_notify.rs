//! Notify: `notification_log`, the outbox.

use sea_orm_migration::prelude::*;

/// Creates `notification_log`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum NotificationLog {
    Table,
    Id,
    UserId,
    Kind,
    Payload,
    Status,
    Attempts,
    LastError,
    NextAttemptAt,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NotificationLog::Table)
                    .col(
                        ColumnDef::new(NotificationLog::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(NotificationLog::UserId).big_integer().null())
                    .col(ColumnDef::new(NotificationLog::Kind).string_len(48).not_null())
                    .col(ColumnDef::new(NotificationLog::Payload).text().not_null())
                    .col(ColumnDef::new(NotificationLog::Status).string_len(16).not_null())
                    .col(
                        ColumnDef::new(NotificationLog::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(NotificationLog::LastError).text().null())
                    .col(ColumnDef::new(NotificationLog::NextAttemptAt).big_integer().not_null())
                    .col(ColumnDef::new(NotificationLog::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(NotificationLog::SentAt).big_integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notification_log_user")
                            .from(NotificationLog::Table, NotificationLog::UserId)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notification_log_due")
                    .table(NotificationLog::Table)
                    .col(NotificationLog::Status)
                    .col(NotificationLog::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(NotificationLog::Table).to_owned())
            .await
    }
}
