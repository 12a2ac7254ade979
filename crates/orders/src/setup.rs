//! How far a new shop is from its first sale: a panel to sell from, a location on sale served
//! by it, and a paid plan on sale there. The console (`moonvpn run`) and the superadmin's
//! /start both show what is missing; they read it here so they always agree.

use std::collections::BTreeSet;

use inventory::{FleetService, InventoryError, Location, Panel, PlacementService};
use kernel::LocationId;

use crate::{CatalogService, OrderError, Plan};

/// What the shop has of what a first sale needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetupProgress {
    /// An active 3x-ui panel is connected.
    pub panel: bool,
    /// A location is on sale and an active panel serves it.
    pub location: bool,
    /// A paid (not free-test) plan is on sale at such a location.
    pub plan: bool,
}

/// Why the progress could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SetupReadError {
    /// Panels or locations could not be read.
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    /// Plans could not be read.
    #[error(transparent)]
    Orders(#[from] OrderError),
}

impl SetupProgress {
    /// Reads panels, locations and plans and assesses them.
    pub async fn read(
        fleet: &FleetService,
        placement: &PlacementService,
        catalog: &CatalogService,
    ) -> Result<Self, SetupReadError> {
        let panels = fleet.panels().await?;
        let locations = placement.locations().await?;
        let plans = catalog.plans(true).await?;
        Ok(Self::assess(&panels, &locations, &plans))
    }

    /// What `panels`, `locations` and `plans` give a first sale.
    pub fn assess(panels: &[Panel], locations: &[Location], plans: &[Plan]) -> Self {
        let served: BTreeSet<LocationId> = panels.iter().filter(|p| p.active).map(|p| p.location).collect();
        let selling: BTreeSet<LocationId> = locations
            .iter()
            .filter(|l| l.active && served.contains(&l.id))
            .map(|l| l.id)
            .collect();
        Self {
            panel: !served.is_empty(),
            location: !selling.is_empty(),
            plan: plans
                .iter()
                .any(|p| p.active && !p.is_test && p.locations.iter().any(|l| selling.contains(l))),
        }
    }

    /// Whether a user could buy a plan now.
    pub fn is_complete(&self) -> bool {
        self.panel && self.location && self.plan
    }
}

#[cfg(test)]
mod tests {
    use inventory::{DisplayName, LocationPrefix, PanelUrl};
    use kernel::{Money, PanelId, PlanId, Secret};
    use time::OffsetDateTime;

    use super::*;
    use crate::{FixedTerms, PlanKind, PlanName, RenewalRule};

    fn location(id: i64, active: bool) -> Location {
        Location {
            id: LocationId::new(id),
            name: DisplayName::new(&format!("Place {id}")).unwrap(),
            prefix: LocationPrefix::new(if id == 1 { "AA" } else { "BB" }).unwrap(),
            active,
        }
    }

    fn panel(location: i64, active: bool) -> Panel {
        Panel {
            id: PanelId::new(location),
            name: DisplayName::new("panel").unwrap(),
            url: PanelUrl::new("https://panel.example:2053/x").unwrap(),
            username: "admin".to_owned(),
            password: Secret::new("pw"),
            api_token: None,
            two_factor_secret: None,
            allow_insecure_tls: false,
            tls_pin: None,
            location: LocationId::new(location),
            active,
            created_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn plan(location: i64, active: bool, is_test: bool) -> Plan {
        Plan {
            id: PlanId::new(1),
            name: PlanName::parse("Silver").unwrap(),
            description: None,
            kind: PlanKind::Fixed(
                FixedTerms::new(
                    kernel::ByteLimit::upto(1 << 30).unwrap(),
                    30,
                    Money::from_minor(100_000).unwrap(),
                )
                .unwrap(),
            ),
            locations: BTreeSet::from([LocationId::new(location)]),
            is_test,
            renewal: RenewalRule::AddToRemaining,
            ip_limit: kernel::CountLimit::Unlimited,
            active,
        }
    }

    #[test]
    fn an_empty_shop_misses_every_step() {
        let progress = SetupProgress::assess(&[], &[], &[]);
        assert_eq!(
            progress,
            SetupProgress {
                panel: false,
                location: false,
                plan: false
            }
        );
        assert!(!progress.is_complete());
    }

    #[test]
    fn a_paid_plan_on_sale_where_an_active_panel_serves_completes_the_setup() {
        let progress = SetupProgress::assess(&[panel(1, true)], &[location(1, true)], &[plan(1, true, false)]);
        assert!(progress.is_complete());
    }

    #[test]
    fn what_cannot_be_sold_does_not_count() {
        let off_panel = SetupProgress::assess(&[panel(1, false)], &[location(1, true)], &[plan(1, true, false)]);
        assert_eq!(
            (off_panel.panel, off_panel.location, off_panel.plan),
            (false, false, false)
        );
        let off_location = SetupProgress::assess(&[panel(1, true)], &[location(1, false)], &[plan(1, true, false)]);
        assert_eq!(
            (off_location.panel, off_location.location, off_location.plan),
            (true, false, false)
        );
        let test_only = SetupProgress::assess(&[panel(1, true)], &[location(1, true)], &[plan(1, true, true)]);
        assert_eq!((test_only.location, test_only.plan), (true, false));
        let elsewhere = SetupProgress::assess(
            &[panel(1, true)],
            &[location(1, true), location(2, true)],
            &[plan(2, true, false)],
        );
        assert!(!elsewhere.plan, "the plan's only location has no panel");
        let off_sale = SetupProgress::assess(&[panel(1, true)], &[location(1, true)], &[plan(1, false, false)]);
        assert!(!off_sale.plan);
    }
}
