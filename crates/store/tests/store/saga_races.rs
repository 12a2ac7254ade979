//! The purchase saga under concurrency, on every backend: two runs delivering one order
//! against a slow panel, and two paid renewals of one account.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use async_trait::async_trait;
use inventory::{AccountRepo, Allocation, ClientAccount, ClientEmail, ClientLimits, ClientName, Provisioned};
use kernel::{ClientAccountId, InboundId, LocationId, StorageError, SystemClock, TelegramId, UserId};
use orders::{Delivery, OrderService, OrderStatus, ProvisionError, Provisioner, RenewRequest, SagaPolicy};
use store::Store;
use store::store_test;
use store::testing::insert_user;
use time::Duration;

use crate::orders::{World, balance, money, purchase, top_up, world};
use crate::wallet::assert_ledger_invariant;

/// A panel that answers slowly: its first client creation takes a while and every later one
/// times out (what a second, impatient run would see). It keeps its clients by email and
/// counts reserved slots, like the real inventory.
struct SlowPanel {
    store: Store,
    inbound: InboundId,
    next: AtomicU32,
    slots: AtomicI64,
    creations: AtomicU32,
    clients: Mutex<HashMap<String, String>>,
    limits: Mutex<HashMap<ClientAccountId, ClientLimits>>,
}

impl SlowPanel {
    fn new(store: &Store, w: &World) -> Self {
        Self {
            store: store.clone(),
            inbound: w.inbound,
            next: AtomicU32::new(0),
            slots: AtomicI64::new(0),
            creations: AtomicU32::new(0),
            clients: Mutex::new(HashMap::new()),
            limits: Mutex::new(HashMap::new()),
        }
    }

    fn clients(&self) -> HashMap<String, String> {
        self.clients.lock().unwrap().clone()
    }
}

#[async_trait]
impl Provisioner for SlowPanel {
    async fn has_room(&self, _location: LocationId) -> Result<bool, ProvisionError> {
        Ok(true)
    }

    async fn allocate(&self, location: LocationId) -> Result<Allocation, ProvisionError> {
        self.slots.fetch_add(1, Ordering::SeqCst);
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
        if self.creations.fetch_add(1, Ordering::SeqCst) > 0 {
            return Err(ProvisionError::transient("the panel did not answer in time"));
        }
        tokio::time::sleep(StdDuration::from_millis(400)).await;
        self.clients
            .lock()
            .unwrap()
            .insert(allocation.email.as_str().to_owned(), allocation.client_uuid.clone());
        Ok(Provisioned {
            config_url: format!("vless://{}@fr.example:443", allocation.client_uuid),
            subscription_url: None,
        })
    }

    async fn release(&self, allocation: &Allocation) -> Result<(), ProvisionError> {
        if self.clients.lock().unwrap().remove(allocation.email.as_str()).is_some() {
            self.slots.fetch_sub(1, Ordering::SeqCst);
        }
        Ok(())
    }

    async fn apply_limits(&self, account: &ClientAccount, limits: &ClientLimits) -> Result<(), ProvisionError> {
        tokio::time::sleep(StdDuration::from_millis(50)).await;
        self.limits.lock().unwrap().insert(account.id, *limits);
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

fn saga(store: &Store, panel: Arc<SlowPanel>) -> OrderService {
    let s = Arc::new(store.clone());
    OrderService::new(
        s.clone(),
        s.clone(),
        s.clone(),
        s,
        panel,
        Arc::new(SystemClock),
        SagaPolicy::default(),
    )
}

store_test!(two_runs_delivering_one_order_on_a_slow_panel_make_one_client, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let panel = Arc::new(SlowPanel::new(&store, &w));
    let svc = saga(&store, panel.clone());
    let order = svc.create_order(&purchase(user, &w, None)).await.unwrap();
    svc.pay(user, order.id).await.unwrap();

    let (a, b) = tokio::join!(svc.deliver(order.id), svc.deliver(order.id));
    let (a, b) = (a.unwrap(), b.unwrap());

    let outcomes = [&a, &b];
    assert_eq!(
        outcomes.iter().filter(|d| matches!(d, Delivery::Fulfilled(_))).count(),
        1,
        "one run delivers: {a:?} / {b:?}"
    );
    assert_eq!(
        outcomes.iter().filter(|d| matches!(d, Delivery::InProgress(_))).count(),
        1,
        "the other answers that delivery is under way: {a:?} / {b:?}"
    );
    let done = svc.order(user, order.id).await.unwrap();
    assert_eq!(done.status, OrderStatus::Fulfilled);
    let account = AccountRepo::account(&store, done.account.unwrap()).await.unwrap();
    assert_eq!(
        panel.clients(),
        HashMap::from([(account.email.as_str().to_owned(), account.client_uuid.clone())]),
        "exactly the delivered client is on the panel"
    );
    assert_eq!(panel.slots.load(Ordering::SeqCst), 1, "one slot taken");
    assert_eq!(balance(&store, user).await, money(0));
    assert_ledger_invariant(&store).await;
    assert_eq!(
        svc.deliver(order.id).await.unwrap(),
        Delivery::Fulfilled(done),
        "once the holder is done, a late run reads the delivery"
    );
});

store_test!(two_paid_renewals_of_one_account_add_up, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 3_000).await;
    let panel = Arc::new(SlowPanel::new(&store, &w));
    let svc = saga(&store, panel.clone());
    let first = svc.create_order(&purchase(user, &w, None)).await.unwrap();
    let Delivery::Fulfilled(first) = svc.checkout(user, first.id).await.unwrap() else {
        panic!("the purchase failed")
    };
    let account = first.account.unwrap();
    let before = AccountRepo::account(&store, account).await.unwrap();
    let renew = |u: UserId| RenewRequest {
        user: u,
        telegram_id: TelegramId::new(5_001).unwrap(),
        account,
        plan: w.plan.id,
        selection: None,
        code: None,
    };
    let r1 = svc.create_renewal(&renew(user)).await.unwrap();
    let r2 = svc.create_renewal(&renew(user)).await.unwrap();
    svc.pay(user, r1.id).await.unwrap();
    svc.pay(user, r2.id).await.unwrap();

    let (a, b) = tokio::join!(svc.deliver(r1.id), svc.deliver(r2.id));
    assert!(matches!(a.unwrap(), Delivery::Fulfilled(_)));
    assert!(matches!(b.unwrap(), Delivery::Fulfilled(_)));

    let after = AccountRepo::account(&store, account).await.unwrap();
    assert_eq!(
        after.traffic_limit_bytes,
        before.traffic_limit_bytes.saturating_add(2 * 50 * orders::BYTES_PER_GB)
    );
    assert_eq!(after.expires_at, before.expires_at.map(|e| e + Duration::days(60)));
    let on_panel = panel.limits.lock().unwrap()[&account];
    assert_eq!(
        (on_panel.total_bytes, on_panel.expires_at),
        (after.traffic_limit_bytes, after.expires_at),
        "the panel ends with the stored limits"
    );
    assert_eq!(balance(&store, user).await, money(0));
    assert_ledger_invariant(&store).await;
});
