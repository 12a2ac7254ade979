//! A superadmin's refund or retry of a paid order: the role checked on the server, refusals
//! audited, nothing moved for an order that is not paid, and a refund written once even when
//! the saga's own refund gets there first.

use std::sync::{Arc, Mutex};

use inventory::{Allocation, ClientEmail, ClientName};
use kernel::{
    FixedClock, InboundId, LocationId, Money, OrderId, PageRequest, PlanId, TrackingCode, TrackingKind, UserId,
};
use members::{AccessError, MockAuditLog, MockAuthorizer, NewAuditEntry, Role};
use time::OffsetDateTime;
use time::macros::datetime;

use crate::catalog_tests::member;
use crate::*;

const NOW: OffsetDateTime = datetime!(2026-12-07 12:00 UTC);
const SUPER: UserId = UserId::new(1);
const ADMIN: UserId = UserId::new(2);
const BUYER: UserId = UserId::new(9);
const ORDER: OrderId = OrderId::new(42);

fn money(minor: i64) -> Money {
    Money::from_minor(minor).unwrap()
}

fn allocation() -> Allocation {
    let name = ClientName::parse("FR-MoonVPN-1001").unwrap();
    Allocation {
        inbound: InboundId::new(3),
        location: LocationId::new(5),
        email: ClientEmail::from(&name),
        name,
        client_uuid: "0b5c8f3e-uuid".into(),
        sub_id: "sub1".into(),
    }
}

fn order(status: OrderStatus) -> Order {
    let mut o = Order::from_new(
        ORDER,
        NewOrder {
            tracking: TrackingCode::random(TrackingKind::Order, NOW),
            user: BUYER,
            telegram_id: kernel::TelegramId::new(1009).unwrap(),
            plan: PlanId::new(7),
            location: LocationId::new(5),
            kind: OrderKind::Purchase,
            is_test: false,
            quote: Quote {
                volume_bytes: kernel::ByteLimit::upto(50 * BYTES_PER_GB).unwrap(),
                duration_days: 30,
                price: money(100_000),
            },
            ip_limit: kernel::CountLimit::Unlimited,
            pricing: Pricing::full(money(100_000)),
            created_at: NOW - time::Duration::hours(2),
        },
    );
    o.status = status;
    o.paid_at = (status != OrderStatus::Pending).then_some(NOW - time::Duration::hours(1));
    o.allocation = Some(allocation());
    o
}

fn reason() -> OverrideReason {
    OverrideReason::parse("  panel in Frankfurt is down  ").unwrap()
}

/// Only `SUPER` is a superadmin, `ADMIN` an admin; the authorizer audits refusals itself.
fn access(attempts: Arc<Mutex<Vec<(UserId, Role, String)>>>) -> MockAuthorizer {
    let mut auth = MockAuthorizer::new();
    auth.expect_authorize().returning(move |actor, role, attempt| {
        attempts.lock().unwrap().push((actor, role, attempt.to_string()));
        let holds = match actor {
            SUPER => Role::Superadmin,
            ADMIN => Role::Admin,
            _ => Role::User,
        };
        if holds >= role {
            Ok(member(actor))
        } else {
            Err(AccessError::Forbidden { needed: role })
        }
    });
    auth
}

struct World {
    orders: MockOrderRepo,
    panel: MockProvisioner,
    audit: Arc<Mutex<Vec<NewAuditEntry>>>,
    attempts: Arc<Mutex<Vec<(UserId, Role, String)>>>,
}

impl World {
    fn new() -> Self {
        Self {
            orders: MockOrderRepo::new(),
            panel: MockProvisioner::new(),
            audit: Arc::default(),
            attempts: Arc::default(),
        }
    }

    fn with_order(mut self, o: Order) -> Self {
        self.orders.expect_order().returning(move |_| Ok(Some(o.clone())));
        self
    }

    fn service(self) -> OrderService {
        let written = self.audit.clone();
        let mut audit = MockAuditLog::new();
        audit.expect_record().returning(move |entry| {
            written.lock().unwrap().push(entry);
            Ok(kernel::AuditEntryId::new(1))
        });
        OrderService::new(
            Arc::new(MockPlanRepo::new()),
            Arc::new(MockDiscountRepo::new()),
            Arc::new(self.orders),
            Arc::new(MockTestAccountRepo::new()),
            Arc::new(self.panel),
            Arc::new(FixedClock::new(NOW)),
            SagaPolicy::default(),
        )
        .with_admin(Arc::new(access(self.attempts)), Arc::new(audit))
    }
}

