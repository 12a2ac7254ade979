//! Transfers whose old client is still on its panel: `account_transfer.old_client_removed_at`
//! (Unix ms), NULL until the old client is gone, so a job can retry the removal.

use sea_orm_migration::prelude::*;

/// Adds the nullable BIGINT column `account_transfer.old_client_removed_at`; existing rows stay
/// NULL (their removal is retried once; a client already gone counts as removed).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AccountTransfer {
    Table,
    OldClientRemovedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AccountTransfer::Table)
                    .add_column(ColumnDef::new(AccountTransfer::OldClientRemovedAt).big_integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AccountTransfer::Table)
                    .drop_column(AccountTransfer::OldClientRemovedAt)
                    .to_owned(),
            )
            .await
    }
}
