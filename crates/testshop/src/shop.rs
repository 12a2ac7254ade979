//! [`TestShop`] and its builder.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use inventory::{ClientAccount, DisplayName, LocationPrefix, NewLocation, NewPanel, PanelUrl};
use kernel::{FixedClock, IdempotencyKey, LocationId, PageRequest, PlanId, Secret, UserId};
use orders::{NewPlan, Order, PlanName};
use services::Services;
use store::Store;
use telegram::RateLimits;
use testkit::telegram::{ChatEntry, EntryKind, FakeTelegram, SimUser};
use testkit::{FakePanel, FakePanelConfig, Generation, InboundSpec};
use time::OffsetDateTime;
use wallet::{LedgerEntry, LedgerKind};

use crate::bot::{QUIET, RunningBot, SECRET, bot_deps_for, fake_telegram, memory_store, spawn_bot_with_deps};
use crate::bot::{stored_user, test_policy, test_services};
use crate::{PlanSpec, money};

/// How long [`TestShop::idle`] waits for handlers still working on an update (an update the
/// dispatcher never hands to a handler, e.g. one answered as overflow, ends the wait here).
const HANDLER_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The first Telegram id [`ShopBuilder::with_user`] hands out (then 1002, 1003, …).
const FIRST_USER: i64 = 1001;

/// How a [`TestShop`] is set up; see [`TestShop::init`].
#[derive(Default)]
pub struct ShopBuilder {
    locations: Vec<(String, String, Vec<Generation>)>,
    plans: Vec<PlanSpec>,
    users: Vec<(i64, bool)>,
    secret: Option<String>,
    without_bot: bool,
    stars_per: Option<u64>,
    gateways: payments::Gateways,
    flood_limits: bool,
    buyer_wait: Option<std::time::Duration>,
    shop_name: Option<kernel::ShopName>,
    utc_offset: Option<time::UtcOffset>,
}

impl std::fmt::Debug for ShopBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShopBuilder")
            .field("locations", &self.locations)
            .field("users", &self.users)
            .field("stars_per", &self.stars_per)
            .field("gateways", &self.gateways.keys().collect::<Vec<_>>())
            .field("flood_limits", &self.flood_limits)
            .finish_non_exhaustive()
    }
}

impl ShopBuilder {
    /// Adds a location (display name, share-link prefix); later panels are connected to it.
    pub fn with_location(mut self, name: &str, prefix: &str) -> Self {
        self.locations.push((name.to_owned(), prefix.to_owned(), Vec::new()));
        self
    }

    /// Adds a fake 3x-ui panel of `generation` with one VLESS inbound (port 443) to the last
    /// location (to a location "France"/FR when there is none yet).
    pub fn with_panel(mut self, generation: Generation) -> Self {
        if self.locations.is_empty() {
            self = self.with_location("France", "FR");
        }
        if let Some(last) = self.locations.last_mut() {
            last.2.push(generation);
        }
        self
    }

    /// Puts `plan` on sale.
    pub fn with_plan(mut self, plan: PlanSpec) -> Self {
        self.plans.push(plan);
        self
    }

    /// Adds a user (Telegram ids 1001, 1002, … in order) who pressed /start, stayed in
    /// English and has `toman` in the wallet.
    pub fn with_user(mut self, toman: i64) -> Self {
        self.users.push((toman, false));
        self
    }

    /// Makes the last user added a superadmin.
    pub fn as_admin(mut self) -> Self {
        if let Some(last) = self.users.last_mut() {
            last.1 = true;
        }
        self
    }

    /// Signs buttons with `secret` instead of [`crate::SECRET`].
    pub fn with_secret(mut self, secret: &str) -> Self {
        self.secret = Some(secret.to_owned());
        self
    }

    /// Enables Telegram Stars on the fake Bot API: one Star costs `toman` Toman.
    pub fn with_stars(mut self, toman: u64) -> Self {
        self.stars_per = Some(toman);
        self
    }

    /// Enables a payment provider (e.g. `gateways::Robokassa` with test credentials).
    pub fn with_gateway(mut self, gateway: Arc<dyn payments::PaymentGateway>) -> Self {
        self.gateways.insert(gateway.provider(), gateway);
        self
    }

    /// Builds the world but does not start the bot (and registers no user).
    pub fn without_bot(mut self) -> Self {
        self.without_bot = true;
        self
    }

