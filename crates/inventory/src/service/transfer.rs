//! Moving an account to another location, keeping what is left of it.

use kernel::{ClientAccountId, LocationId, TelegramId};
use tracing::{info, warn};

use super::InventoryService;
use crate::{
    AccountStatus, ClientAccount, ClientLimits, InventoryError, NewClientAccount, NewTransfer, PanelError,
    TransferOutcome,
};

impl InventoryService {
    /// Moves an active account to `to_location`: a new client with the remaining traffic and
    /// the same expiry is created there, the move is recorded (old account Switched, new one
    /// Active, transfer row), then the old client is removed from its panel. If the old panel
    /// is unreachable (often why users move), the usage last read is used and the old client
    /// is left for [`InventoryService::remove_switched_client`]. If anything fails before the
    /// move is recorded, the new client is removed again and nothing changes.
    pub async fn transfer(
        &self,
        id: ClientAccountId,
        to_location: LocationId,
        telegram_id: TelegramId,
    ) -> Result<TransferOutcome, InventoryError> {
        let mut account = self.repo.account(id).await?;
        if account.status != AccountStatus::Active {
            return Err(InventoryError::AccountNotActive { status: account.status });
        }
        if account.location == to_location {
            return Err(InventoryError::SameLocation);
        }
        let (old_inbound, old_panel) = self.placement(account.inbound).await?;
        let old_conn = old_panel.connection();
        account.traffic_used_bytes = self.latest_usage(&account, &old_conn).await;
        let now = self.clock.now();
        if account.is_exhausted(now) {
            return Err(InventoryError::AccountNotActive {
                status: AccountStatus::Expired,
            });
        }
        let limits = ClientLimits {
            total_bytes: account.remaining_bytes().unwrap_or(0),
            expires_at: account.expires_at,
            ip_limit: self.repo.account_ip_limit(id).await?,
        };

        let allocation = self.allocate(to_location).await?;
        let recorded = match self.provision(&allocation, &limits, telegram_id).await {
            Ok(provisioned) => {
                let new_transfer = NewTransfer {
                    from_account: id,
                    to_account: NewClientAccount {
                        user: account.user,
                        allocation: allocation.clone(),
                        limits,
                        provisioned,
                        created_at: now,
                    },
                };
                self.repo
                    .complete_transfer(&new_transfer)
                    .await
                    .map_err(InventoryError::from)
            }
            Err(e) => Err(e),
        };
        let (transfer, new_account) = match recorded {
            Ok(recorded) => recorded,
            Err(e) => {
                if let Err(undo) = self.release(&allocation).await {
                    warn!(client = %allocation.name, error = %undo, "could not undo a failed transfer");
                }
                return Err(e);
            }
        };

        let old_client_removed = match self
            .driver
            .delete_client(&old_conn, old_inbound.remote_id, &account.email)
            .await
        {
            Ok(()) | Err(PanelError::NotFound) => true,
            Err(e) => {
                warn!(account = %id, error = %e, "old client left on its panel after transfer");
                false
            }
        };
        info!(from = %id, to = %new_account.id, location = %to_location, "account transferred");
        Ok(TransferOutcome {
            transfer,
            account: new_account,
            old_client_removed,
        })
    }

    /// Removes the panel client of a Switched account (cleanup after a transfer whose old
    /// panel was down). `Ok` if it is already gone.
    pub async fn remove_switched_client(&self, id: ClientAccountId) -> Result<(), InventoryError> {
        let account = self.repo.account(id).await?;
        if account.status != AccountStatus::Switched {
            return Err(InventoryError::AccountNotActive { status: account.status });
        }
        let (inbound, panel) = self.placement(account.inbound).await?;
        match self
            .driver
            .delete_client(&panel.connection(), inbound.remote_id, &account.email)
            .await
        {
            Ok(()) | Err(PanelError::NotFound) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Traffic used so far: the panel's figure when it answers, never less than the stored one.
    async fn latest_usage(&self, account: &ClientAccount, conn: &crate::PanelConnection) -> u64 {
        match self.driver.client_traffic(conn, &account.email).await {
            Ok(Some(traffic)) => traffic.used().max(account.traffic_used_bytes),
            Ok(None) => account.traffic_used_bytes,
            Err(e) => {
                warn!(account = %account.id, error = %e, "old panel unreadable; using stored usage");
                account.traffic_used_bytes
            }
        }
    }
}
