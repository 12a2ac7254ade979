//! `DiscountRepo` for [`Store`]: a code's row and its plans (`discount_plan`) are written
//! together; its recorded uses are in [`super::discount_uses`].

use async_trait::async_trait;
use kernel::{DiscountCodeId, Page, PageRequest, PlanId, StorageError, UserId};
use members::{AuditTarget, NewAuditEntry};
use orders::{
    Discount, DiscountCode, DiscountRepo, DiscountStatus, DiscountTerms, DiscountUseRecord, DiscountValue, NewDiscount,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Select, Set,
};

use super::rows::{PERCENT, discount_from_row};
use crate::Store;
use crate::entity::orders::{discount_code, discount_plan};
use crate::error::db_err;
use crate::repo::members::write_audit;
use crate::time_ms::to_ms;

/// Writes a code's rules into its row (its plans go to `discount_plan`).
fn fill(row: &mut discount_code::ActiveModel, t: &DiscountTerms) {
    let (kind, value) = match t.value() {
        DiscountValue::Percent(p) => (PERCENT, i64::from(p.get())),
        DiscountValue::Fixed(m) => ("fixed", m.minor()),
    };
    row.kind = Set(kind.to_owned());
    row.value = Set(value);
    row.usage_limit = Set(t.usage_limit().map(i64::from));
    row.per_user_limit = Set(t.per_user_limit().map(i64::from));
    row.min_order = Set(t.min_order().minor());
    row.max_discount = Set(t.max_discount().map(|m| m.minor()));
    row.starts_at = Set(t.valid_from().map(to_ms));
    row.expires_at = Set(t.valid_until().map(to_ms));
    row.plan_id = Set(None);
}

/// Replaces the plans of code `code` with `plans`.
async fn write_plans<C: ConnectionTrait>(
    conn: &C,
    code: i64,
    plans: impl Iterator<Item = PlanId>,
) -> Result<(), StorageError> {
    discount_plan::Entity::delete_many()
        .filter(discount_plan::Column::CodeId.eq(code))
        .exec(conn)
        .await
        .map_err(db_err)?;
    for plan in plans {
        discount_plan::ActiveModel {
            id: NotSet,
            code_id: Set(code),
            plan_id: Set(plan.get()),
        }
        .insert(conn)
        .await
        .map_err(db_err)?;
    }
    Ok(())
}

/// The codes of `rows` with their plans.
async fn with_plans<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<discount_code::Model>,
) -> Result<Vec<Discount>, StorageError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let plans = discount_plan::Entity::find()
        .filter(discount_plan::Column::CodeId.is_in(ids))
        .all(conn)
        .await
        .map_err(db_err)?;
    rows.into_iter().map(|r| discount_from_row(r, &plans)).collect()
}

/// The one code `select` finds, with its plans.
async fn one<C: ConnectionTrait>(
    conn: &C,
    select: Select<discount_code::Entity>,
) -> Result<Option<Discount>, StorageError> {
    let rows: Vec<_> = select.one(conn).await.map_err(db_err)?.into_iter().collect();
    Ok(with_plans(conn, rows).await?.pop())
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
        write_plans(&txn, row.id, new.terms.plans().iter().copied()).await?;
        if let Some(audit) = audit {
            let audit = NewAuditEntry {
                target: AuditTarget::new("discount", row.id),
                ..audit
            };
            write_audit(&txn, &audit).await?;
        }
        let stored = with_plans(&txn, vec![row]).await?.pop();
        txn.commit().await.map_err(db_err)?;
        stored.ok_or_else(|| StorageError::Other("the new discount code was not read back".into()))
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
        write_plans(&txn, id.get(), terms.plans().iter().copied()).await?;
        write_audit(&txn, &audit).await?;
        txn.commit().await.map_err(db_err)
    }

    async fn discount(&self, id: DiscountCodeId) -> Result<Option<Discount>, StorageError> {
        one(self.db(), discount_code::Entity::find_by_id(id.get())).await
    }

    async fn discount_by_code(&self, code: &DiscountCode) -> Result<Option<Discount>, StorageError> {
        one(
            self.db(),
            discount_code::Entity::find().filter(discount_code::Column::Code.eq(code.as_str())),
        )
        .await
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
        let rows = crate::paging::fetch_page(
            self.db(),
            discount_code::Entity::find().order_by_desc(discount_code::Column::Id),
            page,
            Ok,
        )
        .await?;
        Ok(Page {
            items: with_plans(self.db(), rows.items).await?,
            total: rows.total,
        })
    }

    async fn uses_by(&self, code: DiscountCodeId, buyer: UserId) -> Result<u32, StorageError> {
        super::discount_uses::uses_by(self.db(), code, buyer).await
    }

    async fn uses(&self, code: DiscountCodeId, page: PageRequest) -> Result<Page<DiscountUseRecord>, StorageError> {
        super::discount_uses::uses(self.db(), code, page).await
    }
}
