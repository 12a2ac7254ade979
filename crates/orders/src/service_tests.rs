//! Saga and buyer-rule tests of [`OrderService`] against mockall port mocks.

use std::sync::Arc;

use inventory::{Allocation, ClientAccount, ClientEmail, ClientLimits, ClientName, Provisioned};
use kernel::{
    ClientAccountId, DiscountCodeId, FixedClock, InboundId, LocationId, Money, OrderId, PlanId, StorageError,
    TelegramId, TrackingCode, TrackingKind, UserId,
};
use mockall::Sequence;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::renewal::tests::{account, bytes, count};
use crate::*;

const NOW: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);
const GB: u64 = BYTES_PER_GB;
const BUYER: UserId = UserId::new(1);
const LOCATION: LocationId = LocationId::new(5);
const PLAN: PlanId = PlanId::new(7);
const ORDER: OrderId = OrderId::new(42);

fn money(minor: i64) -> Money {
    Money::from_minor(minor).unwrap()
}

fn telegram() -> TelegramId {
    TelegramId::new(1001).unwrap()
}

fn plan() -> Plan {
    Plan {
        id: PLAN,
        name: PlanName::parse("Gold 50").unwrap(),
        description: None,
        kind: PlanKind::Fixed(FixedTerms::new(bytes(50 * GB), 30, money(100_000)).unwrap()),
        locations: [LOCATION].into(),
        is_test: false,
        renewal: RenewalRule::AddToRemaining,
        ip_limit: count(2),
        active: true,
    }
}

fn test_plan() -> Plan {
    Plan {
        is_test: true,
        kind: PlanKind::Fixed(FixedTerms::new(bytes(GB), 1, Money::ZERO).unwrap()),
        ..plan()
    }
}

fn discount(terms: DiscountTerms) -> Discount {
    Discount {
        id: DiscountCodeId::new(3),
        code: DiscountCode::parse("MOON10").unwrap(),
        terms,
        used_count: 0,
        status: DiscountStatus::Active,
        created_at: NOW - Duration::days(1),
    }
}

fn ten_percent() -> DiscountTerms {
    DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap())).unwrap()
}

fn allocation() -> Allocation {
    let name = ClientName::parse("FR-MoonVPN-1001").unwrap();
    Allocation {
        inbound: InboundId::new(3),
        location: LOCATION,
        email: ClientEmail::from(&name),
        name,
        client_uuid: "0b5c8f3e-uuid".into(),
        sub_id: "sub1".into(),
    }
}

fn provisioned() -> Provisioned {
    Provisioned {
        config_url: "vless://0b5c8f3e@fr.example:443".into(),
        subscription_url: Some("https://fr.example/sub/sub1".into()),
    }
}

fn order(status: OrderStatus) -> Order {
    let mut o = Order::from_new(
        ORDER,
        NewOrder {
            tracking: TrackingCode::random(TrackingKind::Order, NOW),
            user: BUYER,
            telegram_id: telegram(),
            plan: PLAN,
            location: LOCATION,
            kind: OrderKind::Purchase,
            is_test: false,
            quote: plan().quote(None).unwrap(),
            ip_limit: count(2),
            pricing: Pricing::full(money(100_000)),
            created_at: NOW - Duration::minutes(5),
        },
    );
    o.status = status;
    if status != OrderStatus::Pending {
        o.paid_at = Some(NOW - Duration::minutes(1));
    }
    o
}

fn renewal_order(status: OrderStatus, rule: RenewalRule) -> Order {
    Order {
        kind: OrderKind::Renew {
            account: ClientAccountId::new(9),
            rule,
        },
        ..order(status)
    }
}

fn with(o: &Order, status: OrderStatus) -> Order {
    Order { status, ..o.clone() }
}

fn buy(code: Option<&str>) -> PurchaseRequest {
    PurchaseRequest {
        user: BUYER,
        telegram_id: telegram(),
        plan: PLAN,
        location: LOCATION,
        selection: None,
        code: code.map(|c| DiscountCode::parse(c).unwrap()),
    }
}

fn renew(plan: PlanId) -> RenewRequest {
    RenewRequest {
        user: BUYER,
        telegram_id: telegram(),
        account: ClientAccountId::new(9),
        plan,
        selection: None,
        code: None,
    }
}

fn pays(c: &OrderChange) -> bool {
    matches!(c.effect(), OrderEffect::Pay(_))
}

fn expires(c: &OrderChange) -> bool {
    matches!(c.effect(), OrderEffect::Expire)
}

/// A failure the admins are not told about.
fn fails(c: &OrderChange) -> bool {
    matches!(c.effect(), OrderEffect::Fail(f) if !f.tell_admins)
}

/// A failure the admins are told about.
fn gives_up(c: &OrderChange) -> bool {
    matches!(c.effect(), OrderEffect::Fail(f) if f.tell_admins)
}

fn fulfils_purchase(c: &OrderChange) -> bool {
    delivered_account(c).is_some()
}

fn fulfils_renewal(c: &OrderChange) -> bool {
    renewal(c).is_some()
}

fn failure_reason(c: &OrderChange) -> Option<&str> {
    match c.effect() {
        OrderEffect::Fail(f) => Some(&f.reason),
        _ => None,
    }
}

fn delivered_account(c: &OrderChange) -> Option<&inventory::NewClientAccount> {
    match c.effect() {
        OrderEffect::Fulfil(Delivered::Account(a)) => Some(a),
        _ => None,
    }
}

fn renewal(c: &OrderChange) -> Option<(&ClientAccount, &ClientLimits)> {
    match c.effect() {
        OrderEffect::Fulfil(Delivered::Renewal { snapshot, limits }) => Some((snapshot, limits)),
        _ => None,
    }
}

/// What the store answers when a run tries to take the delivery of `order`.
pub(crate) fn claimed(order: Order, attempt: Option<u32>) -> Option<DeliveryClaim> {
    Some(DeliveryClaim { order, attempt })
}

struct Mocks {
    /// The order on file, as the delivery claim reads it ([`Mocks::with_order`]).
    on_file: Arc<std::sync::Mutex<Option<Order>>>,
    plans: MockPlanRepo,
    discounts: MockDiscountRepo,
    orders: MockOrderRepo,
    tests: MockTestAccountRepo,
    panel: MockProvisioner,
    /// What the inventory says about room at any location (true unless a test fills it).
    room: bool,
}