    /// Telegram's flood limits on both sides: the fake Bot API answers 429 past 1 message a
    /// second per chat (bursts of 3) and 30 overall, and the bot runs its default limiter
    /// (without this both are off).
    pub fn with_flood_limits(mut self) -> Self {
        self.flood_limits = true;
        self
    }

    /// How long a buyer waits on the Pay screen before a slow delivery goes on in the
    /// background (the bot's default is `telegram::BUYER_WAIT`, 15 s).
    pub fn with_buyer_wait(mut self, wait: std::time::Duration) -> Self {
        self.buyer_wait = Some(wait);
        self
    }

    /// Names the shop `name` (`[shop] name`; `MoonVPN` otherwise).
    pub fn with_shop_name(mut self, name: &str) -> Self {
        self.shop_name = Some(kernel::ShopName::new(name).expect("a valid shop name"));
        self
    }

    /// Runs the shop's days and times at `offset` from UTC (`shop.utc_offset`; UTC otherwise).
    pub fn with_utc_offset(mut self, offset: time::UtcOffset) -> Self {
        self.utc_offset = Some(offset);
        self
    }

    /// Builds the world: store, fakes, services, locations with their panels, plans; starts
    /// the bot and registers the users.
    pub async fn start(self) -> TestShop {
        let (fake, store) = (fake_telegram().await, memory_store().await);
        let limits = if self.flood_limits {
            fake.set_rate_limit(1, 30);
            RateLimits::default()
        } else {
            RateLimits::unthrottled()
        };
        let clock = Arc::new(FixedClock::new(OffsetDateTime::now_utc()));
        let admins = self
            .users
            .iter()
            .enumerate()
            .filter(|(_, (_, admin))| *admin)
            .map(|(n, _)| telegram_id_of(n));
        let secret = self.secret.unwrap_or_else(|| SECRET.to_owned());
        let mut policy = test_policy(admins);
        if let Some(name) = self.shop_name {
            policy.shop_name = name;
        }
        if let Some(offset) = self.utc_offset {
            policy.utc_offset = offset;
        }
        let mut services = test_services(&store, clock.clone(), policy).with_gateways(self.gateways);
        if let Some(toman) = self.stars_per {
            let api = telegram::BotApi::new(&fake.api_url(), &Secret::new(fake.token())).expect("Bot API client");
            let rate = payments::Rate::new(toman, 1).expect("a positive rate");
            services = services.with_stars(telegram::StarsGateway::new(api, &Secret::new(&secret), rate));
        }
        let mut shop = TestShop {
            fake,
            store,
            clock,
            services,
            secret,
            panels: Vec::new(),
            locations: BTreeMap::new(),
            plans: BTreeMap::new(),
            users: Vec::new(),
            bot: None,
            handled_before: 0,
            bot_api: None,
            limits,
            buyer_wait: self.buyer_wait.unwrap_or(telegram::BUYER_WAIT),
        };
        for (name, prefix, generations) in &self.locations {
            let location = shop.add_location(name, prefix).await;
            for (n, generation) in generations.iter().enumerate() {
                shop.connect_panel(location, &format!("{name} {}", n + 1), *generation)
                    .await;
            }
        }
        for plan in self.plans {
            shop.add_plan(plan).await;
        }
        if !self.without_bot {
            shop.start_bot();
            for (n, (toman, _)) in self.users.into_iter().enumerate() {
                let (sim, id) = shop.customer(telegram_id_of(n), toman).await;
                shop.users.push(ShopUser { sim, id });
            }
        }
        shop
    }
}

fn telegram_id_of(n: usize) -> i64 {
    FIRST_USER + i64::try_from(n).expect("a handful of users")
}

/// A user of the shop: the simulated Telegram user and the stored id.
#[derive(Clone, Debug)]
pub struct ShopUser {
    /// Types, taps and reads the chat.
    pub sim: SimUser,
    /// The user's id in the store.
    pub id: UserId,
}

