//! The saga's [`Provisioner`] port, served by the inventory use cases.

use async_trait::async_trait;
use inventory::{Allocation, ClientAccount, ClientLimits, InventoryError, InventoryService, Provisioned};
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
impl Provisioner for InventoryService {
    async fn has_room(&self, location: LocationId) -> Result<bool, ProvisionError> {
        Ok(InventoryService::location_has_room(self, location).await?)
    }

    async fn allocate(&self, location: LocationId) -> Result<Allocation, ProvisionError> {
        Ok(InventoryService::allocate(self, location).await?)
    }

    async fn provision(
        &self,
        allocation: &Allocation,
        limits: &ClientLimits,
        telegram: TelegramId,
    ) -> Result<Provisioned, ProvisionError> {
        Ok(InventoryService::provision(self, allocation, limits, telegram).await?)
    }

    async fn release(&self, allocation: &Allocation) -> Result<(), ProvisionError> {
        Ok(InventoryService::release(self, allocation).await?)
    }

    async fn apply_limits(&self, account: &ClientAccount, limits: &ClientLimits) -> Result<(), ProvisionError> {
        Ok(InventoryService::apply_limits(self, account, limits).await?)
    }

    async fn account(&self, id: ClientAccountId) -> Result<Option<ClientAccount>, ProvisionError> {
        match InventoryService::account(self, id).await {
            Ok(account) => Ok(Some(account)),
            Err(InventoryError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}
