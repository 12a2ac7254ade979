//! Whether a location can take a new service: the rule a purchase is refused by before
//! anything is ordered or charged ([`OrderError::SoldOut`]), and the answer the bot shows
//! when a buyer opens a location. Inventory decides what "room" means (an open on-sale
//! inbound with space on an active panel); the orders use cases ask it through
//! [`crate::Provisioner::has_room`].

use kernel::LocationId;

use crate::{OrderError, OrderService};

impl OrderService {
    /// Whether `location` can take a new service now (a purchase there would not be refused
    /// as sold out).
    pub async fn location_has_room(&self, location: LocationId) -> Result<bool, OrderError> {
        self.provisioner
            .has_room(location)
            .await
            .map_err(|e| OrderError::Inventory(e.message))
    }

    /// Refuses a new service at `location` when it has no room.
    pub(crate) async fn ensure_room(&self, location: LocationId) -> Result<(), OrderError> {
        if self.location_has_room(location).await? {
            Ok(())
        } else {
            Err(OrderError::SoldOut(location))
        }
    }
}
