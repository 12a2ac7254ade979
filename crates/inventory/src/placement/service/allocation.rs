//! Choosing where a new client goes and what it is called.

use std::collections::HashMap;

use kernel::{LocationId, PanelId, StorageError};
use tracing::{info, warn};

use super::PlacementService;
use super::panel_use::PanelUse;
use crate::identity;
use crate::{Allocation, ClientEmail, ClientName, Inbound, InventoryError, Location};

impl PlacementService {
    /// Picks the least-loaded Active inbound with room in `location` on an active panel that
    /// was not found down recently and answers its health check (failover: a down panel is
    /// skipped and the next inbound tried), takes a slot on it and reserves the location's next client
    /// name (numbers start at 1001 and are never reused). `LocationUnreachable` if an inbound
    /// with room was passed over only because its panel is down; `NoCapacity` if no inbound
    /// has room; `LocationInactive` if the location is off sale.
    pub async fn allocate(&self, location: LocationId) -> Result<Allocation, InventoryError> {
        let loc = self.placement.location(location).await?;
        if !loc.active {
            return Err(InventoryError::LocationInactive(location));
        }
        let mut candidates = self.inbounds_with_room(location).await?;
        candidates.sort_by_key(|i| (i.client_count, i.id));
        let mut panel_use: HashMap<PanelId, PanelUse> = HashMap::new();
        let mut down = Vec::new();
        for inbound in candidates {
            let usable = match panel_use.get(&inbound.panel) {
                Some(state) => *state,
                None => {
                    let state = self.panel_is_up(inbound.panel).await?;
                    panel_use.insert(inbound.panel, state);
                    state
                }
            };
            match usable {
                PanelUse::Up if self.placement.reserve_slot(inbound.id).await? => {
                    return self.name_client(&loc, &inbound).await;
                }
                PanelUse::Down if !down.contains(&inbound.panel) => down.push(inbound.panel),
                _ => {}
            }
        }
        if !down.is_empty() {
            warn!(%location, panels = ?down, "every panel with room in this location is down");
            return Err(InventoryError::LocationUnreachable { location });
        }
        warn!(%location, "no capacity");
        Err(InventoryError::NoCapacity { location })
    }

    /// Whether a new client could be placed in `location` now: it is on sale and an active
    /// panel there has an on-sale inbound with room. The buying screens ask it before any money
    /// moves, so a sold-out location is said to be sold out instead of taking the money and
    /// giving it back (a panel found down at delivery still refunds).
    pub async fn location_has_room(&self, location: LocationId) -> Result<bool, InventoryError> {
        if !self.placement.location(location).await?.active {
            return Ok(false);
        }
        let mut panels: HashMap<PanelId, bool> = HashMap::new();
        for inbound in self.inbounds_with_room(location).await? {
            let active = match panels.get(&inbound.panel) {
                Some(active) => *active,
                None => {
                    let active = self.fleet.panel(inbound.panel).await?.active;
                    panels.insert(inbound.panel, active);
                    active
                }
            };
            if active {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The on-sale inbounds of `location` that can take one more client (what both
    /// [`Self::allocate`] and [`Self::location_has_room`] choose from).
    async fn inbounds_with_room(&self, location: LocationId) -> Result<Vec<Inbound>, InventoryError> {
        let mut inbounds = self.placement.sellable_inbounds(location).await?;
        inbounds.retain(Inbound::has_room);
        Ok(inbounds)
    }

    /// Reserves the next client name for a slot already taken on `inbound`; gives the slot
    /// back if that fails.
    async fn name_client(&self, loc: &Location, inbound: &Inbound) -> Result<Allocation, InventoryError> {
        let number = match self.placement.next_client_number(loc.id).await {
            Ok(n) => n,
            Err(e) => {
                if let Err(release) = self.placement.release_slot(inbound.id).await {
                    warn!(inbound = %inbound.id, error = %release, "could not give back a slot");
                }
                return Err(e.into());
            }
        };
        let name = ClientName::new(&loc.prefix, &self.shop, number)
            .map_err(|e| StorageError::Other(format!("client number of location {}: {e}", loc.id)))?;
        info!(inbound = %inbound.id, client = %name, "client allocated");
        Ok(Allocation {
            inbound: inbound.id,
            location: loc.id,
            email: ClientEmail::from(&name),
            name,
            client_uuid: identity::client_key(),
            sub_id: identity::sub_id(),
        })
    }
}
