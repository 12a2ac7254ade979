//! `panel_state` rows: an admin's generation pin and the last health check of each panel.

use inventory::{ApiGeneration, HealthCheck, ServerStatus, XrayState};
use kernel::{PanelId, StorageError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet, QueryFilter, Set,
};

use super::convert::to_i64;
use crate::entity::inventory::panel_state;
use crate::error::{corrupt, db_err};
use crate::time_ms::{from_ms, to_ms};

/// The state row of `panel`, if it has one.
async fn find<C: ConnectionTrait>(conn: &C, panel: PanelId) -> Result<Option<panel_state::Model>, StorageError> {
    panel_state::Entity::find()
        .filter(panel_state::Column::PanelId.eq(panel.get()))
        .one(conn)
        .await
        .map_err(db_err)
}

/// Changes the state row of `panel` with `change`, creating it first if needed, in one
/// transaction. Two first writes racing: the loser gets `Conflict` (callers retry).
async fn upsert(
    db: &DatabaseConnection,
    panel: PanelId,
    at_ms: i64,
    change: impl Fn(&mut panel_state::ActiveModel),
) -> Result<(), StorageError> {
    let txn = crate::tx::begin(db).await?;
    super::panels::find(&txn, panel).await?;
    match find(&txn, panel).await? {
        Some(row) => {
            let mut row: panel_state::ActiveModel = row.into();
            change(&mut row);
            row.updated_at = Set(at_ms);
            row.update(&txn).await.map_err(db_err)?;
        }
        None => {
            let mut row = panel_state::ActiveModel {
                id: NotSet,
                panel_id: Set(panel.get()),
                api_generation: Set(None),
                checked_at: Set(None),
                latency_ms: Set(None),
                xray_state: Set(None),
                xray_error: Set(None),
                xray_version: Set(None),
                cpu_permille: Set(None),
                memory_used: Set(None),
                memory_total: Set(None),
                uptime_secs: Set(None),
                last_error: Set(None),
                updated_at: Set(at_ms),
            };
            change(&mut row);
            row.insert(&txn).await.map_err(db_err)?;
        }
    }
    txn.commit().await.map_err(db_err)
}

pub(super) async fn record_health(db: &DatabaseConnection, check: &HealthCheck) -> Result<(), StorageError> {
    let at = to_ms(check.checked_at);
    let write = |row: &mut panel_state::ActiveModel| {
        row.checked_at = Set(Some(at));
        row.latency_ms = Set(Some(i64::from(check.latency_ms)));
        match &check.result {
            Ok(status) => {
                let (state, error) = match &status.xray {
                    XrayState::Running => ("running", None),
                    XrayState::Stopped => ("stopped", None),
                    XrayState::Failed(why) => ("failed", Some(why.clone())),
                };
                row.xray_state = Set(Some(state.to_owned()));
                row.xray_error = Set(error);
                row.xray_version = Set(status.xray_version.clone());
                row.cpu_permille = Set(Some(permille(status.cpu_percent)));
                row.memory_used = Set(Some(to_i64(status.memory_used)));
                row.memory_total = Set(Some(to_i64(status.memory_total)));
                row.uptime_secs = Set(Some(to_i64(status.uptime.as_secs())));
                row.last_error = Set(None);
            }
            Err(e) => {
                row.xray_state = Set(None);
                row.xray_error = Set(None);
                row.cpu_permille = Set(None);
                row.memory_used = Set(None);
                row.memory_total = Set(None);
                row.uptime_secs = Set(None);
                row.last_error = Set(Some(e.clone()));
            }
        }
    };
    crate::tx::retry_on_conflict(|| upsert(db, check.panel, at, write)).await
}

/// CPU percent in tenths of a percent, clamped to 0–100 %.
fn permille(percent: f64) -> i64 {
    if percent.is_finite() {
        (percent.clamp(0.0, 100.0) * 10.0).round() as i64
    } else {
        0
    }
}

/// The health check a state row holds, if the panel was ever checked.
fn health_of(row: &panel_state::Model) -> Result<Option<HealthCheck>, StorageError> {
    let Some(checked_at) = row.checked_at else {
        return Ok(None);
    };
    let bad = |what: &str| corrupt("panel_state", row.id, what);
    let result = match &row.last_error {
        Some(e) => Err(e.clone()),
        None => Ok(ServerStatus {
            xray: match row.xray_state.as_deref() {
                Some("running") => XrayState::Running,
                Some("stopped") => XrayState::Stopped,
                Some("failed") => XrayState::Failed(row.xray_error.clone().unwrap_or_default()),
                _ => return Err(bad("unknown xray_state")),
            },
            xray_version: row.xray_version.clone(),
            cpu_percent: row.cpu_permille.unwrap_or(0) as f64 / 10.0,
            memory_used: u64::try_from(row.memory_used.unwrap_or(0)).map_err(|_| bad("memory_used"))?,
            memory_total: u64::try_from(row.memory_total.unwrap_or(0)).map_err(|_| bad("memory_total"))?,
            uptime: std::time::Duration::from_secs(
                u64::try_from(row.uptime_secs.unwrap_or(0)).map_err(|_| bad("uptime_secs"))?,
            ),
        }),
    };
    Ok(Some(HealthCheck {
        panel: PanelId::new(row.panel_id),
        checked_at: from_ms(checked_at)?,
        latency_ms: u32::try_from(row.latency_ms.unwrap_or(0)).map_err(|_| bad("latency_ms"))?,
        result,
    }))
}

pub(super) async fn last_health(db: &DatabaseConnection, panel: PanelId) -> Result<Option<HealthCheck>, StorageError> {
    match find(db, panel).await? {
        Some(row) => health_of(&row),
        None => Ok(None),
    }
}

pub(super) async fn health_checks(db: &DatabaseConnection) -> Result<Vec<HealthCheck>, StorageError> {
    let rows = panel_state::Entity::find().all(db).await.map_err(db_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Some(check) = health_of(row)? {
            out.push(check);
        }
    }
    Ok(out)
}

pub(super) async fn set_generation(
    db: &DatabaseConnection,
    panel: PanelId,
    generation: Option<ApiGeneration>,
    at_ms: i64,
) -> Result<(), StorageError> {
    let value = generation.map(|g| g.as_str().to_owned());
    crate::tx::retry_on_conflict(|| {
        let value = value.clone();
        upsert(db, panel, at_ms, move |row| row.api_generation = Set(value.clone()))
    })
    .await
}

pub(super) async fn generations(db: &DatabaseConnection) -> Result<Vec<(PanelId, ApiGeneration)>, StorageError> {
    let rows = panel_state::Entity::find()
        .filter(panel_state::Column::ApiGeneration.is_not_null())
        .all(db)
        .await
        .map_err(db_err)?;
    rows.into_iter()
        .filter_map(|row| {
            let raw = row.api_generation.as_deref()?;
            Some(
                ApiGeneration::parse(raw)
                    .map(|g| (PanelId::new(row.panel_id), g))
                    .ok_or_else(|| corrupt("panel_state", row.id, format_args!("api_generation {raw:?}"))),
            )
        })
        .collect()
}

/// Deletes the state row of `panel` inside the caller's transaction.
pub(super) async fn delete_on<C: ConnectionTrait>(conn: &C, panel: PanelId) -> Result<(), StorageError> {
    panel_state::Entity::delete_many()
        .filter(panel_state::Column::PanelId.eq(panel.get()))
        .exec(conn)
        .await
        .map_err(db_err)?;
    Ok(())
}
