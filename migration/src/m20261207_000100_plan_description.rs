//! Plan descriptions (#10): `plan.description`, what buyers read about a plan besides its
//! terms (nullable: a plan without one shows its terms only; 1 to 500 characters, checked by
//! `orders::PlanDescription`).

use sea_orm_migration::prelude::*;

/// Adds the nullable column `plan.description` (TEXT).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Plan {
    Table,
    Description,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Plan::Table)
                    .add_column(ColumnDef::new(Plan::Description).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Plan::Table)
                    .drop_column(Plan::Description)
                    .to_owned(),
            )
            .await
    }
}
