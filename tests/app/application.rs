//! `Application::build` binds the listener before anything runs, so `http.listen =
//! 127.0.0.1:0` works and the caller reads the real port: no port is guessed.

use moonvpn::app::Application;
use moonvpn::config::{Config, OneOrMany, RawConfig};
use testkit::telegram::FakeTelegram;

const KEY: &str = "application-test-key-0123456789abcdef";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_application_binds_port_zero_reports_the_port_and_stops_when_asked() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut raw = RawConfig::default();
    raw.telegram.token = Some(fake.token().to_owned());
    raw.telegram.api_url = fake.api_url();
    raw.admins.superadmins = OneOrMany::One(42);
    raw.security.secret_key = Some(KEY.to_owned());
    raw.database.url = format!("sqlite://{}?mode=rwc", dir.path().join("app.db").display());
    raw.http.listen = "127.0.0.1:0".to_owned();
    let config = Config::try_from(raw).unwrap();

    let app = Application::build(config).await.unwrap();
    let port = app.port();
    assert_ne!(port, 0, "the real port, not the one asked for");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));

    let health = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    assert_eq!(health.text().await.unwrap(), "ok\n");

    stop.send(()).unwrap();
    running.await.unwrap().unwrap();
    assert!(
        reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await.is_err(),
        "the listener is closed after the stop"
    );
}
