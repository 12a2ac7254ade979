//! Gateway payments (#11): `gateway_payment`, one row per payment through a provider.
//!
//! `(provider, provider_ref)` is UNIQUE: a provider's id names one payment, so a replayed
//! callback finds the row it already settled (NULL refs, before the provider answered, never
//! collide). `(status, created_at)` serves the reconciliation job.

use sea_orm_migration::prelude::*;

/// Creates `gateway_payment`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum GatewayPayment {
    Table,
    Id,
    UserId,
    Provider,
    Amount,
    ChargeMinor,
    ChargeCurrency,
    Status,
    ProviderRef,
    PayUrl,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use GatewayPayment as G;
        manager
            .create_table(
                Table::create()
                    .table(G::Table)
                    .col(
                        ColumnDef::new(G::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(G::UserId).big_integer().not_null())
                    .col(ColumnDef::new(G::Provider).string_len(16).not_null())
                    .col(ColumnDef::new(G::Amount).big_integer().not_null())
                    .col(ColumnDef::new(G::ChargeMinor).big_integer().not_null())
                    .col(ColumnDef::new(G::ChargeCurrency).string_len(8).not_null())
                    .col(ColumnDef::new(G::Status).string_len(16).not_null())
                    .col(ColumnDef::new(G::ProviderRef).string_len(128).null())
                    .col(ColumnDef::new(G::PayUrl).text().null())
                    .col(ColumnDef::new(G::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(G::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_gateway_payment_user")
                            .from(G::Table, G::UserId)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_gateway_payment_provider_ref")
                    .table(G::Table)
                    .col(G::Provider)
                    .col(G::ProviderRef)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_gateway_payment_status_created")
                    .table(G::Table)
                    .col(G::Status)
                    .col(G::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(GatewayPayment::Table).to_owned())
            .await
    }
}
