//! Orders: `plan`, `plan_location`, `discount_code`, `order` and `test_account_log`.
//!
//! Rules the database enforces: one discount code per text, one tracking code per order,
//! a location listed once per plan, and one free test claim per user and test plan.

use sea_orm_migration::prelude::*;

/// Creates the orders tables.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Plan {
    Table,
    Id,
    Name,
    Kind,
    VolumeBytes,
    DurationDays,
    Price,
    PricePerGb,
    PricePerDay,
    MinGb,
    MaxGb,
    MinDays,
    MaxDays,
    IsTest,
    Renewal,
    IpLimit,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlanLocation {
    Table,
    Id,
    PlanId,
    LocationId,
}

#[derive(DeriveIden)]
enum DiscountCode {
    Table,
    Id,
    Code,
    Kind,
    Value,
    UsageLimit,
    UsedCount,
    MinOrder,
    MaxDiscount,
    StartsAt,
    ExpiresAt,
    PlanId,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Order {
    Table,
    Id,
    Tracking,
    UserId,
    TelegramId,
    PlanId,
    LocationId,
    Kind,
    RenewAccountId,
    RenewalRule,
    IsTest,
    VolumeBytes,
    DurationDays,
    IpLimit,
    Price,
    Discount,
    DiscountCodeId,
    Amount,
    Status,
    InboundId,
    ClientName,
    ClientEmail,
    ClientUuid,
    SubId,
    AccountId,
    Failure,
    CreatedAt,
    PaidAt,
    ClosedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TestAccountLog {
    Table,
    Id,
    UserId,
    PlanId,
    OrderId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Location {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ClientAccount {
    Table,
    Id,
}

fn id<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn big<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

fn big_null<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).big_integer().null().to_owned()
}

fn fk<F: IntoIden, C: IntoIden, T: IntoIden, I: IntoIden>(
    name: &str,
    from: (F, C),
    to: (T, I),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

fn plan() -> TableCreateStatement {
    Table::create()
        .table(Plan::Table)
        .col(id(Plan::Id))
        .col(ColumnDef::new(Plan::Name).string_len(64).not_null())
        .col(ColumnDef::new(Plan::Kind).string_len(16).not_null())
        .col(big_null(Plan::VolumeBytes))
        .col(big_null(Plan::DurationDays))
        .col(big_null(Plan::Price))
        .col(big_null(Plan::PricePerGb))
        .col(big_null(Plan::PricePerDay))
        .col(big_null(Plan::MinGb))
        .col(big_null(Plan::MaxGb))
        .col(big_null(Plan::MinDays))
        .col(big_null(Plan::MaxDays))
        .col(ColumnDef::new(Plan::IsTest).boolean().not_null())
        .col(ColumnDef::new(Plan::Renewal).string_len(16).not_null())
        .col(big(Plan::IpLimit))
        .col(ColumnDef::new(Plan::Active).boolean().not_null())
        .col(big(Plan::CreatedAt))
        .col(big(Plan::UpdatedAt))
        .to_owned()
}

fn plan_location() -> TableCreateStatement {
    Table::create()
        .table(PlanLocation::Table)
        .col(id(PlanLocation::Id))
        .col(big(PlanLocation::PlanId))
        .col(big(PlanLocation::LocationId))
        .foreign_key(
            fk(
                "fk_plan_location_plan",
                (PlanLocation::Table, PlanLocation::PlanId),
                (Plan::Table, Plan::Id),
            )
            .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(&mut fk(
            "fk_plan_location_location",
            (PlanLocation::Table, PlanLocation::LocationId),
            (Location::Table, Location::Id),
        ))
        .to_owned()
}

fn discount_code() -> TableCreateStatement {
    Table::create()
        .table(DiscountCode::Table)
        .col(id(DiscountCode::Id))
        .col(ColumnDef::new(DiscountCode::Code).string_len(32).not_null())
        .col(ColumnDef::new(DiscountCode::Kind).string_len(16).not_null())
        .col(big(DiscountCode::Value))
        .col(big_null(DiscountCode::UsageLimit))
        .col(
            ColumnDef::new(DiscountCode::UsedCount)
                .big_integer()
                .not_null()
                .default(0),
        )
        .col(big(DiscountCode::MinOrder))
        .col(big_null(DiscountCode::MaxDiscount))
        .col(big_null(DiscountCode::StartsAt))
        .col(big_null(DiscountCode::ExpiresAt))
        .col(big_null(DiscountCode::PlanId))
        .col(ColumnDef::new(DiscountCode::Status).string_len(16).not_null())
        .col(big(DiscountCode::CreatedAt))
        .foreign_key(&mut fk(
            "fk_discount_code_plan",
            (DiscountCode::Table, DiscountCode::PlanId),
            (Plan::Table, Plan::Id),
        ))
        .to_owned()
}

fn order() -> TableCreateStatement {
    Table::create()
        .table(Order::Table)
        .col(id(Order::Id))
        .col(ColumnDef::new(Order::Tracking).string_len(32).not_null())
        .col(big(Order::UserId))
        .col(big(Order::TelegramId))
        .col(big(Order::PlanId))
        .col(big(Order::LocationId))
        .col(ColumnDef::new(Order::Kind).string_len(16).not_null())
        .col(big_null(Order::RenewAccountId))
        .col(ColumnDef::new(Order::RenewalRule).string_len(16).null())
        .col(ColumnDef::new(Order::IsTest).boolean().not_null())
        .col(big(Order::VolumeBytes))
        .col(big(Order::DurationDays))
        .col(big(Order::IpLimit))
        .col(big(Order::Price))
        .col(big(Order::Discount))
        .col(big_null(Order::DiscountCodeId))
        .col(big(Order::Amount))
        .col(ColumnDef::new(Order::Status).string_len(16).not_null())
        .col(big_null(Order::InboundId))
        .col(ColumnDef::new(Order::ClientName).string_len(64).null())
        .col(ColumnDef::new(Order::ClientEmail).string_len(191).null())
        .col(ColumnDef::new(Order::ClientUuid).string_len(191).null())
        .col(ColumnDef::new(Order::SubId).string_len(64).null())
        .col(big_null(Order::AccountId))
        .col(ColumnDef::new(Order::Failure).text().null())
        .col(big(Order::CreatedAt))
        .col(big_null(Order::PaidAt))
        .col(big_null(Order::ClosedAt))
        .col(big(Order::UpdatedAt))
        .foreign_key(&mut fk(
            "fk_order_user",
            (Order::Table, Order::UserId),
            (User::Table, User::Id),
        ))
        .foreign_key(&mut fk(
            "fk_order_plan",
            (Order::Table, Order::PlanId),
            (Plan::Table, Plan::Id),
        ))
        .foreign_key(&mut fk(
            "fk_order_location",
            (Order::Table, Order::LocationId),
            (Location::Table, Location::Id),
        ))
        .foreign_key(&mut fk(
            "fk_order_discount_code",
            (Order::Table, Order::DiscountCodeId),
            (DiscountCode::Table, DiscountCode::Id),
        ))
        .foreign_key(&mut fk(
            "fk_order_renew_account",
            (Order::Table, Order::RenewAccountId),
            (ClientAccount::Table, ClientAccount::Id),
        ))
        .foreign_key(&mut fk(
            "fk_order_account",
            (Order::Table, Order::AccountId),
            (ClientAccount::Table, ClientAccount::Id),
        ))
        .to_owned()
}

fn test_account_log() -> TableCreateStatement {
    Table::create()
        .table(TestAccountLog::Table)
        .col(id(TestAccountLog::Id))
        .col(big(TestAccountLog::UserId))
        .col(big(TestAccountLog::PlanId))
        .col(big(TestAccountLog::OrderId))
        .col(big(TestAccountLog::CreatedAt))
        .foreign_key(&mut fk(
            "fk_test_account_log_user",
            (TestAccountLog::Table, TestAccountLog::UserId),
            (User::Table, User::Id),
        ))
        .foreign_key(&mut fk(
            "fk_test_account_log_plan",
            (TestAccountLog::Table, TestAccountLog::PlanId),
            (Plan::Table, Plan::Id),
        ))
        .foreign_key(&mut fk(
            "fk_test_account_log_order",
            (TestAccountLog::Table, TestAccountLog::OrderId),
            (Order::Table, Order::Id),
        ))
        .to_owned()
}

fn index<T: IntoIden>(name: &str, table: T, cols: &[DynIden], unique: bool) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(col.clone());
    }
    if unique {
        index.unique();
    }
    index.to_owned()
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index(
            "ux_plan_location_plan_location",
            PlanLocation::Table,
            &[PlanLocation::PlanId.into_iden(), PlanLocation::LocationId.into_iden()],
            true,
        ),
        index(
            "ix_plan_location_location_id",
            PlanLocation::Table,
            &[PlanLocation::LocationId.into_iden()],
            false,
        ),
        index(
            "ux_discount_code_code",
            DiscountCode::Table,
            &[DiscountCode::Code.into_iden()],
            true,
        ),
        index("ux_order_tracking", Order::Table, &[Order::Tracking.into_iden()], true),
        index(
            "ix_order_user_id",
            Order::Table,
            &[Order::UserId.into_iden(), Order::Id.into_iden()],
            false,
        ),
        index(
            "ix_order_status_created_at",
            Order::Table,
            &[Order::Status.into_iden(), Order::CreatedAt.into_iden()],
            false,
        ),
        index(
            "ix_order_status_paid_at",
            Order::Table,
            &[Order::Status.into_iden(), Order::PaidAt.into_iden()],
            false,
        ),
        index(
            "ux_test_account_log_user_plan",
            TestAccountLog::Table,
            &[TestAccountLog::UserId.into_iden(), TestAccountLog::PlanId.into_iden()],
            true,
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [plan(), plan_location(), discount_code(), order(), test_account_log()] {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TestAccountLog::Table.into_iden(),
            Order::Table.into_iden(),
            DiscountCode::Table.into_iden(),
            PlanLocation::Table.into_iden(),
            Plan::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