/// Ports that expect nothing, except that every delivery run gets the order's delivery (its
/// first attempt, with the order on file) and hands it back.
impl Default for Mocks {
    fn default() -> Self {
        let mut m = Self::unclaimed();
        let on_file = Arc::clone(&m.on_file);
        m.orders.expect_claim_delivery().returning(move |_, _, _, _| {
            let order = on_file.lock().unwrap().clone();
            Ok(order.and_then(|o| claimed(o, Some(1))))
        });
        m.orders.expect_release_delivery().returning(|_, _| Ok(()));
        m
    }
}

impl Mocks {
    /// Ports that expect nothing at all (a test sets up the delivery claim itself).
    fn unclaimed() -> Self {
        Self {
            on_file: Arc::default(),
            plans: MockPlanRepo::new(),
            discounts: MockDiscountRepo::new(),
            orders: MockOrderRepo::new(),
            tests: MockTestAccountRepo::new(),
            panel: MockProvisioner::new(),
            room: true,
        }
    }

    fn service(mut self) -> OrderService {
        let room = self.room;
        self.panel.expect_has_room().returning(move |_| Ok(room));
        OrderService::new(
            Arc::new(self.plans),
            Arc::new(self.discounts),
            Arc::new(self.orders),
            Arc::new(self.tests),
            Arc::new(self.panel),
            Arc::new(FixedClock::new(NOW)),
            SagaPolicy::default(),
        )
    }

    fn with_plan(mut self, p: Plan) -> Self {
        self.plans.expect_plan().returning(move |_| Ok(Some(p.clone())));
        self
    }

    fn with_order(mut self, o: Order) -> Self {
        self.put_on_file(o.clone());
        self.orders.expect_order().returning(move |_| Ok(Some(o.clone())));
        self
    }

    /// The order the delivery claim answers with (no other read of it is expected).
    fn put_on_file(&mut self, o: Order) {
        *self.on_file.lock().unwrap() = Some(o);
    }

    fn with_code(self, d: Discount) -> Self {
        self.with_code_used(d, 0)
    }

    /// Code `d`, which the buyer has used `uses` times.
    fn with_code_used(mut self, d: Discount, uses: u32) -> Self {
        let by_id = d.clone();
        self.discounts
            .expect_discount_by_code()
            .returning(move |_| Ok(Some(d.clone())));
        self.discounts
            .expect_discount()
            .returning(move |_| Ok(Some(by_id.clone())));
        self.discounts.expect_uses_by().returning(move |_, _| Ok(uses));
        self
    }

    fn storing_orders(mut self) -> Self {
        self.orders
            .expect_insert_order()
            .returning(|new| Ok(Order::from_new(ORDER, new.clone())));
        self
    }
}

// ---- creating orders ----

#[tokio::test]
async fn an_order_is_created_pending_with_the_plan_price_and_a_tracking_code() {
    let o = Mocks::default()
        .with_plan(plan())
        .storing_orders()
        .service()
        .create_order(&buy(None))
        .await
        .unwrap();
    assert_eq!(o.status, OrderStatus::Pending);
    assert_eq!(o.amount(), money(100_000));
    assert_eq!(o.quote.volume_bytes, bytes(50 * GB));
    assert_eq!(o.tracking.kind(), TrackingKind::Order);
    assert_eq!((o.user, o.location, o.ip_limit), (BUYER, LOCATION, count(2)));
}

#[tokio::test]
async fn a_discount_code_lowers_the_amount_and_is_remembered_on_the_order() {
    let o = Mocks::default()
        .with_plan(plan())
        .with_code(discount(ten_percent()))
        .storing_orders()
        .service()
        .create_order(&buy(Some("moon10")))
        .await
        .unwrap();
    assert_eq!(o.pricing.price, money(100_000));
    assert_eq!(o.pricing.discount, money(10_000));
    assert_eq!(o.amount(), money(90_000));
    assert_eq!(o.pricing.discount_code, Some(DiscountCodeId::new(3)));
}

#[tokio::test]
async fn an_unknown_discount_code_is_refused() {
    let mut m = Mocks::default().with_plan(plan());
    m.discounts.expect_discount_by_code().returning(|_| Ok(None));
    let err = m.service().create_order(&buy(Some("NOPE"))).await.unwrap_err();
    assert!(matches!(err, OrderError::Discount(DiscountRefusal::NotFound)));
}

#[tokio::test]
async fn a_buyer_who_used_a_code_as_often_as_allowed_is_refused_it() {
    let once = discount(ten_percent().with_per_user_limit(Some(1)).unwrap());
    let err = Mocks::default()
        .with_plan(plan())
        .with_code_used(once.clone(), 1)
        .service()
        .create_order(&buy(Some("moon10")))
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        OrderError::Discount(DiscountRefusal::PerUserLimitReached { limit: 1 })
    ));
    let o = Mocks::default()
        .with_plan(plan())
        .with_code_used(once, 0)
        .storing_orders()
        .service()
        .create_order(&buy(Some("moon10")))
        .await
        .unwrap();
    assert_eq!(o.pricing.discount, money(10_000), "a first use is allowed");
}

#[tokio::test]
async fn every_refusal_of_a_discount_code_stops_the_order() {
    let mut disabled = discount(ten_percent());
    disabled.status = DiscountStatus::Disabled;
    let mut used_up = discount(ten_percent().with_usage_limit(Some(5)).unwrap());
    used_up.used_count = 5;
    let later = NOW + Duration::days(1);
    let cases = [
        (disabled, DiscountRefusal::Disabled),
        (
            discount(ten_percent().with_window(Some(later), None).unwrap()),
            DiscountRefusal::NotYetValid { from: later },
        ),
        (
            discount(ten_percent().with_window(None, Some(NOW)).unwrap()),
            DiscountRefusal::Expired { until: NOW },
        ),
        (used_up, DiscountRefusal::UsageLimitReached),
        (
            discount(ten_percent().with_min_order(money(200_000))),
            DiscountRefusal::BelowMinimum { min: money(200_000) },
        ),
        (
            discount(ten_percent().with_plans([PlanId::new(99)].into())),
            DiscountRefusal::NotForThisPlan,
        ),
    ];
    for (code, refusal) in cases {
        let m = Mocks::default().with_plan(plan()).with_code(code);
        let err = m.service().create_order(&buy(Some("MOON10"))).await.unwrap_err();
        assert!(
            matches!(&err, OrderError::Discount(r) if *r == refusal),
            "{err:?} vs {refusal:?}"
        );
    }
}

