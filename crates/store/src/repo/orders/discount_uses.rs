//! `discount_use`: the uses of codes. A payment records its use in its own transaction
//! ([`record`]): with a per-buyer limit it takes the first free number in `1..=limit` and is
//! refused when none is free; two payments racing for the same number meet the UNIQUE
//! `(code_id, user_id, number)` index, and the loser's transaction is run again (see
//! `order_steps`), when it finds the number taken. A refund deletes the order's use
//! ([`give_back`]).

use kernel::{DiscountCodeId, Money, OrderId, Page, PageRequest, StorageError, TelegramId, UserId};
use orders::{DiscountUse, DiscountUseRecord, OrderWriteError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use time::OffsetDateTime;

use crate::entity::members::user;
use crate::entity::orders::{discount_use, order};
use crate::error::{corrupt, db_err};
use crate::time_ms::{from_ms, to_ms};

const T: &str = "discount_use";

/// The uses of `code` by `buyer` on file.
pub(super) async fn uses_by<C: ConnectionTrait>(
    conn: &C,
    code: DiscountCodeId,
    buyer: UserId,
) -> Result<u32, StorageError> {
    let count = discount_use::Entity::find()
        .filter(discount_use::Column::CodeId.eq(code.get()))
        .filter(discount_use::Column::UserId.eq(buyer.get()))
        .count(conn)
        .await
        .map_err(db_err)?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Records `used` for `order`, paid at `at`. With a per-buyer limit: the first free number in
/// `1..=limit`, or [`OrderWriteError::DiscountUsedByBuyer`] when every one is taken; without:
/// the next number after the buyer's highest.
pub(super) async fn record(
    txn: &DatabaseTransaction,
    used: &DiscountUse,
    order: OrderId,
    at: OffsetDateTime,
) -> Result<(), OrderWriteError> {
    let taken: Vec<i64> = discount_use::Entity::find()
        .filter(discount_use::Column::CodeId.eq(used.code.get()))
        .filter(discount_use::Column::UserId.eq(used.buyer.get()))
        .all(txn)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|u| u.number)
        .collect();
    let number = match used.per_user_limit {
        Some(limit) => (1..=i64::from(limit))
            .find(|n| !taken.contains(n))
            .ok_or(OrderWriteError::DiscountUsedByBuyer { limit })?,
        None => taken.iter().max().copied().unwrap_or(0) + 1,
    };
    discount_use::ActiveModel {
        id: NotSet,
        code_id: Set(used.code.get()),
        user_id: Set(used.buyer.get()),
        order_id: Set(order.get()),
        number: Set(number),
        amount: Set(used.amount.minor()),
        created_at: Set(to_ms(at)),
    }
    .insert(txn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Deletes the use `order` recorded (nothing when it recorded none).
pub(super) async fn give_back(txn: &DatabaseTransaction, order: OrderId) -> Result<(), StorageError> {
    discount_use::Entity::delete_many()
        .filter(discount_use::Column::OrderId.eq(order.get()))
        .exec(txn)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// The uses of `code`, newest first, with each buyer's Telegram id and username and each
/// order's tracking code.
pub(super) async fn uses<C: ConnectionTrait>(
    conn: &C,
    code: DiscountCodeId,
    page: PageRequest,
) -> Result<Page<DiscountUseRecord>, StorageError> {
    let rows = crate::paging::fetch_page(
        conn,
        discount_use::Entity::find()
            .filter(discount_use::Column::CodeId.eq(code.get()))
            .order_by_desc(discount_use::Column::Id),
        page,
        Ok,
    )
    .await?;
    let buyers = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.items.iter().map(|u| u.user_id)))
        .all(conn)
        .await
        .map_err(db_err)?;
    let orders = order::Entity::find()
        .filter(order::Column::Id.is_in(rows.items.iter().map(|u| u.order_id)))
        .all(conn)
        .await
        .map_err(db_err)?;
    let items = rows
        .items
        .into_iter()
        .map(|u| {
            let buyer = buyers
                .iter()
                .find(|b| b.id == u.user_id)
                .ok_or_else(|| corrupt(T, u.id, "its buyer is missing"))?;
            let tracking = orders
                .iter()
                .find(|o| o.id == u.order_id)
                .map(|o| o.tracking.clone())
                .ok_or_else(|| corrupt(T, u.id, "its order is missing"))?;
            Ok(DiscountUseRecord {
                number: u32::try_from(u.number).map_err(|_| corrupt(T, u.id, "number out of range"))?,
                buyer: UserId::new(u.user_id),
                buyer_telegram: TelegramId::new(buyer.telegram_id).map_err(|e| corrupt(T, u.id, e))?,
                buyer_username: buyer.username.clone(),
                order: OrderId::new(u.order_id),
                tracking,
                amount: Money::from_minor(u.amount).map_err(|e| corrupt(T, u.id, e))?,
                at: from_ms(u.created_at)?,
            })
        })
        .collect::<Result<_, StorageError>>()?;
    Ok(Page {
        items,
        total: rows.total,
    })
}
