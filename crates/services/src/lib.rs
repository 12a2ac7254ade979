//! The one wiring of MoonVPN: [`Services::build`] turns a store, a panel driver, a clock and a
//! [`ServicePolicy`] into every domain service, and [`Services::bot_deps`] hands them to the
//! bot. The binary, the bot tests (through `moonvpn-testshop`), the end-to-end tests and the
//! benches all call these two functions, so a service wired one way in production cannot be
//! wired another way in a test.
//!
//! The crate reads no configuration: the app turns `moonvpn.toml` into a [`ServicePolicy`],
//! a test writes one by hand.
#![forbid(unsafe_code)]

mod order_payer;

use std::collections::BTreeSet;
use std::sync::Arc;

use inventory::{AccountService, FleetService, PanelDriver, PlacementService};
use kernel::{Clock, Currency, ShopName, TelegramId};
use members::{Authorizer, Language, MemberService, MembersConfig, SupportContact};
use notify::broadcast::{BroadcastService, BroadcastWorker};
use notify::{MessageService, ShownInline};
use orders::{CatalogService, OrderService, Provisioner, SagaPolicy, StatsService};
use payments::{Gateways, PaymentService};
use receipts::{BankCardService, ReceiptConfig, ReceiptService};
use store::Store;
use telegram::bot::topup::TopUpSettings;
use telegram::bot::{BotDeps, BotSettings, Conversations};
use telegram::{BotApi, CallbackCodec, I18n, StarsGateway, TelegramBroadcaster};
use wallet::WalletService;

/// The business settings the services need: who is a superadmin, the language new users
/// start in, how long a card-to-card receipt may wait and how much it may top up, how the
/// purchase saga retries.
#[derive(Clone, Debug)]
pub struct ServicePolicy {
    /// The shop's name: in the welcome text and in the name of every new client on a panel.
    pub shop_name: ShopName,
    /// Telegram ids that are superadmins whatever the database says.
    pub superadmins: BTreeSet<TelegramId>,
    /// The language a new user starts in, until a superadmin sets another in the bot.
    pub default_language: Language,
    /// How users reach support (`support.contact`), until a superadmin sets another.
    pub support_contact: Option<SupportContact>,
    /// How long a card-to-card receipt waits for an admin before it expires.
    pub receipt_ttl: time::Duration,
    /// Retries and timeouts of the purchase/renewal saga.
    pub saga: SagaPolicy,
    /// The currency the shop keeps its books in (payment providers convert from it).
    pub currency: Currency,
    /// The smallest and the largest card-to-card top-up.
    pub receipt_amounts: (kernel::Money, kernel::Money),
    /// The shop's time, as an offset from UTC: its days (stats' today and revenue per day,
    /// the audit log's day filter) run midnight to midnight there, and the audit log shows
    /// its times there.
    pub utc_offset: time::UtcOffset,
}

impl Default for ServicePolicy {
    /// Named MoonVPN, no superadmin, English, receipts valid for 30 minutes, the default saga policy, Toman, UTC days.
    fn default() -> Self {
        Self {
            shop_name: ShopName::default(),
            superadmins: BTreeSet::new(),
            default_language: Language::En,
            support_contact: None,
            receipt_ttl: ReceiptConfig::default().ttl,
            saga: SagaPolicy::default(),
            currency: Currency::from_code("IRT").expect("IRT is supported"),
            receipt_amounts: (ReceiptConfig::default().min_amount, ReceiptConfig::default().max_amount),
            utc_offset: time::UtcOffset::UTC,
        }
    }
}

