//! One delivery at a time per order: `order.delivery_owner` (who is delivering it),
//! `order.delivery_until` (Unix ms; past it another run may take over) and
//! `order.delivery_attempts` (how many runs took the delivery, so recovery gives up after a
//! bounded number and refunds).

use sea_orm_migration::prelude::*;

/// Adds the three delivery columns to `order`: two nullable, the counter `NOT NULL DEFAULT 0`
/// (existing rows start at 0). One column per statement, as SQLite requires.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Order {
    Table,
    DeliveryOwner,
    DeliveryUntil,
    DeliveryAttempts,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            ColumnDef::new(Order::DeliveryOwner).string_len(64).null().to_owned(),
            ColumnDef::new(Order::DeliveryUntil).big_integer().null().to_owned(),
            ColumnDef::new(Order::DeliveryAttempts)
                .big_integer()
                .not_null()
                .default(0)
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(Table::alter().table(Order::Table).add_column(&mut column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Order::DeliveryAttempts, Order::DeliveryUntil, Order::DeliveryOwner] {
            manager
                .alter_table(Table::alter().table(Order::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
