//! Members: the `user` table (which also carries the wallet balance), the `setting` key/value
//! store and the `audit_log`.

use sea_orm_migration::prelude::*;

/// Creates `user`, `setting` and `audit_log`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
    TelegramId,
    Username,
    FirstName,
    Language,
    Role,
    Status,
    BotBlocked,
    Balance,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Setting {
    Table,
    Id,
    Key,
    Value,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorId,
    Action,
    Target,
    Detail,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(User::Table)
                    .col(
                        ColumnDef::new(User::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(User::TelegramId).big_integer().not_null())
                    .col(ColumnDef::new(User::Username).string_len(64).null())
                    .col(ColumnDef::new(User::FirstName).string_len(128).null())
                    .col(ColumnDef::new(User::Language).string_len(8).not_null().default("en"))
                    .col(ColumnDef::new(User::Role).string_len(16).not_null().default("user"))
                    .col(ColumnDef::new(User::Status).string_len(16).not_null().default("active"))
                    .col(ColumnDef::new(User::BotBlocked).boolean().not_null().default(false))
                    .col(ColumnDef::new(User::Balance).big_integer().not_null().default(0))
                    .col(ColumnDef::new(User::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(User::UpdatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_user_telegram_id")
                    .table(User::Table)
                    .col(User::TelegramId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_user_username")
                    .table(User::Table)
                    .col(User::Username)
                    .to_owned(),
            )
            .await?;
        create_setting(manager).await?;
        create_audit_log(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Setting::Table).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(User::Table).to_owned()).await
    }
}

/// `setting`: one row per key (UNIQUE), the value as text.
async fn create_setting(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Setting::Table)
                .col(
                    ColumnDef::new(Setting::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(ColumnDef::new(Setting::Key).string_len(64).not_null())
                .col(ColumnDef::new(Setting::Value).text().not_null())
                .col(ColumnDef::new(Setting::UpdatedAt).big_integer().not_null())
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ux_setting_key")
                .table(Setting::Table)
                .col(Setting::Key)
                .unique()
                .to_owned(),
        )
        .await
}

/// `audit_log`: append-only; `actor_id` is NULL for the system itself.
async fn create_audit_log(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(
                    ColumnDef::new(AuditLog::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(ColumnDef::new(AuditLog::ActorId).big_integer().null())
                .col(ColumnDef::new(AuditLog::Action).string_len(64).not_null())
                .col(ColumnDef::new(AuditLog::Target).string_len(128).not_null())
                .col(ColumnDef::new(AuditLog::Detail).text().not_null())
                .col(ColumnDef::new(AuditLog::CreatedAt).big_integer().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_audit_log_actor")
                        .from(AuditLog::Table, AuditLog::ActorId)
                        .to(User::Table, User::Id),
                )
                .to_owned(),
        )
        .await?;
    for (name, col) in [
        ("ix_audit_log_actor_id", AuditLog::ActorId),
        ("ix_audit_log_target", AuditLog::Target),
    ] {
        manager
            .create_index(
                Index::create()
                    .name(name)
                    .table(AuditLog::Table)
                    .col(col)
                    .col(AuditLog::Id)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}
