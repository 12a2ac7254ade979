//! Store tests of the orders area: plans and codes round-trip, and the saga's steps keep money
//! right on every backend (atomic pay, one debit, one refund, discount limits under races,
//! one free test per user and plan).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use async_trait::async_trait;
use inventory::{
    AccountRepo, Allocation, ClientAccount, ClientEmail, ClientLimits, ClientName, DisplayName, FleetRepo, InboundSpec,
    InboundStatus, InboundSync, LocationPrefix, NewInbound, NewLocation, NewPanel, PanelUrl, PlacementRepo, Protocol,
    Provisioned,
};
use kernel::{
    ClientAccountId, Clock, DiscountCodeId, FixedClock, IdempotencyKey, InboundId, LocationId, Money, PageRequest,
    Secret, StorageError, SystemClock, TelegramId, TrackingCode, TrackingKind, UserId,
};
use members::{AuditAction, AuditLog, AuditQuery, AuditTarget, NewAuditEntry};
use notify::{Notice, OutboxRepo};
use orders::{
    Delivery, DiscountCode, DiscountRepo, DiscountStatus, DiscountTerms, DiscountValue, DynamicTerms, FixedTerms,
    NewDiscount, NewOrder, NewPlan, Order, OrderError, OrderKind, OrderRepo, OrderService, OrderStatus, Percent, Plan,
    PlanDescription, PlanKind, PlanName, PlanRepo, Pricing, ProvisionError, Provisioner, PurchaseRequest,
    RecoveryBounds, RecoveryReport, RenewRequest, RenewalRule, SagaPolicy,
};
use sea_orm::EntityTrait;
use store::Store;
use store::entity::wallet::transaction;
use store::store_test;
use store::testing::insert_user;
use time::{Duration, OffsetDateTime};
use wallet::WalletService;

use crate::wallet::assert_ledger_invariant;

pub(crate) const GB: u64 = orders::BYTES_PER_GB;

pub(crate) fn money(m: i64) -> Money {
    Money::from_minor(m).unwrap()
}

pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

pub(crate) struct World {
    pub(crate) location: LocationId,
    pub(crate) inbound: InboundId,
    pub(crate) plan: Plan,
}

/// A location `FR` with one panel and one active inbound, and a 30-day 50 GB plan sold there.
pub(crate) async fn world(store: &Store) -> World {
    let location = PlacementRepo::add_location(
        store,
        &NewLocation {
            name: DisplayName::new("France").unwrap(),
            prefix: LocationPrefix::new("FR").unwrap(),
        },
    )
    .await
    .unwrap()
    .id;
    let panel = FleetRepo::add_panel(
        store,
        &NewPanel {
            name: DisplayName::new("Paris 1").unwrap(),
            url: PanelUrl::new("https://paris.example.com:2053").unwrap(),
            username: "admin".into(),
            password: Secret::new("pw"),
            api_token: None,
            two_factor_secret: None,
            allow_insecure_tls: false,
            location,
        },
        now(),
    )
    .await
    .unwrap()
    .id;
    let spec = InboundSpec {
        tag: "inbound-443".into(),
        protocol: Protocol::Vless,
        port: 443,
        remark: "r".into(),
        settings: "{}".into(),
        stream_settings: "{}".into(),
        sniffing: "{}".into(),
    };
    let sync = InboundSync {
        added: vec![NewInbound {
            remote_id: 1,
            spec,
            client_count: 0,
            status: InboundStatus::Active,
        }],
        refreshed: vec![],
        vanished: vec![],
    };
    FleetRepo::apply_inbound_sync(store, panel, &sync, now()).await.unwrap();
    let inbound = PlacementRepo::inbounds_of_panel(store, panel).await.unwrap()[0].id;
    let plan = store
        .insert_plan(&fixed_plan(location, money(1_000), false), None)
        .await
        .unwrap();
    World {
        location,
        inbound,
        plan,
    }
}