/// A location with no room refuses the purchase before anything is stored or priced: the bot,
/// the CLI and any other caller get the same answer.
#[tokio::test]
async fn a_sold_out_location_refuses_a_purchase_and_creates_nothing() {
    let mut m = Mocks::default().with_plan(plan());
    m.room = false;
    m.orders.expect_insert_order().never();
    let service = m.service();
    let err = service.create_order(&buy(None)).await.unwrap_err();
    assert!(matches!(err, OrderError::SoldOut(LOCATION)), "{err:?}");
    assert!(!service.location_has_room(LOCATION).await.unwrap());
}

/// A renewal keeps its client where it is: a full location does not stop it.
#[tokio::test]
async fn a_renewal_is_not_refused_at_a_sold_out_location() {
    let mut m = Mocks::default().with_plan(plan()).storing_orders();
    m.room = false;
    with_account(&mut m, account(50 * GB, 0, None));
    let o = m.service().create_renewal(&renew(PLAN)).await.unwrap();
    assert_eq!(o.location, LOCATION);
}

#[tokio::test]
async fn a_plan_that_is_missing_off_sale_or_not_sold_at_the_location_is_refused() {
    let mut m = Mocks::default();
    m.plans.expect_plan().returning(|_| Ok(None));
    let err = m.service().create_order(&buy(None)).await.unwrap_err();
    assert!(matches!(err, OrderError::PlanNotFound(PLAN)));

    let off = Plan {
        active: false,
        ..plan()
    };
    let err = Mocks::default()
        .with_plan(off)
        .service()
        .create_order(&buy(None))
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::PlanInactive));

    let elsewhere = Plan {
        locations: [LocationId::new(6)].into(),
        ..plan()
    };
    let err = Mocks::default()
        .with_plan(elsewhere)
        .service()
        .create_order(&buy(None))
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::PlanNotSoldHere));
}

#[tokio::test]
async fn a_dynamic_plan_needs_a_volume_and_duration_in_range() {
    let dynamic = Plan {
        kind: PlanKind::Dynamic(DynamicTerms::new(money(2_000), money(500), (10, 100), (7, 90)).unwrap()),
        ..plan()
    };
    let svc = Mocks::default().with_plan(dynamic).storing_orders().service();
    let err = svc.create_order(&buy(None)).await.unwrap_err();
    assert!(matches!(err, OrderError::Plan(PlanError::SelectionRequired)));
    let mut req = buy(None);
    req.selection = Some(Selection { gb: 20, days: 30 });
    let o = svc.create_order(&req).await.unwrap();
    assert_eq!(o.amount(), money(20 * 2_000 + 30 * 500));
    assert_eq!((o.quote.volume_bytes, o.quote.duration_days), (bytes(20 * GB), 30));
}

#[tokio::test]
async fn a_second_free_test_claim_is_refused() {
    let mut m = Mocks::default().with_plan(test_plan());
    m.tests
        .expect_has_claimed_test()
        .withf(|u, p| *u == BUYER && *p == PLAN)
        .returning(|_, _| Ok(true));
    m.orders.expect_insert_order().times(0);
    let err = m.service().create_order(&buy(None)).await.unwrap_err();
    assert!(matches!(err, OrderError::TestAlreadyClaimed));
}

#[tokio::test]
async fn a_first_free_test_claim_is_a_free_test_order() {
    let mut m = Mocks::default().with_plan(test_plan()).storing_orders();
    m.tests.expect_has_claimed_test().returning(|_, _| Ok(false));
    let o = m.service().create_order(&buy(None)).await.unwrap();
    assert!(o.is_test);
    assert_eq!(o.amount(), Money::ZERO);
}

#[tokio::test]
async fn a_taken_tracking_code_is_drawn_again() {
    let mut m = Mocks::default().with_plan(plan());
    let mut seq = Sequence::new();
    m.orders
        .expect_insert_order()
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Err(StorageError::Conflict("order.tracking".into())));
    m.orders
        .expect_insert_order()
        .times(1)
        .in_sequence(&mut seq)
        .returning(|new| Ok(Order::from_new(ORDER, new.clone())));
    assert!(m.service().create_order(&buy(None)).await.is_ok());
}

// ---- paying ----

#[tokio::test]
async fn paying_a_pending_order_moves_it_to_paid_in_one_call() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Pending));
    m.orders
        .expect_apply()
        .withf(|c| pays(c) && c.order() == ORDER && c.at() == NOW && c.from() == OrderStatus::Pending)
        .times(1)
        .returning(|_| Ok(order(OrderStatus::Paid)));
    let paid = m.service().pay(BUYER, ORDER).await.unwrap();
    assert_eq!(paid.status, OrderStatus::Paid);
}

#[tokio::test]
async fn paying_twice_debits_once_and_returns_the_paid_order() {
    for status in [OrderStatus::Paid, OrderStatus::Fulfilled] {
        let mut m = Mocks::default().with_order(order(status));
        m.orders.expect_apply().withf(pays).times(0);
        assert_eq!(m.service().pay(BUYER, ORDER).await.unwrap().status, status);
    }
}

#[tokio::test]
async fn a_short_balance_is_refused_with_what_is_needed() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Pending));
    m.orders.expect_apply().withf(pays).returning(|_| {
        Err(OrderWriteError::InsufficientFunds {
            needed: money(100_000),
            balance: money(30_000),
        })
    });
    let err = m.service().pay(BUYER, ORDER).await.unwrap_err();
    assert!(matches!(
        err,
        OrderError::InsufficientFunds { needed, balance } if needed == money(100_000) && balance == money(30_000)
    ));
}

#[tokio::test]
async fn a_failed_or_expired_order_cannot_be_paid() {
    for status in [OrderStatus::Failed, OrderStatus::Expired] {
        let mut m = Mocks::default().with_order(order(status));
        m.orders.expect_apply().withf(pays).times(0);
        let err = m.service().pay(BUYER, ORDER).await.unwrap_err();
        assert!(matches!(
            err,
            OrderError::IllegalTransition(IllegalTransition { from, to: OrderStatus::Paid }) if from == status
        ));
    }
}

#[tokio::test]
async fn an_order_moved_by_someone_else_meanwhile_is_not_paid() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Pending));
    m.orders.expect_apply().withf(pays).returning(|_| {
        Err(OrderWriteError::WrongStatus {
            current: OrderStatus::Expired,
        })
    });
    let err = m.service().pay(BUYER, ORDER).await.unwrap_err();
    assert!(matches!(
        err,
        OrderError::IllegalTransition(IllegalTransition {
            from: OrderStatus::Expired,
            ..
        })
    ));
}

