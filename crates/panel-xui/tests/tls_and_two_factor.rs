//! The driver against fake panels with two-factor login (the TOTP secret comes with the
//! connection) and with a self-signed TLS certificate.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use inventory::{CertPin, ClientEmail, ClientLimits, PanelClient, PanelConnection, PanelDriver, PanelError, PanelUrl};
use kernel::{Clock, Secret, SystemClock};
use panel_xui::{XuiConfig, XuiDriver};
use sha2::{Digest, Sha256};
use testkit::{FakePanel, FakePanelConfig, Fault, Generation, InboundSpec};
use time::OffsetDateTime;

const GENERATIONS: [Generation; 4] = [Generation::A, Generation::B, Generation::C, Generation::D];
const SECRET: &str = "JBSWY3DPEHPK3PXP";

fn driver() -> XuiDriver {
    XuiDriver::new(XuiConfig {
        connect_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_millis(500),
        retries: 1,
        backoff: Duration::from_millis(5),
    })
    .expect("driver")
}

fn conn(panel: &FakePanel) -> PanelConnection {
    PanelConnection {
        url: PanelUrl::new(&panel.url()).expect("panel url"),
        username: "admin".into(),
        password: Secret::new("admin"),
        api_token: None,
        two_factor_secret: None,
        allow_insecure_tls: false,
        tls_pin: None,
    }
}

/// The pin of the certificate `panel` serves.
fn served_pin(panel: &FakePanel) -> CertPin {
    let der = panel.certificate_der().expect("a TLS panel");
    CertPin::from_digest(Sha256::digest(der).into())
}

async fn two_factor_panel(generation: Generation) -> FakePanel {
    FakePanel::start(FakePanelConfig {
        generation,
        two_factor_secret: Some(SECRET.to_owned()),
        ..FakePanelConfig::default()
    })
    .await
}

async fn tls_panel(generation: Generation) -> FakePanel {
    FakePanel::start(FakePanelConfig {
        generation,
        tls: true,
        ..FakePanelConfig::default()
    })
    .await
}

/// A clock that is one TOTP window behind on its first reading (the code goes stale on the
/// way to the panel), then right.
struct LateFirstReading {
    read: AtomicBool,
}

impl Clock for LateFirstReading {
    fn now(&self) -> OffsetDateTime {
        let now = SystemClock.now();
        if self.read.swap(true, Ordering::SeqCst) {
            now
        } else {
            now - time::Duration::seconds(30)
        }
    }
}

#[tokio::test]
async fn the_connections_totp_secret_logs_in_on_every_generation() {
    for g in GENERATIONS {
        let panel = two_factor_panel(g).await;
        let c = PanelConnection {
            two_factor_secret: Some(Secret::new(SECRET)),
            ..conn(&panel)
        };

        let status = driver().server_status(&c).await;

        assert!(status.is_ok(), "{g:?}: {status:?}");
        assert_eq!(panel.login_count(), 1, "{g:?}");
    }
}

#[tokio::test]
async fn a_missing_secret_is_named_and_a_wrong_one_is_refused() {
    for g in GENERATIONS {
        let panel = two_factor_panel(g).await;
        let missing = driver().server_status(&conn(&panel)).await.map(drop);
        let wrong = PanelConnection {
            two_factor_secret: Some(Secret::new("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")),
            ..conn(&panel)
        };
        let refused = driver().server_status(&wrong).await.map(drop);

        assert_eq!(missing, Err(PanelError::TwoFactorRequired), "{g:?}");
        assert!(
            missing.unwrap_err().to_string().contains("two-factor (TOTP) secret"),
            "{g:?}"
        );
        assert_eq!(refused, Err(PanelError::LoginRefused), "{g:?}");
        assert_eq!(panel.login_count(), 0, "{g:?}");
    }
}

#[tokio::test]
async fn a_code_that_went_stale_on_the_way_is_replaced_once() {
    let panel = two_factor_panel(Generation::D).await;
    let d = driver().with_clock(Arc::new(LateFirstReading {
        read: AtomicBool::new(false),
    }));
    let c = PanelConnection {
        two_factor_secret: Some(Secret::new(SECRET)),
        ..conn(&panel)
    };

    let status = d.server_status(&c).await;

    assert!(status.is_ok(), "{status:?}");
    assert_eq!(panel.login_count(), 1);
}

