//! Every table a backup carries, in an order that inserts parents before the rows that point
//! at them, each read and written generically through its SeaORM entity.

use std::marker::PhantomData;

use async_trait::async_trait;
use sea_orm::sea_query::ArrayType;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, IdenStatic, Iterable, ModelTrait,
    PaginatorTrait, PrimaryKeyToColumn, PrimaryKeyTrait, QueryOrder, QuerySelect, Statement,
};
use serde_json::Value as Json;

use super::BackupError;
use super::value::{from_json, to_json};
use crate::entity::{inventory, members, notify, orders, payments, receipts, telegram, wallet};
use crate::error::db_err;

/// Rows read or written per statement.
pub const PAGE: u64 = 500;

/// One table as a backup sees it.
#[async_trait]
pub trait Table: Send + Sync {
    /// The table's name.
    fn name(&self) -> &'static str;

    /// Its columns, in the entity's order.
    fn columns(&self) -> Vec<&'static str>;

    /// Rows `offset..offset + PAGE` in primary-key order, each as its column values.
    async fn page(&self, txn: &DatabaseTransaction, offset: u64) -> Result<Vec<Vec<Json>>, BackupError>;

    /// Checks that `row` (values of `columns`) fits the table; `Err` says why not.
    fn check(&self, columns: &[String], row: &[Json]) -> Result<(), String>;

    /// Inserts `rows` (values of `columns`, already checked).
    async fn insert(
        &self,
        txn: &DatabaseTransaction,
        columns: &[String],
        rows: &[Vec<Json>],
    ) -> Result<(), BackupError>;

    /// How many rows the table holds.
    async fn count(&self, conn: &DatabaseTransaction) -> Result<u64, BackupError>;

    /// Deletes every row.
    async fn clear(&self, txn: &DatabaseTransaction) -> Result<(), BackupError>;

    /// On PostgreSQL, moves the table's id sequence past the restored ids (MySQL and SQLite
    /// do that by themselves when ids are inserted).
    async fn reset_sequence(&self, txn: &DatabaseTransaction) -> Result<(), BackupError>;
}

/// A [`Table`] over the SeaORM entity `E`.
struct EntityTable<E>(PhantomData<E>);

impl<E: EntityTrait> EntityTable<E> {
    fn column(name: &str) -> Option<E::Column> {
        E::Column::iter().find(|c| c.as_str() == name)
    }

    fn value_type(name: &str) -> Result<(E::Column, ArrayType), String> {
        let column = Self::column(name).ok_or_else(|| format!("it has no column {name:?}"))?;
        Ok((column, <E::Model as ModelTrait>::get_value_type(column)))
    }
}

