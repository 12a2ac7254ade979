//! `OrderRepo` for [`Store`]: reads and the allocation write here; status changes are the
//! domain's [`OrderChange`]s, applied in [`super::order_steps`].

use async_trait::async_trait;
use inventory::Allocation;
use kernel::{OrderId, Page, PageRequest, StorageError, TrackingCode, UserId};
use orders::{DeliveryClaim, NewOrder, Order, OrderChange, OrderKind, OrderRepo, OrderStatus, OrderWriteError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
};
use time::OffsetDateTime;

use super::order_steps;
use super::rows::{PURCHASE, RENEW, order_from_row, to_i64};
use crate::Store;
use crate::entity::orders::order;
use crate::error::db_err;
use crate::time_ms::to_ms;

/// The order with id `id` as seen on `conn`.
pub(super) async fn load<C: ConnectionTrait>(conn: &C, id: OrderId) -> Result<Option<order::Model>, StorageError> {
    order::Entity::find_by_id(id.get()).one(conn).await.map_err(db_err)
}

/// After a conditional update changed nothing: what the order looks like now (read outside the
/// failed transaction, so MySQL's snapshot does not hide the winner's commit).
pub(super) async fn current(store: &Store, id: OrderId) -> Result<Order, OrderWriteError> {
    let row = load(store.db(), id).await?.ok_or(OrderWriteError::NotFound)?;
    Ok(order_from_row(row)?)
}

#[async_trait]
impl OrderRepo for Store {
    async fn insert_order(&self, new: &NewOrder) -> Result<Order, StorageError> {
        let (kind, renew_account, rule) = match new.kind {
            OrderKind::Purchase => (PURCHASE, None, None),
            OrderKind::Renew { account, rule } => (RENEW, Some(account.get()), Some(rule.as_str().to_owned())),
        };
        let at = to_ms(new.created_at);
        let row = order::ActiveModel {
            id: NotSet,
            tracking: Set(new.tracking.as_str().to_owned()),
            user_id: Set(new.user.get()),
            telegram_id: Set(new.telegram_id.get()),
            plan_id: Set(new.plan.get()),
            location_id: Set(new.location.get()),
            kind: Set(kind.to_owned()),
            renew_account_id: Set(renew_account),
            renewal_rule: Set(rule),
            is_test: Set(new.is_test),
            volume_bytes: Set(to_i64(crate::repo::limit_column::bytes(new.quote.volume_bytes))?),
            duration_days: Set(i64::from(new.quote.duration_days)),
            ip_limit: Set(i64::from(crate::repo::limit_column::count(new.ip_limit))),
            price: Set(new.pricing.price.minor()),
            discount: Set(new.pricing.discount.minor()),
            discount_code_id: Set(new.pricing.discount_code.map(|c| c.get())),
            amount: Set(new.pricing.amount.minor()),
            status: Set(OrderStatus::Pending.as_str().to_owned()),
            inbound_id: Set(None),
            client_name: Set(None),
            client_email: Set(None),
            client_uuid: Set(None),
            sub_id: Set(None),
            account_id: Set(None),
            failure: Set(None),
            created_at: Set(at),
            paid_at: Set(None),
            closed_at: Set(None),
            updated_at: Set(at),
            delivery_owner: Set(None),
            delivery_until: Set(None),
            delivery_attempts: Set(0),
        }
        .insert(self.db())
        .await
        .map_err(db_err)?;
        order_from_row(row)
    }

    async fn order(&self, id: OrderId) -> Result<Option<Order>, StorageError> {
        load(self.db(), id).await?.map(order_from_row).transpose()
    }

    async fn order_by_tracking(&self, tracking: &TrackingCode) -> Result<Option<Order>, StorageError> {
        order::Entity::find()
            .filter(order::Column::Tracking.eq(tracking.as_str()))
            .one(self.db())
            .await
            .map_err(db_err)?
            .map(order_from_row)
            .transpose()
    }

    async fn orders_of(&self, user: UserId, page: PageRequest) -> Result<Page<Order>, StorageError> {
        let mine = || order::Entity::find().filter(order::Column::UserId.eq(user.get()));
        crate::paging::fetch_page(self.db(), mine().order_by_desc(order::Column::Id), page, order_from_row).await
    }

    async fn apply(&self, change: &OrderChange) -> Result<Order, OrderWriteError> {
        order_steps::apply(self, change).await
    }

    async fn record_allocation(
        &self,
        id: OrderId,
        allocation: &Allocation,
        at: OffsetDateTime,
    ) -> Result<Order, OrderWriteError> {
        let store = order::Entity::update_many()
            .set(order::ActiveModel {
                inbound_id: Set(Some(allocation.inbound.get())),
                client_name: Set(Some(allocation.name.as_str().to_owned())),
                client_email: Set(Some(allocation.email.as_str().to_owned())),
                client_uuid: Set(Some(allocation.client_uuid.clone())),
                sub_id: Set(Some(allocation.sub_id.clone())),
                updated_at: Set(to_ms(at)),
                ..Default::default()
            })
            .filter(order::Column::Id.eq(id.get()))
            .filter(order::Column::Status.eq(OrderStatus::Paid.as_str()))
            .filter(order::Column::ClientEmail.is_null());
        let now = match crate::returning::update_one(self.db(), id.get(), store).await? {
            Some(row) => order_from_row(row)?,
            // Not paid any more, or an allocation was stored first: what is there now.
            None => current(self, id).await?,
        };
        match (now.status, &now.allocation) {
            (OrderStatus::Paid, Some(_)) => Ok(now),
            (current, _) => Err(OrderWriteError::WrongStatus { current }),
        }
    }

    async fn claim_delivery(
        &self,
        id: OrderId,
        owner: &str,
        now: OffsetDateTime,
        until: OffsetDateTime,
    ) -> Result<Option<DeliveryClaim>, StorageError> {
        super::delivery::claim(self, id, owner, now, until).await
    }

    async fn release_delivery(&self, id: OrderId, owner: &str) -> Result<(), StorageError> {
        super::delivery::release(self, id, owner).await
    }

    async fn stale(&self, status: OrderStatus, before: OffsetDateTime, limit: u64) -> Result<Vec<Order>, StorageError> {
        let since = match status {
            OrderStatus::Pending => order::Column::CreatedAt,
            OrderStatus::Paid => order::Column::PaidAt,
            _ => order::Column::ClosedAt,
        };
        order::Entity::find()
            .filter(order::Column::Status.eq(status.as_str()))
            .filter(since.lt(to_ms(before)))
            .order_by_asc(since)
            .order_by_asc(order::Column::Id)
            .limit(limit)
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(order_from_row)
            .collect()
    }
}