#[test]
fn a_reason_is_one_to_five_hundred_characters_after_trimming() {
    assert_eq!(reason().as_str(), "panel in Frankfurt is down");
    assert_eq!(OverrideReason::parse(" \n "), Err(OverrideReasonError::Empty));
    assert!(OverrideReason::parse(&"ж".repeat(500)).is_ok());
    assert_eq!(
        OverrideReason::parse(&"ж".repeat(501)),
        Err(OverrideReasonError::TooLong { chars: 501 })
    );
    assert_eq!(OrderOverride::parse("refund"), Some(OrderOverride::Refund));
    assert_eq!(OrderOverride::parse("retry"), Some(OrderOverride::Retry));
    assert_eq!(OrderOverride::parse("Refund"), None);
}

#[tokio::test]
async fn admins_and_users_are_refused_before_anything_is_read_and_the_attempt_goes_to_the_guard() {
    for actor in [ADMIN, BUYER] {
        let world = World::new();
        let (audit, attempts) = (world.audit.clone(), world.attempts.clone());
        let err = world
            .service()
            .override_order(actor, ORDER, OrderOverride::Refund, &reason())
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                OrderError::Forbidden {
                    needed: Role::Superadmin
                }
            ),
            "{err:?}"
        );
        assert_eq!(
            *attempts.lock().unwrap(),
            vec![(actor, Role::Superadmin, "order.override".to_owned())],
            "the members guard records the refusal as access.denied"
        );
        assert!(audit.lock().unwrap().is_empty());
    }
}

#[tokio::test]
async fn an_order_that_is_not_paid_is_refused_nothing_moves_and_the_refusal_is_audited() {
    for status in [
        OrderStatus::Pending,
        OrderStatus::Fulfilled,
        OrderStatus::Failed,
        OrderStatus::Expired,
    ] {
        for decision in [OrderOverride::Refund, OrderOverride::Retry] {
            let world = World::new().with_order(order(status));
            let audit = world.audit.clone();
            let err = world
                .service()
                .override_order(SUPER, ORDER, decision, &reason())
                .await
                .unwrap_err();
            assert!(matches!(err, OrderError::NotOverridable(s) if s == status), "{err:?}");
            let audit = audit.lock().unwrap();
            assert_eq!(audit.len(), 1);
            assert_eq!(audit[0].action, OrderService::OVERRIDE);
            assert_eq!(audit[0].actor, Some(SUPER));
            assert_eq!(audit[0].target.as_str(), "order:42");
            assert_eq!(audit[0].detail["outcome"], "refused");
            assert_eq!(audit[0].detail["decision"], decision.as_str());
            assert_eq!(audit[0].detail["status"], status.as_str());
        }
    }
}

#[tokio::test]
async fn a_refund_carries_its_audit_entry_into_the_refund_transaction_then_frees_the_client() {
    let mut world = World::new().with_order(order(OrderStatus::Paid));
    let applied = Arc::new(Mutex::new(Vec::new()));
    let seen = applied.clone();
    world.orders.expect_apply().times(1).returning(move |change| {
        seen.lock().unwrap().push(change.clone());
        let mut failed = order(OrderStatus::Failed);
        failed.failure = Some("panel in Frankfurt is down".into());
        Ok(failed)
    });
    world
        .panel
        .expect_release()
        .withf(|a| *a == allocation())
        .times(1)
        .returning(|_| Ok(()));
    let audit = world.audit.clone();
    let outcome = world
        .service()
        .override_order(SUPER, ORDER, OrderOverride::Refund, &reason())
        .await
        .unwrap();
    assert!(matches!(outcome, OverrideOutcome::Refunded(ref o) if o.status == OrderStatus::Failed));
    assert!(
        audit.lock().unwrap().is_empty(),
        "nothing written outside the transaction"
    );

    let change = applied.lock().unwrap().pop().unwrap();
    assert_eq!((change.from(), change.to()), (OrderStatus::Paid, OrderStatus::Failed));
    let OrderEffect::Fail(failure) = change.effect() else {
        panic!("a refund fails the order: {change:?}");
    };
    assert_eq!(failure.reason, "panel in Frankfurt is down");
    assert!(!failure.tell_admins, "the superadmin decided it; no alert");
    let credit = failure.refund.as_ref().and_then(|r| r.credit.as_ref()).unwrap();
    assert_eq!(credit.key.as_str(), "order:42:refund", "the saga's own refund key");
    assert_eq!((credit.user, credit.amount), (BUYER, money(100_000)));
    let entry = change.audit().expect("the audit entry travels with the change");
    assert_eq!(entry.actor, Some(SUPER));
    assert_eq!(entry.action.as_str(), "order.override");
    assert_eq!(entry.detail["decision"], "refund");
    assert_eq!(entry.detail["reason"], "panel in Frankfurt is down");
    assert_eq!(entry.detail["outcome"], "refunded");
    assert_eq!(entry.detail["amount_minor"], 100_000);
}

