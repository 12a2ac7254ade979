//! Panels with two-factor login: `panel.two_factor_secret_enc`, the TOTP secret encrypted with
//! the store cipher (nullable: most panels have no two-factor login).

use sea_orm_migration::prelude::*;

/// Adds the nullable TEXT column `panel.two_factor_secret_enc`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Panel {
    Table,
    TwoFactorSecretEnc,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Panel::Table)
                    .add_column(ColumnDef::new(Panel::TwoFactorSecretEnc).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Panel::Table)
                    .drop_column(Panel::TwoFactorSecretEnc)
                    .to_owned(),
            )
            .await
    }
}