pub(crate) fn fixed_plan(location: LocationId, price: Money, is_test: bool) -> NewPlan {
    NewPlan {
        name: PlanName::parse(if is_test { "Free test" } else { "Gold" }).unwrap(),
        description: None,
        kind: PlanKind::Fixed(
            FixedTerms::new(
                kernel::ByteLimit::upto(if is_test { GB } else { 50 * GB }).unwrap(),
                30,
                price,
            )
            .unwrap(),
        ),
        locations: [location].into(),
        is_test,
        renewal: RenewalRule::AddToRemaining,
        ip_limit: kernel::CountLimit::upto(2).unwrap(),
        active: true,
    }
}

pub(crate) fn wallet(store: &Store) -> WalletService {
    WalletService::new(Arc::new(store.clone()), Arc::new(SystemClock))
}

pub(crate) async fn top_up(store: &Store, user: UserId, amount: i64) {
    let key = IdempotencyKey::new(format!("test:{user}:{amount}:{}", rand::random::<u32>())).unwrap();
    wallet(store).deposit(user, money(amount), key, None).await.unwrap();
}

pub(crate) async fn balance(store: &Store, user: UserId) -> Money {
    wallet(store).balance(user).await.unwrap()
}

pub(crate) fn new_order(user: UserId, telegram: i64, plan: &Plan, location: LocationId, pricing: Pricing) -> NewOrder {
    NewOrder {
        tracking: TrackingCode::random(TrackingKind::Order, now()),
        user,
        telegram_id: TelegramId::new(telegram).unwrap(),
        plan: plan.id,
        location,
        kind: OrderKind::Purchase,
        is_test: plan.is_test,
        quote: plan.quote(None).unwrap(),
        ip_limit: plan.ip_limit,
        pricing,
        created_at: now(),
    }
}

pub(crate) async fn place(store: &Store, user: UserId, w: &World, pricing: Pricing) -> Order {
    store
        .insert_order(&new_order(user, user.get() + 1000, &w.plan, w.location, pricing))
        .await
        .unwrap()
}

pub(crate) async fn ledger_rows(store: &Store) -> usize {
    transaction::Entity::find().all(store.db()).await.unwrap().len()
}

pub(crate) async fn notices(store: &Store) -> Vec<Notice> {
    store
        .due(now() + Duration::minutes(1), 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.notice.notice)
        .collect()
}

pub(crate) async fn code(store: &Store, text: &str, limit: Option<u32>) -> DiscountCodeId {
    let terms = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap()))
        .unwrap()
        .with_usage_limit(limit)
        .unwrap();
    let new = NewDiscount {
        code: DiscountCode::parse(text).unwrap(),
        terms,
        status: DiscountStatus::Active,
        created_at: now(),
    };
    store.insert_discount(&new, None).await.unwrap().id
}

pub(crate) async fn used_count(store: &Store, id: DiscountCodeId) -> u32 {
    DiscountRepo::discount(store, id).await.unwrap().unwrap().used_count
}

// ---- plans and codes ----

