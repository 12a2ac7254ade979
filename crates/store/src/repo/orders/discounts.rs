//! `DiscountRepo` for [`Store`].

use async_trait::async_trait;
use kernel::{DiscountCodeId, Page, PageRequest, StorageError};
use members::{AuditTarget, NewAuditEntry};
use orders::{Discount, DiscountCode, DiscountRepo, DiscountStatus, DiscountTerms, DiscountValue, NewDiscount};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set};

use super::rows::{PERCENT, discount_from_row};
use crate::Store;
use crate::entity::orders::discount_code;
use crate::error::db_err;
use crate::repo::members::write_audit;
use crate::time_ms::to_ms;

/// Writes a code's rules into its row.
fn fill(row: &mut discount_code::ActiveModel, t: &DiscountTerms) {
    let (kind, value) = match t.value() {
        DiscountValue::Percent(p) => (PERCENT, i64::from(p.get())),
        DiscountValue::Fixed(m) => ("fixed", m.minor()),
    };
    row.kind = Set(kind.to_owned());
    row.value = Set(value);
    row.usage_limit = Set(t.usage_limit().map(i64::from));
    row.min_order = Set(t.min_order().minor());
    row.max_discount = Set(t.max_discount().map(|m| m.minor()));
    row.starts_at = Set(t.valid_from().map(to_ms));
    row.expires_at = Set(t.valid_until().map(to_ms));
    row.plan_id = Set(t.plan().map(|p| p.get()));
}

#[async_trait]
impl DiscountRepo for Store {
    async fn insert_discount(&self, new: &NewDiscount, audit: Option<NewAuditEntry>) -> Result<Discount, StorageError> {
        let mut row = discount_code::ActiveModel {
            id: NotSet,
            code: Set(new.code.as_str().to_owned()),
            used_count: Set(0),
            status: Set(new.status.as_str().to_owned()),
            created_at: Set(to_ms(new.created_at)),
            ..Default::default()
        };
        fill(&mut row, &new.terms);
        let txn = crate::tx::begin(self.db()).await?;
        let row = row.insert(&txn).await.map_err(db_err)?;
        if let Some(audit) = audit {
            let audit = NewAuditEntry {
                target: AuditTarget::new("discount", row.id),
                ..audit
            };
            write_audit(&txn, &audit).await?;
        }
        txn.commit().await.map_err(db_err)?;
        discount_from_row(row)
    }

    async fn update_discount(
        &self,
        id: DiscountCodeId,
        terms: &DiscountTerms,
        audit: NewAuditEntry,
    ) -> Result<(), StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let existing = discount_code::Entity::find_by_id(id.get())
            .one(&txn)
            .await
            .map_err(db_err)?
            .ok_or_else(|| StorageError::NotFound(format!("discount code {id}")))?;
        let mut row: discount_code::ActiveModel = existing.into();
        fill(&mut row, terms);
        row.update(&txn).await.map_err(db_err)?;
        write_audit(&txn, &audit).await?;
        txn.commit().await.map_err(db_err)
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

    async fn set_discount_status(
        &self,
        id: DiscountCodeId,
        status: DiscountStatus,
        audit: Option<NewAuditEntry>,
    ) -> Result<(), StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let exists = discount_code::Entity::find_by_id(id.get())
            .one(&txn)
            .await
            .map_err(db_err)?
            .is_some();
        if !exists {
            return Err(StorageError::NotFound(format!("discount code {id}")));
        }
        discount_code::Entity::update_many()
            .col_expr(discount_code::Column::Status, status.as_str().into())
            .filter(discount_code::Column::Id.eq(id.get()))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if let Some(audit) = audit {
            write_audit(&txn, &audit).await?;
        }
        txn.commit().await.map_err(db_err)
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
