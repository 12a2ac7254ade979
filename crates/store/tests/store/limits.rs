//! Limits in storage: "unlimited" is kept in the columns as the panel writes it (0) and read
//! back as unlimited, an amount as itself, on every backend.

use inventory::{AccountRepo, PlacementRepo};
use kernel::{ByteLimit, CountLimit};
use orders::{FixedTerms, OrderRepo, PlanKind, PlanRepo, Pricing};
use store::store_test;
use store::testing::insert_user;

use super::inventory::{new_account, setup};
use super::orders::{fixed_plan, money, new_order, world};

store_test!(an_unlimited_plan_and_its_order_read_back_unlimited, |store| {
    let w = world(&store).await;
    let mut unlimited = fixed_plan(w.location, money(1_000), false);
    unlimited.kind = PlanKind::Fixed(FixedTerms::new(ByteLimit::Unlimited, 30, money(1_000)).unwrap());
    unlimited.ip_limit = CountLimit::Unlimited;
    let stored = store.insert_plan(&unlimited, None).await.unwrap();
    let read = PlanRepo::plan(&store, stored.id).await.unwrap().expect("stored");
    assert_eq!(read, stored);
    let PlanKind::Fixed(terms) = read.kind else {
        panic!("a package: {read:?}")
    };
    assert_eq!(
        (terms.volume_bytes(), read.ip_limit),
        (ByteLimit::Unlimited, CountLimit::Unlimited)
    );
    assert_eq!(
        PlanRepo::plan(&store, w.plan.id).await.unwrap().map(|p| p.ip_limit),
        Some(CountLimit::upto(2).unwrap()),
        "a limited plan keeps its amount"
    );

    let user = insert_user(&store, 501).await;
    let order = store
        .insert_order(&new_order(user, 9501, &read, w.location, Pricing::full(money(1_000))))
        .await
        .unwrap();
    let order = OrderRepo::order(&store, order.id).await.unwrap().expect("stored");
    assert_eq!(
        (order.quote.volume_bytes, order.ip_limit),
        (ByteLimit::Unlimited, CountLimit::Unlimited)
    );
});

store_test!(an_unlimited_inbound_and_account_read_back_unlimited, |store| {
    let (location, _, ids) = setup(&store, &[7]).await;
    let synced = store.inbound(ids[0]).await.unwrap();
    assert_eq!(synced.max_clients, CountLimit::Unlimited, "a new inbound has no limit");
    let limited = store
        .set_inbound_capacity(ids[0], CountLimit::upto(9).unwrap(), None)
        .await
        .unwrap();
    assert_eq!(store.inbound(ids[0]).await.unwrap().max_clients, limited.max_clients);
    assert_eq!(limited.max_clients.amount(), Some(9));
    store
        .set_inbound_capacity(ids[0], CountLimit::Unlimited, None)
        .await
        .unwrap();
    assert_eq!(store.inbound(ids[0]).await.unwrap().max_clients, CountLimit::Unlimited);

    let user = insert_user(&store, 502).await;
    let mut new = new_account(user, ids[0], location, "FR", 1001);
    new.limits.total_bytes = ByteLimit::Unlimited;
    new.limits.ip_limit = CountLimit::Unlimited;
    let stored = store.insert_account(&new).await.unwrap();
    let read = store.account(stored.id).await.unwrap();
    assert_eq!(read.traffic_limit_bytes, ByteLimit::Unlimited);
    assert_eq!(read.remaining_bytes(), None);
    assert_eq!(store.account_ip_limit(stored.id).await.unwrap(), CountLimit::Unlimited);
});