store_test!(plans_round_trip_with_their_locations, |store| {
    let w = world(&store).await;
    let dynamic = NewPlan {
        name: PlanName::parse("Custom").unwrap(),
        description: None,
        kind: PlanKind::Dynamic(DynamicTerms::new(money(2_000), money(100), (5, 200), (7, 365)).unwrap()),
        locations: Default::default(),
        is_test: false,
        renewal: RenewalRule::RestartFromNow,
        ip_limit: kernel::CountLimit::Unlimited,
        active: true,
    };
    let stored = store.insert_plan(&dynamic, None).await.unwrap();
    assert_eq!(PlanRepo::plan(&store, stored.id).await.unwrap(), Some(stored.clone()));
    assert_eq!(PlanRepo::plan(&store, w.plan.id).await.unwrap(), Some(w.plan.clone()));
    assert!(stored.locations.is_empty(), "an empty location set sells nowhere");

    let mut described = stored.clone();
    described.description = Some(PlanDescription::parse("Для телефонов и ноутбуков.\nبرای تلفن").unwrap());
    store.update_plan(&described, None).await.unwrap();
    assert_eq!(
        PlanRepo::plan(&store, stored.id).await.unwrap(),
        Some(described.clone())
    );
    store.update_plan(&stored, None).await.unwrap();
    assert_eq!(
        PlanRepo::plan(&store, stored.id).await.unwrap().unwrap().description,
        None,
        "a description is removed"
    );
    let longest = NewPlan {
        description: Some(PlanDescription::parse(&"ж".repeat(PlanDescription::MAX_LEN)).unwrap()),
        ..dynamic.clone()
    };
    let kept = store.insert_plan(&longest, None).await.unwrap();
    assert_eq!(PlanRepo::plan(&store, kept.id).await.unwrap(), Some(kept.clone()));
    assert_eq!(kept.description, longest.description);
    store.update_plan(&Plan { active: false, ..kept }, None).await.unwrap();

    let at_fr: Vec<_> = store
        .plans_at(w.location)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(at_fr, vec![w.plan.id]);

    let mut moved = stored.clone();
    moved.locations = [w.location].into();
    store.update_plan(&moved, None).await.unwrap();
    let mut off = w.plan.clone();
    off.active = false;
    store.update_plan(&off, None).await.unwrap();
    let at_fr: Vec<_> = store
        .plans_at(w.location)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(at_fr, vec![stored.id], "inactive plans are not offered");
    assert_eq!(store.plans(false).await.unwrap().len(), 3);
    assert_eq!(store.plans(true).await.unwrap(), vec![moved]);

    let mut ghost = w.plan.clone();
    ghost.id = kernel::PlanId::new(9_999);
    assert!(matches!(
        store.update_plan(&ghost, None).await,
        Err(StorageError::NotFound(_))
    ));
});

store_test!(discount_codes_round_trip_and_are_unique, |store| {
    let w = world(&store).await;
    let from = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
    let terms = DiscountTerms::new(DiscountValue::Fixed(money(250)))
        .unwrap()
        .with_usage_limit(Some(3))
        .unwrap()
        .with_min_order(money(500))
        .with_max_discount(Some(money(200)))
        .with_window(Some(from), Some(from + Duration::days(10)))
        .unwrap()
        .with_per_user_limit(Some(2))
        .unwrap()
        .with_plans([w.plan.id].into());
    let new = NewDiscount {
        code: DiscountCode::parse("spring-26").unwrap(),
        terms,
        status: DiscountStatus::Active,
        created_at: from,
    };
    let stored = store.insert_discount(&new, None).await.unwrap();
    assert_eq!(stored.terms, new.terms);
    let found = store
        .discount_by_code(&DiscountCode::parse("SPRING-26").unwrap())
        .await
        .unwrap();
    assert_eq!(found, Some(stored.clone()));
    let dup = store.insert_discount(&new, None).await.unwrap_err();
    assert!(matches!(dup, StorageError::Conflict(_)), "{dup:?}");

    store
        .set_discount_status(stored.id, DiscountStatus::Disabled, None)
        .await
        .unwrap();
    let page = store.discounts(PageRequest::default()).await.unwrap();
    assert_eq!((page.total, page.items[0].status), (1, DiscountStatus::Disabled));
    assert!(matches!(
        store
            .set_discount_status(DiscountCodeId::new(777), DiscountStatus::Active, None)
            .await,
        Err(StorageError::NotFound(_))
    ));
});