#[tokio::test]
async fn nobody_pays_someone_elses_order() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Pending));
    m.orders.expect_apply().withf(pays).times(0);
    let err = m.service().pay(UserId::new(2), ORDER).await.unwrap_err();
    assert!(matches!(err, OrderError::NotYours));
}

#[tokio::test]
async fn an_order_left_unpaid_too_long_expires_instead_of_being_paid() {
    let mut stale = order(OrderStatus::Pending);
    stale.created_at = NOW - Duration::hours(2);
    let mut m = Mocks::default().with_order(stale.clone());
    m.orders
        .expect_apply()
        .withf(expires)
        .times(1)
        .returning(move |_| Ok(with(&stale, OrderStatus::Expired)));
    m.orders.expect_apply().withf(pays).times(0);
    let err = m.service().pay(BUYER, ORDER).await.unwrap_err();
    assert!(matches!(err, OrderError::OrderExpired));
}

#[tokio::test]
async fn a_code_disabled_after_ordering_stops_the_payment() {
    let mut o = order(OrderStatus::Pending);
    o.pricing = Pricing::discounted(money(100_000), money(10_000), DiscountCodeId::new(3));
    let mut code = discount(ten_percent());
    code.status = DiscountStatus::Disabled;
    let mut m = Mocks::default().with_order(o).with_code(code);
    m.orders.expect_apply().withf(pays).times(0);
    let err = m.service().pay(BUYER, ORDER).await.unwrap_err();
    assert!(matches!(err, OrderError::Discount(DiscountRefusal::Disabled)));
}

#[tokio::test]
async fn a_code_used_up_by_a_racing_buyer_stops_the_payment() {
    let mut o = order(OrderStatus::Pending);
    o.pricing = Pricing::discounted(money(100_000), money(10_000), DiscountCodeId::new(3));
    let mut m = Mocks::default().with_order(o).with_code(discount(ten_percent()));
    m.orders
        .expect_apply()
        .withf(pays)
        .returning(|_| Err(OrderWriteError::DiscountUnavailable));
    let err = m.service().pay(BUYER, ORDER).await.unwrap_err();
    assert!(matches!(err, OrderError::Discount(DiscountRefusal::UsageLimitReached)));
}

#[tokio::test]
async fn a_test_claim_won_by_a_racing_order_stops_the_payment() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Pending));
    m.orders
        .expect_apply()
        .withf(pays)
        .returning(|_| Err(OrderWriteError::TestAlreadyClaimed));
    let err = m.service().pay(BUYER, ORDER).await.unwrap_err();
    assert!(matches!(err, OrderError::TestAlreadyClaimed));
}

// ---- delivering a purchase ----

fn expect_fulfil(m: &mut Mocks, seq: &mut Sequence) {
    m.orders
        .expect_apply()
        .withf(|c| {
            let Some(acc) = delivered_account(c) else {
                return false;
            };
            c.order() == ORDER
                && acc.user == BUYER
                && acc.allocation == allocation()
                && acc.limits.total_bytes == bytes(50 * GB)
                && acc.limits.ip_limit == count(2)
                && acc.limits.expires_at == Some(NOW - Duration::minutes(1) + Duration::days(30))
                && acc.provisioned == provisioned()
        })
        .times(1)
        .in_sequence(seq)
        .returning(|_| {
            let mut o = order(OrderStatus::Fulfilled);
            o.account = Some(ClientAccountId::new(77));
            Ok(o)
        });
}

#[tokio::test]
async fn delivery_stores_the_allocation_before_calling_the_panel_then_fulfils() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Paid));
    let mut seq = Sequence::new();
    m.panel
        .expect_allocate()
        .withf(|l| *l == LOCATION)
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(allocation()));
    m.orders
        .expect_record_allocation()
        .withf(|id, a, _| *id == ORDER && *a == allocation())
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_, a, _| {
            let mut o = order(OrderStatus::Paid);
            o.allocation = Some(a.clone());
            Ok(o)
        });
    m.panel
        .expect_provision()
        .withf(|a, _, t| *a == allocation() && *t == telegram())
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_, _, _| Ok(provisioned()));
    expect_fulfil(&mut m, &mut seq);
    let done = m.service().deliver(ORDER).await.unwrap();
    assert!(matches!(&done, Delivery::Fulfilled(o) if o.account == Some(ClientAccountId::new(77))));
}

#[tokio::test]
async fn a_resumed_delivery_reuses_the_stored_allocation() {
    let mut o = order(OrderStatus::Paid);
    o.allocation = Some(allocation());
    let mut m = Mocks::default().with_order(o);
    m.panel.expect_allocate().times(0);
    m.orders.expect_record_allocation().times(0);
    m.panel
        .expect_provision()
        .times(1)
        .returning(|_, _, _| Ok(provisioned()));
    expect_fulfil(&mut m, &mut Sequence::new());
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
}

#[tokio::test]
async fn an_allocation_stored_first_by_another_run_wins() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Paid));
    let other = Allocation {
        client_uuid: "another".into(),
        ..allocation()
    };
    m.panel.expect_allocate().returning(|_| Ok(allocation()));
    let stored = other.clone();
    m.orders.expect_record_allocation().returning(move |_, _, _| {
        let mut o = order(OrderStatus::Paid);
        o.allocation = Some(stored.clone());
        Ok(o)
    });
    m.panel
        .expect_provision()
        .withf(move |a, _, _| *a == other)
        .times(1)
        .returning(|_, _, _| Ok(provisioned()));
    m.orders
        .expect_apply()
        .withf(fulfils_purchase)
        .returning(|_| Ok(order(OrderStatus::Fulfilled)));
    m.service().deliver(ORDER).await.unwrap();
}

fn stored_allocation(m: &mut Mocks) {
    m.panel.expect_allocate().returning(|_| Ok(allocation()));
    m.orders.expect_record_allocation().returning(|_, a, _| {
        let mut o = order(OrderStatus::Paid);
        o.allocation = Some(a.clone());
        Ok(o)
    });
}

