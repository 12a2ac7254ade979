//! The Telegram adapter's storage: [`ConversationRepo`], [`UpdateLog`] and
//! [`ReceiptPostRepo`] for [`Store`].

use std::collections::HashSet;

use async_trait::async_trait;
use kernel::StorageError;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, NotSet, QueryFilter, QueryOrder, Set,
    Statement,
};
use telegram_state::{
    ChatKey, ConversationRepo, ReceiptPost, ReceiptPostRepo, SaveOutcome, StoredConversation, UpdateClaim, UpdateLog,
};
use time::OffsetDateTime;

use crate::Store;
use crate::entity::telegram::{conversation_state, receipt_post, telegram_update};
use crate::error::db_err;
use crate::time_ms::{from_ms, to_ms};

#[async_trait]
impl ConversationRepo for Store {
    async fn load(&self, chat: ChatKey) -> Result<Option<StoredConversation>, StorageError> {
        let row = conversation_state::Entity::find()
            .filter(conversation_state::Column::ChatId.eq(chat.get()))
            .one(self.read())
            .await
            .map_err(db_err)?;
        row.map(|row| {
            Ok(StoredConversation {
                chat,
                state: row.state,
                version: row.version,
                updated_at: from_ms(row.updated_at)?,
            })
        })
        .transpose()
    }

    async fn save(
        &self,
        chat: ChatKey,
        state: &str,
        expected: Option<i64>,
        at: OffsetDateTime,
    ) -> Result<SaveOutcome, StorageError> {
        let Some(version) = expected else {
            // No row yet: the UNIQUE chat id makes a racing second insert fail, which is
            // exactly "someone saved in between".
            let inserted = conversation_state::ActiveModel {
                id: NotSet,
                chat_id: Set(chat.get()),
                state: Set(state.to_owned()),
                version: Set(1),
                updated_at: Set(to_ms(at)),
            }
            .insert(self.db())
            .await;
            return match inserted.map_err(db_err) {
                Ok(_) => Ok(SaveOutcome::Saved(1)),
                Err(StorageError::Conflict(_)) => Ok(SaveOutcome::Stale),
                Err(e) => Err(e),
            };
        };
        let next = version.checked_add(1).unwrap_or(1);
        let updated = conversation_state::Entity::update_many()
            .col_expr(conversation_state::Column::State, Expr::value(state.to_owned()))
            .col_expr(conversation_state::Column::Version, Expr::value(next))
            .col_expr(conversation_state::Column::UpdatedAt, Expr::value(to_ms(at)))
            .filter(conversation_state::Column::ChatId.eq(chat.get()))
            .filter(conversation_state::Column::Version.eq(version))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(if updated.rows_affected == 1 {
            SaveOutcome::Saved(next)
        } else {
            SaveOutcome::Stale
        })
    }

    async fn clear(&self, chat: ChatKey) -> Result<(), StorageError> {
        conversation_state::Entity::delete_many()
            .filter(conversation_state::Column::ChatId.eq(chat.get()))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(())
    }
}

#[async_trait]
impl UpdateLog for Store {
    async fn claim(&self, update_id: i64, at: OffsetDateTime) -> Result<UpdateClaim, StorageError> {
        let inserted = telegram_update::ActiveModel {
            id: NotSet,
            update_id: Set(update_id),
            received_at: Set(to_ms(at)),
        }
        .insert(self.db())
        .await;
        match inserted.map_err(db_err) {
            Ok(_) => Ok(UpdateClaim::First),
            Err(StorageError::Conflict(_)) => Ok(UpdateClaim::Duplicate),
            Err(e) => Err(e),
        }
    }

    async fn claim_all(&self, update_ids: &[i64], at: OffsetDateTime) -> Result<Vec<UpdateClaim>, StorageError> {
        if update_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut taken = crate::tx::retry_on_conflict(|| async {
            match self.db().get_database_backend() {
                DbBackend::MySql => self.claim_each(update_ids, at).await,
                backend => self.claim_returning(backend, update_ids, at).await,
            }
        })
        .await?;
        // An id twice in one batch is ours once.
        Ok(update_ids
            .iter()
            .map(|id| {
                if taken.remove(id) {
                    UpdateClaim::First
                } else {
                    UpdateClaim::Duplicate
                }
            })
            .collect())
    }

