//! Card-to-card in Telegram (#9): `receipt_post` remembers where the bot posted each receipt
//! for review (one row per receipt and channel), so every post is edited to the receipt's
//! current state; `receipt_log.order_id` names the order a receipt pays for (the purchase
//! continues once it is approved), NULL for a plain top-up.

use sea_orm_migration::prelude::*;

/// Creates `receipt_post` and adds `receipt_log.order_id`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReceiptPost {
    Table,
    Id,
    ReceiptId,
    ChatId,
    MessageId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReceiptLog {
    Table,
    OrderId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReceiptPost::Table)
                    .col(
                        ColumnDef::new(ReceiptPost::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ReceiptPost::ReceiptId).big_integer().not_null())
                    .col(ColumnDef::new(ReceiptPost::ChatId).big_integer().not_null())
                    .col(ColumnDef::new(ReceiptPost::MessageId).big_integer().not_null())
                    .col(ColumnDef::new(ReceiptPost::CreatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_receipt_post_receipt_chat")
                    .table(ReceiptPost::Table)
                    .col(ReceiptPost::ReceiptId)
                    .col(ReceiptPost::ChatId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ReceiptLog::Table)
                    .add_column(ColumnDef::new(ReceiptLog::OrderId).big_integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ReceiptLog::Table)
                    .drop_column(ReceiptLog::OrderId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ReceiptPost::Table).to_owned())
            .await
    }
}
