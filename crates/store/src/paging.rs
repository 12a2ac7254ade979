//! One page of a query: the total count and the rows of the page, converted to domain types.

use kernel::{Page, PageRequest, StorageError};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QuerySelect, Select};

use crate::error::db_err;

/// Counts every row `select` matches, then fetches the rows of `page` (in `select`'s order)
/// and converts each with `convert`; a row that does not convert fails the whole page.
pub async fn fetch_page<C, E, T>(
    conn: &C,
    select: Select<E>,
    page: PageRequest,
    convert: impl Fn(E::Model) -> Result<T, StorageError>,
) -> Result<Page<T>, StorageError>
where
    C: ConnectionTrait,
    E: EntityTrait,
    E::Model: Sync,
{
    let total = select.clone().count(conn).await.map_err(db_err)?;
    let items = select
        .offset(page.offset())
        .limit(page.limit())
        .all(conn)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(convert)
        .collect::<Result<_, _>>()?;
    Ok(Page { items, total })
}
