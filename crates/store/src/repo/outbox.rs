//! The outbox: notices are enqueued inside the transaction of the change that caused them.

use async_trait::async_trait;
use kernel::{NoticeId, OrderId, StorageError, UserId};
use notify::{NewNotice, OutboxEntry, OutboxRepo, OutboxStatus, Recipient};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use time::OffsetDateTime;

use crate::Store;
use crate::entity::notify::notification_log;
use crate::error::{corrupt, db_err};
use crate::time_ms::{from_ms, to_ms};
use crate::tx::retry_on_conflict;

/// Writes `notices` as pending on `conn` (pass the transaction of the change), each due after
/// its [`notify::Notice::inline_grace`] (at once for most).
pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    notices: &[NewNotice],
    at: OffsetDateTime,
) -> Result<(), StorageError> {
    if notices.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(notices.len());
    for n in notices {
        let payload = serde_json::to_string(n).map_err(|e| StorageError::Other(e.to_string()))?;
        let kind = serde_json::to_value(&n.notice)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str().map(str::to_owned)))
            .unwrap_or_default();
        let user_id = match n.recipient {
            Recipient::User(u) => Some(u.get()),
            Recipient::Admins => None,
        };
        rows.push(notification_log::ActiveModel {
            id: NotSet,
            user_id: Set(user_id),
            kind: Set(kind),
            payload: Set(payload),
            status: Set("pending".into()),
            attempts: Set(0),
            last_error: Set(None),
            next_attempt_at: Set(to_ms(at + n.notice.inline_grace())),
            created_at: Set(to_ms(at)),
            sent_at: Set(None),
        });
    }
    // One multi-row INSERT, with nothing read back.
    notification_log::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

fn status_of(s: &str) -> Option<OutboxStatus> {
    match s {
        "pending" => Some(OutboxStatus::Pending),
        "sent" => Some(OutboxStatus::Sent),
        "failed" => Some(OutboxStatus::Failed),
        _ => None,
    }
}

/// Converts a `notification_log` row.
pub fn entry_from_row(row: notification_log::Model) -> Result<OutboxEntry, StorageError> {
    Ok(OutboxEntry {
        id: NoticeId::new(row.id),
        notice: serde_json::from_str(&row.payload).map_err(|e| corrupt("notification_log", row.id, e))?,
        status: status_of(&row.status).ok_or_else(|| corrupt("notification_log", row.id, "unknown status"))?,
        attempts: u32::try_from(row.attempts).unwrap_or(0),
        created_at: from_ms(row.created_at)?,
    })
}

#[async_trait]
impl OutboxRepo for Store {
    async fn pending_count(&self) -> Result<u64, StorageError> {
        notification_log::Entity::find()
            .filter(notification_log::Column::Status.eq("pending"))
            .count(self.db())
            .await
            .map_err(db_err)
    }

    async fn due(&self, now: OffsetDateTime, limit: u64) -> Result<Vec<OutboxEntry>, StorageError> {
        notification_log::Entity::find()
            .filter(notification_log::Column::Status.eq("pending"))
            .filter(notification_log::Column::NextAttemptAt.lte(to_ms(now)))
            .order_by_asc(notification_log::Column::Id)
            .limit(limit)
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(entry_from_row)
            .collect()
    }

    async fn claim_due(
        &self,
        now: OffsetDateTime,
        hold_until: OffsetDateTime,
        limit: u64,
    ) -> Result<Vec<OutboxEntry>, StorageError> {
        let mut claimed = Vec::new();
        for entry in self.due(now, limit).await? {
            let taken = retry_on_conflict(|| async {
                notification_log::Entity::update_many()
                    .col_expr(notification_log::Column::NextAttemptAt, Expr::value(to_ms(hold_until)))
                    .col_expr(
                        notification_log::Column::Attempts,
                        Expr::col(notification_log::Column::Attempts).add(1),
                    )
                    .filter(notification_log::Column::Id.eq(entry.id.get()))
                    .filter(notification_log::Column::Status.eq("pending"))
                    .filter(notification_log::Column::NextAttemptAt.lte(to_ms(now)))
                    .exec(self.db())
                    .await
                    .map_err(db_err)
            })
            .await?;
            // The attempt counter always changes, so MySQL reports the row too.
            if taken.rows_affected == 1 {
                claimed.push(OutboxEntry {
                    attempts: entry.attempts + 1,
                    ..entry
                });
            }
        }
        Ok(claimed)
    }

    async fn mark_sent(&self, id: NoticeId, at: OffsetDateTime) -> Result<(), StorageError> {
        let sent = notification_log::Entity::update_many()
            .col_expr(notification_log::Column::Status, Expr::value("sent"))
            .col_expr(notification_log::Column::SentAt, Expr::value(to_ms(at)));
        update_notice(self, id, sent).await
    }

    async fn settle_shown_inline(&self, user: UserId, order: OrderId, at: OffsetDateTime) -> Result<u64, StorageError> {
        let rows = notification_log::Entity::find()
            .filter(notification_log::Column::UserId.eq(user.get()))
            .filter(notification_log::Column::Status.eq("pending"))
            .filter(notification_log::Column::Kind.is_in(["order_fulfilled", "order_refunded"]))
            .all(self.db())
            .await
            .map_err(db_err)?;
        let mut settled = 0;
        for row in rows {
            let id = row.id;
            if entry_from_row(row)?.notice.notice.order_outcome() != Some(order) {
                continue;
            }
            let done = notification_log::Entity::update_many()
                .col_expr(notification_log::Column::Status, Expr::value("sent"))
                .col_expr(notification_log::Column::SentAt, Expr::value(to_ms(at)))
                .col_expr(
                    notification_log::Column::LastError,
                    Expr::value("shown where the buyer paid"),
                )
                .filter(notification_log::Column::Id.eq(id))
                .filter(notification_log::Column::Status.eq("pending"))
                .exec(self.db())
                .await
                .map_err(db_err)?;
            settled += done.rows_affected;
        }
        Ok(settled)
    }

    async fn mark_failed(
        &self,
        id: NoticeId,
        error: String,
        retry_at: Option<OffsetDateTime>,
    ) -> Result<(), StorageError> {
        let failed =
            notification_log::Entity::update_many().col_expr(notification_log::Column::LastError, Expr::value(error));
        let failed = match retry_at {
            Some(at) => failed.col_expr(notification_log::Column::NextAttemptAt, Expr::value(to_ms(at))),
            None => failed.col_expr(notification_log::Column::Status, Expr::value("failed")),
        };
        update_notice(self, id, failed).await
    }
}

/// Runs `update` on notice `id` alone: one statement. `NotFound` when there is no such notice
/// (MySQL counts only rows it changed, so a row left as it was is looked up before saying so).
async fn update_notice(
    store: &Store,
    id: NoticeId,
    update: sea_orm::UpdateMany<notification_log::Entity>,
) -> Result<(), StorageError> {
    let done = update
        .filter(notification_log::Column::Id.eq(id.get()))
        .exec(store.db())
        .await
        .map_err(db_err)?;
    if done.rows_affected == 0 {
        find(store, id).await?;
    }
    Ok(())
}

async fn find(store: &Store, id: NoticeId) -> Result<notification_log::Model, StorageError> {
    notification_log::Entity::find_by_id(id.get())
        .one(store.db())
        .await
        .map_err(db_err)?
        .ok_or_else(|| StorageError::NotFound(format!("notice {id}")))
}
