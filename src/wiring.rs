//! Builds every domain service from the configuration, the store and a panel driver, so the
//! bot, the CLI and the background jobs run the same use cases on the same adapters.
//!
//! ```no_run
//! # async fn demo(config: moonvpn::config::Config) -> Result<(), moonvpn::wiring::WiringError> {
//! let services = moonvpn::wiring::open(&config).await?;
//! let panels = services.inventory.panel_overviews().await;
//! # Ok(()) }
//! ```

use std::sync::Arc;
use std::time::Duration;

use inventory::{InventoryError, InventoryService, PanelDriver};
use kernel::{Clock, SystemClock};
use members::{Authorizer, MemberService, MembersConfig};
use orders::{CatalogService, OrderService, Provisioner, SagaPolicy};
use panel_xui::{BuildError, XuiConfig, XuiDriver};
use receipts::{BankCardService, ReceiptConfig, ReceiptService};
use store::Store;
use telegram::bot::{BotDeps, BotSettings, Conversations};
use telegram::{BotApi, CallbackCodec, CallbackKey, I18n};
use wallet::WalletService;

use crate::config::Config;
use crate::startup::{self, StartupError};

/// Why the services could not be built.
#[derive(Debug, thiserror::Error)]
pub enum WiringError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Startup(#[from] StartupError),
    /// The HTTP client for panels could not be set up.
    #[error(transparent)]
    Driver(#[from] BuildError),
    /// Stored panel settings could not be read.
    #[error("cannot read the stored panel settings: {0}")]
    Inventory(#[from] InventoryError),
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
    /// Balances and the ledger.
    pub wallet: Arc<WalletService>,
    /// Locations, panels, inbounds, client accounts and panel operations.
    pub inventory: Arc<InventoryService>,
    /// Plans and discount codes.
    pub catalog: Arc<CatalogService>,
    /// Orders and the purchase/renewal saga.
    pub orders: Arc<OrderService>,
    /// Bank cards for card-to-card payments.
    pub cards: Arc<BankCardService>,
    /// Card-to-card receipts.
    pub receipts: Arc<ReceiptService>,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl Services {
    /// Wires every service on `store` and `driver`.
    pub fn new(config: &Config, store: Store, driver: Arc<dyn PanelDriver>, clock: Arc<dyn Clock>) -> Self {
        let members = Arc::new(MemberService::new(
            Arc::new(store.clone()),
            clock.clone(),
            MembersConfig {
                superadmins: config.superadmins().iter().copied().collect(),
                default_language: config.default_language(),
            },
        ));
        let access: Arc<dyn Authorizer> = members.clone();
        let wallet =
            Arc::new(WalletService::new(Arc::new(store.clone()), clock.clone()).with_authorizer(access.clone()));
        let inventory = Arc::new(InventoryService::new(
            Arc::new(store.clone()),
            driver.clone(),
            clock.clone(),
        ));
        let provisioner: Arc<dyn Provisioner> = inventory.clone();
        let catalog = Arc::new(CatalogService::new(
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            clock.clone(),
        ));
        let orders = Arc::new(OrderService::new(
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            provisioner,
            clock.clone(),
            SagaPolicy::default(),
        ));
        let cards = Arc::new(BankCardService::new(
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
                ttl: time::Duration::try_from(config.receipt_ttl()).unwrap_or(time::Duration::minutes(30)),
                ..ReceiptConfig::default()
            },
        ));
        Self {
            store,
            clock,
            driver,
            members,
            wallet,
            inventory,
            catalog,
            orders,
            cards,
            receipts,
        }
    }
}

/// How long a half-finished conversation (waiting for an amount, a receipt…) stays valid.
pub const CONVERSATION_TTL: time::Duration = time::Duration::hours(24);

/// Everything the bot's screens use, on the wired services. The one place `BotDeps` is
/// built (the binary and the benchmark both call it).
pub fn bot_deps(config: &Config, services: &Services, api: BotApi, i18n: Arc<I18n>) -> BotDeps {
    BotDeps {
        api,
        i18n,
        codec: CallbackCodec::new(CallbackKey::derive(config.secret_key())),
        members: services.members.clone(),
        wallet: services.wallet.clone(),
        catalog: services.catalog.clone(),
        orders: services.orders.clone(),
        inventory: services.inventory.clone(),
        conversations: Conversations::new(Arc::new(services.store.clone()), CONVERSATION_TTL),
        clock: services.clock.clone(),
        settings: BotSettings {
            support_contact: config.support_contact().map(str::to_owned),
            conversation_ttl: CONVERSATION_TTL,
        },
    }
}

/// The 3x-ui driver with the timeouts MoonVPN uses for panels across the Internet.
pub fn panel_driver(clock: Arc<dyn Clock>) -> Result<XuiDriver, BuildError> {
    let config = XuiConfig {
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(20),
        ..XuiConfig::default()
    };
    Ok(XuiDriver::new(config)?.with_clock(clock))
}

/// Opens the configured database, brings its schema up to date, builds every service on the
/// real 3x-ui driver and hands the stored generation pins to the driver.
pub async fn open(config: &Config) -> Result<Services, WiringError> {
    let store = startup::connect(config).await?;
    startup::migrate_store(config, &store).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let driver: Arc<dyn PanelDriver> = Arc::new(panel_driver(clock.clone())?);
    let services = Services::new(config, store, driver, clock);
    services.inventory.restore_generation_pins().await?;
    Ok(services)
}
