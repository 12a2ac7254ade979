//! One delivery run at a time per paid order, on every backend: taking the delivery answers
//! with the order as it stands, another run is told who holds it, a run that lets go or runs
//! out of time makes room, and the move that closes the order lets go of it.

use kernel::{OrderId, UserId};
use orders::{DeliveryClaim, Order, OrderRepo, OrderStatus, Pricing};
use sea_orm::EntityTrait;
use store::Store;
use store::entity::orders::order;
use store::store_test;
use store::testing::insert_user;
use time::{Duration, OffsetDateTime};

use crate::order_changes::{delivered, pay, read};
use crate::orders::{World, money, now, place, top_up, world};

/// Who holds the delivery of `id` per its row, and until when.
async fn holder(store: &Store, id: OrderId) -> (Option<String>, Option<i64>) {
    let row = order::Entity::find_by_id(id.get())
        .one(store.db())
        .await
        .unwrap()
        .unwrap();
    (row.delivery_owner, row.delivery_until)
}

/// `owner` tries to take the delivery of `id` at `at` for one minute.
async fn claim(store: &Store, id: OrderId, owner: &str, at: OffsetDateTime) -> Option<DeliveryClaim> {
    store
        .claim_delivery(id, owner, at, at + Duration::minutes(1))
        .await
        .unwrap()
}

/// A shop with one location, a buyer with 1,000 in the wallet and their pending order of
/// that price.
async fn pending_order(store: &Store) -> (World, UserId, Order) {
    let w = world(store).await;
    let user = insert_user(store, 1).await;
    top_up(store, user, 1_000).await;
    let order = place(store, user, &w, Pricing::full(money(1_000))).await;
    (w, user, order)
}

store_test!(a_paid_orders_delivery_is_held_by_one_run_at_a_time, |store| {
    let (_, _, order) = pending_order(&store).await;
    let t0 = now();
    let pending = claim(&store, order.id, "run-a", t0).await.unwrap();
    assert_eq!((pending.attempt, pending.order.status), (None, OrderStatus::Pending));
    pay(&store, order.id, t0).await.unwrap();

    let a = claim(&store, order.id, "run-a", t0).await.unwrap();
    assert_eq!(a.attempt, Some(1));
    assert_eq!(
        a.order,
        read(&store, order.id).await,
        "the claim answers with the order as stored"
    );
    assert_eq!(a.order.delivery_attempts, 1);

    let b = claim(&store, order.id, "run-b", t0).await.unwrap();
    assert_eq!(b.attempt, None, "run-a holds it");
    assert_eq!((b.order.status, b.order.delivery_attempts), (OrderStatus::Paid, 1));

    store.release_delivery(order.id, "run-b").await.unwrap();
    assert_eq!(
        holder(&store, order.id).await.0.as_deref(),
        Some("run-a"),
        "only the holder lets go"
    );
    store.release_delivery(order.id, "run-a").await.unwrap();
    assert_eq!(holder(&store, order.id).await, (None, None));

    let b = claim(&store, order.id, "run-b", t0).await.unwrap();
    assert_eq!(b.attempt, Some(2));
    let late = t0 + Duration::minutes(2);
    let c = claim(&store, order.id, "run-c", late).await.unwrap();
    assert_eq!(c.attempt, Some(3), "run-b ran out of time");

    assert_eq!(
        claim(&store, OrderId::new(9_999), "run-a", t0).await,
        None,
        "no such order"
    );
});

store_test!(the_move_that_closes_an_order_lets_go_of_its_delivery, |store| {
    let (w, user, order) = pending_order(&store).await;
    let t0 = now();
    let paid = pay(&store, order.id, t0).await.unwrap();
    claim(&store, order.id, "run-a", t0).await.unwrap();
    assert_eq!(holder(&store, order.id).await.0.as_deref(), Some("run-a"));

    let done = store
        .apply(&paid.fulfil(delivered(&w, user, 1), t0).unwrap())
        .await
        .unwrap();
    assert_eq!(done.status, OrderStatus::Fulfilled);
    assert_eq!(holder(&store, order.id).await, (None, None));
    let after = claim(&store, order.id, "run-b", t0).await.unwrap();
    assert_eq!(
        (after.attempt, after.order),
        (None, done),
        "a closed order is delivered by nobody"
    );
});