/// Every domain service, sharing one store, one panel driver and one clock. Cheap to clone.
#[derive(Clone)]
pub struct Services {
    /// The database (every repository port).
    pub store: Store,
    /// The clock every service reads.
    pub clock: Arc<dyn Clock>,
    /// The 3x-ui driver (sessions and generation pins are shared by every use case).
    pub driver: Arc<dyn PanelDriver>,
    /// Users, roles, settings, audit log.
    pub members: Arc<MemberService>,
    /// Balances and the ledger; admin adjustments are checked by `members`.
    pub wallet: Arc<WalletService>,
    /// Panels: health, pins, sync, reconcile and the admin's panel operations.
    pub fleet: Arc<FleetService>,
    /// Locations, inbounds (sale, capacity) and allocation of new clients.
    pub placement: Arc<PlacementService>,
    /// Client accounts: provisioning (the saga's provisioner), usage, rekey, transfer,
    /// extension and traffic reset.
    pub accounts: Arc<AccountService>,
    /// Plans and discount codes.
    pub catalog: Arc<CatalogService>,
    /// Orders and the purchase/renewal saga.
    pub orders: Arc<OrderService>,
    /// Bank cards for card-to-card payments.
    pub cards: Arc<BankCardService>,
    /// Card-to-card receipts.
    pub receipts: Arc<ReceiptService>,
    /// Payments through providers; none is enabled until [`Services::with_gateways`].
    pub payments: Arc<PaymentService>,
    /// Telegram Stars, once enabled by [`Services::with_stars`].
    pub stars: Option<Arc<StarsGateway>>,
    /// The shop's numbers for admins (Stats screen, `moonvpn stats`).
    pub stats: Arc<StatsService>,
    /// Broadcast campaigns (admins compose, start, pause, resume, cancel).
    pub broadcasts: Arc<BroadcastService>,
    /// Admins writing to one user (bot and `moonvpn user message`).
    pub messages: Arc<MessageService>,
    gateways: Gateways,
    /// The shop's currency.
    pub currency: Currency,
    /// The shop's name (`[shop] name`).
    pub shop_name: ShopName,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

/// How long a half-finished conversation (waiting for an amount, a receipt…) stays valid.
pub const CONVERSATION_TTL: time::Duration = time::Duration::hours(24);

impl Services {
    /// Wires every service on `store`, `driver` and `clock` under `policy`. Role checks
    /// (wallet adjustments, cards, receipts) all go through the one member service.
    pub fn build(store: Store, driver: Arc<dyn PanelDriver>, clock: Arc<dyn Clock>, policy: ServicePolicy) -> Self {
        let members = Arc::new(
            MemberService::new(
                Arc::new(store.clone()),
                clock.clone(),
                MembersConfig {
                    superadmins: policy.superadmins,
                    default_language: policy.default_language,
                },
            )
            .with_audit_log(Arc::new(store.clone()))
            .with_shop_settings(Arc::new(store.clone()), policy.support_contact)
            .with_utc_offset(policy.utc_offset)
            .with_tracking_owners(Arc::new(store.clone())),
        );
        let access: Arc<dyn Authorizer> = members.clone();
        let wallet =
            Arc::new(WalletService::new(Arc::new(store.clone()), clock.clone()).with_authorizer(access.clone()));
        let repo = Arc::new(store.clone());
        let placement = Arc::new(
            PlacementService::new(repo.clone(), repo.clone(), driver.clone(), clock.clone())
                .with_admin(access.clone(), repo.clone())
                .with_shop_name(policy.shop_name.clone()),
        );
        let accounts = Arc::new(
            AccountService::new(
                repo.clone(),
                repo.clone(),
                repo.clone(),
                placement.clone(),
                driver.clone(),
                clock.clone(),
            )
            .with_admin(access.clone(), repo.clone()),
        );
        let fleet = Arc::new(
            FleetService::new(repo.clone(), repo.clone(), repo.clone(), driver.clone(), clock.clone())
                .with_admin(access.clone(), repo),
        );
        let provisioner: Arc<dyn Provisioner> = accounts.clone();
        let catalog = Arc::new(CatalogService::new(
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            access.clone(),
            clock.clone(),
        ));
        let orders = Arc::new(
            OrderService::new(
                Arc::new(store.clone()),
                Arc::new(store.clone()),
                Arc::new(store.clone()),
                Arc::new(store.clone()),
                provisioner,
                clock.clone(),
                policy.saga,
            )
            .with_admin(access.clone(), Arc::new(store.clone())),
        );
        let cards = Arc::new(BankCardService::new(
            Arc::new(store.clone()),
            access.clone(),
            clock.clone(),
        ));
        let payments = Arc::new(
            PaymentService::new(Arc::new(store.clone()), Gateways::new(), clock.clone(), policy.currency)
                .with_admin(access.clone(), Arc::new(store.clone()))
                .with_orders(Arc::new(order_payer::SagaOrderPayer(orders.clone()))),
        );
        let stats = Arc::new(
            StatsService::new(Arc::new(store.clone()), access.clone(), clock.clone())
                .with_utc_offset(policy.utc_offset),
        );
        let broadcasts = Arc::new(BroadcastService::new(
            Arc::new(store.clone()),
            access.clone(),
            clock.clone(),
        ));
        let messages = Arc::new(MessageService::new(
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            access.clone(),
            clock.clone(),
        ));
        let receipts = Arc::new(ReceiptService::new(
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            access,
            clock.clone(),
            ReceiptConfig {
                ttl: policy.receipt_ttl,
                min_amount: policy.receipt_amounts.0,
                max_amount: policy.receipt_amounts.1,
                ..ReceiptConfig::default()
            },
        ));
        Self {
            store,
            clock,
            driver,
            members,
            wallet,
            fleet,
            placement,
            accounts,
            catalog,
            orders,
            cards,
            receipts,
            payments,
            stars: None,
            stats,
            broadcasts,
            messages,
            gateways: Gateways::new(),
            currency: policy.currency,
            shop_name: policy.shop_name,
        }
    }

