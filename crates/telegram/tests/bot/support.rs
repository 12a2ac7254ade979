//! `spawn_bot`: the real bot (dispatcher, polling, router) wired to a fake Telegram and a
//! migrated SQLite store.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use inventory::InventoryService;
use kernel::{Clock, Currency, Secret, SystemClock, TelegramId};
use members::{Language, MemberService, MembersConfig, User};
use orders::{CatalogService, OrderService, SagaPolicy};
use panel_xui::{XuiConfig, XuiDriver};
use store::Store;
use telegram::bot::{BotDeps, BotSettings, Conversations};
use telegram::intake::PollingError;
use telegram::{Bot, BotApi, CallbackCodec, CallbackKey, Dispatcher, DispatcherConfig, I18n};
use testkit::telegram::FakeTelegram;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use wallet::WalletService;

/// The app secret the test bots sign buttons with.
pub const SECRET: &str = "telegram-test-secret-key-0123456789abcdef";
/// Quiet time that means "the bot has answered".
pub const QUIET: Duration = Duration::from_millis(300);

/// A running bot.
pub struct RunningBot {
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), PollingError>>,
}

impl RunningBot {
    /// Stops polling and waits for queued updates.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.await.expect("polling task").expect("polling ended cleanly");
    }
}

/// A fresh in-memory store.
pub async fn memory_store() -> Store {
    let store = Store::connect("sqlite::memory:", &Secret::new(SECRET)).await.unwrap();
    store.migrate().await.unwrap();
    store
}

/// The 3x-ui driver with timeouts for panels on loopback.
pub fn panel_driver() -> XuiDriver {
    XuiDriver::new(XuiConfig {
        connect_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_secs(2),
        retries: 1,
        backoff: Duration::from_millis(5),
    })
    .expect("panel driver")
}

/// The bot's dependencies on `store`, talking to `fake`.
pub fn deps(fake: &FakeTelegram, store: &Store, secret: &str) -> BotDeps {
    deps_at(fake, store, secret, Arc::new(SystemClock))
}

/// [`deps`] reading the time from `clock`; every service shares it.
pub fn deps_at(fake: &FakeTelegram, store: &Store, secret: &str, clock: Arc<dyn Clock>) -> BotDeps {
    let members = Arc::new(MemberService::new(
        Arc::new(store.clone()),
        clock.clone(),
        MembersConfig {
            superadmins: BTreeSet::from([TelegramId::new(1).unwrap()]),
            default_language: Language::En,
        },
    ));
    let inventory = Arc::new(InventoryService::new(
        Arc::new(store.clone()),
        Arc::new(panel_driver()),
        clock.clone(),
    ));
    BotDeps {
        api: BotApi::new(&fake.api_url(), &Secret::new(fake.token())).unwrap(),
        i18n: Arc::new(I18n::new(Currency::from_code("IRT").unwrap()).unwrap()),
        codec: CallbackCodec::new(CallbackKey::derive(&Secret::new(secret))),
        members,
        wallet: Arc::new(WalletService::new(Arc::new(store.clone()), clock.clone())),
        catalog: Arc::new(CatalogService::new(
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            clock.clone(),
        )),
        orders: Arc::new(OrderService::new(
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            Arc::new(store.clone()),
            inventory.clone(),
            clock.clone(),
            SagaPolicy::default(),
        )),
        inventory,
        conversations: Conversations::new(Arc::new(store.clone()), time::Duration::hours(24)),
        clock,
        settings: BotSettings {
            support_contact: Some("@moon_support".into()),
            ..BotSettings::default()
        },
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
    let dispatcher = Dispatcher::new(
        Arc::new(bot.clone()),
        Arc::new(store.clone()),
        Arc::new(SystemClock),
        DispatcherConfig::default(),
    );
    let (stop, stopped) = oneshot::channel::<()>();
    let api = bot.deps().api.clone();
    let polling = dispatcher.clone();
    let task = tokio::spawn(async move {
        telegram::run_polling(
            &api,
            &polling,
            async {
                let _ = stopped.await;
            },
            Duration::from_secs(10),
        )
        .await
    });
    RunningBot { stop: Some(stop), task }
}

/// A fake with flood limits off (tests about 429 turn them on themselves).
pub async fn fake() -> FakeTelegram {
    let fake = FakeTelegram::start().await;
    fake.disable_rate_limit();
    fake
}

/// The stored user with this Telegram id.
pub async fn stored_user(store: &Store, telegram_id: i64) -> Option<User> {
    use members::MemberRepo;
    store
        .find_by_telegram(TelegramId::new(telegram_id).unwrap())
        .await
        .unwrap()
}

/// Waits (up to 10 s) until `done` holds, e.g. while the bot sleeps out a 429, which
/// `wait_idle` cannot see.
pub async fn wait_until(mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("condition not reached within 10 s");
}
