//! Recording a transfer: one transaction over `client_account`, `inbound` and
//! `account_transfer`; then which transfers still owe the removal of their old client.

use inventory::{AccountStatus, AccountTransfer, ClientAccount, NewTransfer};
use kernel::{ClientAccountId, InboundId, StorageError, TransferId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
};
use time::OffsetDateTime;

use super::convert::to_i64;
use super::{accounts, inbounds};
use crate::entity::inventory::{account_transfer, client_account};
use crate::error::db_err;
use crate::time_ms::to_ms;

pub(super) async fn complete(
    db: &DatabaseConnection,
    t: &NewTransfer,
) -> Result<(AccountTransfer, ClientAccount), StorageError> {
    let at = to_ms(t.to_account.created_at);
    let txn = crate::tx::begin(db).await?;
    let old = accounts::find(&txn, t.from_account).await?;
    let switched = client_account::Entity::update_many()
        .col_expr(
            client_account::Column::Status,
            Expr::value(AccountStatus::Switched.as_str()),
        )
        .col_expr(client_account::Column::UpdatedAt, Expr::value(at))
        .filter(client_account::Column::Id.eq(old.id))
        .filter(client_account::Column::Status.eq(AccountStatus::Active.as_str()))
        .exec(&txn)
        .await
        .map_err(db_err)?
        .rows_affected;
    if switched == 0 {
        return Err(StorageError::Conflict(format!(
            "client account {} is no longer active",
            old.id
        )));
    }
    let new = accounts::insert_on(&txn, &t.to_account, old.order_id).await?;
    inbounds::release_on(&txn, InboundId::new(old.inbound_id)).await?;
    let transfer = account_transfer::ActiveModel {
        id: NotSet,
        user_id: Set(old.user_id),
        from_account_id: Set(old.id),
        to_account_id: Set(new.id.get()),
        from_location_id: Set(old.location_id),
        to_location_id: Set(new.location.get()),
        carried_bytes: Set(to_i64(crate::repo::limit_column::bytes(
            t.to_account.limits.total_bytes,
        ))),
        expires_at: Set(t.to_account.limits.expires_at.map(to_ms)),
        created_at: Set(at),
        old_client_removed_at: Set(None),
    }
    .insert(&txn)
    .await
    .map_err(db_err)?;
    txn.commit().await.map_err(db_err)?;
    Ok((transfer.try_into()?, new))
}

/// Transfers whose old client's removal was never recorded, oldest first.
pub(super) async fn pending_removals(
    db: &DatabaseConnection,
    limit: u64,
) -> Result<Vec<(TransferId, ClientAccountId)>, StorageError> {
    let rows = account_transfer::Entity::find()
        .filter(account_transfer::Column::OldClientRemovedAt.is_null())
        .order_by_asc(account_transfer::Column::CreatedAt)
        .order_by_asc(account_transfer::Column::Id)
        .limit(limit)
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|row| (TransferId::new(row.id), ClientAccountId::new(row.from_account_id)))
        .collect())
}

/// Sets `old_client_removed_at` unless it is set already; `NotFound` for an unknown transfer.
pub(super) async fn mark_removed(
    db: &DatabaseConnection,
    id: TransferId,
    at: OffsetDateTime,
) -> Result<(), StorageError> {
    let marked = account_transfer::Entity::update_many()
        .col_expr(account_transfer::Column::OldClientRemovedAt, Expr::value(to_ms(at)))
        .filter(account_transfer::Column::Id.eq(id.get()))
        .filter(account_transfer::Column::OldClientRemovedAt.is_null())
        .exec(db)
        .await
        .map_err(db_err)?
        .rows_affected;
    if marked == 0
        && account_transfer::Entity::find_by_id(id.get())
            .one(db)
            .await
            .map_err(db_err)?
            .is_none()
    {
        return Err(StorageError::NotFound(format!("account transfer {id}")));
    }
    Ok(())
}
