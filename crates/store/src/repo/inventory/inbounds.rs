//! `inbound` rows: sync, capacity, on/off sale and client slots.

use inventory::{Inbound, InboundSpec, InboundStatus, InboundSync, NewInbound};
use kernel::{CountLimit, InboundId, LocationId, PanelId, StorageError};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, ExprTrait, NotSet,
    QueryFilter, QueryOrder, Set,
};
use time::OffsetDateTime;

use super::convert::to_i64;
use crate::entity::inventory::{inbound, panel};
use crate::error::db_err;
use crate::repo::members::audit::write_audit;
use crate::time_ms::to_ms;

pub(super) async fn of_panel(db: &DatabaseConnection, panel: PanelId) -> Result<Vec<Inbound>, StorageError> {
    inbound::Entity::find()
        .filter(inbound::Column::PanelId.eq(panel.get()))
        .order_by_asc(inbound::Column::RemoteId)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(Inbound::try_from)
        .collect()
}

pub(super) async fn find<C: ConnectionTrait>(db: &C, id: InboundId) -> Result<inbound::Model, StorageError> {
    inbound::Entity::find_by_id(id.get())
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| StorageError::NotFound(format!("inbound {id}")))
}

/// Writes the spec columns of `spec` into `row`.
fn set_spec(row: &mut inbound::ActiveModel, spec: &InboundSpec) {
    row.tag = Set(spec.tag.clone());
    row.protocol = Set(spec.protocol.as_str().to_owned());
    row.port = Set(i64::from(spec.port));
    row.remark = Set(spec.remark.clone());
    row.settings = Set(spec.settings.clone());
    row.stream_settings = Set(spec.stream_settings.clone());
    row.sniffing = Set(spec.sniffing.clone());
}

/// Updates a known inbound of `panel` (spec, count, status); `false` if there is none.
async fn refresh<C: ConnectionTrait>(
    txn: &C,
    panel: PanelId,
    id: i64,
    spec: &InboundSpec,
    client_count: u32,
    status: InboundStatus,
    at: OffsetDateTime,
) -> Result<bool, StorageError> {
    let Some(existing) = inbound::Entity::find_by_id(id)
        .filter(inbound::Column::PanelId.eq(panel.get()))
        .one(txn)
        .await
        .map_err(db_err)?
    else {
        return Ok(false);
    };
    let mut row: inbound::ActiveModel = existing.into();
    set_spec(&mut row, spec);
    row.client_count = Set(i64::from(client_count));
    row.status = Set(status.as_str().to_owned());
    row.synced_at = Set(to_ms(at));
    row.update(txn).await.map_err(db_err)?;
    Ok(true)
}

/// Inserts an inbound seen for the first time, or refreshes it if a concurrent sync got there
/// first.
async fn add<C: ConnectionTrait>(
    txn: &C,
    panel: PanelId,
    new: &NewInbound,
    at: OffsetDateTime,
) -> Result<(), StorageError> {
    let existing = inbound::Entity::find()
        .filter(inbound::Column::PanelId.eq(panel.get()))
        .filter(inbound::Column::RemoteId.eq(new.remote_id))
        .one(txn)
        .await
        .map_err(db_err)?;
    if let Some(existing) = existing {
        refresh(txn, panel, existing.id, &new.spec, new.client_count, new.status, at).await?;
        return Ok(());
    }
    let mut row = inbound::ActiveModel {
        id: NotSet,
        panel_id: Set(panel.get()),
        remote_id: Set(new.remote_id),
        max_clients: Set(0),
        client_count: Set(i64::from(new.client_count)),
        status: Set(new.status.as_str().to_owned()),
        on_sale: Set(true),
        synced_at: Set(to_ms(at)),
        created_at: Set(to_ms(at)),
        ..Default::default()
    };
    set_spec(&mut row, &new.spec);
    row.insert(txn).await.map_err(db_err)?;
    Ok(())
}

pub(super) async fn apply_sync(
    db: &DatabaseConnection,
    panel: PanelId,
    sync: &InboundSync,
    at: OffsetDateTime,
) -> Result<(), StorageError> {
    let txn = crate::tx::begin(db).await?;
    for new in &sync.added {
        add(&txn, panel, new, at).await?;
    }
    for r in &sync.refreshed {
        if !refresh(&txn, panel, r.id.get(), &r.spec, r.client_count, r.status, at).await? {
            return Err(StorageError::NotFound(format!("inbound {} of panel {panel}", r.id)));
        }
    }
    if !sync.vanished.is_empty() {
        inbound::Entity::update_many()
            .col_expr(inbound::Column::Status, Expr::value(InboundStatus::Disabled.as_str()))
            .col_expr(inbound::Column::SyncedAt, Expr::value(to_ms(at)))
            .filter(inbound::Column::PanelId.eq(panel.get()))
            .filter(inbound::Column::Id.is_in(sync.vanished.iter().map(|id| id.get())))
            .exec(&txn)
            .await
            .map_err(db_err)?;
    }
    txn.commit().await.map_err(db_err)
}

