//! The store keeps the catalog (plan listings, locations) in memory for a few seconds: a change
//! made through the same store shows at once, one made by another process within the cache's
//! lifetime; a plan read by id is always current, and a location added elsewhere is found by
//! id at once.

use std::time::Duration;

use inventory::{DisplayName, LocationPrefix, NewLocation, PlacementRepo};
use orders::PlanRepo;
use store::store_test;
use store::testing::another_process;

use crate::orders::{fixed_plan, money, world};

fn germany() -> NewLocation {
    NewLocation {
        name: DisplayName::new("Germany").unwrap(),
        prefix: LocationPrefix::new("DE").unwrap(),
    }
}

store_test!(a_catalog_change_made_through_the_store_shows_at_once, |store| {
    let w = world(&store).await;
    assert_eq!(store.plans(true).await.unwrap(), vec![w.plan.clone()]);
    assert_eq!(store.locations().await.unwrap().len(), 1);

    let mut off = w.plan.clone();
    off.active = false;
    store.update_plan(&off, None).await.unwrap();
    assert!(store.plans(true).await.unwrap().is_empty(), "taken off sale");
    assert_eq!(store.plan(w.plan.id).await.unwrap(), Some(off.clone()));

    let added = store
        .insert_plan(&fixed_plan(w.location, money(2_000), false), None)
        .await
        .unwrap();
    assert_eq!(store.plans_at(w.location).await.unwrap(), vec![added.clone()]);
    assert_eq!(store.plans(false).await.unwrap(), vec![off, added]);

    let de = store.add_location(&germany()).await.unwrap();
    let names: Vec<String> = store
        .locations()
        .await
        .unwrap()
        .iter()
        .map(|l| l.name.as_str().to_owned())
        .collect();
    assert_eq!(names, ["France", "Germany"]);
    assert_eq!(store.location(de.id).await.unwrap(), de);

    store.set_location_active(w.location, false).await.unwrap();
    assert!(!store.location(w.location).await.unwrap().active);
});

store_test!(
    a_change_made_by_another_process_shows_within_the_cache_lifetime,
    |store| {
        const TTL: Duration = Duration::from_millis(1500);
        let store = store.with_catalog_ttl(TTL);
        let cli = another_process(&store);
        let w = world(&store).await;
        assert_eq!(store.plans(true).await.unwrap(), vec![w.plan.clone()]);

        let mut off = w.plan.clone();
        off.active = false;
        cli.update_plan(&off, None).await.unwrap();
        let added = cli
            .insert_plan(&fixed_plan(w.location, money(2_000), false), None)
            .await
            .unwrap();
        let de = cli.add_location(&germany()).await.unwrap();

        assert_eq!(
            store.plan(added.id).await.unwrap(),
            Some(added.clone()),
            "a plan added elsewhere is found by id at once"
        );
        assert_eq!(
            store.plan(w.plan.id).await.unwrap(),
            Some(off.clone()),
            "one plan by id is read as it is now (an admin's edit builds on it)"
        );
        assert_eq!(store.location(de.id).await.unwrap(), de, "so is a location");
        assert_eq!(
            store.plans(true).await.unwrap(),
            vec![w.plan.clone()],
            "the listing is the kept reading until it expires"
        );

        tokio::time::sleep(TTL + Duration::from_millis(50)).await;
        assert_eq!(store.plans(true).await.unwrap(), vec![added.clone()]);
        assert_eq!(store.plans(false).await.unwrap(), vec![off, added]);
        assert_eq!(store.locations().await.unwrap().len(), 2);
    }
);
