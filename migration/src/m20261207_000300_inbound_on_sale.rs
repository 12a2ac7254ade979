//! Inbounds on or off sale (#10): `inbound.on_sale`, the admin's choice whether new clients are
//! sold onto an inbound. Every existing inbound stays on sale. Panel sync never writes it, so an
//! inbound re-synced keeps the admin's choice; accounts already on an off-sale inbound keep
//! working and renew.

use sea_orm_migration::prelude::*;

/// Adds `inbound.on_sale` (boolean, not null, default true).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Inbound {
    Table,
    OnSale,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Inbound::Table)
                    .add_column(ColumnDef::new(Inbound::OnSale).boolean().not_null().default(true))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Inbound::Table)
                    .drop_column(Inbound::OnSale)
                    .to_owned(),
            )
            .await
    }
}
