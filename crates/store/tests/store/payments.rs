//! Gateway payments: settled exactly once however many copies of a callback race, never for
//! another amount or currency, late payments still credited, expiry and listing.

use std::sync::Arc;

use kernel::{Currency, Money, PageRequest, StorageError, SystemClock, UserId};
use payments::{
    Charge, Gateways, NewPayment, Payment, PaymentError, PaymentId, PaymentQuery, PaymentRepo, PaymentService,
    PaymentStatus, Provider, SettleOutcome, VerifiedCallback, expire,
};
use store::Store;
use store::store_test;
use store::testing::insert_user;
use time::OffsetDateTime;
use wallet::WalletRepo;

use crate::wallet::assert_ledger_invariant;

fn rub() -> Currency {
    Currency::from_code("RUB").unwrap()
}

fn service(store: &Store) -> PaymentService {
    PaymentService::new(Arc::new(store.clone()), Gateways::new(), Arc::new(SystemClock), rub())
}

async fn created(store: &Store, user: UserId, reference: &str) -> Payment {
    let p = store
        .create(&NewPayment {
            user,
            provider: Provider::Robokassa,
            amount: Money::from_minor(10_000).unwrap(),
            charge: Charge::new(10_000, rub()).unwrap(),
            order: None,
            created_at: OffsetDateTime::now_utc(),
        })
        .await
        .unwrap();
    store
        .set_checkout(p.id, Some(reference.to_owned()), "https://pay.example/x")
        .await
        .unwrap()
}

fn paid(id: PaymentId, reference: &str, minor: i64, currency: Currency) -> VerifiedCallback {
    VerifiedCallback::Paid {
        payment: id,
        provider_ref: reference.to_owned(),
        charge: Charge::new(minor, currency).unwrap(),
    }
}

store_test!(sixteen_concurrent_deliveries_credit_once, |store| {
    let user = insert_user(&store, 1).await;
    let p = created(&store, user, "42").await;
    let svc = service(&store);
    let callback = paid(p.id, "42", 10_000, rub());
    let runs = (0..16).map(|_| {
        let svc = svc.clone();
        let callback = callback.clone();
        tokio::spawn(async move { svc.settle(Provider::Robokassa, &callback).await })
    });
    let results: Vec<_> = futures::future::join_all(runs)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    let credited = results.iter().filter(|r| matches!(r, Ok(Some(_)))).count();
    assert_eq!(credited, 1, "{results:?}");
    for r in &results {
        assert!(
            matches!(r, Ok(Some(_)) | Err(PaymentError::Refused(_))),
            "a losing delivery is a harmless replay: {r:?}"
        );
    }
    assert_eq!(store.balance(user).await.unwrap(), Money::from_minor(10_000).unwrap());
    assert_eq!(store.get(p.id).await.unwrap().unwrap().status, PaymentStatus::Paid);
    let balances = assert_ledger_invariant(&store).await;
    assert_eq!(balances.get(&user.get()), Some(&10_000));
});

store_test!(another_amount_or_currency_credits_nothing, |store| {
    let user = insert_user(&store, 1).await;
    let p = created(&store, user, "7").await;
    let svc = service(&store);
    let usd = Currency::from_code("USD").unwrap();
    for wrong in [paid(p.id, "7", 9_999, rub()), paid(p.id, "7", 10_000, usd)] {
        let err = svc.settle(Provider::Robokassa, &wrong).await.unwrap_err();
        assert!(matches!(err, PaymentError::Refused(ref r) if !r.is_replay()), "{err:?}");
    }
    let err = svc
        .settle(Provider::FreeKassa, &paid(p.id, "7", 10_000, rub()))
        .await
        .unwrap_err();
    assert!(matches!(err, PaymentError::Refused(_)));
    assert_eq!(store.balance(user).await.unwrap(), Money::ZERO);
    assert_eq!(store.get(p.id).await.unwrap().unwrap().status, PaymentStatus::Created);
});