#[tokio::test]
async fn a_refund_that_loses_to_the_sagas_own_refund_pays_nothing_twice_and_keeps_the_client_alone() {
    let mut world = World::new().with_order(order(OrderStatus::Paid));
    // The saga gave the order up between our read and our write: the guard finds it failed.
    world.orders.expect_apply().times(1).returning(|_| {
        Err(OrderWriteError::WrongStatus {
            current: OrderStatus::Failed,
        })
    });
    world.panel.expect_release().never();
    let audit = world.audit.clone();
    let err = world
        .service()
        .override_order(SUPER, ORDER, OrderOverride::Refund, &reason())
        .await
        .unwrap_err();
    assert!(
        matches!(err, OrderError::NotOverridable(OrderStatus::Failed)),
        "{err:?}"
    );
    let audit = audit.lock().unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].detail["outcome"], "refused");
    assert_eq!(audit[0].detail["status"], "failed");
}

#[tokio::test]
async fn a_retry_while_another_run_delivers_does_nothing_and_says_so_in_the_audit_log() {
    let mut world = World::new().with_order(order(OrderStatus::Paid));
    world
        .orders
        .expect_claim_delivery()
        .returning(|_, _, _, _| Ok(crate::service_tests::claimed(order(OrderStatus::Paid), None)));
    let audit = world.audit.clone();
    let outcome = world
        .service()
        .override_order(SUPER, ORDER, OrderOverride::Retry, &reason())
        .await
        .unwrap();
    assert!(matches!(outcome, OverrideOutcome::InProgress(_)), "{outcome:?}");
    let audit = audit.lock().unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].detail["decision"], "retry");
    assert_eq!(audit[0].detail["outcome"], "in_progress");
}

#[tokio::test]
async fn a_retry_after_the_attempts_ran_out_refunds_the_order_as_the_saga_would() {
    let mut world = World::new().with_order(order(OrderStatus::Paid));
    let runs = SagaPolicy::default().delivery_attempts;
    world
        .orders
        .expect_claim_delivery()
        .returning(move |_, _, _, _| Ok(crate::service_tests::claimed(order(OrderStatus::Paid), Some(runs + 1))));
    world.orders.expect_release_delivery().returning(|_, _| Ok(()));
    world
        .orders
        .expect_apply()
        .withf(|c| matches!(c.effect(), OrderEffect::Fail(f) if f.tell_admins) && c.audit().is_none())
        .times(1)
        .returning(|_| Ok(order(OrderStatus::Failed)));
    world.panel.expect_release().times(1).returning(|_| Ok(()));
    let audit = world.audit.clone();
    let outcome = world
        .service()
        .override_order(SUPER, ORDER, OrderOverride::Retry, &reason())
        .await
        .unwrap();
    assert!(matches!(outcome, OverrideOutcome::RetryRefunded(_)), "{outcome:?}");
    assert_eq!(audit.lock().unwrap()[0].detail["outcome"], "retry_refunded");
}

#[tokio::test]
async fn admins_read_a_users_orders_and_plain_users_are_refused() {
    let mut world = World::new();
    world
        .orders
        .expect_orders_of()
        .withf(|user, _| *user == BUYER)
        .times(1)
        .returning(|_, page| {
            let _ = page;
            Ok(kernel::Page {
                items: vec![order(OrderStatus::Paid)],
                total: 1,
            })
        });
    let attempts = world.attempts.clone();
    let service = world.service();
    let page = service
        .orders_of_user_as(ADMIN, BUYER, PageRequest::new(0, 10))
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    let err = service
        .orders_of_user_as(BUYER, BUYER, PageRequest::new(0, 10))
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::Forbidden { needed: Role::Admin }), "{err:?}");
    assert_eq!(attempts.lock().unwrap()[1].2, "order.view");
}