fn expect_refund(m: &mut Mocks, seq: &mut Sequence, reason: &'static str) {
    m.orders
        .expect_apply()
        .withf(move |c| fails(c) && c.order() == ORDER && failure_reason(c).is_some_and(|why| why.contains(reason)))
        .times(1)
        .in_sequence(seq)
        .returning(|c| {
            let mut o = order(OrderStatus::Failed);
            o.failure = failure_reason(c).map(str::to_owned);
            Ok(o)
        });
}

#[tokio::test]
async fn a_panel_refusal_releases_the_client_and_refunds_the_order() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Paid));
    stored_allocation(&mut m);
    let mut seq = Sequence::new();
    m.panel
        .expect_provision()
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_, _, _| Err(ProvisionError::permanent("inbound 3 rejected the client")));
    expect_refund(&mut m, &mut seq, "rejected the client");
    m.panel
        .expect_release()
        .withf(|a| *a == allocation())
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(()));
    m.orders.expect_apply().withf(fulfils_purchase).times(0);
    let done = m.service().deliver(ORDER).await.unwrap();
    assert!(matches!(&done, Delivery::Refunded(o) if o.status == OrderStatus::Failed));
}

#[tokio::test]
async fn a_flaky_panel_is_tried_again_before_giving_up() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Paid));
    stored_allocation(&mut m);
    let mut seq = Sequence::new();
    m.panel
        .expect_provision()
        .times(2)
        .in_sequence(&mut seq)
        .returning(|_, _, _| Err(ProvisionError::transient("panel timed out")));
    m.panel
        .expect_provision()
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_, _, _| Ok(provisioned()));
    expect_fulfil(&mut m, &mut seq);
    m.orders.expect_apply().withf(fails).times(0);
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
}

#[tokio::test]
async fn a_panel_that_stays_down_is_given_up_on_after_the_retries_and_refunded() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Paid));
    stored_allocation(&mut m);
    m.panel
        .expect_provision()
        .times(3)
        .returning(|_, _, _| Err(ProvisionError::transient("panel unreachable")));
    m.panel
        .expect_release()
        .times(3)
        .returning(|_| Err(ProvisionError::transient("panel unreachable")));
    expect_refund(&mut m, &mut Sequence::new(), "unreachable");
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Refunded(_)
    ));
}

#[tokio::test]
async fn no_room_in_the_location_refunds_without_touching_a_panel() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Paid));
    m.panel.expect_allocate().times(1).returning(|_| {
        Err(ProvisionError::permanent(
            "no server in this location can take a new client",
        ))
    });
    m.orders.expect_record_allocation().times(0);
    m.panel.expect_provision().times(0);
    m.panel.expect_release().times(0);
    expect_refund(&mut m, &mut Sequence::new(), "no server");
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Refunded(_)
    ));
}

#[tokio::test]
async fn storage_trouble_after_provisioning_leaves_the_order_paid_for_recovery() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Paid));
    stored_allocation(&mut m);
    m.panel.expect_provision().returning(|_, _, _| Ok(provisioned()));
    m.orders
        .expect_apply()
        .withf(fulfils_purchase)
        .returning(|_| Err(OrderWriteError::Storage(StorageError::Unavailable("db down".into()))));
    m.orders.expect_apply().withf(fails).times(0);
    m.panel.expect_release().times(0);
    let err = m.service().deliver(ORDER).await.unwrap_err();
    assert!(matches!(err, OrderError::Storage(StorageError::Unavailable(_))));
}

#[tokio::test]
async fn a_delivery_that_lost_the_race_reports_what_the_winner_did() {
    let mut o = order(OrderStatus::Paid);
    o.allocation = Some(allocation());
    let mut m = Mocks::default();
    let mut seq = Sequence::new();
    m.put_on_file(o.clone());
    m.panel.expect_provision().returning(|_, _, _| Ok(provisioned()));
    m.orders
        .expect_apply()
        .withf(fulfils_purchase)
        .in_sequence(&mut seq)
        .returning(|_| {
            Err(OrderWriteError::WrongStatus {
                current: OrderStatus::Fulfilled,
            })
        });
    m.orders
        .expect_order()
        .times(1)
        .in_sequence(&mut seq)
        .returning(move |_| Ok(Some(with(&o, OrderStatus::Fulfilled))));
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
}

#[tokio::test]
async fn delivering_again_returns_how_the_order_ended() {
    let m = Mocks::default().with_order(order(OrderStatus::Fulfilled));
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
    let m = Mocks::default().with_order(order(OrderStatus::Failed));
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Refunded(_)
    ));
}

#[tokio::test]
async fn an_unpaid_order_is_never_delivered() {
    for status in [OrderStatus::Pending, OrderStatus::Expired] {
        let mut m = Mocks::default().with_order(order(status));
        m.panel.expect_allocate().times(0);
        let err = m.service().deliver(ORDER).await.unwrap_err();
        assert!(matches!(
            err,
            OrderError::IllegalTransition(IllegalTransition { from, to: OrderStatus::Fulfilled }) if from == status
        ));
    }
    let mut unpaid_failure = order(OrderStatus::Failed);
    unpaid_failure.paid_at = None;
    let err = Mocks::default()
        .with_order(unpaid_failure)
        .service()
        .deliver(ORDER)
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::IllegalTransition(_)));
}

/// After the payment: the delivery run finds the order paid with its client allocated,
/// provisions it and stores the fulfilment.
fn delivers_the_paid_order(m: &mut Mocks) {
    let mut paid = order(OrderStatus::Paid);
    paid.allocation = Some(allocation());
    m.put_on_file(paid);
    m.panel.expect_provision().returning(|_, _, _| Ok(provisioned()));
    m.orders
        .expect_apply()
        .withf(fulfils_purchase)
        .returning(|_| Ok(order(OrderStatus::Fulfilled)));
}

#[tokio::test]
async fn checkout_pays_then_delivers() {
    let mut m = Mocks::default();
    let mut seq = Sequence::new();
    m.orders
        .expect_order()
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(Some(order(OrderStatus::Pending))));
    m.orders
        .expect_apply()
        .withf(pays)
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(order(OrderStatus::Paid)));
    delivers_the_paid_order(&mut m);
    assert!(matches!(
        m.service().checkout(BUYER, ORDER).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
}

#[tokio::test]
async fn checking_out_the_order_the_screen_read_does_not_read_it_again() {
    let mut m = Mocks::default();
    m.orders.expect_order().times(0);
    m.orders
        .expect_apply()
        .withf(pays)
        .times(1)
        .returning(|_| Ok(order(OrderStatus::Paid)));
    delivers_the_paid_order(&mut m);
    assert!(matches!(
        m.service()
            .checkout_order(BUYER, order(OrderStatus::Pending))
            .await
            .unwrap(),
        Delivery::Fulfilled(_)
    ));
}

#[tokio::test]
async fn checking_out_somebody_elses_order_moves_nothing() {
    let mut m = Mocks::default();
    m.orders.expect_apply().times(0);
    let err = m
        .service()
        .checkout_order(UserId::new(2), order(OrderStatus::Pending))
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::NotYours), "{err:?}");
}