/// A running world; see the crate docs.
pub struct TestShop {
    /// The fake Bot API.
    pub fake: FakeTelegram,
    /// The database.
    pub store: Store,
    /// The clock every service reads (the dispatcher uses the system clock).
    pub clock: Arc<FixedClock>,
    /// Every service, from `Services::build`.
    pub services: Services,
    secret: String,
    panels: Vec<FakePanel>,
    locations: BTreeMap<String, LocationId>,
    plans: BTreeMap<String, PlanId>,
    users: Vec<ShopUser>,
    bot: Option<RunningBot>,
    /// Updates handled by the bots this shop stopped (restarts).
    handled_before: usize,
    /// The running bot's Bot API client (its flood limiter is the one broadcasts share).
    bot_api: Option<telegram::BotApi>,
    limits: RateLimits,
    buyer_wait: std::time::Duration,
}

impl TestShop {
    /// An empty world to configure: `TestShop::init().with_panel(..)….start().await`.
    pub fn init() -> ShopBuilder {
        ShopBuilder::default()
    }

    /// The `n`-th fake panel, in the order they were added.
    pub fn panel(&self, n: usize) -> &FakePanel {
        self.panels
            .get(n)
            .unwrap_or_else(|| panic!("the shop has no panel #{n}"))
    }

    /// The location with this prefix.
    pub fn location(&self, prefix: &str) -> LocationId {
        *self
            .locations
            .get(prefix)
            .unwrap_or_else(|| panic!("the shop has no location {prefix}"))
    }

    /// The plan with this name.
    pub fn plan(&self, name: &str) -> PlanId {
        *self
            .plans
            .get(name)
            .unwrap_or_else(|| panic!("the shop has no plan {name}"))
    }

    /// The `n`-th user added with [`ShopBuilder::with_user`].
    pub fn user(&self, n: usize) -> &ShopUser {
        self.users.get(n).unwrap_or_else(|| panic!("the shop has no user #{n}"))
    }

