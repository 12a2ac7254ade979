//! `DiscountRepo` for [`Store`].

use async_trait::async_trait;
use kernel::{DiscountCodeId, Page, PageRequest, StorageError};
use orders::{Discount, DiscountCode, DiscountRepo, DiscountStatus, DiscountValue, NewDiscount};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set};

use super::rows::{PERCENT, discount_from_row};
use crate::Store;
use crate::entity::orders::discount_code;
use crate::error::db_err;
use crate::time_ms::to_ms;

#[async_trait]
impl DiscountRepo for Store {
    async fn insert_discount(&self, new: &NewDiscount) -> Result<Discount, StorageError> {
        let t = &new.terms;
        let (kind, value) = match t.value() {
            DiscountValue::Percent(p) => (PERCENT, i64::from(p.get())),
            DiscountValue::Fixed(m) => ("fixed", m.minor()),
        };
        let row = discount_code::ActiveModel {
            id: NotSet,
            code: Set(new.code.as_str().to_owned()),
            kind: Set(kind.to_owned()),
            value: Set(value),
            usage_limit: Set(t.usage_limit().map(i64::from)),
            used_count: Set(0),
            min_order: Set(t.min_order().minor()),
            max_discount: Set(t.max_discount().map(|m| m.minor())),
            starts_at: Set(t.valid_from().map(to_ms)),
            expires_at: Set(t.valid_until().map(to_ms)),
            plan_id: Set(t.plan().map(|p| p.get())),
            status: Set(new.status.as_str().to_owned()),
            created_at: Set(to_ms(new.created_at)),
        }
        .insert(self.db())
        .await
        .map_err(db_err)?;
        discount_from_row(row)
    }

    async fn discount(&self, id: DiscountCodeId) -> Result<Option<Discount>, StorageError> {
        discount_code::Entity::find_by_id(id.get())
            .one(self.db())
            .await
            .map_err(db_err)?
            .map(discount_from_row)
            .transpose()
    }

    async fn discount_by_code(&self, code: &DiscountCode) -> Result<Option<Discount>, StorageError> {
        discount_code::Entity::find()
            .filter(discount_code::Column::Code.eq(code.as_str()))
            .one(self.db())
            .await
            .map_err(db_err)?
            .map(discount_from_row)
            .transpose()
    }

    async fn set_discount_status(&self, id: DiscountCodeId, status: DiscountStatus) -> Result<(), StorageError> {
        let changed = discount_code::Entity::update_many()
            .col_expr(discount_code::Column::Status, status.as_str().into())
            .filter(discount_code::Column::Id.eq(id.get()))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        if changed.rows_affected == 0 && self.discount(id).await?.is_none() {
            return Err(StorageError::NotFound(format!("discount code {id}")));
        }
        Ok(())
    }

    async fn discounts(&self, page: PageRequest) -> Result<Page<Discount>, StorageError> {
        crate::paging::fetch_page(
            self.db(),
            discount_code::Entity::find().order_by_desc(discount_code::Column::Id),
            page,
            discount_from_row,
        )
        .await
    }
}
