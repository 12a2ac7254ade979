//! Recording a transfer: one transaction over `client_account`, `inbound` and
//! `account_transfer`.

use inventory::{AccountStatus, AccountTransfer, ClientAccount, NewTransfer};
use kernel::{InboundId, StorageError};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, QueryFilter, Set, TransactionTrait,
};

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
    let txn = db.begin().await.map_err(db_err)?;
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
        carried_bytes: Set(to_i64(t.to_account.limits.total_bytes)),
        expires_at: Set(t.to_account.limits.expires_at.map(to_ms)),
        created_at: Set(at),
    }
    .insert(&txn)
    .await
    .map_err(db_err)?;
    txn.commit().await.map_err(db_err)?;
    Ok((transfer.try_into()?, new))
}