store_test!(catalog_changes_are_stored_with_their_audit_entries, |store| {
    let w = world(&store).await;
    let admin = insert_user(&store, 9).await;
    let at = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
    let entry = |action: &'static str| {
        NewAuditEntry::by(
            admin,
            AuditAction::new(action),
            AuditTarget::new("discount", "new"),
            serde_json::json!({}),
            at,
        )
    };
    let terms = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap())).unwrap();
    let new = NewDiscount {
        code: DiscountCode::parse("AUDITED").unwrap(),
        terms: terms.clone(),
        status: DiscountStatus::Active,
        created_at: at,
    };
    let stored = store.insert_discount(&new, Some(entry("discount.add"))).await.unwrap();
    let capped = terms.with_usage_limit(Some(5)).unwrap();
    let target = AuditTarget::new("discount", stored.id);
    let edit = NewAuditEntry {
        target: target.clone(),
        ..entry("discount.edit")
    };
    store.update_discount(stored.id, &capped, edit).await.unwrap();
    assert_eq!(store.discount(stored.id).await.unwrap().unwrap().terms, capped);
    let ghost = store
        .update_discount(DiscountCodeId::new(777), &capped, entry("discount.edit"))
        .await;
    assert!(matches!(ghost, Err(StorageError::NotFound(_))), "{ghost:?}");

    let mut off = w.plan.clone();
    off.active = false;
    let plan_edit = NewAuditEntry {
        target: AuditTarget::new("plan", w.plan.id),
        ..entry("plan.edit")
    };
    store.update_plan(&off, Some(plan_edit)).await.unwrap();

    let query = AuditQuery {
        actor: Some(admin),
        target: None,
        ..AuditQuery::default()
    };
    let log = AuditLog::list(&store, query, PageRequest::default()).await.unwrap();
    let seen: Vec<(String, String)> = log
        .items
        .iter()
        .map(|e| (e.action.to_string(), e.target.to_string()))
        .collect();
    assert_eq!(
        seen,
        [
            ("plan.edit".to_owned(), format!("plan:{}", w.plan.id)),
            ("discount.edit".to_owned(), target.to_string()),
            ("discount.add".to_owned(), target.to_string()),
        ],
        "newest first, the new code's id filled in by the store; the refused edit wrote nothing"
    );
});

store_test!(stale_orders_are_listed_oldest_first_by_status, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 2_000).await;
    let old = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let paid = place(&store, user, &w, Pricing::full(money(1_000))).await;
    crate::order_changes::pay(&store, paid.id, now() - Duration::hours(1))
        .await
        .unwrap();
    let later = now() + Duration::seconds(5);
    let pending: Vec<_> = store.stale(OrderStatus::Pending, later, 10).await.unwrap();
    assert_eq!(pending.iter().map(|o| o.id).collect::<Vec<_>>(), vec![old.id]);
    let stuck = store
        .stale(OrderStatus::Paid, now() - Duration::minutes(30), 10)
        .await
        .unwrap();
    assert_eq!(stuck.iter().map(|o| o.id).collect::<Vec<_>>(), vec![paid.id]);
    assert!(
        store
            .stale(OrderStatus::Paid, now() - Duration::hours(2), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let mine = store.orders_of(user, PageRequest::new(0, 1)).await.unwrap();
    assert_eq!((mine.total, mine.items[0].id), (2, paid.id));
    assert_eq!(store.order_by_tracking(&old.tracking).await.unwrap(), Some(old));
});

// ---- the whole saga on a real database ----

/// A stand-in for inventory: hands out `FR-MoonVPN-<n>` identities on the world's inbound and
/// either creates clients or refuses them.
struct FakePanel {
    store: Store,
    inbound: InboundId,
    next: AtomicU32,
    refuse: bool,
}

#[async_trait]
impl Provisioner for FakePanel {
    async fn has_room(&self, _location: LocationId) -> Result<bool, ProvisionError> {
        Ok(true)
    }

    async fn allocate(&self, location: LocationId) -> Result<Allocation, ProvisionError> {
        let n = 1001 + self.next.fetch_add(1, Ordering::SeqCst);
        let name = ClientName::parse(&format!("FR-MoonVPN-{n}")).unwrap();
        Ok(Allocation {
            inbound: self.inbound,
            location,
            email: ClientEmail::from(&name),
            name,
            client_uuid: format!("uuid-{n}"),
            sub_id: format!("sub{n}"),
        })
    }

    async fn provision(
        &self,
        allocation: &Allocation,
        _: &ClientLimits,
        _: TelegramId,
    ) -> Result<Provisioned, ProvisionError> {
        if self.refuse {
            return Err(ProvisionError::permanent("the inbound refused the client"));
        }
        Ok(Provisioned {
            config_url: format!("vless://{}@fr.example:443", allocation.client_uuid),
            subscription_url: Some(format!("https://fr.example/sub/{}", allocation.sub_id)),
        })
    }

