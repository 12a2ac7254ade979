//! `TestAccountRepo` for [`Store`]. Claims are written by the pay step (UNIQUE(user_id,
//! plan_id) refuses a second one) and removed when a test order is refunded.

use async_trait::async_trait;
use kernel::{PlanId, StorageError, UserId};
use orders::TestAccountRepo;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::Store;
use crate::entity::orders::test_account_log;
use crate::error::db_err;

#[async_trait]
impl TestAccountRepo for Store {
    async fn has_claimed_test(&self, user: UserId, plan: PlanId) -> Result<bool, StorageError> {
        let n = test_account_log::Entity::find()
            .filter(test_account_log::Column::UserId.eq(user.get()))
            .filter(test_account_log::Column::PlanId.eq(plan.get()))
            .count(self.db())
            .await
            .map_err(db_err)?;
        Ok(n > 0)
    }
}
