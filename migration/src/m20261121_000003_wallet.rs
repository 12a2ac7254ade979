//! Wallet: `transaction`, the append-only ledger.

use sea_orm_migration::prelude::*;

/// Creates `transaction` with UNIQUE idempotency keys and tracking codes.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Transaction {
    Table,
    Id,
    UserId,
    Kind,
    Amount,
    BalanceAfter,
    IdempotencyKey,
    TrackingCode,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Transaction::Table)
                    .col(
                        ColumnDef::new(Transaction::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Transaction::UserId).big_integer().not_null())
                    .col(ColumnDef::new(Transaction::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Transaction::Amount).big_integer().not_null())
                    .col(ColumnDef::new(Transaction::BalanceAfter).big_integer().not_null())
                    .col(ColumnDef::new(Transaction::IdempotencyKey).string_len(128).not_null())
                    .col(ColumnDef::new(Transaction::TrackingCode).string_len(32).not_null())
                    .col(ColumnDef::new(Transaction::Note).text().null())
                    .col(ColumnDef::new(Transaction::CreatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_transaction_user")
                            .from(Transaction::Table, Transaction::UserId)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ux_transaction_idempotency_key", Transaction::IdempotencyKey),
            ("ux_transaction_tracking_code", Transaction::TrackingCode),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Transaction::Table)
                        .col(col)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_transaction_user_id")
                    .table(Transaction::Table)
                    .col(Transaction::UserId)
                    .col(Transaction::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Transaction::Table).to_owned())
            .await
    }
}