#[tokio::test]
async fn checkout_with_a_short_balance_never_reaches_the_panel() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Pending));
    m.orders.expect_apply().withf(pays).returning(|_| {
        Err(OrderWriteError::InsufficientFunds {
            needed: money(100_000),
            balance: Money::ZERO,
        })
    });
    m.panel.expect_allocate().times(0);
    let err = m.service().checkout(BUYER, ORDER).await.unwrap_err();
    assert!(matches!(err, OrderError::InsufficientFunds { .. }));
}

// ---- renewing ----

fn with_account(m: &mut Mocks, a: ClientAccount) {
    m.panel.expect_account().returning(move |_| Ok(Some(a.clone())));
}

#[tokio::test]
async fn a_renewal_preview_shows_the_new_volume_and_expiry_without_moving_money() {
    let mut m = Mocks::default().with_plan(plan());
    with_account(&mut m, account(50 * GB, 20 * GB, Some(NOW + Duration::days(5))));
    m.orders.expect_insert_order().times(0);
    m.orders.expect_apply().withf(pays).times(0);
    let p = m.service().preview_renewal(&renew(PLAN)).await.unwrap();
    assert_eq!(p.total_bytes, bytes(100 * GB));
    assert_eq!(p.expires_at, Some(NOW + Duration::days(35)));
    assert_eq!(p.priced.pricing.amount, money(100_000));
}

#[tokio::test]
async fn a_restarting_plan_previews_a_fresh_term() {
    let restart = Plan {
        renewal: RenewalRule::RestartFromNow,
        ..plan()
    };
    let mut m = Mocks::default().with_plan(restart);
    with_account(&mut m, account(50 * GB, 20 * GB, Some(NOW + Duration::days(5))));
    let p = m.service().preview_renewal(&renew(PLAN)).await.unwrap();
    assert_eq!(p.total_bytes, bytes(70 * GB));
    assert_eq!(p.expires_at, Some(NOW + Duration::days(30)));
}

#[tokio::test]
async fn a_renewal_order_names_the_account_and_the_plans_rule() {
    let mut m = Mocks::default().with_plan(plan()).storing_orders();
    with_account(&mut m, account(50 * GB, 0, None));
    let o = m.service().create_renewal(&renew(PLAN)).await.unwrap();
    assert_eq!(
        o.kind,
        OrderKind::Renew {
            account: ClientAccountId::new(9),
            rule: RenewalRule::AddToRemaining
        }
    );
    assert_eq!(o.location, LOCATION);
}

#[tokio::test]
async fn nobody_renews_someone_elses_account() {
    let mut m = Mocks::default().with_plan(plan());
    let mut a = account(GB, 0, None);
    a.user = UserId::new(2);
    with_account(&mut m, a);
    let err = m.service().create_renewal(&renew(PLAN)).await.unwrap_err();
    assert!(matches!(err, OrderError::NotYours));
}

#[tokio::test]
async fn renewing_a_missing_account_is_refused() {
    let mut m = Mocks::default().with_plan(plan());
    m.panel.expect_account().returning(|_| Ok(None));
    let err = m.service().create_renewal(&renew(PLAN)).await.unwrap_err();
    assert!(matches!(err, OrderError::AccountNotFound(_)));
}

#[tokio::test]
async fn a_renewal_needs_a_paid_plan_sold_where_the_account_lives() {
    let mut m = Mocks::default().with_plan(test_plan());
    with_account(&mut m, account(GB, 0, None));
    let err = m.service().create_renewal(&renew(PLAN)).await.unwrap_err();
    assert!(matches!(err, OrderError::TestPlanNotRenewable));

    let elsewhere = Plan {
        locations: [LocationId::new(6)].into(),
        ..plan()
    };
    let mut m = Mocks::default().with_plan(elsewhere);
    with_account(&mut m, account(GB, 0, None));
    let err = m.service().create_renewal(&renew(PLAN)).await.unwrap_err();
    assert!(matches!(err, OrderError::PlanNotSoldHere));
}

#[tokio::test]
async fn a_paid_renewal_applies_the_new_limits_on_the_panel_then_stores_them() {
    let mut m = Mocks::default().with_order(renewal_order(OrderStatus::Paid, RenewalRule::AddToRemaining));
    with_account(&mut m, account(50 * GB, 20 * GB, Some(NOW + Duration::days(5))));
    let expected = ClientLimits {
        total_bytes: bytes(100 * GB),
        expires_at: Some(NOW + Duration::days(35)),
        ip_limit: count(2),
    };
    let mut seq = Sequence::new();
    m.panel
        .expect_apply_limits()
        .withf(move |a, l| a.id == ClientAccountId::new(9) && *l == expected)
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_, _| Ok(()));
    m.orders
        .expect_apply()
        .withf(move |c| {
            c.order() == ORDER && renewal(c).is_some_and(|(acc, l)| acc.id == ClientAccountId::new(9) && *l == expected)
        })
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(renewal_order(OrderStatus::Fulfilled, RenewalRule::AddToRemaining)));
    m.panel.expect_allocate().times(0);
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
}

#[tokio::test]
async fn a_renewal_the_panel_refuses_is_refunded_without_releasing_the_account() {
    let mut m = Mocks::default().with_order(renewal_order(OrderStatus::Paid, RenewalRule::RestartFromNow));
    with_account(&mut m, account(GB, 0, None));
    m.panel
        .expect_apply_limits()
        .returning(|_, _| Err(ProvisionError::permanent("client missing on its panel")));
    m.panel.expect_release().times(0);
    m.orders.expect_apply().withf(fulfils_renewal).times(0);
    expect_refund(&mut m, &mut Sequence::new(), "client missing");
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Refunded(_)
    ));
}

#[tokio::test]
async fn a_renewal_of_an_account_deleted_meanwhile_is_refunded() {
    let mut m = Mocks::default().with_order(renewal_order(OrderStatus::Paid, RenewalRule::RestartFromNow));
    m.panel.expect_account().returning(|_| Ok(None));
    expect_refund(&mut m, &mut Sequence::new(), "no longer exists");
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Refunded(_)
    ));
}