    /// Stops the bot (as a restart would) and starts a new one on the same store and key.
    pub async fn restart(&mut self) {
        if let Some(bot) = self.bot.take() {
            self.handled_before += bot.stop().await;
        }
        self.start_bot();
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

    /// Waits until the bot has answered everything: every update handed to it handled, and
    /// then quiet at the fake Bot API (background work a handler started, such as a delivery
    /// past the buyer's wait, is not counted). With flood limits on, a message may wait up to
    /// a chat's interval in the bot's limiter, so quiet must last longer than that.
    pub async fn idle(&self) {
        let quiet = if self.limits == RateLimits::unthrottled() {
            QUIET
        } else {
            self.limits.chat_interval + QUIET
        };
        let give_up = std::time::Instant::now() + HANDLER_WAIT;
        loop {
            self.fake.wait_idle(quiet).await;
            let handled = self.handled_before + self.bot.as_ref().map_or(0, RunningBot::updates_handled);
            if handled >= self.fake.updates_handed_out() || std::time::Instant::now() >= give_up {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
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
        let key = IdempotencyKey::new(format!("test-deposit:{user}:{}", next_serial())).expect("a valid key");
        self.services
            .wallet
            .deposit(user, money(toman), key, None)
            .await
            .expect("deposit");
    }

    /// The user's balance in Toman.
    pub async fn balance(&self, user: UserId) -> i64 {
        self.services.wallet.balance(user).await.expect("balance").minor()
    }

    /// The user's ledger, newest first.
    pub async fn ledger(&self, user: UserId) -> Vec<LedgerEntry> {
        self.services
            .wallet
            .history(user, PageRequest::new(0, 100))
            .await
            .expect("history")
            .items
    }

    /// How many purchase debits the user's ledger holds.
    pub async fn purchases(&self, user: UserId) -> usize {
        let ledger = self.ledger(user).await;
        ledger.iter().filter(|e| e.kind == LedgerKind::Purchase).count()
    }

    /// The user's orders, newest first.
    pub async fn orders_of(&self, user: UserId) -> Vec<Order> {
        self.services
            .orders
            .orders_of(user, PageRequest::new(0, 100))
            .await
            .expect("orders")
            .items
    }

    /// The user's accounts, newest first.
    pub async fn accounts(&self, user: UserId) -> Vec<ClientAccount> {
        self.services.accounts.accounts_of(user).await.expect("accounts")
    }

    /// Walks `user` from the main menu to the confirmation screen of `plan` in `location`.
    pub async fn open_confirmation(&self, user: &SimUser, location: &str, plan: &str) -> ChatEntry {
        for step in ["/menu", "Buy a plan", location, plan] {
            if step.starts_with('/') {
                user.send_text(step);
            } else {
                user.tap_button(step);
            }
            self.idle().await;
        }
        let shown = user.last_bot_message().expect("a confirmation");
        assert!(shown.text_or_empty().contains("Confirm your order"), "{shown:?}");
        shown
    }

    /// Buys `plan` in `location` for `user` (who must have the money) and waits for delivery.
    pub async fn buy(&self, user: &SimUser, location: &str, plan: &str) {
        self.open_confirmation(user, location, plan).await;
        user.tap_button("Pay");
        // A busy machine can pause the delivery longer than `idle`'s quiet spell; the QR photo
        // is what the buyer waits for.
        let delivered = || {
            user.last_bot_message()
                .is_some_and(|m| matches!(m.kind, EntryKind::Photo { .. }))
        };
        testkit::wait_until("the QR code after Pay", std::time::Duration::from_secs(20), delivered).await;
        self.idle().await;
        let last = user.last_bot_message().expect("a delivery");
        assert!(
            matches!(last.kind, EntryKind::Photo { .. }),
            "delivered with a QR code: {last:?}"
        );
    }

    /// Opens the user's service named `name` (through My services).
    pub async fn open_service(&self, user: &SimUser, name: &str) -> ChatEntry {
        user.send_text("/menu");
        self.idle().await;
        for button in ["My services", name] {
            user.tap_button(button);
            self.idle().await;
        }
        user.last_bot_message().expect("a service screen")
    }

    fn start_bot(&mut self) {
        let mut deps = bot_deps_for(&self.fake, &self.services, &self.secret);
        deps.api = deps.api.clone().with_limits(self.limits);
        deps.settings.buyer_wait = self.buyer_wait;
        self.bot_api = Some(deps.api.clone());
        self.bot = Some(spawn_bot_with_deps(deps, &self.store));
    }

    /// The broadcast job's worker on this shop, sending through the running bot's Bot API
    /// client (so broadcasts and the bot's answers share one flood limiter, as in the app).
    pub fn broadcast_worker(&self) -> notify::broadcast::BroadcastWorker {
        let deps = bot_deps_for(&self.fake, &self.services, &self.secret);
        let api = self
            .bot_api
            .clone()
            .unwrap_or_else(|| deps.api.clone().with_limits(self.limits));
        self.services.broadcast_worker(api, deps.i18n, deps.codec)
    }

    async fn add_location(&mut self, name: &str, prefix: &str) -> LocationId {
        let location = self
            .services
            .placement
            .add_location(&NewLocation {
                name: DisplayName::new(name).expect("a valid location name"),
                prefix: LocationPrefix::new(prefix).expect("a valid prefix"),
            })
            .await
            .expect("add location")
            .id;
        self.locations.insert(prefix.to_owned(), location);
        location
    }

    async fn connect_panel(&mut self, location: LocationId, name: &str, generation: Generation) {
        let panel = FakePanel::start(FakePanelConfig {
            generation,
            ..FakePanelConfig::default()
        })
        .await;
        panel.add_inbound(InboundSpec::vless_reality(443));
        let connected = self
            .services
            .fleet
            .connect_panel(
                &NewPanel {
                    name: DisplayName::new(name).expect("a valid panel name"),
                    url: PanelUrl::new(&panel.url()).expect("a valid panel URL"),
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
            .expect("connect panel");
        assert!(connected.sync.is_ok(), "inbounds synced: {:?}", connected.sync);
        self.panels.push(panel);
    }

    async fn add_plan(&mut self, plan: PlanSpec) {
        let locations: BTreeSet<LocationId> = if plan.prefixes.is_empty() {
            self.locations.values().copied().collect()
        } else {
            plan.prefixes.iter().map(|p| self.location(p)).collect()
        };
        let id = self
            .services
            .catalog
            .create_plan(NewPlan {
                name: PlanName::parse(&plan.name).expect("a valid plan name"),
                description: plan
                    .description
                    .as_deref()
                    .map(|d| orders::PlanDescription::parse(d).expect("a valid plan description")),
                kind: plan.kind,
                locations,
                is_test: plan.is_test,
                renewal: plan.renewal,
                ip_limit: kernel::CountLimit::upto(2).unwrap(),
                active: true,
            })
            .await
            .expect("create plan")
            .id;
        self.plans.insert(plan.name, id);
    }
}

fn next_serial() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
