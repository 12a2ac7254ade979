//! Telegram adapter: `conversation_state` (what a chat is in the middle of) and
//! `telegram_update` (update ids already taken, so redelivered updates are handled once).

use sea_orm_migration::prelude::*;

/// Creates `conversation_state` and `telegram_update`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConversationState {
    Table,
    Id,
    ChatId,
    State,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TelegramUpdate {
    Table,
    Id,
    UpdateId,
    ReceivedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConversationState::Table)
                    .col(
                        ColumnDef::new(ConversationState::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ConversationState::ChatId).big_integer().not_null())
                    .col(ColumnDef::new(ConversationState::State).text().not_null())
                    .col(ColumnDef::new(ConversationState::Version).big_integer().not_null())
                    .col(ColumnDef::new(ConversationState::UpdatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_conversation_state_chat")
                    .table(ConversationState::Table)
                    .col(ConversationState::ChatId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TelegramUpdate::Table)
                    .col(
                        ColumnDef::new(TelegramUpdate::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(TelegramUpdate::UpdateId).big_integer().not_null())
                    .col(ColumnDef::new(TelegramUpdate::ReceivedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_telegram_update_update_id")
                    .table(TelegramUpdate::Table)
                    .col(TelegramUpdate::UpdateId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_telegram_update_received_at")
                    .table(TelegramUpdate::Table)
                    .col(TelegramUpdate::ReceivedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TelegramUpdate::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ConversationState::Table).to_owned())
            .await
    }
}
