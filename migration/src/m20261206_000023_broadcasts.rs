//! Broadcasts (#12): `broadcast_campaign`, one row per campaign (its content, audience,
//! status and where its progress is shown), and `broadcast_recipient`, one row per user a
//! started campaign goes to, written when it is confirmed.
//!
//! A recipient is `pending`, then `sending` while its one call is under way (`claimed_at`),
//! then `sent`, `failed`, `blocked` or `left`. `(campaign_id, user_id)` is UNIQUE, so nobody
//! is a recipient twice; `(campaign_id, state, id)` serves the worker's next batch and the
//! progress counts.

use sea_orm_migration::prelude::*;

/// Creates `broadcast_campaign` and `broadcast_recipient`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BroadcastCampaign {
    Table,
    Id,
    Text,
    PhotoFileId,
    ButtonLabel,
    ButtonUrl,
    Audience,
    Status,
    CreatedBy,
    CreatedAt,
    StartedAt,
    DoneAtStart,
    EndedAt,
    ProgressChat,
    ProgressMessageId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BroadcastRecipient {
    Table,
    Id,
    CampaignId,
    UserId,
    State,
    Error,
    ClaimedAt,
    SettledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use BroadcastCampaign as C;
        use BroadcastRecipient as R;
        manager
            .create_table(
                Table::create()
                    .table(C::Table)
                    .col(
                        ColumnDef::new(C::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(C::Text).text().not_null())
                    .col(ColumnDef::new(C::PhotoFileId).string_len(256).null())
                    .col(ColumnDef::new(C::ButtonLabel).string_len(64).null())
                    .col(ColumnDef::new(C::ButtonUrl).string_len(1024).null())
                    .col(ColumnDef::new(C::Audience).string_len(32).not_null())
                    .col(ColumnDef::new(C::Status).string_len(16).not_null())
                    .col(ColumnDef::new(C::CreatedBy).big_integer().not_null())
                    .col(ColumnDef::new(C::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(C::StartedAt).big_integer().null())
                    .col(ColumnDef::new(C::DoneAtStart).big_integer().not_null().default(0))
                    .col(ColumnDef::new(C::EndedAt).big_integer().null())
                    .col(ColumnDef::new(C::ProgressChat).big_integer().null())
                    .col(ColumnDef::new(C::ProgressMessageId).big_integer().null())
                    .col(ColumnDef::new(C::UpdatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_broadcast_campaign_status")
                    .table(C::Table)
                    .col(C::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(
                        ColumnDef::new(R::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(R::CampaignId).big_integer().not_null())
                    .col(ColumnDef::new(R::UserId).big_integer().not_null())
                    .col(ColumnDef::new(R::State).string_len(16).not_null())
                    .col(ColumnDef::new(R::Error).string_len(255).null())
                    .col(ColumnDef::new(R::ClaimedAt).big_integer().null())
                    .col(ColumnDef::new(R::SettledAt).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_broadcast_recipient_once")
                    .table(R::Table)
                    .col(R::CampaignId)
                    .col(R::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_broadcast_recipient_state")
                    .table(R::Table)
                    .col(R::CampaignId)
                    .col(R::State)
                    .col(R::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BroadcastRecipient::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(BroadcastCampaign::Table).to_owned())
            .await
    }
}
