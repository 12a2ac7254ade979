//! Members: the `user` table (which also carries the wallet balance).

use sea_orm_migration::prelude::*;

/// Creates `user`.
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
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(User::Table).to_owned()).await
    }
}
