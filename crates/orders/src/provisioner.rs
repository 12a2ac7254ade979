//! The saga's [`Provisioner`] port, served by the inventory's account use cases (placing a new
//! client goes through their placement service).

use async_trait::async_trait;
use inventory::{AccountService, Allocation, ClientAccount, ClientLimits, InventoryError, Provisioned};
use kernel::{ClientAccountId, LocationId, TelegramId};

use crate::{ProvisionError, Provisioner};

impl From<InventoryError> for ProvisionError {
    fn from(e: InventoryError) -> Self {
        Self {
            retryable: e.is_retryable(),
            foreign: matches!(e, InventoryError::ForeignClient(_)),
            message: e.to_string(),
        }
    }
}

#[async_trait]
impl Provisioner for AccountService {
    async fn has_room(&self, location: LocationId) -> Result<bool, ProvisionError> {
        Ok(self.allocator().location_has_room(location).await?)
    }

    async fn allocate(&self, location: LocationId) -> Result<Allocation, ProvisionError> {
        Ok(self.allocator().allocate(location).await?)
    }

    async fn provision(
        &self,
        allocation: &Allocation,
        limits: &ClientLimits,
        telegram: TelegramId,
    ) -> Result<Provisioned, ProvisionError> {
        Ok(AccountService::provision(self, allocation, limits, telegram).await?)
    }

    async fn release(&self, allocation: &Allocation) -> Result<(), ProvisionError> {
        Ok(AccountService::release(self, allocation).await?)
    }

    async fn apply_limits(&self, account: &ClientAccount, limits: &ClientLimits) -> Result<(), ProvisionError> {
        Ok(AccountService::apply_limits(self, account, limits).await?)
    }

    async fn account(&self, id: ClientAccountId) -> Result<Option<ClientAccount>, ProvisionError> {
        match AccountService::account(self, id).await {
            Ok(account) => Ok(Some(account)),
            Err(InventoryError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}
