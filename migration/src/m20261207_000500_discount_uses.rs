//! Uses of discount codes (#10): `discount_use`, one row per paid order that used a code —
//! the code, the buyer, the order, the buyer's how-many-th use (`number`), what it took off and
//! when. UNIQUE `(code_id, user_id, number)`: with a per-buyer limit the store takes a free
//! number in `1..=limit` in the payment's transaction, so two payments of one buyer cannot
//! both take the last use; UNIQUE `order_id`: an order uses a code once. A refund deletes the
//! order's row (the use is given back).
//!
//! Past uses are filled in from the orders that carried a code and are paid or fulfilled
//! (refunded ones gave their use back), numbered per code and buyer in order of their ids.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Creates `discount_use` and fills in the past uses.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DiscountUse {
    Table,
    Id,
    CodeId,
    UserId,
    OrderId,
    Number,
    Amount,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use DiscountUse as U;
        let big = |c: U| ColumnDef::new(c).big_integer().not_null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(U::Table)
                    .col(
                        ColumnDef::new(U::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(big(U::CodeId))
                    .col(big(U::UserId))
                    .col(big(U::OrderId))
                    .col(big(U::Number))
                    .col(big(U::Amount))
                    .col(big(U::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("ux_discount_use_slot", vec![U::CodeId, U::UserId, U::Number]),
            ("ux_discount_use_order", vec![U::OrderId]),
        ] {
            let mut index = Index::create().name(name).table(U::Table).unique().to_owned();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        let order = match manager.get_database_backend() {
            DatabaseBackend::MySql => "`order`",
            _ => "\"order\"",
        };
        let fill = format!(
            "INSERT INTO discount_use (code_id, user_id, order_id, number, amount, created_at) \
             SELECT discount_code_id, user_id, id, \
             ROW_NUMBER() OVER (PARTITION BY discount_code_id, user_id ORDER BY id), \
             discount, COALESCE(paid_at, created_at) \
             FROM {order} WHERE discount_code_id IS NOT NULL AND status IN ('paid', 'fulfilled')"
        );
        manager.get_connection().execute_unprepared(&fill).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DiscountUse::Table).to_owned())
            .await
    }
}
