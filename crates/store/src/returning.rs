//! A guarded UPDATE of one row that answers with the row as it left it, in one round trip
//! where the backend allows: `UPDATE … RETURNING` on PostgreSQL and SQLite; MySQL/MariaDB
//! have no `UPDATE … RETURNING`, so there the row is read back on the same connection (the
//! caller's transaction, which sees its own write) when the UPDATE matched it.

use kernel::StorageError;
use sea_orm::{ConnectionTrait, EntityTrait, PrimaryKeyTrait, UpdateMany};

use crate::error::db_err;

/// Runs `update`, which matches at most the row `id` of `E`, and returns that row as the
/// UPDATE left it; `None` when it matched nothing (a guard did not hold). On MySQL, which
/// counts changed rather than matched rows, an UPDATE that matched but changed nothing also
/// reads as `None`: callers only use this for updates that always change the row they match.
pub(crate) async fn update_one<E, C>(conn: &C, id: i64, update: UpdateMany<E>) -> Result<Option<E::Model>, StorageError>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i64>,
    C: ConnectionTrait,
{
    if conn.support_returning() {
        let rows = update.exec_with_returning(conn).await.map_err(db_err)?;
        return Ok(rows.into_iter().next());
    }
    if update.exec(conn).await.map_err(db_err)?.rows_affected == 0 {
        return Ok(None);
    }
    E::find_by_id(id).one(conn).await.map_err(db_err)
}
