//! `SettingsRepo` for [`Store`].

use async_trait::async_trait;
use kernel::StorageError;
use members::{NewAuditEntry, SettingKey, SettingsRepo};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, NotSet, QueryFilter, QueryOrder, Set};

use crate::Store;
use crate::entity::members::setting;
use crate::error::{corrupt, db_err};
use crate::repo::members::write_audit;
use crate::time_ms::to_ms;
use crate::tx::retry_on_conflict;

#[async_trait]
impl SettingsRepo for Store {
    async fn get(&self, key: &SettingKey) -> Result<Option<String>, StorageError> {
        Ok(setting::Entity::find()
            .filter(setting::Column::Key.eq(key.as_str()))
            .one(self.read())
            .await
            .map_err(db_err)?
            .map(|row| row.value))
    }

    async fn put(&self, key: &SettingKey, value: String, audit: NewAuditEntry) -> Result<(), StorageError> {
        let at = to_ms(audit.at);
        // Two admins creating the same key at once: the loser's INSERT hits the UNIQUE key and
        // the re-run updates the row the winner made.
        retry_on_conflict(|| async {
            let txn = crate::tx::begin(self.db()).await?;
            let existing = setting::Entity::find()
                .filter(setting::Column::Key.eq(key.as_str()))
                .one(&txn)
                .await
                .map_err(db_err)?;
            match existing {
                Some(row) => {
                    let mut row = row.into_active_model();
                    row.value = Set(value.clone());
                    row.updated_at = Set(at);
                    row.update(&txn).await.map_err(db_err)?;
                }
                None => {
                    setting::ActiveModel {
                        id: NotSet,
                        key: Set(key.as_str().to_owned()),
                        value: Set(value.clone()),
                        updated_at: Set(at),
                    }
                    .insert(&txn)
                    .await
                    .map_err(db_err)?;
                }
            }
            write_audit(&txn, &audit).await?;
            txn.commit().await.map_err(db_err)
        })
        .await
    }

    async fn all(&self) -> Result<Vec<(SettingKey, String)>, StorageError> {
        setting::Entity::find()
            .order_by_asc(setting::Column::Key)
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|row| {
                let key = SettingKey::new(&row.key).map_err(|e| corrupt("setting", row.id, e))?;
                Ok((key, row.value))
            })
            .collect()
    }
}
