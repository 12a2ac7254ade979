//! The Telegram adapter's storage: [`ConversationRepo`] and [`UpdateLog`] for [`Store`].

use async_trait::async_trait;
use kernel::StorageError;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, Set};
use telegram_state::{ChatKey, ConversationRepo, SaveOutcome, StoredConversation, UpdateClaim, UpdateLog};
use time::OffsetDateTime;

use crate::Store;
use crate::entity::telegram::{conversation_state, telegram_update};
use crate::error::db_err;
use crate::time_ms::{from_ms, to_ms};

#[async_trait]
impl ConversationRepo for Store {
    async fn load(&self, chat: ChatKey) -> Result<Option<StoredConversation>, StorageError> {
        let row = conversation_state::Entity::find()
            .filter(conversation_state::Column::ChatId.eq(chat.get()))
            .one(self.db())
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

    async fn prune(&self, before: OffsetDateTime) -> Result<u64, StorageError> {
        let deleted = telegram_update::Entity::delete_many()
            .filter(telegram_update::Column::ReceivedAt.lt(to_ms(before)))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(deleted.rows_affected)
    }
}
