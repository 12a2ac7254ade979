//! `Shop::open`: the real bot with the real services on a SQLite store, two fake 3x-ui panels
//! (France and Germany, one VLESS inbound each) driven by the real `XuiDriver`, plans, a
//! discount code and a free test on sale, and a clock the tests can move.
//!
//! On sale: Silver (50 GB, 30 days, 100,000 Toman; France and Germany; renewal adds to what
//! is left), Gold (20 GB, 10 days, 40,000 Toman; France; renewal restarts), Custom (France;
//! 1,000 Toman per GB for 10–100 GB plus 500 per day for 7–90 days), the free test Trial
//! (France; 1 GB for 1 day) and the code MOON10 (10% off).

use std::collections::BTreeSet;
use std::sync::Arc;

use inventory::{ClientAccount, DisplayName, InventoryService, LocationPrefix, NewLocation, NewPanel, PanelUrl};
use kernel::{FixedClock, IdempotencyKey, LocationId, Money, PageRequest, PlanId, Secret, UserId};
use orders::{
    BYTES_PER_GB, CatalogService, DiscountCode, DiscountStatus, DiscountTerms, DiscountValue, DynamicTerms, FixedTerms,
    NewPlan, Order, OrderService, Percent, PlanKind, PlanName, RenewalRule,
};
use serde_json::Value;
use store::Store;
use testkit::telegram::{ChatEntry, EntryKind, FakeTelegram, SimUser};
use testkit::{FakePanel, FakePanelConfig, InboundSpec};
use time::OffsetDateTime;
use wallet::{LedgerEntry, LedgerKind, WalletService};

use crate::support::{QUIET, RunningBot, SECRET, deps_at, fake, memory_store, spawn_bot_with_deps, stored_user};

/// One gigabyte in bytes.
pub const GB: u64 = BYTES_PER_GB;

/// A shop with everything on sale.
pub struct Shop {
    /// The fake Bot API.
    pub fake: FakeTelegram,
    /// The database.
    pub store: Store,
    /// The clock every service reads.
    pub clock: Arc<FixedClock>,
    /// The panel in France.
    pub france: FakePanel,
    /// The panel in Germany.
    pub germany: FakePanel,
    /// Germany (prefix DE).
    pub de: LocationId,
    /// Wallet service (deposits, balances).
    pub wallet: Arc<WalletService>,
    /// Order service.
    pub orders: Arc<OrderService>,
    /// Inventory service.
    pub inventory: Arc<InventoryService>,
    bot: Option<RunningBot>,
}

async fn panel_with_inbound() -> FakePanel {
    let panel = FakePanel::start(FakePanelConfig::default()).await;
    panel.add_inbound(InboundSpec::vless_reality(443));
    panel
}

