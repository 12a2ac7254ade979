//! Locations: what users choose ("France"), grouping the panels (and so the inbounds) there.

use kernel::LocationId;

use crate::{DisplayName, LocationPrefix};

/// A location on sale (or taken off sale).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Its id.
    pub id: LocationId,
    /// What users read, e.g. "France". Unique.
    pub name: DisplayName,
    /// Starts every client name here, e.g. `FR`. Unique.
    pub prefix: LocationPrefix,
    /// Whether it is offered for new purchases.
    pub active: bool,
}

/// A location an admin adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLocation {
    /// What users read.
    pub name: DisplayName,
    /// The client-name prefix.
    pub prefix: LocationPrefix,
}
