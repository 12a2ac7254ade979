//! Jobs: `job_lease`, so each background job runs on exactly one instance.

use sea_orm_migration::prelude::*;

/// Creates `job_lease` (one row per job name).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum JobLease {
    Table,
    Name,
    Holder,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(JobLease::Table)
                    .col(ColumnDef::new(JobLease::Name).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(JobLease::Holder).string_len(128).not_null())
                    .col(ColumnDef::new(JobLease::ExpiresAt).big_integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(JobLease::Table).to_owned())
            .await
    }
}
