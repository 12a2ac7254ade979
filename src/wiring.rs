//! Opens the configured database and builds every domain service on it through the one
//! wiring, [`services::Services::build`], so the bot, the CLI and the background jobs run the
//! same use cases on the same adapters as the tests and the benches.
//!
//! ```no_run
//! # async fn demo(config: moonvpn::config::Config) -> Result<(), moonvpn::wiring::WiringError> {
//! let services = moonvpn::wiring::open(&config).await?;
//! let panels = services.fleet.panel_overviews().await;
//! # Ok(()) }
//! ```

use std::sync::Arc;
use std::time::Duration;

use inventory::{InventoryError, PanelDriver};
use kernel::{Clock, SystemClock};
use panel_xui::{BuildError, XuiConfig, XuiDriver};
pub use services::{CONVERSATION_TTL, ServicePolicy, Services};
use store::Store;
use telegram::bot::BotDeps;
use telegram::bot::topup::TopUpSettings;
use telegram::{BotApi, CallbackCodec, CallbackKey, I18n};

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
    /// The stored superadmins could not be made to match `admins.superadmins`.
    #[error("cannot apply admins.superadmins to the stored users: {0}")]
    Superadmins(#[from] members::MemberError),
}

/// The business settings of `config` (shop name, superadmins, default language, receipt TTL).
pub fn policy(config: &Config) -> ServicePolicy {
    let defaults = ServicePolicy::default();
    ServicePolicy {
        shop_name: config.shop_name().clone(),
        superadmins: config.superadmins().iter().copied().collect(),
        default_language: config.default_language(),
        support_contact: config.support_contact().cloned(),
        receipt_ttl: time::Duration::try_from(config.receipt_ttl()).unwrap_or(defaults.receipt_ttl),
        currency: config.currency(),
        receipt_amounts: (config.receipts().min_amount, config.receipts().max_amount),
        utc_offset: config.utc_offset(),
        ..defaults
    }
}

/// [`Services::build`] with the settings of `config` and the payment providers it enables.
pub fn services(config: &Config, store: Store, driver: Arc<dyn PanelDriver>, clock: Arc<dyn Clock>) -> Services {
    let services = Services::build(store, driver, clock, policy(config));
    // `Config` is only built after every enabled provider was checked by `gateways::build`.
    let services = match gateways::build(config.payments()) {
        Ok(enabled) => services.with_gateways(enabled),
        Err(e) => {
            tracing::error!(error = %e, "payment providers are not enabled");
            services
        }
    };
    match stars(config) {
        Some(stars) => services.with_stars(stars),
        None => services,
    }
}

/// Telegram Stars on the configured Bot API, when `[payments.stars]` enables it.
fn stars(config: &Config) -> Option<telegram::StarsGateway> {
    let settings = config.payments().stars.filter(|s| s.enabled)?;
    let rate = settings.checked_rate().ok()?;
    match telegram::BotApi::new(config.telegram().api_url(), config.telegram().token()) {
        Ok(api) => Some(telegram::StarsGateway::new(api, config.secret_key(), rate)),
        Err(e) => {
            tracing::error!(error = %e, "Telegram Stars is not enabled: no Bot API client");
            None
        }
    }
}

/// Everything the bot's screens use, with the button key and support contact of `config`.
pub fn bot_deps(config: &Config, services: &Services, api: BotApi, i18n: Arc<I18n>) -> BotDeps {
    let codec = CallbackCodec::new(CallbackKey::derive(config.secret_key()));
    let mut deps = services.bot_deps(api, i18n, codec);
    deps.settings.topup = TopUpSettings {
        presets: config.receipts().presets.clone(),
        audit_channel: config.receipts().audit_channel,
    };
    deps
}

/// The broadcast job's worker on `api`, with buttons signed by the key of `config`.
pub fn broadcast_worker(
    config: &Config,
    services: &Services,
    api: BotApi,
    i18n: Arc<I18n>,
) -> notify::broadcast::BroadcastWorker {
    let codec = CallbackCodec::new(CallbackKey::derive(config.secret_key()));
    services.broadcast_worker(api, i18n, codec)
}

/// Backups of the database `source` (see [`backup_source`]), for superadmins and the
/// scheduled job, audited in the shop's audit log.
pub fn backups(services: &Services, source: Store) -> members::Backups {
    members::Backups::new(
        Arc::new(source),
        services.members.clone(),
        Arc::new(services.store.clone()),
        services.clock.clone(),
    )
}

/// Where the scheduled backup reads from: on a SQLite file a connection of its own, so the
/// export's read transaction (WAL lets it run beside writes) never holds the one pooled
/// connection the bot writes through; otherwise the shop's pool.
pub async fn backup_source(config: &Config, services: &Services) -> Store {
    let url = config.database_url().expose();
    if !url.starts_with("sqlite:") || url.contains(":memory:") || url.contains("mode=memory") {
        return services.store.clone();
    }
    match Store::connect(url, config.secret_key()).await {
        Ok(store) => store,
        Err(e) => {
            tracing::warn!(error = %e, "no separate connection for backups; they share the bot's");
            services.store.clone()
        }
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
/// real 3x-ui driver, hands the stored generation pins to the driver, makes the stored
/// superadmins match `admins.superadmins` (the config is the truth; changes are audited) and
/// starts pinning self-signed panels that have no certificate pin yet.
pub async fn open(config: &Config) -> Result<Services, WiringError> {
    open_with(config, |driver| driver).await
}

/// [`open`], with the panel driver passed through `wrap` first (the app counts and times
/// every panel call for `/metrics` this way).
pub async fn open_with(
    config: &Config,
    wrap: impl FnOnce(Arc<dyn PanelDriver>) -> Arc<dyn PanelDriver>,
) -> Result<Services, WiringError> {
    let store = startup::connect(config).await?;
    startup::migrate_store(config, &store).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let driver = wrap(Arc::new(panel_driver(clock.clone())?));
    let services = services(config, store, driver, clock);
    services.fleet.restore_generation_pins().await?;
    services.members.sync_superadmins().await?;
    // Self-signed panels stored before pinning existed are pinned in the background (a panel
    // that is down is pinned by a later health check); until then nothing is sent to them.
    let fleet = services.fleet.clone();
    tokio::spawn(async move {
        if let Err(e) = fleet.pin_unpinned_panels().await {
            tracing::warn!(error = %e, "could not pin self-signed panel certificates at start-up");
        }
    });
    Ok(services)
}
