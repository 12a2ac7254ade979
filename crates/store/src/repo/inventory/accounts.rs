//! `client_account` rows, including the two steps the order saga runs in its own transaction.

use inventory::{AccountStatus, ClientAccount, ClientLimits, NewClientAccount};
use kernel::{ClientAccountId, OrderId, StorageError, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, NotSet,
    QueryFilter, QueryOrder, Set,
};
use time::OffsetDateTime;

use super::convert::to_i64;
use crate::entity::inventory::client_account;
use crate::error::db_err;
use crate::time_ms::to_ms;

/// Stores a new Active client account inside the caller's transaction. `Conflict` if its
/// name or email is taken.
pub(crate) async fn insert_client_account(
    txn: &DatabaseTransaction,
    account: &NewClientAccount,
) -> Result<ClientAccount, StorageError> {
    insert_on(txn, account, None).await
}

/// [`insert_client_account`], recording the order that created the account.
pub(crate) async fn insert_client_account_for_order(
    txn: &DatabaseTransaction,
    account: &NewClientAccount,
    order: OrderId,
) -> Result<ClientAccount, StorageError> {
    insert_on(txn, account, Some(order.get())).await
}

/// Stores new limits of an account (renewal) inside the caller's transaction and makes it
/// Active again. `NotFound` for an unknown id, `Conflict` if it was Switched.
pub(crate) async fn update_client_limits(
    txn: &DatabaseTransaction,
    id: ClientAccountId,
    limits: &ClientLimits,
    at: OffsetDateTime,
) -> Result<ClientAccount, StorageError> {
    let current = find(txn, id).await?;
    if current.status == AccountStatus::Switched.as_str() {
        return Err(StorageError::Conflict(format!(
            "client account {id} was moved to another location"
        )));
    }
    let mut row: client_account::ActiveModel = current.into();
    row.traffic_limit_bytes = Set(to_i64(limits.total_bytes));
    row.expires_at = Set(limits.expires_at.map(to_ms));
    row.ip_limit = Set(i64::from(limits.ip_limit));
    row.status = Set(AccountStatus::Active.as_str().to_owned());
    row.updated_at = Set(to_ms(at));
    row.update(txn).await.map_err(db_err)?.try_into()
}

pub(super) async fn insert_on<C: ConnectionTrait>(
    conn: &C,
    a: &NewClientAccount,
    order: Option<i64>,
) -> Result<ClientAccount, StorageError> {
    let at = to_ms(a.created_at);
    client_account::ActiveModel {
        id: NotSet,
        user_id: Set(a.user.get()),
        inbound_id: Set(a.allocation.inbound.get()),
        location_id: Set(a.allocation.location.get()),
        order_id: Set(order),
        name: Set(a.allocation.name.as_str().to_owned()),
        email: Set(a.allocation.email.as_str().to_owned()),
        client_uuid: Set(a.allocation.client_uuid.clone()),
        sub_id: Set(a.allocation.sub_id.clone()),
        traffic_limit_bytes: Set(to_i64(a.limits.total_bytes)),
        traffic_used_bytes: Set(0),
        ip_limit: Set(i64::from(a.limits.ip_limit)),
        expires_at: Set(a.limits.expires_at.map(to_ms)),
        status: Set(AccountStatus::Active.as_str().to_owned()),
        config_url: Set(a.provisioned.config_url.clone()),
        subscription_url: Set(a.provisioned.subscription_url.clone()),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(conn)
    .await
    .map_err(db_err)?
    .try_into()
}

pub(super) async fn find<C: ConnectionTrait>(
    db: &C,
    id: ClientAccountId,
) -> Result<client_account::Model, StorageError> {
    client_account::Entity::find_by_id(id.get())
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| StorageError::NotFound(format!("client account {id}")))
}

pub(super) async fn of_user(db: &DatabaseConnection, user: UserId) -> Result<Vec<ClientAccount>, StorageError> {
    client_account::Entity::find()
        .filter(client_account::Column::UserId.eq(user.get()))
        .order_by_desc(client_account::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(ClientAccount::try_from)
        .collect()
}

pub(super) async fn record_usage(
    db: &DatabaseConnection,
    id: ClientAccountId,
    used: u64,
    status: AccountStatus,
    at: OffsetDateTime,
) -> Result<ClientAccount, StorageError> {
    client_account::Entity::update_many()
        .col_expr(client_account::Column::TrafficUsedBytes, Expr::value(to_i64(used)))
        .col_expr(client_account::Column::Status, Expr::value(status.as_str()))
        .col_expr(client_account::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(client_account::Column::Id.eq(id.get()))
        .exec(db)
        .await
        .map_err(db_err)?;
    find(db, id).await?.try_into()
}

pub(super) async fn set_status(
    db: &DatabaseConnection,
    id: ClientAccountId,
    status: AccountStatus,
    at: OffsetDateTime,
) -> Result<ClientAccount, StorageError> {
    client_account::Entity::update_many()
        .col_expr(client_account::Column::Status, Expr::value(status.as_str()))
        .col_expr(client_account::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(client_account::Column::Id.eq(id.get()))
        .exec(db)
        .await
        .map_err(db_err)?;
    find(db, id).await?.try_into()
}
