//! Operating the real binary: `/healthz`, `/metrics`, webhook mode, and the job leases.

use crate::e2e_support;

use e2e_support::{E2e, Running, fake_panel, wait_until};

/// The value of the first sample line starting with `series` (`name{labels}`).
fn sample(metrics: &str, series: &str) -> Option<f64> {
    metrics
        .lines()
        .find(|l| l.starts_with(series) && l[series.len()..].starts_with(' '))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_metrics_report_updates_the_outbox_jobs_and_panel_calls() {
    let mut shop = E2e::new().await;
    let panel = fake_panel(443).await;
    shop.add_panel(&panel, "France", "FR").await;
    shop.start().await;
    let (status, body) = shop.get("/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok\n"));

    let user = shop.customer(3001).await;
    user.tap_button("Wallet");
    shop.idle().await;
    shop.cli_json(&[
        "user",
        "adjust-balance",
        "3001",
        "--credit",
        "5000",
        "--reason",
        "welcome gift",
    ])
    .await;
    wait_until(10, "the outbox job delivers the notice", || {
        user.bot_messages()
            .iter()
            .any(|m| m.text_or_empty().contains("Your balance was increased by 5,000 Toman"))
    })
    .await;

    let (status, metrics) = shop.get("/metrics").await;
    assert_eq!(status, 200);
    let handled = sample(&metrics, "moonvpn_updates_handled_total").unwrap();
    assert!(handled >= 3.0, "/start, English, Wallet: {metrics}");
    assert_eq!(sample(&metrics, "moonvpn_update_duration_seconds_count"), Some(handled));
    assert_eq!(sample(&metrics, "moonvpn_database_up"), Some(1.0));
    assert_eq!(sample(&metrics, "moonvpn_outbox_pending"), Some(0.0), "{metrics}");
    assert!(sample(&metrics, "moonvpn_job_runs_total{job=\"outbox\",result=\"ok\"}").unwrap() >= 1.0);
    for job in [
        "outbox",
        "order-recovery",
        "receipt-expiry",
        "panel-sync",
        "health-check",
    ] {
        assert_eq!(
            sample(&metrics, &format!("moonvpn_job_leader{{job=\"{job}\"}}")),
            Some(1.0),
            "the only instance runs {job}: {metrics}"
        );
        assert!(
            sample(
                &metrics,
                &format!("moonvpn_job_last_success_timestamp_seconds{{job=\"{job}\"}}")
            )
            .is_some(),
            "{job} ran once at start: {metrics}"
        );
    }
    let host = panel.url().split('/').nth(2).expect("host:port").to_owned();
    let health_calls = format!("moonvpn_panel_calls_total{{panel=\"{host}\",call=\"snapshot\",result=\"ok\"}}");
    assert!(
        sample(&metrics, &health_calls).is_some_and(|n| n >= 1.0),
        "the start-up panel sync called the panel: {metrics}"
    );
    assert!(
        metrics.contains(&format!(
            "moonvpn_panel_call_duration_seconds_count{{panel=\"{host}\",call=\"snapshot\"}}"
        )),
        "{metrics}"
    );
    shop.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_mode_registers_with_telegram_and_serves_updates_over_http() {
    let mut shop = E2e::new().await;
    let public = shop.public_url();
    shop.env("MOONVPN_TELEGRAM__MODE", "webhook");
    shop.env("MOONVPN_TELEGRAM__WEBHOOK_URL", &public);
    shop.env("MOONVPN_TELEGRAM__WEBHOOK_SECRET", "e2e-webhook-secret-0123456789");
    shop.start().await;
    wait_until(10, "the webhook is registered", || shop.fake.webhook().is_some()).await;
    let (url, secret) = shop.fake.webhook().unwrap();
    assert!(url.starts_with(&format!("{public}/telegram/")), "{url}");
    assert!(!url.contains(shop.fake.token()), "the token is not in the URL");
    assert_eq!(secret.as_deref(), Some("e2e-webhook-secret-0123456789"));

    let user = shop.customer(3002).await;
    user.tap_button("Wallet");
    shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .contains("Your wallet balance")
    );
    assert!(
        shop.fake.calls_to("getUpdates").is_empty(),
        "no polling in webhook mode"
    );

    // Straight to the bound port, past the "reverse proxy" the fake resolves the host with.
    let direct = url.replace(&public, &format!("http://{}", shop.http()));
    let forged = reqwest::Client::new()
        .post(&direct)
        .header("x-telegram-bot-api-secret-token", "wrong-secret-0123456789")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 401);
    shop.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_run_each_job_once_between_them() {
    let mut first = E2e::new().await;
    first.env("MOONVPN_TELEGRAM__MODE", "webhook");
    first.env("MOONVPN_TELEGRAM__WEBHOOK_URL", &first.public_url());
    first.env("MOONVPN_TELEGRAM__WEBHOOK_SECRET", "e2e-webhook-secret-0123456789");
    first.start().await;
    wait_until(10, "the first instance runs the outbox", || {
        first.logged("this instance runs the job")
    })
    .await;

    let mut second = first.command();
    second.arg("run");
    let mut second = Running::spawn(second);
    let second_http = second.bound_addr().await;
    let metrics_of = |addr: std::net::SocketAddr| async move {
        for _ in 0..200 {
            if let Ok(r) = reqwest::get(format!("http://{addr}/metrics")).await {
                let text = r.text().await.unwrap();
                if sample(&text, "moonvpn_job_leader{job=\"outbox\"}").is_some() {
                    return text;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no job metrics from {addr}");
    };
    let theirs = metrics_of(second_http).await;
    let ours = metrics_of(first.http()).await;
    for job in [
        "outbox",
        "order-recovery",
        "receipt-expiry",
        "panel-sync",
        "health-check",
    ] {
        let series = format!("moonvpn_job_leader{{job=\"{job}\"}}");
        assert_eq!(sample(&ours, &series), Some(1.0), "the first instance keeps {job}");
        assert_eq!(sample(&theirs, &series), Some(0.0), "the second waits for {job}");
    }

    first.stop().await;
    let status = second.terminate().await;
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_telegram_refuses_stops_run_with_exit_1_and_says_so() {
    let shop = E2e::new().await;
    let mut cmd = shop.command();
    cmd.arg("run").env("MOONVPN_TELEGRAM__TOKEN", "999999:WRONG-TOKEN");
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let last = err.lines().last().unwrap_or_default();
    assert_eq!(
        last, "error: Telegram refused the bot token; check telegram.token",
        "{err}"
    );
}