// ---- recovery ----

/// Recovery bounds that resume paid orders older than ten minutes.
fn ten_minutes_grace() -> RecoveryBounds {
    RecoveryBounds {
        grace: Duration::minutes(10),
        ..RecoveryBounds::default()
    }
}

#[tokio::test]
async fn recovery_expires_stale_pending_orders_and_resumes_paid_ones() {
    let mut m = Mocks::default();
    let cutoff = NOW - Duration::minutes(10);
    let unpaid_cutoff = NOW - SagaPolicy::default().pending_ttl;
    m.orders
        .expect_stale()
        .withf(move |s, before, _| *s == OrderStatus::Pending && *before == unpaid_cutoff)
        .returning(|_, _, _| Ok(vec![order(OrderStatus::Pending), order(OrderStatus::Pending)]));
    let mut expiries = Sequence::new();
    m.orders
        .expect_apply()
        .withf(expires)
        .times(1)
        .in_sequence(&mut expiries)
        .returning(|_| Ok(order(OrderStatus::Expired)));
    m.orders
        .expect_apply()
        .withf(expires)
        .times(1)
        .in_sequence(&mut expiries)
        .returning(|_| {
            Err(OrderWriteError::WrongStatus {
                current: OrderStatus::Paid,
            })
        });
    let mut resumed = order(OrderStatus::Paid);
    resumed.allocation = Some(allocation());
    let listed = resumed.clone();
    m.orders
        .expect_stale()
        .withf(move |s, before, _| *s == OrderStatus::Paid && *before == cutoff)
        .returning(move |_, _, _| Ok(vec![listed.clone()]));
    m.put_on_file(resumed);
    m.panel
        .expect_provision()
        .times(1)
        .returning(|_, _, _| Ok(provisioned()));
    m.orders
        .expect_apply()
        .withf(fulfils_purchase)
        .times(1)
        .returning(|_| Ok(order(OrderStatus::Fulfilled)));
    let report = Arc::new(m.service()).recover_stuck(ten_minutes_grace()).await.unwrap();
    assert_eq!(
        report,
        RecoveryReport {
            expired: 1,
            fulfilled: 1,
            refunded: 0,
            still_stuck: 0,
            in_progress: 0,
        }
    );
}

#[tokio::test]
async fn recovery_refunds_a_paid_order_the_panel_still_refuses_and_counts_storage_trouble() {
    let mut m = Mocks::unclaimed();
    m.orders.expect_release_delivery().returning(|_, _| Ok(()));
    m.orders
        .expect_stale()
        .withf(|s, _, _| *s == OrderStatus::Pending)
        .returning(|_, _, _| Ok(vec![]));
    let second = Order {
        id: OrderId::new(43),
        ..order(OrderStatus::Paid)
    };
    m.orders
        .expect_stale()
        .withf(|s, _, _| *s == OrderStatus::Paid)
        .returning(move |_, _, _| Ok(vec![order(OrderStatus::Paid), second.clone()]));
    m.orders
        .expect_claim_delivery()
        .withf(|id, _, _, _| *id == ORDER)
        .returning(|_, _, _, _| Ok(claimed(order(OrderStatus::Paid), Some(1))));
    m.orders
        .expect_claim_delivery()
        .withf(|id, _, _, _| *id == OrderId::new(43))
        .returning(|_, _, _, _| Err(StorageError::Unavailable("db down".into())));
    m.panel
        .expect_allocate()
        .returning(|_| Err(ProvisionError::permanent("location closed")));
    expect_refund(&mut m, &mut Sequence::new(), "location closed");
    let report = Arc::new(m.service()).recover_stuck(ten_minutes_grace()).await.unwrap();
    assert_eq!((report.refunded, report.still_stuck), (1, 1));
}

/// The bot awaits the saga inside `Send` update handlers and the jobs inside spawned tasks:
/// every public saga future must be `Send` (this fails to compile otherwise).
#[test]
fn saga_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let svc = Mocks::default().service();
    let (user, order) = (kernel::UserId::new(1), kernel::OrderId::new(1));
    assert_send(&svc.checkout(user, order));
    assert_send(&svc.deliver(order));
    assert_send(&Arc::new(svc).recover_stuck(RecoveryBounds::default()));
}

// ---- one delivery at a time, compensation order, bounded attempts ----

#[tokio::test]
async fn a_run_that_cannot_take_the_delivery_answers_with_the_order_as_recorded() {
    let mut m = Mocks::unclaimed();
    m.orders
        .expect_claim_delivery()
        .withf(|id, _, now, until| *id == ORDER && *now == NOW && *until == NOW + SagaPolicy::default().delivery_lease)
        .times(1)
        .returning(|_, _, _, _| Ok(claimed(order(OrderStatus::Paid), None)));
    m.orders.expect_release_delivery().times(0);
    m.panel.expect_allocate().times(0);
    m.panel.expect_provision().times(0);
    m.orders.expect_apply().withf(fails).times(0);
    let done = m.service().deliver(ORDER).await.unwrap();
    assert!(matches!(&done, Delivery::InProgress(o) if o.status == OrderStatus::Paid));
}

/// A run that takes the delivery of a paid order whose client is allocated (its first
/// attempt) and provisions it; what follows is the test's.
fn claimed_and_provisioned() -> (Mocks, Sequence) {
    let mut o = order(OrderStatus::Paid);
    o.allocation = Some(allocation());
    let mut m = Mocks::unclaimed();
    let mut seq = Sequence::new();
    m.orders
        .expect_claim_delivery()
        .times(1)
        .in_sequence(&mut seq)
        .returning(move |_, _, _, _| Ok(claimed(o.clone(), Some(1))));
    m.panel
        .expect_provision()
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_, _, _| Ok(provisioned()));
    (m, seq)
}

#[tokio::test]
async fn a_run_that_leaves_the_order_paid_hands_its_delivery_back() {
    let (mut m, mut seq) = claimed_and_provisioned();
    m.orders.expect_apply().times(1).in_sequence(&mut seq).returning(|_| {
        Err(OrderWriteError::Storage(StorageError::Unavailable(
            "database down".into(),
        )))
    });
    m.orders
        .expect_release_delivery()
        .withf(|id, o| *id == ORDER && o.starts_with("run-"))
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_, _| Ok(()));
    assert!(m.service().deliver(ORDER).await.is_err());
}

