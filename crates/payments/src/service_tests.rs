//! Service tests with mocked storage and gateway.

use std::sync::Arc;

use kernel::{Currency, FixedClock, Money, UserId};
use time::macros::datetime;

use crate::{
    CallbackReply, CallbackRequest, Charge, GatewayError, Gateways, MockPaymentGateway, MockPaymentRepo, Payment,
    PaymentGateway, PaymentId, PaymentService, PaymentStatus, Provider, Rate, SettleOutcome, VerifiedCallback,
};

fn rub() -> Currency {
    Currency::from_code("RUB").unwrap()
}

fn payment(status: PaymentStatus) -> Payment {
    let at = datetime!(2026-12-06 00:00 UTC);
    Payment {
        id: PaymentId::new(42),
        user: UserId::new(7),
        provider: Provider::Robokassa,
        amount: Money::from_minor(10_000).unwrap(),
        charge: Charge::new(10_000, rub()).unwrap(),
        status,
        provider_ref: None,
        pay_url: Some("https://pay.example/42".into()),
        order: None,
        created_at: at,
        updated_at: at,
    }
}

fn gateway(verdict: Result<VerifiedCallback, GatewayError>) -> MockPaymentGateway {
    let mut g = MockPaymentGateway::new();
    g.expect_provider().return_const(Provider::Robokassa);
    g.expect_pricing().return_const((rub(), Rate::PAR));
    g.expect_verify().returning(move |_| verdict.clone());
    g.expect_ack().returning(|_| CallbackReply::ok("OK42"));
    g
}

fn service(repo: MockPaymentRepo, g: MockPaymentGateway) -> PaymentService {
    let mut gateways = Gateways::new();
    gateways.insert(Provider::Robokassa, Arc::new(g) as Arc<dyn PaymentGateway>);
    let clock = Arc::new(FixedClock::new(datetime!(2026-12-06 00:05 UTC)));
    PaymentService::new(Arc::new(repo), gateways, clock, rub())
}

fn paid(minor: i64, currency: Currency) -> VerifiedCallback {
    VerifiedCallback::Paid {
        payment: PaymentId::new(42),
        provider_ref: "42".into(),
        charge: Charge::new(minor, currency).unwrap(),
    }
}

#[tokio::test]
async fn a_forged_callback_is_refused_before_storage_is_read() {
    let repo = MockPaymentRepo::new();
    let svc = service(repo, gateway(Err(GatewayError::Unverified("bad signature".into()))));
    let out = svc
        .handle_callback(Provider::Robokassa, &CallbackRequest::default())
        .await
        .unwrap();
    assert_eq!(out.reply.status, 400);
    assert!(out.credited.is_none());
}

#[tokio::test]
async fn a_matching_callback_credits_once_and_acks() {
    let mut repo = MockPaymentRepo::new();
    repo.expect_get()
        .returning(|_| Ok(Some(payment(PaymentStatus::Created))));
    repo.expect_apply().times(1).returning(|t| {
        assert_eq!(t.from, PaymentStatus::Created);
        assert_eq!(t.to, PaymentStatus::Paid);
        Ok(SettleOutcome::Applied(payment(PaymentStatus::Paid)))
    });
    let svc = service(repo, gateway(Ok(paid(10_000, rub()))));
    let out = svc
        .handle_callback(Provider::Robokassa, &CallbackRequest::default())
        .await
        .unwrap();
    assert_eq!(out.reply, CallbackReply::ok("OK42"));
    assert!(out.credited.is_some());
}

#[tokio::test]
async fn a_replay_is_acknowledged_and_changes_nothing() {
    let mut repo = MockPaymentRepo::new();
    repo.expect_get().returning(|_| {
        let mut p = payment(PaymentStatus::Paid);
        p.provider_ref = Some("42".into());
        Ok(Some(p))
    });
    repo.expect_apply().never();
    let svc = service(repo, gateway(Ok(paid(10_000, rub()))));
    let out = svc
        .handle_callback(Provider::Robokassa, &CallbackRequest::default())
        .await
        .unwrap();
    assert_eq!(out.reply, CallbackReply::ok("OK42"));
    assert!(out.credited.is_none());
}

#[tokio::test]
async fn another_amount_or_currency_is_refused() {
    for wrong in [paid(9_999, rub()), paid(10_000, Currency::from_code("USD").unwrap())] {
        let mut repo = MockPaymentRepo::new();
        repo.expect_get()
            .returning(|_| Ok(Some(payment(PaymentStatus::Created))));
        repo.expect_apply().never();
        let svc = service(repo, gateway(Ok(wrong)));
        let out = svc
            .handle_callback(Provider::Robokassa, &CallbackRequest::default())
            .await
            .unwrap();
        assert_eq!(out.reply.status, 400);
        assert!(out.credited.is_none());
    }
}

#[tokio::test]
async fn a_late_payment_for_an_expired_one_still_credits() {
    let mut repo = MockPaymentRepo::new();
    repo.expect_get()
        .returning(|_| Ok(Some(payment(PaymentStatus::Expired))));
    repo.expect_apply().times(1).returning(|t| {
        assert_eq!(t.from, PaymentStatus::Expired);
        Ok(SettleOutcome::Applied(payment(PaymentStatus::Paid)))
    });
    let svc = service(repo, gateway(Ok(paid(10_000, rub()))));
    let out = svc
        .handle_callback(Provider::Robokassa, &CallbackRequest::default())
        .await
        .unwrap();
    assert!(out.credited.is_some());
}