impl Shop {
    /// Opens the shop and starts the bot.
    pub async fn open() -> Shop {
        let (fake, store) = (fake().await, memory_store().await);
        let clock = Arc::new(FixedClock::new(OffsetDateTime::now_utc()));
        let deps = deps_at(&fake, &store, SECRET, clock.clone());
        let (wallet, orders, inventory, catalog) = (
            deps.wallet.clone(),
            deps.orders.clone(),
            deps.inventory.clone(),
            deps.catalog.clone(),
        );
        let (france, germany) = (panel_with_inbound().await, panel_with_inbound().await);
        let fr = add_location(&inventory, "France", "FR", &france).await;
        let de = add_location(&inventory, "Germany", "DE", &germany).await;
        add_plan(
            &catalog,
            "Silver",
            fixed(50, 30, 100_000),
            [fr, de],
            RenewalRule::AddToRemaining,
            false,
        )
        .await;
        add_plan(
            &catalog,
            "Gold",
            fixed(20, 10, 40_000),
            [fr],
            RenewalRule::RestartFromNow,
            false,
        )
        .await;
        let dynamic = DynamicTerms::new(money(1_000), money(500), (10, 100), (7, 90)).unwrap();
        add_plan(
            &catalog,
            "Custom",
            PlanKind::Dynamic(dynamic),
            [fr],
            RenewalRule::AddToRemaining,
            false,
        )
        .await;
        add_plan(
            &catalog,
            "Trial",
            fixed(1, 1, 0),
            [fr],
            RenewalRule::RestartFromNow,
            true,
        )
        .await;
        let ten_percent = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap())).unwrap();
        catalog
            .create_discount(
                DiscountCode::parse("MOON10").unwrap(),
                ten_percent,
                DiscountStatus::Active,
            )
            .await
            .unwrap();
        let bot = spawn_bot_with_deps(deps, &store);
        Shop {
            fake,
            store,
            clock,
            france,
            germany,
            de,
            wallet,
            orders,
            inventory,
            bot: Some(bot),
        }
    }

    /// Stops the bot (as a restart would) and starts a new one on the same store and key.
    pub async fn restart(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
        let deps = deps_at(&self.fake, &self.store, SECRET, self.clock.clone());
        self.bot = Some(spawn_bot_with_deps(deps, &self.store));
    }

    /// Stops the bot.
    pub async fn close(mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
    }

    /// Now, by the shop's clock.
    pub fn clock_now(&self) -> OffsetDateTime {
        kernel::Clock::now(&*self.clock)
    }

    /// Waits until the bot has answered everything.
    pub async fn idle(&self) {
        self.fake.wait_idle(QUIET).await;
    }

    /// A user who pressed /start (and stays in English), with `toman` in the wallet.
    pub async fn customer(&self, telegram_id: i64, toman: i64) -> (SimUser, UserId) {
        let user = self.fake.user(telegram_id);
        user.send_text("/start");
        self.idle().await;
        let id = stored_user(&self.store, telegram_id).await.expect("registered").id;
        if toman > 0 {
            self.credit(id, toman).await;
        }
        (user, id)
    }

    /// Deposits `toman` into the user's wallet.
    pub async fn credit(&self, user: UserId, toman: i64) {
        let key = IdempotencyKey::new(format!("test-deposit:{user}:{}", rand_suffix())).unwrap();
        self.wallet.deposit(user, money(toman), key, None).await.unwrap();
    }

    /// The user's balance in Toman.
    pub async fn balance(&self, user: UserId) -> i64 {
        self.wallet.balance(user).await.unwrap().minor()
    }

    /// The user's ledger, newest first.
    pub async fn ledger(&self, user: UserId) -> Vec<LedgerEntry> {
        self.wallet.history(user, PageRequest::new(0, 100)).await.unwrap().items
    }

    /// How many purchase debits the user's ledger holds.
    pub async fn purchases(&self, user: UserId) -> usize {
        self.ledger(user)
            .await
            .iter()
            .filter(|e| e.kind == LedgerKind::Purchase)
            .count()
    }

    /// The user's orders, newest first.
    pub async fn orders_of(&self, user: UserId) -> Vec<Order> {
        self.orders
            .orders_of(user, PageRequest::new(0, 100))
            .await
            .unwrap()
            .items
    }

    /// The user's accounts, newest first.
    pub async fn accounts(&self, user: UserId) -> Vec<ClientAccount> {
        self.inventory.accounts_of(user).await.unwrap()
    }

    /// Walks `user` from the main menu to the confirmation screen of `plan` in `location`.
    pub async fn open_confirmation(&self, user: &SimUser, location: &str, plan: &str) -> ChatEntry {
        user.send_text("/menu");
        self.idle().await;
        user.tap_button("Buy a plan");
        self.idle().await;
        user.tap_button(location);
        self.idle().await;
        user.tap_button(plan);
        self.idle().await;
        let shown = user.last_bot_message().unwrap();
        assert!(shown.text_or_empty().contains("Confirm your order"), "{shown:?}");
        shown
    }

    /// Buys `plan` in `location` for `user` (who must have the money) and waits for delivery.
    pub async fn buy(&self, user: &SimUser, location: &str, plan: &str) {
        self.open_confirmation(user, location, plan).await;
        user.tap_button("Pay");
        self.idle().await;
        let last = user.last_bot_message().unwrap();
        assert!(
            matches!(last.kind, EntryKind::Photo { .. }),
            "delivered with a QR code: {last:?}"
        );
    }

    /// Opens the user's service named `name` (through My services).
    pub async fn open_service(&self, user: &SimUser, name: &str) -> ChatEntry {
        user.send_text("/menu");
        self.idle().await;
        user.tap_button("My services");
        self.idle().await;
        user.tap_button(name);
        self.idle().await;
        user.last_bot_message().unwrap()
    }
}

async fn add_location(inventory: &InventoryService, name: &str, prefix: &str, panel: &FakePanel) -> LocationId {
    let location = inventory
        .add_location(&NewLocation {
            name: DisplayName::new(name).unwrap(),
            prefix: LocationPrefix::new(prefix).unwrap(),
        })
        .await
        .unwrap()
        .id;
    let connected = inventory
        .connect_panel(
            &NewPanel {
                name: DisplayName::new(&format!("{name} 1")).unwrap(),
                url: PanelUrl::new(&panel.url()).unwrap(),
                username: "admin".into(),
                password: Secret::new("admin"),
                api_token: None,
                two_factor_secret: None,
                allow_insecure_tls: false,
                location,
            },
            None,
        )
        .await
        .unwrap();
    assert!(connected.sync.is_ok(), "inbounds synced: {:?}", connected.sync);
    location
}

async fn add_plan<const N: usize>(
    catalog: &CatalogService,
    name: &str,
    kind: PlanKind,
    locations: [LocationId; N],
    renewal: RenewalRule,
    is_test: bool,
) -> PlanId {
    catalog
        .create_plan(NewPlan {
            name: PlanName::parse(name).unwrap(),
            kind,
            locations: BTreeSet::from(locations),
            is_test,
            renewal,
            ip_limit: 2,
            active: true,
        })
        .await
        .unwrap()
        .id
}

fn fixed(gb: u64, days: u32, toman: i64) -> PlanKind {
    PlanKind::Fixed(FixedTerms::new(gb * GB, days, money(toman)).unwrap())
}

/// An amount in Toman.
pub fn money(toman: i64) -> Money {
    Money::from_minor(toman).unwrap()
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// `totalGB` and `expiryTime` of a client on a fake panel.
pub fn limits_on(panel: &FakePanel, email: &str) -> (i64, i64) {
    let client = panel.client(email).unwrap_or_else(|| panel_missing(email));
    let field = |name: &str| client.get(name).and_then(Value::as_i64).unwrap_or_default();
    (field("totalGB"), field("expiryTime"))
}

/// The key (`id`) of a client on a fake panel.
pub fn key_on(panel: &FakePanel, email: &str) -> String {
    let client = panel.client(email).unwrap_or_else(|| panel_missing(email));
    client.get("id").and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn panel_missing(email: &str) -> Value {
    panic!("the panel has no client {email}")
}

/// Unix milliseconds of an instant.
pub fn ms(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap()
}
