//! Admin alerts (#12): `panel_alert`, what admins were last told about each panel, so a panel
//! outage is one alert and a failing sync is reported once.
//!
//! One row per panel (`panel_id` UNIQUE), written when its state first changes. The store moves
//! a flag only with a conditional UPDATE from the opposite value and queues the alert in the same
//! transaction, so two instances checking at once send it once. A panel without a row is up
//! with its syncs working.

use sea_orm_migration::prelude::*;

/// Creates `panel_alert`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PanelAlert {
    Table,
    Id,
    PanelId,
    Down,
    SyncFailed,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use PanelAlert as A;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(
                        ColumnDef::new(A::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(A::PanelId).big_integer().not_null())
                    .col(ColumnDef::new(A::Down).boolean().not_null().default(false))
                    .col(ColumnDef::new(A::SyncFailed).boolean().not_null().default(false))
                    .col(ColumnDef::new(A::UpdatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_panel_alert_panel")
                    .table(A::Table)
                    .col(A::PanelId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PanelAlert::Table).to_owned())
            .await
    }
}
