use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use inventory::{MockPanelDriver, PanelConnection, PanelDriver, PanelError, PanelUrl};
use prometheus_parse::{Scrape, Value};

use super::*;

/// Parses `/metrics` text as Prometheus would: a malformed exposition fails the test.
fn parse(text: &str) -> Scrape {
    let lines = text.lines().map(|l| Ok(l.to_owned()));
    Scrape::parse(lines).unwrap_or_else(|e| panic!("not Prometheus text: {e}\n{text}"))
}

/// The value of the sample `name` whose labels include `labels`.
fn value(scrape: &Scrape, name: &str, labels: &[(&str, &str)]) -> Option<Value> {
    scrape
        .samples
        .iter()
        .find(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| s.value.clone())
}

fn number(scrape: &Scrape, name: &str, labels: &[(&str, &str)]) -> f64 {
    match value(scrape, name, labels) {
        Some(Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v)) => v,
        other => panic!("{name}{labels:?}: {other:?}"),
    }
}

fn histogram(scrape: &Scrape, name: &str, labels: &[(&str, &str)]) -> HashMap<String, f64> {
    match value(scrape, name, labels) {
        Some(Value::Histogram(buckets)) => buckets.iter().map(|b| (b.less_than.to_string(), b.count)).collect(),
        other => panic!("{name}{labels:?}: {other:?}"),
    }
}

#[test]
fn the_exposition_parses_and_counts_updates_into_histogram_buckets() {
    let metrics = Metrics::default();
    metrics.record_update(Duration::from_millis(3));
    metrics.record_update(Duration::from_millis(300));
    let scrape = parse(&metrics.render(Gauges {
        database_up: true,
        outbox_pending: Some(4),
        active_chats: 2,
    }));
    assert_eq!(number(&scrape, "moonvpn_updates_handled_total", &[]), 2.0);
    let buckets = histogram(&scrape, "moonvpn_update_duration_seconds", &[]);
    assert_eq!(buckets["0.005"], 1.0);
    assert_eq!(buckets["0.25"], 1.0);
    assert_eq!(buckets["0.5"], 2.0);
    assert_eq!(buckets["inf"], 2.0);
    assert_eq!(number(&scrape, "moonvpn_outbox_pending", &[]), 4.0);
    assert_eq!(number(&scrape, "moonvpn_database_up", &[]), 1.0);
    assert_eq!(number(&scrape, "moonvpn_active_chats", &[]), 2.0);
    assert_eq!(number(&scrape, "moonvpn_up", &[]), 1.0);
    assert!(
        scrape.docs.contains_key("moonvpn_errors_total"),
        "{:?}",
        scrape.docs.keys()
    );
}

#[test]
fn outbox_deliveries_are_counted_by_outcome() {
    let metrics = Metrics::default();
    metrics.record_delivery(&notify::DeliveryOutcome::Delivered);
    metrics.record_delivery(&notify::DeliveryOutcome::Delivered);
    metrics.record_delivery(&notify::DeliveryOutcome::RecipientGone);
    let scrape = parse(&metrics.render(Gauges::default()));
    assert_eq!(number(&scrape, "moonvpn_outbox_sent_total", &[]), 2.0);
    assert_eq!(number(&scrape, "moonvpn_outbox_failed_total", &[]), 1.0);
    assert_eq!(number(&scrape, "moonvpn_outbox_retried_total", &[]), 0.0);
}

#[test]
fn job_ticks_show_up_per_job_with_their_last_run() {
    let metrics = Metrics::default();
    metrics.record_job("outbox", JobTick::Succeeded(Duration::from_millis(5)));
    metrics.record_job("outbox", JobTick::Failed(Duration::from_millis(5)));
    metrics.record_job("panel-sync", JobTick::NotLeader);
    let text = metrics.render(Gauges::default());
    let scrape = parse(&text);
    let runs = |job, result| number(&scrape, "moonvpn_job_runs_total", &[("job", job), ("result", result)]);
    assert_eq!(runs("outbox", "ok"), 1.0);
    assert_eq!(runs("outbox", "error"), 1.0);
    assert_eq!(runs("panel-sync", "not_leader"), 1.0);
    assert_eq!(runs("panel-sync", "ok"), 0.0);
    assert_eq!(number(&scrape, "moonvpn_job_leader", &[("job", "panel-sync")]), 0.0);
    assert_eq!(number(&scrape, "moonvpn_job_leader", &[("job", "outbox")]), 1.0);
    assert!(number(&scrape, "moonvpn_job_last_run_timestamp_seconds", &[("job", "outbox")]) > 1.7e9);
    assert!(
        value(
            &scrape,
            "moonvpn_job_last_run_timestamp_seconds",
            &[("job", "panel-sync")]
        )
        .is_none(),
        "a job that never ran here has no last run: {text}"
    );
    assert!(
        value(&scrape, "moonvpn_outbox_pending", &[]).is_none(),
        "no figure when the database could not count"
    );
    let stats = metrics.job("outbox").expect("outbox ticked");
    assert_eq!((stats.succeeded, stats.failed, stats.skipped), (1, 1, 0));
    assert!(stats.last_success.is_some() && stats.leader);
    assert!(metrics.job("never").is_none());
}

fn connection(url: &str) -> PanelConnection {
    PanelConnection {
        url: PanelUrl::new(url).expect("a panel URL"),
        username: "admin".to_owned(),
        password: kernel::Secret::new("secret"),
        api_token: None,
        two_factor_secret: None,
        allow_insecure_tls: false,
        tls_pin: None,
    }
}

#[tokio::test]
async fn panel_calls_are_counted_and_timed_by_host_and_call_without_the_secret_path() {
    let metrics = Metrics::default();
    let mut inner = MockPanelDriver::new();
    inner.expect_restart_xray().times(1).returning(|_| Ok(()));
    inner
        .expect_online_clients()
        .times(2)
        .returning(|_| Err(PanelError::Timeout));
    let driver = metrics.meter_panels(Arc::new(inner));
    let panel = connection("https://fr1.example.com:2053/s3cretPath/");
    driver.restart_xray(&panel).await.expect("restarted");
    for _ in 0..2 {
        assert_eq!(driver.online_clients(&panel).await, Err(PanelError::Timeout));
    }
    let text = metrics.render(Gauges::default());
    assert!(!text.contains("s3cretPath"), "the panel's secret path leaked: {text}");
    let scrape = parse(&text);
    let host = ("panel", "fr1.example.com:2053");
    let calls = |call, result| {
        number(
            &scrape,
            "moonvpn_panel_calls_total",
            &[host, ("call", call), ("result", result)],
        )
    };
    assert_eq!(calls("restart_xray", "ok"), 1.0);
    assert_eq!(calls("online_clients", "timeout"), 2.0);
    let latency = histogram(
        &scrape,
        "moonvpn_panel_call_duration_seconds",
        &[host, ("call", "online_clients")],
    );
    assert_eq!(latency["inf"], 2.0);
}
