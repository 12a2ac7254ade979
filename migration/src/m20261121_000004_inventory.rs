//! Inventory: `location`, `panel`, `inbound`, `client_account`, `account_transfer`.

use sea_orm_migration::prelude::*;

/// Creates the inventory tables. Panel credentials are stored encrypted (TEXT); client names
/// and emails are UNIQUE; an inbound is UNIQUE per (panel, remote id); an account is moved at
/// most once (UNIQUE `account_transfer.from_account_id`).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Location {
    Table,
    Id,
    Name,
    Prefix,
    NextClientNumber,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Panel {
    Table,
    Id,
    Name,
    Url,
    Username,
    PasswordEnc,
    ApiTokenEnc,
    AllowInsecureTls,
    LocationId,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Inbound {
    Table,
    Id,
    PanelId,
    RemoteId,
    Tag,
    Protocol,
    Port,
    Remark,
    Settings,
    StreamSettings,
    Sniffing,
    MaxClients,
    ClientCount,
    Status,
    SyncedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ClientAccount {
    Table,
    Id,
    UserId,
    InboundId,
    LocationId,
    OrderId,
    Name,
    Email,
    ClientUuid,
    SubId,
    TrafficLimitBytes,
    TrafficUsedBytes,
    IpLimit,
    ExpiresAt,
    Status,
    ConfigUrl,
    SubscriptionUrl,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AccountTransfer {
    Table,
    Id,
    UserId,
    FromAccountId,
    ToAccountId,
    FromLocationId,
    ToLocationId,
    CarriedBytes,
    ExpiresAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum User {
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

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for col in cols {
        stmt.col(col);
    }
    if unique {
        stmt.unique();
    }
    manager.create_index(stmt.to_owned()).await
}

impl Migration {
    async fn create_location(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Location::Table)
                    .col(id(Location::Id))
                    .col(ColumnDef::new(Location::Name).string_len(64).not_null())
                    .col(ColumnDef::new(Location::Prefix).string_len(8).not_null())
                    .col(
                        ColumnDef::new(Location::NextClientNumber)
                            .big_integer()
                            .not_null()
                            .default(1001),
                    )
                    .col(ColumnDef::new(Location::Active).boolean().not_null().default(true))
                    .col(ColumnDef::new(Location::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Location::UpdatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_location_name",
            Location::Table,
            vec![Location::Name.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "ux_location_prefix",
            Location::Table,
            vec![Location::Prefix.into_iden()],
            true,
        )
        .await
    }

    async fn create_panel(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Panel::Table)
                    .col(id(Panel::Id))
                    .col(ColumnDef::new(Panel::Name).string_len(64).not_null())
                    .col(ColumnDef::new(Panel::Url).string_len(191).not_null())
                    .col(ColumnDef::new(Panel::Username).string_len(128).not_null())
                    .col(ColumnDef::new(Panel::PasswordEnc).text().not_null())
                    .col(ColumnDef::new(Panel::ApiTokenEnc).text().null())
                    .col(
                        ColumnDef::new(Panel::AllowInsecureTls)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(Panel::LocationId).big_integer().not_null())
                    .col(ColumnDef::new(Panel::Active).boolean().not_null().default(true))
                    .col(ColumnDef::new(Panel::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Panel::UpdatedAt).big_integer().not_null())
                    .foreign_key(&mut fk(
                        "fk_panel_location",
                        (Panel::Table, Panel::LocationId),
                        (Location::Table, Location::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_panel_url",
            Panel::Table,
            vec![Panel::Url.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "ix_panel_location_id",
            Panel::Table,
            vec![Panel::LocationId.into_iden()],
            false,
        )
        .await
    }

    async fn create_inbound(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Inbound::Table)
                    .col(id(Inbound::Id))
                    .col(ColumnDef::new(Inbound::PanelId).big_integer().not_null())
                    .col(ColumnDef::new(Inbound::RemoteId).big_integer().not_null())
                    .col(ColumnDef::new(Inbound::Tag).string_len(191).not_null())
                    .col(ColumnDef::new(Inbound::Protocol).string_len(32).not_null())
                    .col(ColumnDef::new(Inbound::Port).big_integer().not_null())
                    .col(ColumnDef::new(Inbound::Remark).text().not_null())
                    .col(ColumnDef::new(Inbound::Settings).text().not_null())
                    .col(ColumnDef::new(Inbound::StreamSettings).text().not_null())
                    .col(ColumnDef::new(Inbound::Sniffing).text().not_null())
                    .col(ColumnDef::new(Inbound::MaxClients).big_integer().not_null().default(0))
                    .col(ColumnDef::new(Inbound::ClientCount).big_integer().not_null().default(0))
                    .col(ColumnDef::new(Inbound::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Inbound::SyncedAt).big_integer().not_null())
                    .col(ColumnDef::new(Inbound::CreatedAt).big_integer().not_null())
                    .foreign_key(&mut fk(
                        "fk_inbound_panel",
                        (Inbound::Table, Inbound::PanelId),
                        (Panel::Table, Panel::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_inbound_panel_remote",
            Inbound::Table,
            vec![Inbound::PanelId.into_iden(), Inbound::RemoteId.into_iden()],
            true,
        )
        .await
    }

    async fn create_client_account(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ClientAccount::Table)
                    .col(id(ClientAccount::Id))
                    .col(ColumnDef::new(ClientAccount::UserId).big_integer().not_null())
                    .col(ColumnDef::new(ClientAccount::InboundId).big_integer().not_null())
                    .col(ColumnDef::new(ClientAccount::LocationId).big_integer().not_null())
                    .col(ColumnDef::new(ClientAccount::OrderId).big_integer().null())
                    .col(ColumnDef::new(ClientAccount::Name).string_len(64).not_null())
                    .col(ColumnDef::new(ClientAccount::Email).string_len(64).not_null())
                    .col(ColumnDef::new(ClientAccount::ClientUuid).string_len(64).not_null())
                    .col(ColumnDef::new(ClientAccount::SubId).string_len(64).not_null())
                    .col(
                        ColumnDef::new(ClientAccount::TrafficLimitBytes)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ClientAccount::TrafficUsedBytes)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(ClientAccount::IpLimit)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(ClientAccount::ExpiresAt).big_integer().null())
                    .col(ColumnDef::new(ClientAccount::Status).string_len(16).not_null())
                    .col(ColumnDef::new(ClientAccount::ConfigUrl).text().not_null())
                    .col(ColumnDef::new(ClientAccount::SubscriptionUrl).text().null())
                    .col(ColumnDef::new(ClientAccount::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(ClientAccount::UpdatedAt).big_integer().not_null())
                    .foreign_key(&mut fk(
                        "fk_client_account_user",
                        (ClientAccount::Table, ClientAccount::UserId),
                        (User::Table, User::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_client_account_inbound",
                        (ClientAccount::Table, ClientAccount::InboundId),
                        (Inbound::Table, Inbound::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_client_account_location",
                        (ClientAccount::Table, ClientAccount::LocationId),
                        (Location::Table, Location::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_client_account_name",
            ClientAccount::Table,
            vec![ClientAccount::Name.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "ux_client_account_email",
            ClientAccount::Table,
            vec![ClientAccount::Email.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "ix_client_account_user_id",
            ClientAccount::Table,
            vec![ClientAccount::UserId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_client_account_order_id",
            ClientAccount::Table,
            vec![ClientAccount::OrderId.into_iden()],
            false,
        )
        .await
    }

    async fn create_account_transfer(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountTransfer::Table)
                    .col(id(AccountTransfer::Id))
                    .col(ColumnDef::new(AccountTransfer::UserId).big_integer().not_null())
                    .col(ColumnDef::new(AccountTransfer::FromAccountId).big_integer().not_null())
                    .col(ColumnDef::new(AccountTransfer::ToAccountId).big_integer().not_null())
                    .col(ColumnDef::new(AccountTransfer::FromLocationId).big_integer().not_null())
                    .col(ColumnDef::new(AccountTransfer::ToLocationId).big_integer().not_null())
                    .col(ColumnDef::new(AccountTransfer::CarriedBytes).big_integer().not_null())
                    .col(ColumnDef::new(AccountTransfer::ExpiresAt).big_integer().null())
                    .col(ColumnDef::new(AccountTransfer::CreatedAt).big_integer().not_null())
                    .foreign_key(&mut fk(
                        "fk_account_transfer_user",
                        (AccountTransfer::Table, AccountTransfer::UserId),
                        (User::Table, User::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_account_transfer_from",
                        (AccountTransfer::Table, AccountTransfer::FromAccountId),
                        (ClientAccount::Table, ClientAccount::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_account_transfer_to",
                        (AccountTransfer::Table, AccountTransfer::ToAccountId),
                        (ClientAccount::Table, ClientAccount::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_account_transfer_from",
            AccountTransfer::Table,
            vec![AccountTransfer::FromAccountId.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "ix_account_transfer_user_id",
            AccountTransfer::Table,
            vec![AccountTransfer::UserId.into_iden()],
            false,
        )
        .await
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        Self::create_location(manager).await?;
        Self::create_panel(manager).await?;
        Self::create_inbound(manager).await?;
        Self::create_client_account(manager).await?;
        Self::create_account_transfer(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AccountTransfer::Table.into_iden(),
            ClientAccount::Table.into_iden(),
            Inbound::Table.into_iden(),
            Panel::Table.into_iden(),
            Location::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
