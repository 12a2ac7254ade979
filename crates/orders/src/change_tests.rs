//! The order decides each step: only the state machine's moves, each with its money effect.

use inventory::{ClientEmail, ClientLimits, ClientName, NewClientAccount, Provisioned};
use kernel::{
    DiscountCodeId, IdempotencyKey, LocationId, Money, OrderId, PlanId, TelegramId, TrackingCode, TrackingKind, UserId,
};
use time::OffsetDateTime;
use time::macros::datetime;

use crate::renewal::tests::{account, bytes, count};
use crate::*;

const AT: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);
const BUYER: UserId = UserId::new(1);
const CODE: DiscountCodeId = DiscountCodeId::new(3);

fn money(minor: i64) -> Money {
    Money::from_minor(minor).unwrap()
}

fn order(status: OrderStatus, pricing: Pricing, is_test: bool) -> Order {
    let mut o = Order::from_new(
        OrderId::new(42),
        NewOrder {
            tracking: TrackingCode::random(TrackingKind::Order, AT),
            user: BUYER,
            telegram_id: TelegramId::new(1001).unwrap(),
            plan: PlanId::new(7),
            location: LocationId::new(5),
            kind: OrderKind::Purchase,
            is_test,
            quote: Quote {
                volume_bytes: bytes(BYTES_PER_GB),
                duration_days: 30,
                price: pricing.price,
            },
            ip_limit: count(0),
            pricing,
            created_at: AT,
        },
    );
    o.status = status;
    o
}

fn paid_order(status: OrderStatus) -> Order {
    order(status, Pricing::discounted(money(1_000), money(100), CODE), false)
}

fn delivered() -> Delivered {
    let name = ClientName::parse("FR-MoonVPN-1001").unwrap();
    Delivered::Account(NewClientAccount {
        user: BUYER,
        allocation: inventory::Allocation {
            inbound: kernel::InboundId::new(3),
            location: LocationId::new(5),
            email: ClientEmail::from(&name),
            name,
            client_uuid: "uuid".into(),
            sub_id: "sub".into(),
        },
        limits: ClientLimits {
            total_bytes: bytes(BYTES_PER_GB),
            expires_at: None,
            ip_limit: count(0),
        },
        provisioned: Provisioned {
            config_url: "vless://x".into(),
            subscription_url: None,
        },
        created_at: AT,
    })
}

/// Every step asked of an order in every status: decided only where the machine allows it.
#[test]
fn a_step_is_decided_only_where_the_state_machine_allows_it() {
    for from in ALL_STATUSES {
        let o = paid_order(from);
        let steps = [
            (OrderStatus::Paid, o.pay(AT, None)),
            (OrderStatus::Fulfilled, o.fulfil(delivered(), AT)),
            (OrderStatus::Failed, o.fail("panel down", AT)),
            (OrderStatus::Failed, o.give_up("gave up", AT)),
            (OrderStatus::Expired, o.expire(AT)),
        ];
        for (to, decided) in steps {
            match decided {
                Ok(change) => {
                    assert!(from.can_become(to), "{from} -> {to} was decided");
                    assert_eq!((change.from(), change.to(), change.at()), (from, to, AT));
                    assert_eq!(change.order(), o.id);
                }
                Err(refused) => {
                    assert!(!from.can_become(to), "{from} -> {to} was refused");
                    assert_eq!(refused, IllegalTransition { from, to });
                }
            }
        }
    }
}

#[test]
fn paying_debits_the_amount_once_and_counts_the_code() {
    let order = paid_order(OrderStatus::Pending);
    let change = order.pay(AT, None).unwrap();
    assert_eq!(change.amount(), money(900));
    assert_eq!(
        change.effect(),
        &OrderEffect::Pay(Payment {
            debit: Some(Charge {
                user: BUYER,
                amount: money(900),
                key: IdempotencyKey::new("order:42:debit").unwrap(),
                note: format!("order {}", order.tracking),
            }),
            discount_use: Some(DiscountUse {
                code: CODE,
                buyer: BUYER,
                amount: money(100),
                per_user_limit: None,
            }),
            test_claim: None,
            alert_admins: true,
        })
    );
}

#[test]
fn a_free_test_moves_no_money_claims_the_test_and_alerts_nobody() {
    let free = order(OrderStatus::Pending, Pricing::full(Money::ZERO), true);
    let OrderEffect::Pay(payment) = free.pay(AT, None).unwrap().effect().clone() else {
        panic!("paying decides a payment");
    };
    assert_eq!(payment.debit, None);
    assert_eq!(
        payment.test_claim,
        Some(TestClaim {
            user: BUYER,
            plan: PlanId::new(7)
        })
    );
    assert!(!payment.alert_admins);
}

#[test]
fn failing_a_paid_order_refunds_everything_paying_took() {
    let order = paid_order(OrderStatus::Paid);
    let change = order.fail("inbound full", AT).unwrap();
    assert_eq!(
        change.effect(),
        &OrderEffect::Fail(Failure {
            reason: "inbound full".into(),
            refund: Some(Refund {
                credit: Some(Charge {
                    user: BUYER,
                    amount: money(900),
                    key: IdempotencyKey::new("order:42:refund").unwrap(),
                    note: format!("order {}: inbound full", order.tracking),
                }),
                amount: money(900),
                discount_return: Some(CODE),
                free_test_claim: false,
            }),
            tell_admins: false,
        })
    );
    let OrderEffect::Fail(given_up) = paid_order(OrderStatus::Paid).give_up("x", AT).unwrap().effect().clone() else {
        panic!("giving up decides a failure");
    };
    assert!(given_up.tell_admins && given_up.refund.is_some());
}

#[test]
fn failing_a_pending_order_moves_no_money() {
    let change = paid_order(OrderStatus::Pending).fail("cancelled", AT).unwrap();
    assert!(matches!(
        change.effect(),
        OrderEffect::Fail(Failure { refund: None, .. })
    ));
    let expired = paid_order(OrderStatus::Pending).expire(AT).unwrap();
    assert_eq!(expired.effect(), &OrderEffect::Expire);
}

#[test]
fn a_renewal_is_fulfilled_with_the_snapshot_its_limits_came_from() {
    let snapshot = account(BYTES_PER_GB, 0, None);
    let limits = ClientLimits {
        total_bytes: bytes(2 * BYTES_PER_GB),
        expires_at: None,
        ip_limit: count(1),
    };
    let renewed = Delivered::Renewal {
        snapshot: snapshot.clone(),
        limits,
    };
    let change = paid_order(OrderStatus::Paid).fulfil(renewed.clone(), AT).unwrap();
    assert_eq!(change.effect(), &OrderEffect::Fulfil(renewed));
}
