//! Every rule of a discount code (#10): `discount_code.per_user_limit` (nullable: no limit per
//! buyer) and `discount_plan`, the plans a code is for (no rows: every paid plan; UNIQUE
//! `(code_id, plan_id)`). The one plan a code had in `discount_code.plan_id` moves to
//! `discount_plan`, and `plan_id` is left NULL from then on (the column stays: SQLite cannot
//! drop a column under a foreign key).

use sea_orm_migration::prelude::*;

/// Adds `discount_code.per_user_limit` and `discount_plan`, and moves `plan_id` there.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DiscountCode {
    Table,
    Id,
    PlanId,
    PerUserLimit,
}

#[derive(DeriveIden)]
enum DiscountPlan {
    Table,
    Id,
    CodeId,
    PlanId,
}

#[derive(DeriveIden)]
enum Plan {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(DiscountCode::Table)
                    .add_column(ColumnDef::new(DiscountCode::PerUserLimit).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DiscountPlan::Table)
                    .col(
                        ColumnDef::new(DiscountPlan::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(DiscountPlan::CodeId).big_integer().not_null())
                    .col(ColumnDef::new(DiscountPlan::PlanId).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_discount_plan_code")
                            .from(DiscountPlan::Table, DiscountPlan::CodeId)
                            .to(DiscountCode::Table, DiscountCode::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_discount_plan_plan")
                            .from(DiscountPlan::Table, DiscountPlan::PlanId)
                            .to(Plan::Table, Plan::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_discount_plan_code_plan")
                    .table(DiscountPlan::Table)
                    .col(DiscountPlan::CodeId)
                    .col(DiscountPlan::PlanId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let copy = Query::insert()
            .into_table(DiscountPlan::Table)
            .columns([DiscountPlan::CodeId, DiscountPlan::PlanId])
            .select_from(
                Query::select()
                    .columns([DiscountCode::Id, DiscountCode::PlanId])
                    .from(DiscountCode::Table)
                    .and_where(Expr::col(DiscountCode::PlanId).is_not_null())
                    .to_owned(),
            )
            .map_err(|e| DbErr::Custom(e.to_string()))?
            .to_owned();
        manager.exec_stmt(copy).await?;
        let clear = Query::update()
            .table(DiscountCode::Table)
            .value(DiscountCode::PlanId, Option::<i64>::None)
            .to_owned();
        manager.exec_stmt(clear).await
    }

    /// Back to one plan per code: a code keeps the plan with the lowest id of its plans (a
    /// narrower code, never a wider one); then `discount_plan` and `per_user_limit` go.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE discount_code SET plan_id = \
                 (SELECT MIN(p.plan_id) FROM discount_plan p WHERE p.code_id = discount_code.id)",
            )
            .await?;
        manager
            .drop_table(Table::drop().table(DiscountPlan::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(DiscountCode::Table)
                    .drop_column(DiscountCode::PerUserLimit)
                    .to_owned(),
            )
            .await
    }
}
