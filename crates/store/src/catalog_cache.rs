//! The catalog — every plan with its locations, and every location — kept in memory for a few
//! seconds, so the buy flow's menus and a sale's screens read it without a database round trip
//! (issue #14). A write through the store drops it at once; a change made by another process
//! on the same database (the CLI, a second instance) shows within [`CATALOG_TTL`]. Plan
//! listings and locations come from it; one plan by id is always read from the database (an
//! admin's edit and an order's price build on that reading).
//!
//! A snapshot is stored only if no write dropped the cache while it was being read (a
//! generation count), so a read that raced a change never keeps the old catalog.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use inventory::Location;
use kernel::{LocationId, StorageError};
use orders::Plan;

use crate::Store;

/// How long a catalog read from the database serves before it is read again.
pub const CATALOG_TTL: Duration = Duration::from_secs(5);

/// One reading of the catalog.
#[derive(Debug)]
pub(crate) struct Catalog {
    /// Every plan, by id.
    plans: Vec<Plan>,
    /// Every location, by name.
    locations: Vec<Location>,
}

impl Catalog {
    /// A reading of `plans` (by id) and `locations` (by name).
    pub(crate) fn new(plans: Vec<Plan>, locations: Vec<Location>) -> Self {
        Self { plans, locations }
    }

    /// Every plan (`active_only`: only those on sale), by id.
    pub(crate) fn plans(&self, active_only: bool) -> Vec<Plan> {
        self.plans
            .iter()
            .filter(|p| p.active || !active_only)
            .cloned()
            .collect()
    }

    /// Active plans sold at `location`, by id.
    pub(crate) fn plans_at(&self, location: LocationId) -> Vec<Plan> {
        self.plans
            .iter()
            .filter(|p| p.active && p.sold_at(location))
            .cloned()
            .collect()
    }

    /// Every location, by name.
    pub(crate) fn locations(&self) -> Vec<Location> {
        self.locations.clone()
    }

    /// One location, if it was on file at the reading.
    pub(crate) fn location(&self, id: LocationId) -> Option<&Location> {
        self.locations.iter().find(|l| l.id == id)
    }
}

/// Proof that a reading began at a generation: what [`CatalogCache::keep`] checks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Generation(u64);

#[derive(Debug, Default)]
struct State {
    generation: u64,
    kept: Option<(Instant, Arc<Catalog>)>,
}

/// The cache one store and its clones share.
#[derive(Debug)]
pub(crate) struct CatalogCache {
    ttl: Duration,
    state: Mutex<State>,
}

impl CatalogCache {
    /// A cache whose readings serve for `ttl`.
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            state: Mutex::new(State::default()),
        }
    }

    /// The kept reading while it is fresh; otherwise the generation a new reading starts at.
    pub(crate) fn fresh(&self) -> Result<Arc<Catalog>, Generation> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        match &state.kept {
            Some((at, catalog)) if at.elapsed() < self.ttl => Ok(Arc::clone(catalog)),
            _ => Err(Generation(state.generation)),
        }
    }

    /// Keeps `catalog`, read since `since`, unless the cache was dropped meanwhile (then the
    /// reading may predate a write and serves only the caller).
    pub(crate) fn keep(&self, since: Generation, catalog: Catalog) -> Arc<Catalog> {
        let catalog = Arc::new(catalog);
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.generation == since.0 {
            state.kept = Some((Instant::now(), Arc::clone(&catalog)));
        }
        catalog
    }

    /// Drops the kept reading: called after every write to plans or locations has committed.
    pub(crate) fn drop_reading(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.generation += 1;
        state.kept = None;
    }
}

impl Store {
    /// The catalog: the kept reading while fresh, else read from the database (three
    /// statements) and kept.
    pub(crate) async fn catalog(&self) -> Result<Arc<Catalog>, StorageError> {
        match self.catalog.fresh() {
            Ok(catalog) => Ok(catalog),
            Err(since) => {
                let plans = crate::repo::orders::plans::all(self.read()).await?;
                let locations = crate::repo::inventory::locations::all(self.read()).await?;
                Ok(self.catalog.keep(since, Catalog::new(plans, locations)))
            }
        }
    }

    /// Plans or locations changed through this store: the next catalog read goes to the
    /// database.
    pub(crate) fn catalog_changed(&self) {
        self.catalog.drop_reading();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> Catalog {
        Catalog::new(vec![], vec![])
    }

    #[test]
    fn a_reading_serves_until_its_ttl() {
        let cache = CatalogCache::new(Duration::from_millis(50));
        let since = cache.fresh().unwrap_err();
        let kept = cache.keep(since, empty());
        assert!(Arc::ptr_eq(&cache.fresh().unwrap(), &kept));
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.fresh().is_err(), "an old reading is read again");
    }

    #[test]
    fn a_reading_that_raced_a_write_is_not_kept() {
        let cache = CatalogCache::new(Duration::from_secs(60));
        let since = cache.fresh().unwrap_err();
        cache.drop_reading();
        cache.keep(since, empty());
        assert!(cache.fresh().is_err(), "the reading may predate the write");
        let since = cache.fresh().unwrap_err();
        cache.keep(since, empty());
        assert!(cache.fresh().is_ok());
        cache.drop_reading();
        assert!(cache.fresh().is_err(), "a write drops the reading");
    }
}