/// The on-sale active inbounds on the active panels of `location`, in one query (the panels
/// are a subquery), least loaded first.
pub(super) async fn sellable(db: &DatabaseConnection, location: LocationId) -> Result<Vec<Inbound>, StorageError> {
    let active_panels = Query::select()
        .column(panel::Column::Id)
        .from(panel::Entity)
        .and_where(panel::Column::LocationId.eq(location.get()))
        .and_where(panel::Column::Active.eq(true))
        .to_owned();
    inbound::Entity::find()
        .filter(Expr::col(inbound::Column::PanelId).in_subquery(active_panels))
        .filter(inbound::Column::Status.eq(InboundStatus::Active.as_str()))
        .filter(inbound::Column::OnSale.eq(true))
        .order_by_asc(inbound::Column::ClientCount)
        .order_by_asc(inbound::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(Inbound::try_from)
        .collect()
}

/// "There is room": unlimited, or fewer clients than the limit.
fn has_room() -> Condition {
    Condition::any()
        .add(inbound::Column::MaxClients.eq(0))
        .add(Expr::col(inbound::Column::ClientCount).lt(Expr::col(inbound::Column::MaxClients)))
}

/// Takes one slot of an active, on-sale inbound with room, in one UPDATE that also marks the
/// inbound full when this slot was its last. `status` is assigned before `client_count`, so
/// every backend tests the count as it was (MySQL evaluates assignments left to right against
/// the new values, the others against the old row).
pub(super) async fn reserve(db: &DatabaseConnection, id: InboundId) -> Result<bool, StorageError> {
    let fills_it = Condition::all().add(inbound::Column::MaxClients.ne(0)).add(
        Expr::col(inbound::Column::ClientCount)
            .add(1)
            .gte(Expr::col(inbound::Column::MaxClients)),
    );
    let taken = inbound::Entity::update_many()
        .col_expr(
            inbound::Column::Status,
            Expr::case(fills_it, InboundStatus::Full.as_str())
                .finally(Expr::col(inbound::Column::Status))
                .into(),
        )
        .col_expr(
            inbound::Column::ClientCount,
            Expr::col(inbound::Column::ClientCount).add(1),
        )
        .filter(inbound::Column::Id.eq(id.get()))
        .filter(inbound::Column::Status.eq(InboundStatus::Active.as_str()))
        .filter(inbound::Column::OnSale.eq(true))
        .filter(has_room())
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(taken.rows_affected == 1)
}

/// Gives one slot back on `conn` (the caller's transaction or a fresh one).
pub(super) async fn release_on<C: ConnectionTrait>(conn: &C, id: InboundId) -> Result<(), StorageError> {
    inbound::Entity::update_many()
        .col_expr(
            inbound::Column::ClientCount,
            Expr::col(inbound::Column::ClientCount).sub(1),
        )
        .filter(inbound::Column::Id.eq(id.get()))
        .filter(inbound::Column::ClientCount.gt(0))
        .exec(conn)
        .await
        .map_err(db_err)?;
    inbound::Entity::update_many()
        .col_expr(inbound::Column::Status, Expr::value(InboundStatus::Active.as_str()))
        .filter(inbound::Column::Id.eq(id.get()))
        .filter(inbound::Column::Status.eq(InboundStatus::Full.as_str()))
        .filter(has_room())
        .exec(conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub(super) async fn release(db: &DatabaseConnection, id: InboundId) -> Result<(), StorageError> {
    let txn = crate::tx::begin(db).await?;
    release_on(&txn, id).await?;
    txn.commit().await.map_err(db_err)
}

pub(super) async fn set_capacity(
    db: &DatabaseConnection,
    id: InboundId,
    max_clients: CountLimit,
    audit: Option<&members::NewAuditEntry>,
) -> Result<Inbound, StorageError> {
    let txn = crate::tx::begin(db).await?;
    let current = Inbound::try_from(find(&txn, id).await?)?;
    let status = match current.status {
        InboundStatus::Disabled => InboundStatus::Disabled,
        _ => InboundStatus::for_load(current.client_count, max_clients),
    };
    let mut row: inbound::ActiveModel = find(&txn, id).await?.into();
    row.max_clients = Set(to_i64(u64::from(crate::repo::limit_column::count(max_clients))));
    row.status = Set(status.as_str().to_owned());
    let row = row.update(&txn).await.map_err(db_err)?;
    if let Some(audit) = audit {
        write_audit(&txn, audit).await?;
    }
    txn.commit().await.map_err(db_err)?;
    row.try_into()
}

/// Puts an inbound on or off sale and writes the admin's audit entry, in one transaction.
pub(super) async fn set_on_sale(
    db: &DatabaseConnection,
    id: InboundId,
    on_sale: bool,
    audit: &members::NewAuditEntry,
) -> Result<Inbound, StorageError> {
    let txn = crate::tx::begin(db).await?;
    let mut row: inbound::ActiveModel = find(&txn, id).await?.into();
    row.on_sale = Set(on_sale);
    let row = row.update(&txn).await.map_err(db_err)?;
    write_audit(&txn, audit).await?;
    txn.commit().await.map_err(db_err)?;
    row.try_into()
}
