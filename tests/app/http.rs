//! `/healthz` and `/metrics` of the app's HTTP server, including a database that is gone.

use std::sync::Arc;

use async_trait::async_trait;
use kernel::{Secret, SystemClock};
use moonvpn::http::{HttpState, router};
use moonvpn::metrics::Metrics;
use store::Store;
use telegram::{Dispatcher, DispatcherConfig, UpdateHandler};

struct Nothing;

#[async_trait]
impl UpdateHandler for Nothing {
    async fn handle(&self, _update: frankenstein::updates::Update) {}
}

async fn serve(store: Store) -> String {
    serve_counting(store, Metrics::new()).await
}

async fn serve_counting(store: Store, metrics: Arc<Metrics>) -> String {
    let dispatcher = Dispatcher::new(
        Arc::new(Nothing),
        Arc::new(store.clone()),
        Arc::new(SystemClock),
        DispatcherConfig::default(),
    );
    let app = router(HttpState {
        probe: Arc::new(store),
        metrics,
        dispatcher,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

async fn get(url: String) -> (u16, String) {
    let r = reqwest::get(url).await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn store() -> Store {
    let store = Store::connect("sqlite::memory:", &Secret::new("http-test-secret-0123456789abcdef"))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store
}

#[tokio::test]
async fn healthz_is_ok_while_the_database_answers() {
    let base = serve(store().await).await;
    assert_eq!(get(format!("{base}/healthz")).await, (200, "ok\n".to_owned()));
}

#[tokio::test]
async fn healthz_is_503_when_the_database_is_gone_and_metrics_say_so() {
    let store = store().await;
    let base = serve(store.clone()).await;
    store.close().await.unwrap();

    assert_eq!(
        get(format!("{base}/healthz")).await,
        (503, "database unreachable\n".to_owned())
    );
    let (status, metrics) = get(format!("{base}/metrics")).await;
    assert_eq!(status, 200, "metrics still answer");
    assert!(metrics.contains("moonvpn_database_up 0\n"), "{metrics}");
    assert!(!metrics.contains("moonvpn_outbox_pending"), "{metrics}");
}

#[tokio::test]
async fn metrics_are_prometheus_text_with_help_and_type_lines() {
    let base = serve(store().await).await;
    let r = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4"),
        "{:?}",
        r.headers()
    );
    let text = r.text().await.unwrap();
    let scrape = prometheus_parse::Scrape::parse(text.lines().map(|l| Ok(l.to_owned())))
        .unwrap_or_else(|e| panic!("Prometheus cannot read /metrics: {e}\n{text}"));
    let sample = |name: &str| {
        scrape
            .samples
            .iter()
            .find(|s| s.metric == name)
            .map(|s| s.value.clone())
    };
    assert_eq!(
        sample("moonvpn_updates_handled_total"),
        Some(prometheus_parse::Value::Counter(0.0)),
        "{text}"
    );
    assert_eq!(
        sample("moonvpn_outbox_pending"),
        Some(prometheus_parse::Value::Gauge(0.0)),
        "{text}"
    );
    assert!(
        matches!(
            sample("moonvpn_update_duration_seconds"),
            Some(prometheus_parse::Value::Histogram(_))
        ),
        "{text}"
    );
    for name in [
        "moonvpn_updates_handled_total",
        "moonvpn_update_duration_seconds",
        "moonvpn_outbox_pending",
    ] {
        assert!(scrape.docs.contains_key(name), "HELP for {name} in {text}");
    }
}

/// A transport that answers every notice with the outcome it is given.
struct Answers(notify::DeliveryOutcome);

#[async_trait]
impl notify::Notifier for Answers {
    async fn deliver(&self, _entry: &notify::OutboxEntry) -> notify::DeliveryOutcome {
        self.0.clone()
    }
}

#[tokio::test]
async fn outbox_deliveries_and_telegrams_429s_are_counted_on_metrics() {
    use moonvpn::metrics::CountingNotifier;
    use notify::{DeliveryOutcome, NewNotice, Notice, Notifier, OutboxEntry, OutboxStatus};

    let metrics = Metrics::new();
    let entry = OutboxEntry {
        id: kernel::NoticeId::new(1),
        notice: NewNotice::to_admins(Notice::PanelUp {
            panel: kernel::PanelId::new(1),
            name: "Paris".into(),
        }),
        status: OutboxStatus::Pending,
        attempts: 1,
        created_at: time::OffsetDateTime::UNIX_EPOCH,
    };
    for (outcome, times) in [
        (DeliveryOutcome::Delivered, 3),
        (DeliveryOutcome::RecipientGone, 1),
        (DeliveryOutcome::RetryAfter(time::Duration::seconds(5)), 2),
    ] {
        let notifier = CountingNotifier::new(Arc::new(Answers(outcome)), metrics.clone());
        for _ in 0..times {
            notifier.deliver(&entry).await;
        }
    }
    let api = telegram::BotApi::new("http://127.0.0.1:9", &Secret::new("1:token")).unwrap();
    metrics.watch_telegram(&api);
    api.limiter().pause(std::time::Duration::ZERO);

    let (_, text) = get(format!("{}/metrics", serve_counting(store().await, metrics).await)).await;

    for line in [
        "moonvpn_outbox_sent_total 3\n",
        "moonvpn_outbox_failed_total 1\n",
        "moonvpn_outbox_retried_total 2\n",
        "moonvpn_telegram_rate_limited_total 1\n",
        "moonvpn_outbox_pending 0\n",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
}