    async fn release(&self, _: &Allocation) -> Result<(), ProvisionError> {
        Ok(())
    }

    async fn apply_limits(&self, _: &ClientAccount, _: &ClientLimits) -> Result<(), ProvisionError> {
        if self.refuse {
            return Err(ProvisionError::permanent("the panel refused the new limits"));
        }
        Ok(())
    }

    async fn account(&self, id: ClientAccountId) -> Result<Option<ClientAccount>, ProvisionError> {
        match AccountRepo::account(&self.store, id).await {
            Ok(a) => Ok(Some(a)),
            Err(StorageError::NotFound(_)) => Ok(None),
            Err(e) => Err(ProvisionError::transient(e.to_string())),
        }
    }
}

fn saga(store: &Store, w: &World, refuse: bool) -> OrderService {
    saga_at(store, w, refuse, Arc::new(SystemClock))
}

fn saga_at(store: &Store, w: &World, refuse: bool, clock: Arc<dyn Clock>) -> OrderService {
    let store_arc = Arc::new(store.clone());
    OrderService::new(
        store_arc.clone(),
        store_arc.clone(),
        store_arc.clone(),
        store_arc,
        Arc::new(FakePanel {
            store: store.clone(),
            inbound: w.inbound,
            next: AtomicU32::new(0),
            refuse,
        }),
        clock,
        SagaPolicy::default(),
    )
}

pub(crate) fn purchase(user: UserId, w: &World, code: Option<&str>) -> PurchaseRequest {
    PurchaseRequest {
        user,
        telegram_id: TelegramId::new(5_000 + user.get()).unwrap(),
        plan: w.plan.id,
        location: w.location,
        selection: None,
        code: code.map(|c| DiscountCode::parse(c).unwrap()),
    }
}

store_test!(a_purchase_is_paid_delivered_and_announced, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    code(&store, "MOON10", Some(1)).await;
    let svc = saga(&store, &w, false);
    let order = svc.create_order(&purchase(user, &w, Some("moon10"))).await.unwrap();
    assert_eq!(order.amount(), money(900));
    let done = svc.checkout(user, order.id).await.unwrap();
    let Delivery::Fulfilled(done) = done else {
        panic!("expected delivery, got {done:?}")
    };
    assert_eq!(balance(&store, user).await, money(100));
    let account = AccountRepo::account(&store, done.account.unwrap()).await.unwrap();
    assert_eq!(account.name.as_str(), "FR-MoonVPN-1001");
    assert_eq!(account.config_url, "vless://uuid-1001@fr.example:443");
    assert!(matches!(
        svc.checkout(user, order.id).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
    assert_eq!(balance(&store, user).await, money(100), "a second click moves nothing");
    let again = svc.create_order(&purchase(user, &w, Some("MOON10"))).await.unwrap_err();
    assert!(matches!(
        again,
        OrderError::Discount(orders::DiscountRefusal::UsageLimitReached)
    ));
    assert!(notices(&store).await.contains(&Notice::OrderFulfilled {
        order: order.id,
        account: account.id,
        tracking: Some(order.tracking.as_str().to_owned()),
    }));
    assert_ledger_invariant(&store).await;
});

store_test!(a_purchase_the_panel_refuses_is_refunded, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let svc = saga(&store, &w, true);
    let order = svc.create_order(&purchase(user, &w, None)).await.unwrap();
    let done = svc.checkout(user, order.id).await.unwrap();
    assert!(matches!(&done, Delivery::Refunded(o) if o.status == OrderStatus::Failed));
    assert_eq!(balance(&store, user).await, money(1_000));
    assert!(AccountRepo::accounts_of(&store, user).await.unwrap().is_empty());
    assert_ledger_invariant(&store).await;
});

