//! `SessionRepo` for [`Store`]: the sender's `user` row and their chat's
//! `conversation_state` row in one query (a left join on the chat id), read from the reader
//! pool.

use async_trait::async_trait;
use kernel::{StorageError, TelegramId};
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryTrait};
use telegram_state::{ChatKey, Session, SessionRepo, StoredConversation};

use crate::Store;
use crate::entity::members::user;
use crate::entity::telegram::conversation_state;
use crate::error::db_err;
use crate::time_ms::from_ms;

const STATE: &str = "conversation_state_state";
const VERSION: &str = "conversation_state_version";
const UPDATED_AT: &str = "conversation_state_updated_at";

#[async_trait]
impl SessionRepo for Store {
    async fn open(&self, sender: TelegramId, chat: ChatKey) -> Result<Option<Session>, StorageError> {
        let column = |c: conversation_state::Column| Expr::col((conversation_state::Entity, c));
        let mut select = user::Entity::find().filter(user::Column::TelegramId.eq(sender.get()));
        QueryTrait::query(&mut select)
            .left_join(
                conversation_state::Entity,
                conversation_state::Column::ChatId.eq(chat.get()),
            )
            .expr_as(column(conversation_state::Column::State), Alias::new(STATE))
            .expr_as(column(conversation_state::Column::Version), Alias::new(VERSION))
            .expr_as(column(conversation_state::Column::UpdatedAt), Alias::new(UPDATED_AT));
        let conn = self.read();
        let Some(row) = conn
            .query_one_raw(select.build(conn.get_database_backend()))
            .await
            .map_err(db_err)?
        else {
            return Ok(None);
        };
        let sender = members::User::try_from(user::Model::from_query_result(&row, "").map_err(db_err)?)?;
        let state: Option<String> = row.try_get("", STATE).map_err(db_err)?;
        let version: Option<i64> = row.try_get("", VERSION).map_err(db_err)?;
        let updated_at: Option<i64> = row.try_get("", UPDATED_AT).map_err(db_err)?;
        let conversation = match (state, version, updated_at) {
            (Some(state), Some(version), Some(updated_at)) => Some(StoredConversation {
                chat,
                state,
                version,
                updated_at: from_ms(updated_at)?,
            }),
            _ => None,
        };
        Ok(Some(Session {
            user: sender,
            conversation,
        }))
    }
}
