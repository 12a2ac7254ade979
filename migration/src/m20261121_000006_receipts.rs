//! Receipts: `bank_card` (numbers encrypted, last four digits in clear for display) and
//! `receipt_log` (card-to-card receipts, UNIQUE tracking code).

use sea_orm_migration::prelude::*;

/// Creates `bank_card` and `receipt_log`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BankCard {
    Table,
    Id,
    Holder,
    Bank,
    NumberEnc,
    Last4,
    OwnerId,
    ChannelId,
    Rotation,
    RotationEverySecs,
    Active,
    IsCurrent,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReceiptLog {
    Table,
    Id,
    UserId,
    CardId,
    Amount,
    Text,
    PhotoFileId,
    Status,
    TrackingCode,
    SubmittedAt,
    ExpiresAt,
    DecidedBy,
    DecidedAt,
    RejectReason,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_bank_card(manager).await?;
        create_receipt_log(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReceiptLog::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(BankCard::Table).to_owned())
            .await
    }
}

async fn create_bank_card(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(BankCard::Table)
                .col(
                    ColumnDef::new(BankCard::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(ColumnDef::new(BankCard::Holder).string_len(64).not_null())
                .col(ColumnDef::new(BankCard::Bank).string_len(64).not_null())
                .col(ColumnDef::new(BankCard::NumberEnc).text().not_null())
                .col(ColumnDef::new(BankCard::Last4).string_len(4).not_null())
                .col(ColumnDef::new(BankCard::OwnerId).big_integer().not_null())
                .col(ColumnDef::new(BankCard::ChannelId).big_integer().null())
                .col(ColumnDef::new(BankCard::Rotation).string_len(16).not_null())
                .col(ColumnDef::new(BankCard::RotationEverySecs).big_integer().null())
                .col(ColumnDef::new(BankCard::Active).boolean().not_null())
                .col(ColumnDef::new(BankCard::IsCurrent).boolean().not_null())
                .col(ColumnDef::new(BankCard::CreatedAt).big_integer().not_null())
                .col(ColumnDef::new(BankCard::UpdatedAt).big_integer().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_bank_card_owner")
                        .from(BankCard::Table, BankCard::OwnerId)
                        .to(User::Table, User::Id),
                )
                .to_owned(),
        )
        .await
}

async fn create_receipt_log(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(ReceiptLog::Table)
                .col(
                    ColumnDef::new(ReceiptLog::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(ColumnDef::new(ReceiptLog::UserId).big_integer().not_null())
                .col(ColumnDef::new(ReceiptLog::CardId).big_integer().not_null())
                .col(ColumnDef::new(ReceiptLog::Amount).big_integer().not_null())
                .col(ColumnDef::new(ReceiptLog::Text).text().null())
                .col(ColumnDef::new(ReceiptLog::PhotoFileId).string_len(255).null())
                .col(ColumnDef::new(ReceiptLog::Status).string_len(16).not_null())
                .col(ColumnDef::new(ReceiptLog::TrackingCode).string_len(32).not_null())
                .col(ColumnDef::new(ReceiptLog::SubmittedAt).big_integer().not_null())
                .col(ColumnDef::new(ReceiptLog::ExpiresAt).big_integer().not_null())
                .col(ColumnDef::new(ReceiptLog::DecidedBy).big_integer().null())
                .col(ColumnDef::new(ReceiptLog::DecidedAt).big_integer().null())
                .col(ColumnDef::new(ReceiptLog::RejectReason).text().null())
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_receipt_log_user")
                        .from(ReceiptLog::Table, ReceiptLog::UserId)
                        .to(User::Table, User::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_receipt_log_card")
                        .from(ReceiptLog::Table, ReceiptLog::CardId)
                        .to(BankCard::Table, BankCard::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_receipt_log_decided_by")
                        .from(ReceiptLog::Table, ReceiptLog::DecidedBy)
                        .to(User::Table, User::Id),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ux_receipt_log_tracking_code")
                .table(ReceiptLog::Table)
                .col(ReceiptLog::TrackingCode)
                .unique()
                .to_owned(),
        )
        .await?;
    for (name, cols) in [
        (
            "ix_receipt_log_status_expires",
            [ReceiptLog::Status, ReceiptLog::ExpiresAt],
        ),
        ("ix_receipt_log_user_status", [ReceiptLog::UserId, ReceiptLog::Status]),
        (
            "ix_receipt_log_card_submitted",
            [ReceiptLog::CardId, ReceiptLog::SubmittedAt],
        ),
    ] {
        let mut index = Index::create();
        index.name(name).table(ReceiptLog::Table);
        for col in cols {
            index.col(col);
        }
        manager.create_index(index.to_owned()).await?;
    }
    Ok(())
}
