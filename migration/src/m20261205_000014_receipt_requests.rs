//! Top-up requests with unique amounts, flags and card caps (#9).
//!
//! `receipt_log` gains the requested amount (the row's `amount` is the unique amount to
//! transfer), the credited amount (an admin may correct it), flags, the photo's
//! `file_unique_id`, and `open_amount`: the amount while the request is open, NULL after —
//! its UNIQUE index keeps two open requests from sharing an amount on every backend (NULLs
//! never collide). `bank_card` gains daily and monthly caps, a notification pattern and the
//! automatic approval switch. One column per statement: SQLite alters one at a time.

use sea_orm_migration::prelude::*;

/// Adds the request, flag and cap columns.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReceiptLog {
    Table,
    RequestedAmount,
    CreditedAmount,
    Flags,
    PhotoUniqueId,
    OpenAmount,
}

#[derive(DeriveIden)]
enum BankCard {
    Table,
    DailyCap,
    MonthlyCap,
    SmsPattern,
    AutoApprove,
}

async fn add(manager: &SchemaManager<'_>, table: impl IntoIden, column: &mut ColumnDef) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).add_column(column).to_owned())
        .await
}

async fn drop(manager: &SchemaManager<'_>, table: impl IntoIden, column: impl IntoIden) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).drop_column(column).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ReceiptLog as R;
        add(
            manager,
            R::Table,
            ColumnDef::new(R::RequestedAmount).big_integer().null(),
        )
        .await?;
        add(
            manager,
            R::Table,
            ColumnDef::new(R::CreditedAmount).big_integer().null(),
        )
        .await?;
        add(
            manager,
            R::Table,
            ColumnDef::new(R::Flags).string_len(128).not_null().default(""),
        )
        .await?;
        add(
            manager,
            R::Table,
            ColumnDef::new(R::PhotoUniqueId).string_len(255).null(),
        )
        .await?;
        add(manager, R::Table, ColumnDef::new(R::OpenAmount).big_integer().null()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_receipt_log_open_amount")
                    .table(R::Table)
                    .col(R::OpenAmount)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_receipt_log_photo_unique_id")
                    .table(R::Table)
                    .col(R::PhotoUniqueId)
                    .to_owned(),
            )
            .await?;
        use BankCard as C;
        add(manager, C::Table, ColumnDef::new(C::DailyCap).big_integer().null()).await?;
        add(manager, C::Table, ColumnDef::new(C::MonthlyCap).big_integer().null()).await?;
        add(manager, C::Table, ColumnDef::new(C::SmsPattern).text().null()).await?;
        add(
            manager,
            C::Table,
            ColumnDef::new(C::AutoApprove).boolean().not_null().default(false),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ReceiptLog as R;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_receipt_log_photo_unique_id")
                    .table(R::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_receipt_log_open_amount")
                    .table(R::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            R::RequestedAmount,
            R::CreditedAmount,
            R::Flags,
            R::PhotoUniqueId,
            R::OpenAmount,
        ] {
            drop(manager, R::Table, column).await?;
        }
        use BankCard as C;
        for column in [C::DailyCap, C::MonthlyCap, C::SmsPattern, C::AutoApprove] {
            drop(manager, C::Table, column).await?;
        }
        Ok(())
    }
}
