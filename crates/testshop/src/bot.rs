//! The real bot (dispatcher, polling, router) on the one wiring, talking to a fake Bot API.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use inventory::PanelDriver;
use kernel::{Clock, Currency, Secret, SystemClock, TelegramId};
use members::{MemberRepo, User};
use panel_xui::{XuiConfig, XuiDriver};
use services::{ServicePolicy, Services};
use store::Store;
use telegram::bot::BotDeps;
use telegram::bot::topup::TopUpSettings;
use telegram::intake::PollingError;
use telegram::{
    Bot, BotApi, CallbackCodec, CallbackKey, Dispatcher, DispatcherConfig, I18n, RateLimits, UpdateHandler,
};
use testkit::telegram::FakeTelegram;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The app secret test bots sign buttons and encrypt panel passwords with.
pub const SECRET: &str = "telegram-test-secret-key-0123456789abcdef";
/// Quiet time that means "the bot has answered".
pub const QUIET: Duration = Duration::from_millis(300);
/// The Telegram id that is a superadmin in every test shop.
pub const SUPERADMIN: i64 = 1;
/// The central channel test bots post every receipt to for review (#9).
pub const AUDIT_CHANNEL: i64 = -1_009_000_000_001;
/// The top-up amounts test bots offer as buttons, in Toman.
pub const TOP_UP_PRESETS: [i64; 4] = [50_000, 100_000, 200_000, 500_000];
/// The support contact test bots show under Help.
pub const SUPPORT_CONTACT: &str = "@moon_support";

/// A fresh, migrated in-memory SQLite store.
pub async fn memory_store() -> Store {
    let store = Store::connect("sqlite::memory:", &Secret::new(SECRET))
        .await
        .expect("open in-memory SQLite");
    store.migrate().await.expect("migrate");
    store
}

/// A fake Bot API with flood limits off (tests about 429 turn them on themselves).
pub async fn fake_telegram() -> FakeTelegram {
    let fake = FakeTelegram::start().await;
    fake.disable_rate_limit();
    fake
}

/// The 3x-ui driver with timeouts for panels on loopback.
pub fn loopback_panel_driver() -> XuiDriver {
    XuiDriver::new(XuiConfig {
        connect_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_secs(2),
        retries: 1,
        backoff: Duration::from_millis(5),
    })
    .expect("panel driver")
}

/// The policy of test shops: [`SUPERADMIN`] plus `admins` are superadmins, English by default,
/// support at [`SUPPORT_CONTACT`].
pub fn test_policy(admins: impl IntoIterator<Item = i64>) -> ServicePolicy {
    let superadmins: BTreeSet<TelegramId> = std::iter::once(SUPERADMIN)
        .chain(admins)
        .map(|id| TelegramId::new(id).expect("a valid Telegram id"))
        .collect();
    ServicePolicy {
        superadmins,
        support_contact: Some(members::SupportContact::new(SUPPORT_CONTACT).expect("a valid contact")),
        ..ServicePolicy::default()
    }
}

/// Every service on `store` through [`Services::build`], with the loopback panel driver.
pub fn test_services(store: &Store, clock: Arc<dyn Clock>, policy: ServicePolicy) -> Services {
    let driver: Arc<dyn PanelDriver> = Arc::new(loopback_panel_driver());
    Services::build(store.clone(), driver, clock, policy)
}

/// The bot's dependencies on `services`, talking to `fake`, signing buttons with `secret`.
/// The bot's own flood limiter is off like the fake's ([`fake_telegram`]); a test about
/// flood limits replaces `api` with one `.with_limits(RateLimits::default())`.
pub fn bot_deps_for(fake: &FakeTelegram, services: &Services, secret: &str) -> BotDeps {
    let api = BotApi::new(&fake.api_url(), &Secret::new(fake.token()))
        .expect("Bot API client")
        .with_limits(RateLimits::unthrottled());
    let i18n = Arc::new(I18n::new(Currency::from_code("IRT").expect("IRT")).expect("catalogs"));
    let codec = CallbackCodec::new(CallbackKey::derive(&Secret::new(secret)));
    let mut deps = services.bot_deps(api, i18n, codec);
    deps.settings.topup = TopUpSettings {
        presets: TOP_UP_PRESETS.iter().map(|toman| crate::money(*toman)).collect(),
        audit_channel: Some(AUDIT_CHANNEL),
    };
    deps
}