#[tokio::test]
async fn a_run_that_closes_the_order_leaves_nothing_to_hand_back() {
    let (mut m, mut seq) = claimed_and_provisioned();
    expect_fulfil(&mut m, &mut seq);
    m.orders.expect_release_delivery().times(0);
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
}

#[tokio::test]
async fn a_refund_that_loses_to_a_fulfilment_never_removes_the_delivered_client() {
    let mut m = Mocks::default();
    let mut seq = Sequence::new();
    let mut paid = order(OrderStatus::Paid);
    paid.allocation = Some(allocation());
    m.put_on_file(paid.clone());
    m.panel
        .expect_provision()
        .returning(|_, _, _| Err(ProvisionError::permanent("inbound 3 rejected the client")));
    m.orders
        .expect_apply()
        .withf(fails)
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| {
            Err(OrderWriteError::WrongStatus {
                current: OrderStatus::Fulfilled,
            })
        });
    m.orders
        .expect_order()
        .times(1)
        .in_sequence(&mut seq)
        .returning(move |_| Ok(Some(with(&paid, OrderStatus::Fulfilled))));
    m.panel.expect_release().times(0);
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
}

#[tokio::test]
async fn a_fulfilment_that_loses_to_a_refund_removes_the_client_nobody_holds() {
    let mut paid = order(OrderStatus::Paid);
    paid.allocation = Some(allocation());
    let mut m = Mocks::default();
    let mut seq = Sequence::new();
    m.put_on_file(paid.clone());
    m.panel.expect_provision().returning(|_, _, _| Ok(provisioned()));
    m.orders
        .expect_apply()
        .withf(fulfils_purchase)
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| {
            Err(OrderWriteError::WrongStatus {
                current: OrderStatus::Failed,
            })
        });
    m.panel
        .expect_release()
        .withf(|a| *a == allocation())
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(()));
    m.orders
        .expect_order()
        .times(1)
        .in_sequence(&mut seq)
        .returning(move |_| Ok(Some(with(&paid, OrderStatus::Failed))));
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Refunded(_)
    ));
}

#[tokio::test]
async fn after_its_bounded_runs_an_order_is_refunded_with_an_admin_notice_and_its_client_removed() {
    let mut paid = order(OrderStatus::Paid);
    paid.allocation = Some(allocation());
    let mut m = Mocks::unclaimed();
    let runs = SagaPolicy::default().delivery_attempts;
    m.orders
        .expect_claim_delivery()
        .returning(move |_, _, _, _| Ok(claimed(paid.clone(), Some(runs + 1))));
    m.orders.expect_release_delivery().returning(|_, _| Ok(()));
    m.panel.expect_provision().times(0);
    m.orders.expect_apply().withf(fails).times(0);
    let mut seq = Sequence::new();
    m.orders
        .expect_apply()
        .withf(|c| {
            gives_up(c) && c.order() == ORDER && failure_reason(c).is_some_and(|why| why.contains("after 5 tries"))
        })
        .times(1)
        .in_sequence(&mut seq)
        .returning(|c| {
            let mut o = order(OrderStatus::Failed);
            o.failure = failure_reason(c).map(str::to_owned);
            Ok(o)
        });
    m.panel
        .expect_release()
        .withf(|a| *a == allocation())
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Ok(()));
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Refunded(_)
    ));
}

#[tokio::test]
async fn a_foreign_client_under_our_name_is_left_alone_refunded_and_reported() {
    let mut m = Mocks::default().with_order(order(OrderStatus::Paid));
    stored_allocation(&mut m);
    m.panel
        .expect_provision()
        .times(1)
        .returning(|_, _, _| Err(ProvisionError::foreign("the panel already holds another client")));
    m.panel.expect_release().times(0);
    m.orders.expect_apply().withf(fails).times(0);
    m.orders
        .expect_apply()
        .withf(|c| gives_up(c) && failure_reason(c).is_some_and(|why| why.contains("another client")))
        .times(1)
        .returning(|_| Ok(order(OrderStatus::Failed)));
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Refunded(_)
    ));
}

#[tokio::test]
async fn unpaid_orders_expire_after_the_pending_ttl_not_sooner() {
    let mut m = Mocks::default();
    m.orders
        .expect_stale()
        .withf(|s, before, _| *s == OrderStatus::Pending && *before == NOW - Duration::minutes(30))
        .times(1)
        .returning(|_, _, _| Ok(vec![order(OrderStatus::Pending)]));
    m.orders
        .expect_apply()
        .withf(expires)
        .times(1)
        .returning(|_| Ok(order(OrderStatus::Expired)));
    assert_eq!(m.service().expire_unpaid(10).await.unwrap(), 1);
}

#[tokio::test]
async fn a_renewal_beaten_by_another_renewal_of_the_account_renews_on_top_of_it() {
    let mut m = Mocks::default().with_order(renewal_order(OrderStatus::Paid, RenewalRule::AddToRemaining));
    let mut reads = Sequence::new();
    m.panel
        .expect_account()
        .times(1)
        .in_sequence(&mut reads)
        .returning(|_| Ok(Some(account(50 * GB, 20 * GB, Some(NOW + Duration::days(5))))));
    m.panel
        .expect_account()
        .times(1)
        .in_sequence(&mut reads)
        .returning(|_| Ok(Some(account(100 * GB, 20 * GB, Some(NOW + Duration::days(35))))));
    m.panel.expect_apply_limits().times(2).returning(|_, _| Ok(()));
    let mut stores = Sequence::new();
    m.orders
        .expect_apply()
        .withf(|c| renewal(c).is_some_and(|(acc, _)| acc.traffic_limit_bytes == bytes(50 * GB)))
        .times(1)
        .in_sequence(&mut stores)
        .returning(|_| Err(OrderWriteError::Stale));
    let on_top = ClientLimits {
        total_bytes: bytes(150 * GB),
        expires_at: Some(NOW + Duration::days(65)),
        ip_limit: count(2),
    };
    m.orders
        .expect_apply()
        .withf(move |c| renewal(c).is_some_and(|(acc, l)| acc.traffic_limit_bytes == bytes(100 * GB) && *l == on_top))
        .times(1)
        .in_sequence(&mut stores)
        .returning(|_| Ok(renewal_order(OrderStatus::Fulfilled, RenewalRule::AddToRemaining)));
    assert!(matches!(
        m.service().deliver(ORDER).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
}