#[tokio::test]
async fn a_self_signed_certificate_is_refused_as_untrusted_and_nothing_reaches_the_panel() {
    for g in [Generation::B, Generation::D] {
        let panel = tls_panel(g).await;

        let err = driver().server_status(&conn(&panel)).await.map(drop).unwrap_err();

        assert_eq!(err, PanelError::UntrustedCertificate, "{g:?}");
        assert!(err.to_string().contains("certificate is not trusted"), "{err}");
        assert!(panel.requests().is_empty(), "{g:?}: {:?}", panel.requests());
    }
}

#[tokio::test]
async fn a_refused_connection_is_still_unreachable_not_a_certificate_problem() {
    let panel = tls_panel(Generation::D).await;
    let mut c = conn(&panel);
    c.url = PanelUrl::new("https://127.0.0.1:9/x").unwrap();
    assert_eq!(driver().server_status(&c).await.map(drop), Err(PanelError::Unreachable));
    panel.set_fault(Some(Fault::Down));
    assert_eq!(
        driver().server_status(&conn(&panel)).await.map(drop),
        Err(PanelError::Unreachable)
    );
}

#[tokio::test]
async fn the_pin_read_on_first_use_is_the_certificate_the_panel_serves_and_no_request_is_made() {
    let panel = tls_panel(Generation::D).await;
    let c = PanelConnection {
        allow_insecure_tls: true,
        tls_pin: None,
        ..conn(&panel)
    };

    let pin = driver().certificate_pin(&c).await.unwrap();

    assert_eq!(pin, Some(served_pin(&panel)));
    assert_eq!(panel.login_count(), 0);
    let plain = FakePanel::start(FakePanelConfig::default()).await;
    assert_eq!(driver().certificate_pin(&conn(&plain)).await, Ok(None));
}

#[tokio::test]
async fn a_self_signed_panel_without_a_pin_is_refused_before_anything_is_sent() {
    let panel = tls_panel(Generation::D).await;
    let c = PanelConnection {
        allow_insecure_tls: true,
        tls_pin: None,
        ..conn(&panel)
    };

    let err = driver().server_status(&c).await.map(drop).unwrap_err();

    assert_eq!(err, PanelError::CertificateNotPinned);
    assert!(panel.requests().is_empty(), "{:?}", panel.requests());
}

#[tokio::test]
async fn a_pinned_panel_presenting_another_certificate_is_refused_with_both_fingerprints() {
    let panel = tls_panel(Generation::D).await;
    let other = tls_panel(Generation::D).await;
    let c = PanelConnection {
        allow_insecure_tls: true,
        tls_pin: Some(served_pin(&other)),
        ..conn(&panel)
    };

    let err = driver().server_status(&c).await.map(drop).unwrap_err();

    assert_eq!(
        err,
        PanelError::CertificateChanged {
            pinned: served_pin(&other),
            presented: served_pin(&panel),
        }
    );
    let message = err.to_string();
    assert!(message.contains(&served_pin(&panel).to_string()), "{message}");
    assert!(message.contains("--repin"), "{message}");
    assert!(
        panel.requests().is_empty(),
        "nothing reached the panel: {:?}",
        panel.requests()
    );
    assert_eq!(panel.login_count(), 0);
}

#[tokio::test]
async fn the_pinned_self_signed_certificate_connects_syncs_and_serves_links_over_https() {
    for g in [Generation::B, Generation::D] {
        let panel = tls_panel(g).await;
        let inbound = panel.add_inbound(InboundSpec::vmess_tcp(10086));
        let c = PanelConnection {
            allow_insecure_tls: true,
            tls_pin: Some(served_pin(&panel)),
            ..conn(&panel)
        };
        let d = driver();
        let client = PanelClient {
            email: ClientEmail::new("FR-MoonVPN-1001").unwrap(),
            key: "0b1c0b1c-0000-4000-8000-000000001001".into(),
            sub_id: "sub0000000001001".into(),
            limits: ClientLimits {
                total_bytes: kernel::ByteLimit::Unlimited,
                expires_at: None,
                ip_limit: kernel::CountLimit::Unlimited,
            },
            enabled: true,
            telegram_id: None,
        };

        assert!(d.server_status(&c).await.is_ok(), "{g:?}");
        let snapshot = d.snapshot(&c).await.unwrap();
        d.add_client(&c, inbound, &client).await.unwrap();
        let links = d.client_links(&c, inbound, &client.email).await.unwrap();

        assert_eq!(snapshot.inbounds.len(), 1, "{g:?}");
        assert!(panel.client("FR-MoonVPN-1001").is_some(), "{g:?}");
        assert!(links.config_url.starts_with("vmess://"), "{g:?}: {}", links.config_url);
        let sub = links.subscription_url.unwrap_or_default();
        assert!(sub.starts_with("https://"), "{g:?}: {sub}");
    }
}