#[async_trait]
impl<E> Table for EntityTable<E>
where
    E: EntityTrait + Default,
    E::Model: Sync,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send + Default,
{
    fn name(&self) -> &'static str {
        E::default().table_name()
    }

    fn columns(&self) -> Vec<&'static str> {
        E::Column::iter().map(|c| c.as_str()).collect()
    }

    async fn page(&self, txn: &DatabaseTransaction, offset: u64) -> Result<Vec<Vec<Json>>, BackupError> {
        let mut select = E::find();
        for key in E::PrimaryKey::iter() {
            select = select.order_by_asc(key.into_column());
        }
        let models = select.offset(offset).limit(PAGE).all(txn).await.map_err(db_err)?;
        models
            .into_iter()
            .map(|model| {
                E::Column::iter()
                    .map(|c| {
                        to_json(model.get(c)).map_err(|why| BackupError::Unsupported {
                            table: self.name(),
                            column: c.as_str(),
                            why,
                        })
                    })
                    .collect()
            })
            .collect()
    }

    fn check(&self, columns: &[String], row: &[Json]) -> Result<(), String> {
        if row.len() != columns.len() {
            return Err(format!("{} values for {} columns", row.len(), columns.len()));
        }
        for (name, json) in columns.iter().zip(row) {
            let (_, ty) = Self::value_type(name)?;
            from_json(json, &ty).map_err(|expected| format!("column {name} needs {expected}"))?;
        }
        Ok(())
    }

    async fn insert(
        &self,
        txn: &DatabaseTransaction,
        columns: &[String],
        rows: &[Vec<Json>],
    ) -> Result<(), BackupError> {
        let typed = columns
            .iter()
            .map(|name| Self::value_type(name))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|why| BackupError::corrupt(self.name(), why))?;
        for chunk in rows.chunks(usize::try_from(PAGE).unwrap_or(500)) {
            let mut models = Vec::with_capacity(chunk.len());
            for row in chunk {
                let mut model = <E::ActiveModel as Default>::default();
                for ((column, ty), json) in typed.iter().zip(row) {
                    let value = from_json(json, ty).map_err(|why| BackupError::corrupt(self.name(), why))?;
                    model.set(*column, value);
                }
                models.push(model);
            }
            E::insert_many(models)
                .exec_without_returning(txn)
                .await
                .map_err(db_err)?;
        }
        Ok(())
    }

    async fn count(&self, conn: &DatabaseTransaction) -> Result<u64, BackupError> {
        Ok(E::find().count(conn).await.map_err(db_err)?)
    }

    async fn clear(&self, txn: &DatabaseTransaction) -> Result<(), BackupError> {
        E::delete_many().exec(txn).await.map_err(db_err)?;
        Ok(())
    }

    async fn reset_sequence(&self, txn: &DatabaseTransaction) -> Result<(), BackupError> {
        let keys: Vec<&'static str> = E::PrimaryKey::iter().map(|k| k.into_column().as_str()).collect();
        let [id] = keys.as_slice() else {
            return Ok(());
        };
        if txn.get_database_backend() != DbBackend::Postgres || !E::PrimaryKey::auto_increment() {
            return Ok(());
        }
        let table = self.name();
        // NULL (no sequence: not a serial column) makes setval a no-op.
        let sql = format!(
            r#"SELECT setval(pg_get_serial_sequence('"{table}"', '{id}'), COALESCE(MAX("{id}"), 1), MAX("{id}") IS NOT NULL) FROM "{table}""#
        );
        txn.execute_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await
            .map_err(db_err)?;
        Ok(())
    }
}

fn table<E>() -> Box<dyn Table>
where
    E: EntityTrait + Default,
    E::Model: Sync,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send + Default,
{
    Box::new(EntityTable::<E>(PhantomData))
}

/// The tables a backup carries, parents first (the order the migrations created them in).
/// `job_lease` is left out: leases name the processes that held them and mean nothing after
/// a restore.
pub fn all() -> Vec<Box<dyn Table>> {
    vec![
        table::<members::user::Entity>(),
        table::<members::setting::Entity>(),
        table::<members::audit_log::Entity>(),
        table::<notify::notification_log::Entity>(),
        table::<wallet::transaction::Entity>(),
        table::<inventory::location::Entity>(),
        table::<inventory::panel::Entity>(),
        table::<inventory::inbound::Entity>(),
        table::<inventory::client_account::Entity>(),
        table::<inventory::account_transfer::Entity>(),
        table::<orders::plan::Entity>(),
        table::<orders::plan_location::Entity>(),
        table::<orders::discount_code::Entity>(),
        table::<orders::order::Entity>(),
        table::<orders::test_account_log::Entity>(),
        table::<orders::discount_plan::Entity>(),
        table::<orders::discount_use::Entity>(),
        table::<receipts::bank_card::Entity>(),
        table::<receipts::receipt_log::Entity>(),
        table::<telegram::conversation_state::Entity>(),
        table::<telegram::telegram_update::Entity>(),
        table::<inventory::panel_state::Entity>(),
        table::<telegram::receipt_post::Entity>(),
        table::<payments::gateway_payment::Entity>(),
        table::<notify::reminder_log::Entity>(),
        table::<notify::reminder_mute::Entity>(),
        table::<notify::broadcast_campaign::Entity>(),
        table::<notify::broadcast_recipient::Entity>(),
        table::<notify::panel_alert::Entity>(),
    ]
}

/// The tables deliberately left out of a backup.
pub const SKIPPED: &[&str] = &["job_lease"];