store_test!(an_expired_payment_paid_late_is_still_credited_once, |store| {
    let user = insert_user(&store, 1).await;
    let p = created(&store, user, "9").await;
    let open = store.open_before(OffsetDateTime::now_utc(), 10).await.unwrap();
    assert_eq!(open.iter().map(|p| p.id).collect::<Vec<_>>(), vec![p.id]);
    let t = expire(&p, OffsetDateTime::now_utc()).unwrap();
    assert!(
        matches!(PaymentRepo::apply(&store, &t).await.unwrap(), SettleOutcome::Applied(ref e) if e.status == PaymentStatus::Expired)
    );
    assert!(matches!(
        PaymentRepo::apply(&store, &t).await.unwrap(),
        SettleOutcome::Refused(_)
    ));
    assert!(
        store
            .open_before(OffsetDateTime::now_utc(), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let svc = service(&store);
    let callback = paid(p.id, "9", 10_000, rub());
    assert!(svc.settle(Provider::Robokassa, &callback).await.unwrap().is_some());
    assert!(matches!(
        svc.settle(Provider::Robokassa, &callback).await,
        Err(PaymentError::Refused(ref r)) if r.is_replay()
    ));
    assert_eq!(store.balance(user).await.unwrap(), Money::from_minor(10_000).unwrap());
    let listed = svc
        .list(
            PaymentQuery {
                status: Some(PaymentStatus::Paid),
                ..PaymentQuery::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(listed.total, 1);
    assert_eq!(listed.items[0].id, p.id);
});

store_test!(a_provider_reference_names_one_payment, |store| {
    let user = insert_user(&store, 1).await;
    let first = created(&store, user, "dup").await;
    let second = store
        .create(&NewPayment {
            user,
            provider: Provider::Robokassa,
            amount: Money::from_minor(1).unwrap(),
            charge: Charge::new(1, rub()).unwrap(),
            order: None,
            created_at: OffsetDateTime::now_utc(),
        })
        .await
        .unwrap();
    let err = store
        .set_checkout(second.id, Some("dup".into()), "https://pay.example/y")
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Conflict(_)), "{err:?}");
    let found = store.find_by_ref(Provider::Robokassa, "dup").await.unwrap().unwrap();
    assert_eq!(found.id, first.id);
    assert!(store.find_by_ref(Provider::FreeKassa, "dup").await.unwrap().is_none());
});

store_test!(
    a_refund_takes_the_credit_back_once_audited_and_never_below_zero,
    |store| {
        use payments::{PayerDirectory, refund};
        let user = insert_user(&store, 5).await;
        let admin = insert_user(&store, 6).await;
        let svc = service(&store);
        let p = created(&store, user, "77").await;
        let paid_now = svc.settle(Provider::Robokassa, &paid(p.id, "77", 10_000, rub())).await;
        let paid_now = paid_now.unwrap().expect("credited");
        let t = refund(&paid_now, admin, OffsetDateTime::now_utc()).unwrap();
        let done = PaymentRepo::apply(&store, &t).await.unwrap();
        assert!(
            matches!(done, SettleOutcome::Applied(ref r) if r.status == PaymentStatus::Refunded),
            "{done:?}"
        );
        assert_eq!(store.balance(user).await.unwrap(), Money::ZERO);
        assert!(matches!(
            PaymentRepo::apply(&store, &t).await.unwrap(),
            SettleOutcome::Refused(_)
        ));
        assert_eq!(store.balance(user).await.unwrap(), Money::ZERO, "refunded once");
        assert!(
            refund(
                &store.get(p.id).await.unwrap().unwrap(),
                admin,
                OffsetDateTime::now_utc()
            )
            .is_err()
        );
        let audit = members::AuditLog::list(&store, members::AuditQuery::default(), PageRequest::new(0, 10))
            .await
            .unwrap();
        assert!(
            audit
                .items
                .iter()
                .any(|e| e.action == payments::REFUND && e.actor == Some(admin)),
            "{audit:?}"
        );

        // Spent meanwhile: the refund is refused and nothing changes.
        let q = created(&store, user, "78").await;
        let credited = svc.settle(Provider::Robokassa, &paid(q.id, "78", 10_000, rub())).await;
        let credited = credited.unwrap().expect("credited");
        let key = kernel::IdempotencyKey::new("test-spend:78").unwrap();
        let spend = wallet::Movement::adjustment(user, -5_000, key, "spent").unwrap();
        let tracking = kernel::TrackingCode::random(kernel::TrackingKind::Transaction, OffsetDateTime::now_utc());
        WalletRepo::apply(&store, &spend, &tracking, OffsetDateTime::now_utc(), &[], None)
            .await
            .unwrap();
        let t = refund(&credited, admin, OffsetDateTime::now_utc()).unwrap();
        let refused = PaymentRepo::apply(&store, &t).await.unwrap();
        assert_eq!(refused, SettleOutcome::BalanceTooLow(Money::from_minor(5_000).unwrap()));
        assert_eq!(store.get(q.id).await.unwrap().unwrap().status, PaymentStatus::Paid);
        assert_eq!(store.balance(user).await.unwrap(), Money::from_minor(5_000).unwrap());
        assert_eq!(
            store.telegram_id(user).await.unwrap().map(|t| t.get()),
            Some(5),
            "the payer's Telegram id for the provider's refund"
        );
        assert_ledger_invariant(&store).await;
    }
);

store_test!(
    a_paid_payment_for_an_order_waits_until_its_order_step_finishes_once,
    |store| {
        let user = insert_user(&store, 1).await;
        let order = kernel::OrderId::new(77);
        let p = store
            .create(&NewPayment {
                user,
                provider: Provider::Robokassa,
                amount: Money::from_minor(10_000).unwrap(),
                charge: Charge::new(10_000, rub()).unwrap(),
                order: Some(order),
                created_at: OffsetDateTime::now_utc(),
            })
            .await
            .unwrap();
        assert_eq!(p.order, Some(order));
        store
            .set_checkout(p.id, Some("o77".into()), "https://pay.example/o77")
            .await
            .unwrap();
        let later = OffsetDateTime::now_utc() + time::Duration::minutes(5);
        assert!(store.orders_to_pay(later, 10).await.unwrap().is_empty(), "not paid yet");

        let svc = service(&store);
        assert!(
            svc.settle(Provider::Robokassa, &paid(p.id, "o77", 10_000, rub()))
                .await
                .unwrap()
                .is_some()
        );
        let due = store.orders_to_pay(later, 10).await.unwrap();
        assert_eq!(due.iter().map(|p| p.id).collect::<Vec<_>>(), vec![p.id]);
        assert!(
            store
                .orders_to_pay(OffsetDateTime::now_utc() - time::Duration::minutes(5), 10)
                .await
                .unwrap()
                .is_empty(),
            "only payments credited before the cutoff"
        );

        let notice = notify::NewNotice::to_user(
            user,
            notify::Notice::PaymentOrderNotPaid {
                order,
                tracking: Some("OR-77".into()),
                amount: Money::from_minor(10_000).unwrap(),
            },
        );
        let runs = (0..8).map(|_| {
            let store = store.clone();
            let notice = notice.clone();
            tokio::spawn(async move {
                store
                    .finish_order(p.id, std::slice::from_ref(&notice), OffsetDateTime::now_utc())
                    .await
            })
        });
        let finished: Vec<bool> = futures::future::join_all(runs)
            .await
            .into_iter()
            .map(|r| r.unwrap().unwrap())
            .collect();
        assert_eq!(finished.iter().filter(|f| **f).count(), 1, "{finished:?}");
        let told = crate::orders::notices(&store)
            .await
            .into_iter()
            .filter(|n| matches!(n, notify::Notice::PaymentOrderNotPaid { .. }))
            .count();
        assert_eq!(told, 1, "the payer is told once");
        assert!(store.orders_to_pay(later, 10).await.unwrap().is_empty());
    }
);
