//! Admin alerts about panels: the alerted state of each panel (`panel_alert`) moved by one
//! conditional UPDATE, and the alert queued in the same transaction only when it moved.

use async_trait::async_trait;
use kernel::{PanelId, StorageError};
use notify::{AlertRepo, NewNotice, PanelAlert};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, NotSet, QueryFilter, Set};
use time::OffsetDateTime;

use crate::Store;
use crate::entity::notify::panel_alert;
use crate::error::db_err;
use crate::repo::outbox;
use crate::time_ms::to_ms;
use crate::tx::retry_on_conflict;

#[async_trait]
impl AlertRepo for Store {
    async fn transition(
        &self,
        panel: PanelId,
        change: PanelAlert,
        notice: Option<NewNotice>,
        at: OffsetDateTime,
    ) -> Result<bool, StorageError> {
        retry_on_conflict(|| async {
            let txn = crate::tx::begin(self.db()).await?;
            let changed = apply(&txn, panel, change, at).await?;
            if changed && let Some(notice) = &notice {
                outbox::enqueue(&txn, std::slice::from_ref(notice), at).await?;
            }
            txn.commit().await.map_err(db_err)?;
            Ok(changed)
        })
        .await
    }

    async fn enqueue(&self, notice: NewNotice, at: OffsetDateTime) -> Result<(), StorageError> {
        outbox::enqueue(self.db(), &[notice], at).await
    }
}

/// Moves the panel's flags as `change` says, only from the opposite state; a panel without a
/// row (up, syncs working) gets one for a change away from that. Whether anything moved.
async fn apply(
    txn: &DatabaseTransaction,
    panel: PanelId,
    change: PanelAlert,
    at: OffsetDateTime,
) -> Result<bool, StorageError> {
    use panel_alert::Column as C;
    let (sets, from): (Vec<(C, bool)>, Condition) = match change {
        PanelAlert::Down => (
            vec![(C::Down, true), (C::SyncFailed, false)],
            Condition::all().add(C::Down.eq(false)),
        ),
        PanelAlert::Up => (vec![(C::Down, false)], Condition::all().add(C::Down.eq(true))),
        PanelAlert::SyncFailed => (
            vec![(C::SyncFailed, true)],
            Condition::all().add(C::Down.eq(false)).add(C::SyncFailed.eq(false)),
        ),
        PanelAlert::SyncOk => (
            vec![(C::SyncFailed, false)],
            Condition::all().add(C::SyncFailed.eq(true)),
        ),
    };
    let mut update = panel_alert::Entity::update_many().col_expr(C::UpdatedAt, Expr::value(to_ms(at)));
    for (column, value) in &sets {
        update = update.col_expr(*column, Expr::value(*value));
    }
    let moved = update
        .filter(C::PanelId.eq(panel.get()))
        .filter(from)
        .exec(txn)
        .await
        .map_err(db_err)?;
    if moved.rows_affected > 0 {
        return Ok(true);
    }
    if matches!(change, PanelAlert::Up | PanelAlert::SyncOk) {
        return Ok(false);
    }
    let seen = panel_alert::Entity::find()
        .filter(C::PanelId.eq(panel.get()))
        .one(txn)
        .await
        .map_err(db_err)?;
    if seen.is_some() {
        return Ok(false);
    }
    // First change of this panel; a second instance inserting at the same moment hits the
    // UNIQUE index, and the re-run finds its row.
    panel_alert::ActiveModel {
        id: NotSet,
        panel_id: Set(panel.get()),
        down: Set(change == PanelAlert::Down),
        sync_failed: Set(change == PanelAlert::SyncFailed),
        updated_at: Set(to_ms(at)),
    }
    .insert(txn)
    .await
    .map_err(db_err)?;
    Ok(true)
}
