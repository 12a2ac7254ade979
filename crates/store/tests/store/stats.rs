//! The facts behind the admins' Stats screen: user counts by registration time, ledger rows
//! with the provider of the gateway payment they credit, and empty inventories.

use std::sync::Arc;

use kernel::{Currency, Money, SystemClock};
use orders::StatsSource;
use payments::{Charge, Gateways, NewPayment, PaymentRepo, PaymentService, Provider, VerifiedCallback};
use store::store_test;
use store::testing::insert_user;
use time::{Duration, OffsetDateTime};

store_test!(stats_facts_name_the_provider_of_a_payment_credit, |store| {
    let rub = Currency::from_code("RUB").unwrap();
    let user = insert_user(&store, 1).await;
    let now = OffsetDateTime::now_utc();
    let p = store
        .create(&NewPayment {
            user,
            provider: Provider::Robokassa,
            amount: Money::from_minor(10_000).unwrap(),
            charge: Charge::new(10_000, rub).unwrap(),
            order: None,
            created_at: now,
        })
        .await
        .unwrap();
    store
        .set_checkout(p.id, Some("7".into()), "https://pay.example/x")
        .await
        .unwrap();
    let service = PaymentService::new(Arc::new(store.clone()), Gateways::new(), Arc::new(SystemClock), rub);
    let paid = VerifiedCallback::Paid {
        payment: p.id,
        provider_ref: "7".into(),
        charge: Charge::new(10_000, rub).unwrap(),
    };
    service.settle(Provider::Robokassa, &paid).await.unwrap();

    let counts = store
        .user_counts(now - Duration::hours(1), now - Duration::days(7))
        .await
        .unwrap();
    assert_eq!((counts.total, counts.today, counts.week), (1, 1, 1));
    let later = store
        .user_counts(now + Duration::hours(1), now + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!((later.total, later.today, later.week), (1, 0, 0));

    let facts = store.ledger_since(now - Duration::days(1)).await.unwrap();
    assert_eq!(facts.len(), 1, "{facts:?}");
    assert_eq!(facts[0].amount, 10_000);
    assert_eq!(facts[0].kind, "deposit");
    assert_eq!(facts[0].provider.as_deref(), Some("robokassa"));
    assert!(store.ledger_since(now + Duration::hours(1)).await.unwrap().is_empty());

    assert!(store.active_services().await.unwrap().is_empty());
    assert_eq!(store.pending_receipts().await.unwrap(), 0);
    assert!(store.failing_panels().await.unwrap().is_empty());
});
