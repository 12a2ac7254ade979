//! One delivery at a time per order: a paid order's row carries who delivers it
//! (`delivery_owner`), until when (`delivery_until`) and how many runs took it
//! (`delivery_attempts`). Taking it is one conditional UPDATE, so racing runs (the buyer's
//! checkout, the recovery job, other instances) cannot both hold it, on every backend.

use kernel::{OrderId, StorageError};
use orders::{DeliveryClaim, OrderStatus};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, EntityTrait, ExprTrait, QueryFilter};
use time::OffsetDateTime;

use super::order_repo::load;
use super::rows::order_from_row;
use crate::Store;
use crate::entity::orders::order;
use crate::error::db_err;
use crate::time_ms::to_ms;
use crate::tx::retry_on_conflict;

/// See `OrderRepo::claim_delivery`.
pub(super) async fn claim(
    store: &Store,
    id: OrderId,
    owner: &str,
    now: OffsetDateTime,
    until: OffsetDateTime,
) -> Result<Option<DeliveryClaim>, StorageError> {
    let taken = retry_on_conflict(|| async {
        let take = order::Entity::update_many()
            .col_expr(order::Column::DeliveryOwner, Expr::value(owner))
            .col_expr(order::Column::DeliveryUntil, Expr::value(to_ms(until)))
            .col_expr(
                order::Column::DeliveryAttempts,
                Expr::col(order::Column::DeliveryAttempts).add(1),
            )
            .filter(order::Column::Id.eq(id.get()))
            .filter(order::Column::Status.eq(OrderStatus::Paid.as_str()))
            .filter(
                Condition::any()
                    .add(order::Column::DeliveryOwner.is_null())
                    .add(order::Column::DeliveryUntil.is_null())
                    .add(order::Column::DeliveryUntil.lte(to_ms(now))),
            );
        // The attempt counter always changes, so even MySQL (which counts changed rows) sees
        // the row it took.
        crate::returning::update_one(store.db(), id.get(), take).await
    })
    .await?;
    let row = match taken {
        Some(row) => row,
        None => match load(store.db(), id).await? {
            Some(row) => row,
            None => return Ok(None),
        },
    };
    // Who holds it is read off the row, the answer the caller acts on (MySQL reads the row
    // back after its UPDATE, when another run may have taken it since).
    let attempt = (row.delivery_owner.as_deref() == Some(owner))
        .then(|| u32::try_from(row.delivery_attempts).unwrap_or(u32::MAX));
    Ok(Some(DeliveryClaim {
        order: order_from_row(row)?,
        attempt,
    }))
}

/// See `OrderRepo::release_delivery`.
pub(super) async fn release(store: &Store, id: OrderId, owner: &str) -> Result<(), StorageError> {
    retry_on_conflict(|| async {
        order::Entity::update_many()
            .col_expr(order::Column::DeliveryOwner, Expr::value(Option::<String>::None))
            .col_expr(order::Column::DeliveryUntil, Expr::value(Option::<i64>::None))
            .filter(order::Column::Id.eq(id.get()))
            .filter(order::Column::DeliveryOwner.eq(owner))
            .exec(store.db())
            .await
            .map_err(db_err)
    })
    .await?;
    Ok(())
}
