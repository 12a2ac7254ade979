//! A panel's accounts, read and written in bulk (usage sync, reconciliation, removal).

use inventory::{AccountCounts, AccountStatus, ClientAccount, UsageUpdate};
use kernel::{PanelId, StorageError};
use sea_orm::sea_query::{CaseStatement, Expr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::OffsetDateTime;

use super::convert::to_i64;
use crate::entity::inventory::{client_account, inbound};
use crate::error::db_err;
use crate::time_ms::to_ms;

/// Accounts written per statement and transaction: large enough that a 2,000-client panel
/// takes a handful of round trips, small enough to stay far below every backend's limit on
/// bound parameters (about 10 per account).
pub const USAGE_BATCH: usize = 500;

/// Ids of the inbounds of `panel`.
async fn inbound_ids<C: ConnectionTrait>(conn: &C, panel: PanelId) -> Result<Vec<i64>, StorageError> {
    inbound::Entity::find()
        .select_only()
        .column(inbound::Column::Id)
        .filter(inbound::Column::PanelId.eq(panel.get()))
        .into_tuple()
        .all(conn)
        .await
        .map_err(db_err)
}

pub(super) async fn accounts_of_panel(
    db: &DatabaseConnection,
    panel: PanelId,
) -> Result<Vec<ClientAccount>, StorageError> {
    let inbounds = inbound_ids(db, panel).await?;
    if inbounds.is_empty() {
        return Ok(Vec::new());
    }
    client_account::Entity::find()
        .filter(client_account::Column::InboundId.is_in(inbounds))
        .order_by_asc(client_account::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(ClientAccount::try_from)
        .collect()
}

/// Counts on `conn` (the caller's transaction or the pool).
pub(super) async fn counts_on<C: ConnectionTrait>(conn: &C, panel: PanelId) -> Result<AccountCounts, StorageError> {
    let inbounds = inbound_ids(conn, panel).await?;
    if inbounds.is_empty() {
        return Ok(AccountCounts::default());
    }
    let on_panel = || client_account::Entity::find().filter(client_account::Column::InboundId.is_in(inbounds.clone()));
    let total = on_panel().count(conn).await.map_err(db_err)?;
    let live = on_panel()
        .filter(client_account::Column::Status.ne(AccountStatus::Switched.as_str()))
        .count(conn)
        .await
        .map_err(db_err)?;
    let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    Ok(AccountCounts {
        live: size(live),
        total: size(total),
    })
}

/// Writes usage in chunks of [`USAGE_BATCH`]: one `UPDATE … SET col = CASE id WHEN … END
/// WHERE id IN (…)` per chunk, each in its own transaction.
pub(super) async fn record(
    db: &DatabaseConnection,
    updates: &[UsageUpdate],
    at: OffsetDateTime,
) -> Result<(), StorageError> {
    let at = to_ms(at);
    for chunk in updates.chunks(USAGE_BATCH) {
        let txn = crate::tx::begin(db).await?;
        write_chunk(&txn, chunk, at).await?;
        txn.commit().await.map_err(db_err)?;
    }
    Ok(())
}

async fn write_chunk<C: ConnectionTrait>(conn: &C, chunk: &[UsageUpdate], at: i64) -> Result<(), StorageError> {
    let id = || client_account::Column::Id;
    let mut used = CaseStatement::new();
    let mut limit = CaseStatement::new();
    let mut expires = CaseStatement::new();
    let mut status = CaseStatement::new();
    for u in chunk {
        let this = u.account.get();
        used = used.case(id().eq(this), Expr::val(to_i64(u.used_bytes)));
        limit = limit.case(
            id().eq(this),
            Expr::val(to_i64(crate::repo::limit_column::bytes(u.limit_bytes))),
        );
        expires = expires.case(id().eq(this), Expr::val(u.expires_at.map(to_ms)));
        status = status.case(id().eq(this), Expr::val(u.status.as_str()));
    }
    client_account::Entity::update_many()
        .col_expr(
            client_account::Column::TrafficUsedBytes,
            used.finally(Expr::col(client_account::Column::TrafficUsedBytes)).into(),
        )
        .col_expr(
            client_account::Column::TrafficLimitBytes,
            limit
                .finally(Expr::col(client_account::Column::TrafficLimitBytes))
                .into(),
        )
        .col_expr(
            client_account::Column::ExpiresAt,
            expires.finally(Expr::col(client_account::Column::ExpiresAt)).into(),
        )
        .col_expr(
            client_account::Column::Status,
            status.finally(Expr::col(client_account::Column::Status)).into(),
        )
        .col_expr(client_account::Column::UpdatedAt, Expr::val(at))
        .filter(client_account::Column::Id.is_in(chunk.iter().map(|u| u.account.get())))
        .exec(conn)
        .await
        .map_err(db_err)?;
    Ok(())
}