    async fn prune(&self, before: OffsetDateTime) -> Result<u64, StorageError> {
        let deleted = telegram_update::Entity::delete_many()
            .filter(telegram_update::Column::ReceivedAt.lt(to_ms(before)))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(deleted.rows_affected)
    }
}

impl Store {
    /// Claims a batch in ONE statement (PostgreSQL, SQLite): a multi-row insert that skips ids
    /// already there (`ON CONFLICT DO NOTHING`) and returns the ids it inserted, which are this
    /// call's. Ids go in ascending order, so two racing batches take their row locks in the
    /// same order and the later one waits for the earlier one's commit instead of deadlocking.
    async fn claim_returning(
        &self,
        backend: DbBackend,
        update_ids: &[i64],
        at: OffsetDateTime,
    ) -> Result<HashSet<i64>, StorageError> {
        let ids: std::collections::BTreeSet<i64> = update_ids.iter().copied().collect();
        let mut values = Vec::with_capacity(ids.len() * 2);
        let mut rows = Vec::with_capacity(ids.len());
        for id in &ids {
            let n = values.len();
            rows.push(match backend {
                DbBackend::Postgres => format!("(${}, ${})", n + 1, n + 2),
                _ => "(?, ?)".to_owned(),
            });
            values.push((*id).into());
            values.push(to_ms(at).into());
        }
        let sql = format!(
            "INSERT INTO telegram_update (update_id, received_at) VALUES {} \
             ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
            rows.join(", ")
        );
        let inserted = self
            .db()
            .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
            .await
            .map_err(db_err)?;
        inserted
            .iter()
            .map(|row| row.try_get::<i64>("", "update_id").map_err(db_err))
            .collect()
    }

    /// Claims a batch one insert at a time in one transaction (MySQL and MariaDB, which have
    /// no `RETURNING` on an insert): `INSERT IGNORE`, one row affected means the claim is ours.
    async fn claim_each(&self, update_ids: &[i64], at: OffsetDateTime) -> Result<HashSet<i64>, StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let backend = txn.get_database_backend();
        let sql = "INSERT IGNORE INTO telegram_update (update_id, received_at) VALUES (?, ?)";
        let mut taken = HashSet::with_capacity(update_ids.len());
        for id in update_ids {
            let statement = Statement::from_sql_and_values(backend, sql, [(*id).into(), to_ms(at).into()]);
            let inserted = txn.execute_raw(statement).await.map_err(db_err)?;
            if inserted.rows_affected() == 1 {
                taken.insert(*id);
            }
        }
        txn.commit().await.map_err(db_err)?;
        Ok(taken)
    }
}

#[async_trait]
impl ReceiptPostRepo for Store {
    async fn record(&self, post: ReceiptPost, at: OffsetDateTime) -> Result<(), StorageError> {
        let updated = receipt_post::Entity::update_many()
            .col_expr(receipt_post::Column::MessageId, Expr::value(i64::from(post.message_id)))
            .col_expr(receipt_post::Column::CreatedAt, Expr::value(to_ms(at)))
            .filter(receipt_post::Column::ReceiptId.eq(post.receipt.get()))
            .filter(receipt_post::Column::ChatId.eq(post.chat.get()))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        if updated.rows_affected > 0 {
            return Ok(());
        }
        let inserted = receipt_post::ActiveModel {
            id: NotSet,
            receipt_id: Set(post.receipt.get()),
            chat_id: Set(post.chat.get()),
            message_id: Set(i64::from(post.message_id)),
            created_at: Set(to_ms(at)),
        }
        .insert(self.db())
        .await;
        match inserted.map_err(db_err) {
            // A post recorded at the same moment by another instance: it is the same post.
            Ok(_) | Err(StorageError::Conflict(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn posts(&self, receipt: kernel::ReceiptId) -> Result<Vec<ReceiptPost>, StorageError> {
        let rows = receipt_post::Entity::find()
            .filter(receipt_post::Column::ReceiptId.eq(receipt.get()))
            .order_by_asc(receipt_post::Column::Id)
            .all(self.db())
            .await
            .map_err(db_err)?;
        rows.into_iter()
            .map(|row| {
                let message_id = i32::try_from(row.message_id)
                    .map_err(|_| StorageError::Other(format!("receipt_post {}: message id out of range", row.id)))?;
                Ok(ReceiptPost {
                    receipt,
                    chat: ChatKey::new(row.chat_id),
                    message_id,
                })
            })
            .collect()
    }
}
