//! `location` rows and client-name numbering.

use inventory::{Location, NewLocation};
use kernel::{LocationId, StorageError};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ExprTrait, NotSet, QueryFilter,
    QueryOrder, Set,
};
use time::OffsetDateTime;

use crate::entity::inventory::location;
use crate::error::{corrupt, db_err};
use crate::time_ms::to_ms;

/// The first client number of every location.
const FIRST_CLIENT_NUMBER: i64 = 1001;

pub(super) async fn add(
    db: &DatabaseConnection,
    new: &NewLocation,
    at: OffsetDateTime,
) -> Result<Location, StorageError> {
    location::ActiveModel {
        id: NotSet,
        name: Set(new.name.as_str().to_owned()),
        prefix: Set(new.prefix.as_str().to_owned()),
        next_client_number: Set(FIRST_CLIENT_NUMBER),
        active: Set(true),
        created_at: Set(to_ms(at)),
        updated_at: Set(to_ms(at)),
    }
    .insert(db)
    .await
    .map_err(db_err)?
    .try_into()
}

/// Every location, by name.
pub(crate) async fn all(db: &DatabaseConnection) -> Result<Vec<Location>, StorageError> {
    location::Entity::find()
        .order_by_asc(location::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(Location::try_from)
        .collect()
}

pub(super) async fn find<C: ConnectionTrait>(db: &C, id: LocationId) -> Result<location::Model, StorageError> {
    location::Entity::find_by_id(id.get())
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| StorageError::NotFound(format!("location {id}")))
}

pub(super) async fn set_active(
    db: &DatabaseConnection,
    id: LocationId,
    active: bool,
    at: OffsetDateTime,
) -> Result<Location, StorageError> {
    location::Entity::update_many()
        .col_expr(location::Column::Active, Expr::value(active))
        .col_expr(location::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(location::Column::Id.eq(id.get()))
        .exec(db)
        .await
        .map_err(db_err)?;
    find(db, id).await?.try_into()
}

/// Takes the next number: the increment and the number it reached are one
/// `UPDATE … RETURNING` on PostgreSQL and SQLite; MySQL reads the row back in the UPDATE's
/// transaction, under the lock it took. Either way concurrent callers line up on the row and
/// each gets its own increment.
pub(super) async fn next_number(db: &DatabaseConnection, id: LocationId) -> Result<u32, StorageError> {
    let take = location::Entity::update_many()
        .col_expr(
            location::Column::NextClientNumber,
            Expr::col(location::Column::NextClientNumber).add(1),
        )
        .filter(location::Column::Id.eq(id.get()));
    let row = if db.support_returning() {
        crate::returning::update_one(db, id.get(), take).await?
    } else {
        let txn = crate::tx::begin(db).await?;
        let row = crate::returning::update_one(&txn, id.get(), take).await?;
        txn.commit().await.map_err(db_err)?;
        row
    };
    let row = row.ok_or_else(|| StorageError::NotFound(format!("location {id}")))?;
    u32::try_from(row.next_client_number - 1).map_err(|_| {
        corrupt(
            "location",
            row.id,
            format_args!("next_client_number = {}", row.next_client_number),
        )
    })
}