/// The bot's dependencies on `store`, talking to `fake` (system clock, test policy).
pub fn deps(fake: &FakeTelegram, store: &Store, secret: &str) -> BotDeps {
    deps_at(fake, store, secret, Arc::new(SystemClock))
}

/// [`deps`] reading the time from `clock`; every service shares it.
pub fn deps_at(fake: &FakeTelegram, store: &Store, secret: &str, clock: Arc<dyn Clock>) -> BotDeps {
    bot_deps_for(fake, &test_services(store, clock, test_policy([])), secret)
}

/// A running bot.
pub struct RunningBot {
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), PollingError>>,
    handled: Arc<AtomicUsize>,
}

/// The bot's update handler, counting the updates it finished (a test waits for those
/// rather than guessing from quiet at the fake Bot API; a slow handler makes no calls while
/// it works).
struct Counted {
    bot: Bot,
    handled: Arc<AtomicUsize>,
}

#[async_trait::async_trait]
impl UpdateHandler for Counted {
    async fn handle(&self, update: frankenstein::updates::Update) {
        /// Counts the update even when its handler panics.
        struct Done<'a>(&'a AtomicUsize);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let _done = Done(&self.handled);
        self.bot.handle(update).await;
    }
}

impl RunningBot {
    /// Updates this bot's handler finished (or panicked in) so far.
    pub fn updates_handled(&self) -> usize {
        self.handled.load(Ordering::SeqCst)
    }

    /// Stops polling and waits for queued updates; returns how many updates it handled.
    pub async fn stop(mut self) -> usize {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let handled = self.handled;
        self.task.await.expect("polling task").expect("polling ended cleanly");
        handled.load(Ordering::SeqCst)
    }
}

/// Starts the bot polling `fake`, storing in `store`.
pub fn spawn_bot(fake: &FakeTelegram, store: &Store) -> RunningBot {
    spawn_bot_with_secret(fake, store, SECRET)
}

/// Like [`spawn_bot`] with another signing secret.
pub fn spawn_bot_with_secret(fake: &FakeTelegram, store: &Store, secret: &str) -> RunningBot {
    spawn_bot_with_deps(deps(fake, store, secret), store)
}

/// Starts a bot over ready-made dependencies.
pub fn spawn_bot_with_deps(deps: BotDeps, store: &Store) -> RunningBot {
    let bot = Bot::new(deps);
    let handled = Arc::new(AtomicUsize::new(0));
    let counted = Counted {
        bot: bot.clone(),
        handled: handled.clone(),
    };
    let dispatcher = Dispatcher::new(
        Arc::new(counted),
        Arc::new(store.clone()),
        Arc::new(SystemClock),
        DispatcherConfig::default(),
    );
    let (stop, stopped) = oneshot::channel::<()>();
    let api = bot.deps().api.clone();
    let task = tokio::spawn(async move {
        telegram::run_polling(
            &api,
            &dispatcher,
            async {
                let _ = stopped.await;
            },
            Duration::from_secs(10),
        )
        .await
    });
    RunningBot {
        stop: Some(stop),
        task,
        handled,
    }
}

/// The stored user with this Telegram id.
pub async fn stored_user(store: &Store, telegram_id: i64) -> Option<User> {
    store
        .find_by_telegram(TelegramId::new(telegram_id).expect("a valid Telegram id"))
        .await
        .expect("read the user")
}
