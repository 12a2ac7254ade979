//! Self-signed panel certificates pinned on first use: `panel.tls_pin`, the SHA-256
//! fingerprint of the certificate trusted when the panel was added (nullable: panels with a
//! publicly trusted certificate or plain `http://` have none; an existing self-signed panel is
//! pinned at its next health check).

use sea_orm_migration::prelude::*;

/// Adds the nullable column `panel.tls_pin` (`AB:CD:…`, 95 characters).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Panel {
    Table,
    TlsPin,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Panel::Table)
                    .add_column(ColumnDef::new(Panel::TlsPin).string_len(95).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Panel::Table).drop_column(Panel::TlsPin).to_owned())
            .await
    }
}
