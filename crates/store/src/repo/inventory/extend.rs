//! An admin's extension of a client account (`AccountRepo::extend_account`): the new
//! limits, the owner's notice and the audit entry in one transaction, guarded by the limits
//! the extension was computed from.

use inventory::{AccountStatus, ClientAccount, ExtendedLimits};
use kernel::StorageError;
use members::NewAuditEntry;
use notify::NewNotice;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use time::OffsetDateTime;

use super::accounts::find;
use super::convert::to_i64;
use crate::entity::inventory::client_account;
use crate::error::db_err;
use crate::repo::members::audit::write_audit;
use crate::repo::outbox;
use crate::time_ms::to_ms;

/// See `AccountRepo::extend_account`.
pub(super) async fn extend(
    db: &DatabaseConnection,
    snapshot: &ClientAccount,
    limits: &ExtendedLimits,
    notice: &NewNotice,
    audit: &NewAuditEntry,
    at: OffsetDateTime,
) -> Result<Option<ClientAccount>, StorageError> {
    let txn = db.begin().await.map_err(db_err)?;
    let current = find(&txn, snapshot.id).await?;
    let unchanged = current.traffic_limit_bytes
        == to_i64(crate::repo::limit_column::bytes(snapshot.traffic_limit_bytes))
        && current.expires_at == snapshot.expires_at.map(to_ms)
        && current.status != AccountStatus::Switched.as_str();
    if !unchanged {
        return Ok(None);
    }
    let expires = match snapshot.expires_at {
        Some(at) => client_account::Column::ExpiresAt.eq(to_ms(at)),
        None => client_account::Column::ExpiresAt.is_null(),
    };
    client_account::Entity::update_many()
        .col_expr(
            client_account::Column::TrafficLimitBytes,
            Expr::value(to_i64(crate::repo::limit_column::bytes(limits.traffic_limit_bytes))),
        )
        .col_expr(
            client_account::Column::ExpiresAt,
            Expr::value(limits.expires_at.map(to_ms)),
        )
        .col_expr(client_account::Column::Status, Expr::value(limits.status.as_str()))
        .col_expr(client_account::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(client_account::Column::Id.eq(snapshot.id.get()))
        .filter(
            client_account::Column::TrafficLimitBytes
                .eq(to_i64(crate::repo::limit_column::bytes(snapshot.traffic_limit_bytes))),
        )
        .filter(expires)
        .exec(&txn)
        .await
        .map_err(db_err)?;
    // The row was read in this transaction and the update is guarded by the same values; read
    // it back rather than trust rows_affected (MySQL counts only changed rows).
    let row = find(&txn, snapshot.id).await?;
    if row.traffic_limit_bytes != to_i64(crate::repo::limit_column::bytes(limits.traffic_limit_bytes))
        || row.expires_at != limits.expires_at.map(to_ms)
    {
        return Ok(None);
    }
    outbox::enqueue(&txn, std::slice::from_ref(notice), at).await?;
    write_audit(&txn, audit).await?;
    txn.commit().await.map_err(db_err)?;
    row.try_into().map(Some)
}
