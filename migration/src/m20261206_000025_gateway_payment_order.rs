//! A payment made from the checkout's "balance short" screen pays its order when it lands
//! (#11): `gateway_payment.order_id` names the order (NULL for a plain top-up) and
//! `gateway_payment.order_done_at` records, once, that the order step finished (the order
//! paid, or the payer told it could not be); a paid payment with an order and no
//! `order_done_at` is picked up again by the reconciliation job.

use sea_orm_migration::prelude::*;

/// Adds the nullable columns `gateway_payment.order_id` and `gateway_payment.order_done_at`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum GatewayPayment {
    Table,
    OrderId,
    OrderDoneAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(GatewayPayment::Table)
                    .add_column(ColumnDef::new(GatewayPayment::OrderId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(GatewayPayment::Table)
                    .add_column(ColumnDef::new(GatewayPayment::OrderDoneAt).big_integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(GatewayPayment::Table)
                    .drop_column(GatewayPayment::OrderDoneAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(GatewayPayment::Table)
                    .drop_column(GatewayPayment::OrderId)
                    .to_owned(),
            )
            .await
    }
}
