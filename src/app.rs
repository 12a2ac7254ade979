//! `moonvpn run`: wire the services, start the HTTP server, the background jobs and the bot
//! (long polling or webhook), then stop all of it in order when asked.
//!
//! Shutdown order: stop taking updates (polling stops, or the HTTP server stops accepting
//! webhook calls), let every chat's queued updates finish, stop the jobs (a running one may
//! finish, then leases are given up), stop the HTTP server, close the database pool.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use notify::OutboxDispatcher;
use telegram::intake::{PollingError, WebhookSecretError, poll_until_stopped, register_webhook_until_done};
use telegram::{
    ApiError, Bot, BotApi, CallbackCodec, CallbackKey, Dispatcher, DispatcherConfig, I18n, TelegramNotifier,
    WebhookSecret,
};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::config::{Config, TelegramMode};
use crate::http::{self, HttpState};
use crate::jobs::{self, JobRunner};
use crate::metrics::{CountingHandler, Metrics};
use crate::wiring::{self, Services, WiringError};

/// How long queued updates may take to finish at shutdown.
pub const DRAIN_GRACE: Duration = Duration::from_secs(5);
/// How long a running job may take to finish at shutdown.
pub const JOBS_GRACE: Duration = Duration::from_secs(2);

/// Why `moonvpn run` could not start, or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The database or the services could not be set up.
    #[error(transparent)]
    Wiring(#[from] WiringError),
    /// The Telegram client could not be built.
    #[error("cannot set up the Telegram client: {0}")]
    Telegram(ApiError),
    /// The message catalogs could not be loaded.
    #[error("cannot load the message catalogs: {0}")]
    Catalogs(String),
    /// `http.listen` is taken or not ours.
    #[error("cannot listen on {addr} (http.listen): {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The webhook secret is not one Telegram accepts.
    #[error("telegram.webhook_secret: {0}")]
    WebhookSecret(WebhookSecretError),
    /// Telegram refused the token while polling.
    #[error(transparent)]
    Polling(#[from] PollingError),
}

/// Runs MoonVPN until `shutdown` completes: [`Application::build`] then
/// [`Application::run_until_stopped`].
pub async fn run(config: Config, shutdown: impl Future<Output = ()>) -> Result<(), RunError> {
    Application::build(config).await?.run_until_stopped(shutdown).await
}

/// A wired MoonVPN whose HTTP listener is already bound (so `http.listen = 127.0.0.1:0`
/// works: tests and operators read the real port from [`Application::port`] or the
/// "moonvpn is running" log line). Nothing runs until [`Application::run_until_stopped`].
pub struct Application {
    config: Config,
    services: Services,
    metrics: Arc<Metrics>,
    listener: TcpListener,
    addr: SocketAddr,
}

impl Application {
    /// Opens and migrates the database, wires every service and binds `http.listen`.
    pub async fn build(config: Config) -> Result<Self, RunError> {
        let metrics = Metrics::new();
        let services = wiring::open_with(&config, |driver| Arc::new(metrics.meter_panels(driver))).await?;
        let addr = config.http_listen();
        let listener = match TcpListener::bind(addr).await {
            Ok(listener) => listener,
            Err(source) => {
                close_store(&services).await;
                return Err(RunError::Listen { addr, source });
            }
        };
        let addr = listener.local_addr().unwrap_or(addr);
        Ok(Self {
            config,
            services,
            metrics,
            listener,
            addr,
        })
    }

    /// The address the HTTP server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port the HTTP server listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Serves (HTTP, jobs, the bot) until `shutdown` completes, then stops in order and
    /// closes the database.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()>) -> Result<(), RunError> {
        let Self {
            config,
            services,
            metrics,
            listener,
            addr,
        } = self;
        let result = serve(&config, &services, metrics, listener, addr, shutdown).await;
        close_store(&services).await;
        if result.is_ok() {
            tracing::info!("moonvpn stopped");
        }
        result
    }
}

async fn close_store(services: &Services) {
    tracing::info!("closing the database");
    if let Err(e) = services.store.clone().close().await {
        tracing::warn!(error = %e, "closing the database failed");
    }
}