store_test!(a_short_balance_at_checkout_leaves_the_order_pending, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 999).await;
    let svc = saga(&store, &w, false);
    let order = svc.create_order(&purchase(user, &w, None)).await.unwrap();
    let err = svc.checkout(user, order.id).await.unwrap_err();
    assert!(
        matches!(err, OrderError::InsufficientFunds { needed, balance } if needed == money(1_000) && balance == money(999))
    );
    assert_eq!(svc.order(user, order.id).await.unwrap().status, OrderStatus::Pending);
    top_up(&store, user, 1).await;
    assert!(matches!(
        svc.checkout(user, order.id).await.unwrap(),
        Delivery::Fulfilled(_)
    ));
});

store_test!(a_renewal_adds_to_the_account_and_stores_its_new_limits, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 2_000).await;
    let svc = saga(&store, &w, false);
    let first = svc.create_order(&purchase(user, &w, None)).await.unwrap();
    let Delivery::Fulfilled(first) = svc.checkout(user, first.id).await.unwrap() else {
        panic!("purchase failed")
    };
    let account = first.account.unwrap();
    let request = RenewRequest {
        user,
        telegram_id: TelegramId::new(5_001).unwrap(),
        account,
        plan: w.plan.id,
        selection: None,
        code: None,
    };
    let preview = svc.preview_renewal(&request).await.unwrap();
    assert_eq!(preview.total_bytes.amount(), Some(100 * GB));
    assert_eq!(balance(&store, user).await, money(1_000), "a preview moves no money");
    let renewal = svc.create_renewal(&request).await.unwrap();
    let done = svc.checkout(user, renewal.id).await.unwrap();
    assert!(matches!(&done, Delivery::Fulfilled(o) if o.account == Some(account)));
    let stored = AccountRepo::account(&store, account).await.unwrap();
    assert_eq!(stored.traffic_limit_bytes.amount(), Some(100 * GB));
    assert!(stored.expires_at.unwrap() > now() + Duration::days(59));
    assert_eq!(balance(&store, user).await, Money::ZERO);
    assert_ledger_invariant(&store).await;
});

store_test!(recovery_expires_stale_orders_and_finishes_paid_ones, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let clock = Arc::new(FixedClock::new(now()));
    let svc = Arc::new(saga_at(&store, &w, false, clock.clone()));
    let stale = svc.create_order(&purchase(user, &w, None)).await.unwrap();
    let paid = svc.create_order(&purchase(user, &w, None)).await.unwrap();
    svc.pay(user, paid.id).await.unwrap();
    let bounds = RecoveryBounds {
        grace: Duration::minutes(10),
        ..RecoveryBounds::default()
    };
    let nothing_yet = svc.recover_stuck(bounds).await.unwrap();
    assert_eq!(nothing_yet, RecoveryReport::default(), "fresh orders are left alone");
    clock.advance(Duration::hours(1));
    let report = svc.recover_stuck(bounds).await.unwrap();
    assert_eq!((report.expired, report.fulfilled, report.refunded), (1, 1, 0));
    assert_eq!(svc.order(user, stale.id).await.unwrap().status, OrderStatus::Expired);
    assert_eq!(svc.order(user, paid.id).await.unwrap().status, OrderStatus::Fulfilled);
});

store_test!(an_unpaid_order_stays_payable_for_its_ttl_then_expires, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let clock = Arc::new(FixedClock::new(now()));
    let svc = saga_at(&store, &w, false, clock.clone());
    let kept = svc.create_order(&purchase(user, &w, None)).await.unwrap();
    let left = svc.create_order(&purchase(user, &w, None)).await.unwrap();
    clock.advance(Duration::minutes(3));
    assert_eq!(
        svc.expire_unpaid(100).await.unwrap(),
        0,
        "three minutes is well inside the TTL"
    );
    assert_eq!(svc.pay(user, kept.id).await.unwrap().status, OrderStatus::Paid);
    clock.advance(Duration::minutes(28));
    assert_eq!(svc.expire_unpaid(100).await.unwrap(), 1);
    assert_eq!(svc.order(user, left.id).await.unwrap().status, OrderStatus::Expired);
    assert_eq!(svc.order(user, kept.id).await.unwrap().status, OrderStatus::Paid);
});
