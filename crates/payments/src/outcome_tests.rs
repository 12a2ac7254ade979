//! What happens around a settlement: the payer told once when a payment fails or expires,
//! the admins told what a reconciliation run changed, and a payment made for an order paying
//! that order (or telling the payer it could not).

use std::sync::Arc;

use kernel::{Currency, FixedClock, Money, OrderId, UserId};
use notify::{Notice, Recipient};
use time::macros::datetime;

use crate::{
    Charge, GatewayError, Gateways, MockOrderPayer, MockPaymentGateway, MockPaymentRepo, OrderPayment, Payment,
    PaymentGateway, PaymentId, PaymentService, PaymentStatus, Provider, Rate, SettleOutcome, VerifiedCallback, decide,
    expire,
};

fn rub() -> Currency {
    Currency::from_code("RUB").unwrap()
}

fn payment(status: PaymentStatus, order: Option<OrderId>) -> Payment {
    let at = datetime!(2026-12-06 00:00 UTC);
    Payment {
        id: PaymentId::new(42),
        user: UserId::new(7),
        provider: Provider::Robokassa,
        amount: Money::from_minor(70_000).unwrap(),
        charge: Charge::new(7_000, rub()).unwrap(),
        status,
        provider_ref: None,
        pay_url: Some("https://pay.example/42".into()),
        order,
        created_at: at,
        updated_at: at,
    }
}

fn failed_notice(notices: &[notify::NewNotice]) -> (bool, Option<OrderId>) {
    match notices {
        [n] => {
            assert_eq!(n.recipient, Recipient::User(UserId::new(7)));
            match &n.notice {
                Notice::PaymentFailed {
                    payment,
                    provider,
                    amount,
                    expired,
                    order,
                } => {
                    assert_eq!((*payment, provider.as_str(), amount.minor()), (42, "robokassa", 70_000));
                    (*expired, *order)
                }
                other => panic!("not a failed-payment notice: {other:?}"),
            }
        }
        other => panic!("one notice expected: {other:?}"),
    }
}

#[test]
fn a_failed_or_expired_payment_tells_the_payer_with_its_transition() {
    let at = datetime!(2026-12-07 00:00 UTC);
    let order = Some(OrderId::new(5));
    let failed = VerifiedCallback::Failed {
        payment: PaymentId::new(42),
        provider_ref: "42".into(),
    };
    let t = decide(
        &payment(PaymentStatus::Created, order),
        Provider::Robokassa,
        &failed,
        at,
    )
    .unwrap()
    .unwrap();
    assert_eq!(failed_notice(&t.notices), (false, order));
    let t = expire(&payment(PaymentStatus::Created, None), at).unwrap();
    assert_eq!(failed_notice(&t.notices), (true, None));
    assert!(
        decide(&payment(PaymentStatus::Failed, None), Provider::Robokassa, &failed, at).is_err(),
        "a repeated failure writes nothing more"
    );
    assert!(expire(&payment(PaymentStatus::Expired, None), at).is_none());
}

fn service(repo: MockPaymentRepo, orders: Option<MockOrderPayer>) -> PaymentService {
    let mut g = MockPaymentGateway::new();
    g.expect_provider().return_const(Provider::Robokassa);
    g.expect_pricing().return_const((rub(), Rate::PAR));
    g.expect_fetch_status()
        .returning(|_| Err(GatewayError::Unsupported(Provider::Robokassa)));
    let mut gateways = Gateways::new();
    gateways.insert(Provider::Robokassa, Arc::new(g) as Arc<dyn PaymentGateway>);
    let clock = Arc::new(FixedClock::new(datetime!(2026-12-08 00:00 UTC)));
    let svc = PaymentService::new(Arc::new(repo), gateways, clock, rub());
    match orders {
        Some(o) => svc.with_orders(Arc::new(o)),
        None => svc,
    }
}

#[tokio::test]
async fn a_reconciliation_that_changed_something_tells_the_admins_once() {
    let mut repo = MockPaymentRepo::new();
    repo.expect_open_before()
        .returning(|_, _| Ok(vec![payment(PaymentStatus::Created, None)]));
    repo.expect_apply()
        .times(1)
        .returning(|_| Ok(SettleOutcome::Applied(payment(PaymentStatus::Expired, None))));
    repo.expect_orders_to_pay().returning(|_, _| Ok(Vec::new()));
    repo.expect_record().times(1).returning(|notices, audit, _| {
        assert!(audit.is_none());
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].recipient, Recipient::Admins);
        assert_eq!(
            notices[0].notice,
            Notice::PaymentsReconciled {
                settled: 0,
                failed: 0,
                expired: 1,
                unreachable: 0
            }
        );
        Ok(())
    });
    let report = service(repo, None)
        .reconcile(time::Duration::minutes(10), time::Duration::hours(24), 100)
        .await
        .unwrap();
    assert_eq!(report.expired, vec![PaymentId::new(42)]);

    let mut quiet = MockPaymentRepo::new();
    quiet.expect_open_before().returning(|_, _| Ok(Vec::new()));
    quiet.expect_orders_to_pay().returning(|_, _| Ok(Vec::new()));
    quiet.expect_record().never();
    let report = service(quiet, None)
        .reconcile(time::Duration::minutes(10), time::Duration::hours(24), 100)
        .await
        .unwrap();
    assert!(!report.changed_anything());
}

#[tokio::test]
async fn a_paid_payment_for_an_order_pays_it_and_finishes_its_step() {
    let order = OrderId::new(5);
    let mut repo = MockPaymentRepo::new();
    repo.expect_finish_order().times(1).returning(|id, notices, _| {
        assert_eq!(id, PaymentId::new(42));
        assert!(notices.is_empty(), "the saga tells the buyer itself");
        Ok(true)
    });
    let mut orders = MockOrderPayer::new();
    orders
        .expect_pay_order()
        .withf(move |user, o| *user == UserId::new(7) && *o == order)
        .times(1)
        .returning(|_, _| Ok(OrderPayment::Paid));
    service(repo, Some(orders))
        .pay_order_of(&payment(PaymentStatus::Paid, Some(order)))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_order_that_expired_meanwhile_leaves_the_money_in_the_wallet_and_tells_the_payer() {
    let order = OrderId::new(5);
    let mut repo = MockPaymentRepo::new();
    repo.expect_finish_order().times(1).returning(move |_, notices, _| {
        assert_eq!(notices.len(), 1);
        assert_eq!(
            notices[0].notice,
            Notice::PaymentOrderNotPaid {
                order,
                tracking: Some("OR-1".into()),
                amount: Money::from_minor(70_000).unwrap(),
            }
        );
        Ok(true)
    });
    let mut orders = MockOrderPayer::new();
    orders.expect_pay_order().times(1).returning(|_, _| {
        Ok(OrderPayment::NotPayable {
            tracking: Some("OR-1".into()),
        })
    });
    service(repo, Some(orders))
        .pay_order_of(&payment(PaymentStatus::Paid, Some(order)))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_top_up_or_an_unpaid_payment_pays_no_order() {
    let mut repo = MockPaymentRepo::new();
    repo.expect_finish_order().never();
    let mut orders = MockOrderPayer::new();
    orders.expect_pay_order().never();
    let svc = service(repo, Some(orders));
    svc.pay_order_of(&payment(PaymentStatus::Paid, None)).await.unwrap();
    svc.pay_order_of(&payment(PaymentStatus::Created, Some(OrderId::new(5))))
        .await
        .unwrap();
}