async fn serve(
    config: &Config,
    services: &Services,
    metrics: Arc<Metrics>,
    listener: TcpListener,
    bound: SocketAddr,
    shutdown: impl Future<Output = ()>,
) -> Result<(), RunError> {
    let api = BotApi::new(config.telegram().api_url(), config.telegram().token())
        .map_err(RunError::Telegram)?
        .with_limits(config.rate_limits());
    metrics.watch_telegram(&api);
    let i18n = Arc::new(I18n::new(config.currency()).map_err(|e| RunError::Catalogs(e.to_string()))?);
    let bot = Bot::new(wiring::bot_deps(config, services, api.clone(), i18n.clone()));
    let handler = Arc::new(CountingHandler::new(Arc::new(bot.clone()), metrics.clone()));
    let dispatcher = Dispatcher::with_overflow(
        handler,
        Some(Arc::new(bot.clone())),
        Arc::new(services.store.clone()),
        services.clock.clone(),
        DispatcherConfig::default(),
    );

    let mut router = http::router(HttpState {
        probe: Arc::new(services.store.clone()),
        metrics: metrics.clone(),
        dispatcher: dispatcher.clone(),
    })
    .merge(crate::http_payments::router(services.payments.clone()));
    let webhook = match config.telegram().webhook() {
        Some(webhook) => {
            let secret = WebhookSecret::new(webhook.secret().clone()).map_err(RunError::WebhookSecret)?;
            router = router.merge(telegram::webhook_router(
                dispatcher.clone(),
                secret.clone(),
                &config.telegram().webhook_path(),
            ));
            config.telegram().webhook_endpoint().map(|url| (url, secret))
        }
        None => None,
    };
    let router = crate::http_limits::guard(
        router,
        &crate::http_limits::HttpLimits::new(config.metrics_token().cloned()),
    );
    let (stop_http, http_stopped) = oneshot::channel::<()>();
    let http_server = tokio::spawn(async move {
        let stopped = async {
            let _ = http_stopped.await;
        };
        crate::http_server::serve(listener, router, crate::http_server::HEADER_READ_TIMEOUT, stopped).await;
    });

    let publisher = bot.clone();
    let commands = tokio::spawn(async move {
        if let Err(e) = publisher.publish_commands().await {
            tracing::warn!(error = %e, "cannot publish the bot's command menu; it is tried again at the next start");
        }
    });

    let mut notifier = TelegramNotifier::new(api.clone(), i18n.clone(), services.members.clone())
        .with_wallet(services.wallet.clone())
        .with_buttons(CallbackCodec::new(CallbackKey::derive(config.secret_key())));
    if let Some(channel) = config.alert_channel() {
        notifier = notifier.with_alert_channel(channel);
    }
    let outbox = OutboxDispatcher::new(
        Arc::new(services.store.clone()),
        Arc::new(crate::metrics::CountingNotifier::new(
            Arc::new(notifier),
            metrics.clone(),
        )),
        services.clock.clone(),
    );
    let runner = JobRunner::new(
        Arc::new(services.store.clone()),
        services.clock.clone(),
        jobs::holder_id(),
        metrics.clone(),
    );
    let mut scheduled = jobs::standard_jobs(services, outbox, config.reconcile_interval(), &bot);
    scheduled.push(Arc::new(jobs::broadcasts(
        crate::wiring::broadcast_worker(config, services, api.clone(), i18n.clone()),
        metrics.clone(),
    )));
    if let Some(every) = config.backup_interval() {
        let backups = wiring::backups(services, wiring::backup_source(config, services).await);
        scheduled.push(Arc::new(jobs::backup(jobs::BackupSender::new(
            Arc::new(backups),
            services.members.clone(),
            api.clone(),
            i18n,
            config.superadmins().to_vec(),
            every,
        ))));
    }
    let running_jobs = runner.start(scheduled);

    tracing::info!(
        bot = config.telegram().bot_id(),
        mode = config.telegram().mode().as_str(),
        http = %bound,
        instance = runner.holder(),
        superadmins = config.superadmins().len(),
        currency = config.currency().code(),
        "moonvpn is running; press Ctrl-C to stop"
    );
    crate::first_run::announce(services).await;

    let outcome = match (config.telegram().mode(), webhook) {
        (TelegramMode::Webhook, Some((url, secret))) => {
            let registration = tokio::spawn(register_webhook_until_done(api.clone(), url, secret));
            shutdown.await;
            tracing::info!("shutting down: no more webhook calls");
            registration.abort();
            stop_server(stop_http, http_server).await;
            if !dispatcher.shutdown(DRAIN_GRACE).await {
                tracing::warn!("some updates were still running after {DRAIN_GRACE:?}; they are abandoned");
            }
            Ok(())
        }
        _ => {
            let outcome = poll_until_stopped(api, dispatcher, shutdown, DRAIN_GRACE).await;
            stop_server(stop_http, http_server).await;
            outcome.map_err(RunError::from)
        }
    };
    commands.abort();
    tracing::info!("stopping background jobs");
    if !running_jobs.stop(JOBS_GRACE).await {
        tracing::warn!("a job was still running after {JOBS_GRACE:?}; it was abandoned and runs again later");
    }
    outcome
}

async fn stop_server(stop: oneshot::Sender<()>, server: tokio::task::JoinHandle<()>) {
    let _ = stop.send(());
    let mut server = server;
    if tokio::time::timeout(Duration::from_secs(2), &mut server).await.is_err() {
        server.abort();
    }
}