    /// The same services with the payment providers `gateways` enabled too.
    #[must_use]
    pub fn with_gateways(mut self, gateways: Gateways) -> Self {
        self.gateways.extend(gateways);
        self.payments = Arc::new(
            PaymentService::new(
                Arc::new(self.store.clone()),
                self.gateways.clone(),
                self.clock.clone(),
                self.currency,
            )
            .with_admin(self.members.clone(), Arc::new(self.store.clone()))
            .with_orders(Arc::new(order_payer::SagaOrderPayer(self.orders.clone()))),
        );
        self
    }

    /// The same services with Telegram Stars enabled too.
    #[must_use]
    pub fn with_stars(mut self, stars: StarsGateway) -> Self {
        let stars = Arc::new(stars);
        self.stars = Some(stars.clone());
        let mut gateways = Gateways::new();
        gateways.insert(payments::Provider::Stars, stars as Arc<dyn payments::PaymentGateway>);
        self.with_gateways(gateways)
    }

    /// The broadcast job's worker: sends running campaigns through `api`'s bulk lane and
    /// edits the admins' progress messages (buttons signed with `codec`).
    pub fn broadcast_worker(&self, api: BotApi, i18n: Arc<I18n>, codec: CallbackCodec) -> BroadcastWorker {
        let sender = TelegramBroadcaster::new(
            api,
            i18n,
            codec,
            self.members.clone(),
            self.placement.clone(),
            self.clock.clone(),
        );
        BroadcastWorker::new(Arc::new(self.store.clone()), Arc::new(sender), self.clock.clone())
    }

    /// Everything the bot's screens use, on these services: the one place `BotDeps` is built.
    pub fn bot_deps(&self, api: BotApi, i18n: Arc<I18n>, codec: CallbackCodec) -> BotDeps {
        BotDeps {
            api,
            i18n,
            codec,
            members: self.members.clone(),
            wallet: self.wallet.clone(),
            catalog: self.catalog.clone(),
            orders: self.orders.clone(),
            fleet: self.fleet.clone(),
            placement: self.placement.clone(),
            accounts: self.accounts.clone(),
            receipts: self.receipts.clone(),
            payments: self.payments.clone(),
            broadcasts: self.broadcasts.clone(),
            messages: self.messages.clone(),
            stars: self.stars.clone(),
            stats: self.stats.clone(),
            receipt_posts: Arc::new(self.store.clone()),
            conversations: Conversations::new(Arc::new(self.store.clone()), CONVERSATION_TTL),
            sessions: Arc::new(self.store.clone()),
            clock: self.clock.clone(),
            shown_inline: ShownInline::new(Arc::new(self.store.clone()), self.clock.clone()),
            reminders: notify::ReminderService::new(Arc::new(self.store.clone()), self.clock.clone()),
            settings: BotSettings {
                shop_name: self.shop_name.clone(),
                conversation_ttl: CONVERSATION_TTL,
                topup: TopUpSettings::default(),
                buyer_wait: telegram::BUYER_WAIT,
            },
        }
    }
}
