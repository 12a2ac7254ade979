//! Panel operations: `panel_state` (an admin's API-generation pin and the last health check
//! of each panel) and an index to find a panel's accounts by inbound (usage sync).

use sea_orm_migration::prelude::*;

/// Creates `panel_state` (one row per panel, UNIQUE `panel_id`) and
/// `ix_client_account_inbound_id`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PanelState {
    Table,
    Id,
    PanelId,
    ApiGeneration,
    CheckedAt,
    LatencyMs,
    XrayState,
    XrayError,
    XrayVersion,
    CpuPermille,
    MemoryUsed,
    MemoryTotal,
    UptimeSecs,
    LastError,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Panel {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ClientAccount {
    Table,
    InboundId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PanelState::Table)
                    .col(
                        ColumnDef::new(PanelState::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PanelState::PanelId).big_integer().not_null())
                    .col(ColumnDef::new(PanelState::ApiGeneration).string_len(1).null())
                    .col(ColumnDef::new(PanelState::CheckedAt).big_integer().null())
                    .col(ColumnDef::new(PanelState::LatencyMs).big_integer().null())
                    .col(ColumnDef::new(PanelState::XrayState).string_len(16).null())
                    .col(ColumnDef::new(PanelState::XrayError).text().null())
                    .col(ColumnDef::new(PanelState::XrayVersion).string_len(64).null())
                    .col(ColumnDef::new(PanelState::CpuPermille).big_integer().null())
                    .col(ColumnDef::new(PanelState::MemoryUsed).big_integer().null())
                    .col(ColumnDef::new(PanelState::MemoryTotal).big_integer().null())
                    .col(ColumnDef::new(PanelState::UptimeSecs).big_integer().null())
                    .col(ColumnDef::new(PanelState::LastError).text().null())
                    .col(ColumnDef::new(PanelState::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_panel_state_panel")
                            .from(PanelState::Table, PanelState::PanelId)
                            .to(Panel::Table, Panel::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_panel_state_panel")
                    .table(PanelState::Table)
                    .col(PanelState::PanelId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_client_account_inbound_id")
                    .table(ClientAccount::Table)
                    .col(ClientAccount::InboundId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_client_account_inbound_id")
                    .table(ClientAccount::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(PanelState::Table).to_owned())
            .await
    }
}
