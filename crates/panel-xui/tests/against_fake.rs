//! The driver against the fake 3x-ui panel (`testkit`): every operation on every API
//! generation, every fault mode, session expiry and panel upgrades.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use inventory::{
    ApiGeneration, ClientEmail, ClientLimits, PanelClient, PanelConnection, PanelDriver, PanelError, PanelUrl,
    Protocol, XrayState,
};
use kernel::{Secret, TelegramId};
use panel_xui::{TwoFactor, XuiConfig, XuiDriver};
use serde_json::Value;
use testkit::{FakePanel, FakePanelConfig, Fault, Generation, InboundSpec};
use time::macros::datetime;

const TOKEN: &str = "tok-moonvpn-7f3a";
const GENERATIONS: [Generation; 4] = [Generation::A, Generation::B, Generation::C, Generation::D];

fn api(g: Generation) -> ApiGeneration {
    match g {
        Generation::A => ApiGeneration::A,
        Generation::B => ApiGeneration::B,
        Generation::C => ApiGeneration::C,
        Generation::D => ApiGeneration::D,
    }
}

fn driver() -> XuiDriver {
    XuiDriver::new(XuiConfig {
        connect_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_millis(300),
        retries: 1,
        backoff: Duration::from_millis(5),
    })
    .expect("driver")
}

async fn start(generation: Generation) -> FakePanel {
    FakePanel::start(FakePanelConfig {
        generation,
        api_token: Some(TOKEN.to_owned()),
        ..FakePanelConfig::default()
    })
    .await
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

fn token_conn(panel: &FakePanel) -> PanelConnection {
    PanelConnection {
        api_token: Some(Secret::new(TOKEN)),
        two_factor_secret: None,
        password: Secret::new(""),
        ..conn(panel)
    }
}

fn email(n: u32) -> ClientEmail {
    ClientEmail::new(&format!("FR-MoonVPN-{n}")).unwrap()
}

fn client(n: u32) -> PanelClient {
    PanelClient {
        email: email(n),
        key: format!("0b1c0b1c-0000-4000-8000-{n:012}"),
        sub_id: format!("sub{n:013}"),
        limits: ClientLimits {
            total_bytes: kernel::ByteLimit::upto(50 * 1024 * 1024 * 1024).unwrap(),
            expires_at: Some(datetime!(2030-01-01 0:00 UTC)),
            ip_limit: kernel::CountLimit::upto(2).unwrap(),
        },
        enabled: true,
        telegram_id: Some(TelegramId::new(4242).unwrap()),
    }
}

fn specs() -> Vec<InboundSpec> {
    vec![
        InboundSpec::vless_reality(443),
        InboundSpec::vless_ws_tls(2083),
        InboundSpec::vmess_tcp(10086),
        InboundSpec::trojan_grpc_tls(8443),
        InboundSpec::shadowsocks_tcp(8388),
    ]
}

/// A client MoonVPN did not make, so legacy panels never have to empty an inbound.
fn seed_placeholder(panel: &FakePanel, inbound: i64, protocol: &str) {
    let mut c = serde_json::json!({"email": format!("keep-{inbound}"), "enable": true, "subId": "", "tgId": 0,
        "limitIp": 0, "totalGB": 0, "expiryTime": 0, "comment": "", "reset": 0});
    match protocol {
        "vless" | "vmess" => c["id"] = format!("11111111-2222-4333-8444-{inbound:012}").into(),
        "shadowsocks" => c["password"] = STANDARD.encode([inbound as u8; 32]).into(),
        _ => c["password"] = format!("placeholder-{inbound}").into(),
    }
    panel.add_client_raw(inbound, c);
}

#[tokio::test]
async fn the_generation_of_every_panel_is_detected_with_a_login_or_a_token() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let d = driver();
        assert_eq!(d.detect_generation(&conn(&panel)).await, Ok(api(g)), "{g:?}");
        assert_eq!(d.generation_of(&conn(&panel).url), Some(api(g)));
        if matches!(g, Generation::C | Generation::D) {
            let d = driver();
            assert_eq!(
                d.detect_generation(&token_conn(&panel)).await,
                Ok(api(g)),
                "{g:?} token"
            );
        }
    }
}

#[tokio::test]
async fn inbounds_are_listed_and_read_with_their_full_specs() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let ids: Vec<i64> = specs().into_iter().map(|s| panel.add_inbound(s)).collect();
        let d = driver();
        let c = conn(&panel);
        let listed = d.list_inbounds(&c).await.unwrap();
        assert_eq!(listed.len(), 5, "{g:?}");
        let reality = listed.iter().find(|i| i.remote_id == ids[0]).unwrap();
        assert_eq!(reality.spec.protocol, Protocol::Vless);
        assert_eq!(
            (reality.spec.port, reality.spec.remark.as_str()),
            (443, "VLESS-Reality")
        );
        assert!(reality.spec.stream_settings.contains("reality"), "{g:?}");
        assert!(reality.enabled);
        assert_eq!(reality.client_count, 0);
        let ss = d.get_inbound(&c, ids[4]).await.unwrap();
        assert_eq!(ss.spec.protocol, Protocol::Shadowsocks);
        assert!(ss.spec.settings.contains("2022-blake3-aes-256-gcm"), "{g:?}");
        assert_eq!(d.get_inbound(&c, 999).await, Err(PanelError::NotFound), "{g:?}");
    }
}

#[tokio::test]
async fn clients_are_added_read_updated_switched_and_deleted_on_every_protocol() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let d = driver();
        let c = conn(&panel);
        for (n, spec) in (1001..).zip(specs()) {
            let protocol = spec.protocol.clone();
            let inbound = panel.add_inbound(spec);
            seed_placeholder(&panel, inbound, &protocol);
            let wanted = client(n);
            d.add_client(&c, inbound, &wanted)
                .await
                .unwrap_or_else(|e| panic!("{g:?} {protocol}: {e}"));

            let stored = panel.client(wanted.email.as_str()).expect("client on the panel");
            assert_eq!(stored["totalGB"], 53_687_091_200u64, "{g:?} {protocol}");
            assert_eq!(stored["expiryTime"], 1_893_456_000_000i64, "{g:?} {protocol}");
            assert_eq!(
                (stored["limitIp"].clone(), stored["tgId"].clone()),
                (2.into(), 4242.into())
            );
            assert_eq!(stored["subId"], wanted.sub_id.as_str());
            assert_eq!(panel.client_inbound(wanted.email.as_str()), Some(inbound));

            let found = d.get_client(&c, &wanted.email).await.unwrap().expect("found");
            assert_eq!(found.inbound_remote_id, inbound, "{g:?} {protocol}");
            let mut expected = wanted.clone();
            expected.key = found.client.key.clone();
            assert_eq!(found.client, expected, "{g:?} {protocol}");
            if protocol != "shadowsocks" {
                assert_eq!(found.client.key, wanted.key, "{g:?} {protocol}");
            }

            let mut renewed = wanted.clone();
            renewed.limits.total_bytes = kernel::ByteLimit::upto(100).unwrap();
            renewed.limits.expires_at = None;
            d.update_client(&c, inbound, &renewed).await.unwrap();
            let stored = panel.client(wanted.email.as_str()).unwrap();
            assert_eq!(
                (stored["totalGB"].clone(), stored["expiryTime"].clone()),
                (100.into(), 0.into())
            );

            d.set_client_enabled(&c, inbound, &wanted.email, false).await.unwrap();
            assert_eq!(
                panel.client(wanted.email.as_str()).unwrap()["enable"],
                false,
                "{g:?} {protocol}"
            );
            let found = d.get_client(&c, &wanted.email).await.unwrap().unwrap();
            assert!(!found.client.enabled);
            assert_eq!(
                found.client.limits.total_bytes.amount(),
                Some(100),
                "switching keeps the limits"
            );
            d.set_client_enabled(&c, inbound, &wanted.email, true).await.unwrap();
            assert_eq!(panel.client(wanted.email.as_str()).unwrap()["enable"], true);

            d.delete_client(&c, inbound, &wanted.email).await.unwrap();
            assert_eq!(panel.client(wanted.email.as_str()), None, "{g:?} {protocol}");
            assert_eq!(d.get_client(&c, &wanted.email).await, Ok(None));
        }
    }
}

#[tokio::test]
async fn missing_inbounds_and_clients_are_not_found() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let inbound = panel.add_inbound(InboundSpec::vmess_tcp(10086));
        let d = driver();
        let c = conn(&panel);
        assert_eq!(
            d.add_client(&c, 999, &client(1)).await,
            Err(PanelError::NotFound),
            "{g:?}"
        );
        assert_eq!(
            d.update_client(&c, inbound, &client(1)).await,
            Err(PanelError::NotFound)
        );
        assert_eq!(
            d.set_client_enabled(&c, inbound, &email(1), false).await,
            Err(PanelError::NotFound)
        );
        assert_eq!(d.delete_client(&c, inbound, &email(1)).await, Err(PanelError::NotFound));
        assert_eq!(
            d.reset_client_traffic(&c, inbound, &email(1)).await,
            Err(PanelError::NotFound)
        );
        assert_eq!(d.client_links(&c, inbound, &email(1)).await, Err(PanelError::NotFound));
        assert_eq!(d.client_traffic(&c, &email(1)).await, Ok(None));
        assert_eq!(d.get_client(&c, &email(1)).await, Ok(None));
        assert_eq!(panel.client_count(), 0);
    }
}

#[tokio::test]
async fn a_taken_email_is_rejected_with_the_panels_message() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let first = panel.add_inbound(InboundSpec::vmess_tcp(10086));
        let second = panel.add_inbound(InboundSpec::vless_ws_tls(2083));
        let d = driver();
        let c = conn(&panel);
        d.add_client(&c, first, &client(7)).await.unwrap();
        let mut other = client(7);
        other.key = "99999999-0000-4000-8000-000000000000".into();
        other.sub_id = "another-sub-id00".into();
        match d.add_client(&c, second, &other).await {
            Err(PanelError::Rejected(msg)) => {
                assert!(msg.contains("FR-MoonVPN-7"), "{g:?}: {msg}");
                assert!(!msg.contains('\n'), "{g:?}: the panel's stray newline is trimmed");
            }
            other => panic!("{g:?}: {other:?}"),
        }
        assert_eq!(panel.client_count(), 1, "{g:?}");
    }
}

#[tokio::test]
async fn traffic_is_read_and_reset_and_online_clients_listed() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let inbound = panel.add_inbound(InboundSpec::vless_reality(443));
        let d = driver();
        let c = conn(&panel);
        d.add_client(&c, inbound, &client(1)).await.unwrap();
        panel.add_traffic("FR-MoonVPN-1", 100, 250);
        let t = d.client_traffic(&c, &email(1)).await.unwrap().expect("traffic");
        assert_eq!((t.up, t.down, t.used()), (100, 250, 350), "{g:?}");
        d.reset_client_traffic(&c, inbound, &email(1)).await.unwrap();
        assert_eq!(panel.traffic("FR-MoonVPN-1"), Some((0, 0)), "{g:?}");
        assert_eq!(d.online_clients(&c).await, Ok(vec![]), "{g:?}");
        panel.set_online(&["FR-MoonVPN-1", "has space"]);
        assert_eq!(d.online_clients(&c).await, Ok(vec![email(1)]), "{g:?}");
    }
}

#[tokio::test]
async fn server_status_health_and_xray_restart() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let d = driver();
        let c = conn(&panel);
        let status = d.server_status(&c).await.unwrap();
        assert_eq!(status.xray, XrayState::Running, "{g:?}");
        assert!(
            status.memory_total > 0 && status.uptime > Duration::ZERO,
            "{g:?}: {status:?}"
        );
        assert!((0.0..=100.0).contains(&status.cpu_percent));
        assert!(d.health(&c).await.unwrap().xray_running);
        panel.set_xray_running(false);
        assert_eq!(d.server_status(&c).await.unwrap().xray, XrayState::Stopped, "{g:?}");
        assert!(!d.health(&c).await.unwrap().xray_running);
        d.restart_xray(&c).await.unwrap();
        assert!(
            panel.requests().iter().any(|r| r.path.ends_with("restartXrayService")),
            "{g:?}"
        );
    }
}

/// The links the panel's subscription server hands out for a sub id, decoded.
async fn subscription(panel: &FakePanel, sub_id: &str) -> Vec<String> {
    let url = format!("{}{sub_id}", panel.subscription_base().unwrap());
    let body = reqwest::get(url).await.unwrap().text().await.unwrap();
    let text = String::from_utf8(STANDARD.decode(body.trim()).unwrap()).unwrap();
    text.lines().map(str::to_owned).collect()
}

#[tokio::test]
async fn links_are_the_panels_own_and_the_subscription_url_comes_from_its_settings() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let inbound = panel.add_inbound(InboundSpec::vmess_tcp(10086));
        let d = driver();
        let c = conn(&panel);
        let mut unlimited = client(3);
        unlimited.limits = ClientLimits {
            total_bytes: kernel::ByteLimit::Unlimited,
            expires_at: None,
            ip_limit: kernel::CountLimit::Unlimited,
        };
        d.add_client(&c, inbound, &unlimited).await.unwrap();
        let links = d.client_links(&c, inbound, &unlimited.email).await.unwrap();
        let sub_url = format!("{}{}", panel.subscription_base().unwrap(), unlimited.sub_id);
        assert_eq!(links.subscription_url.as_deref(), Some(sub_url.as_str()), "{g:?}");
        assert_eq!(
            vec![links.config_url],
            subscription(&panel, &unlimited.sub_id).await,
            "{g:?}"
        );
    }
}

#[tokio::test]
async fn the_next_sales_links_reuse_the_subscription_settings_read_for_the_first() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let inbound = panel.add_inbound(InboundSpec::vmess_tcp(10086));
        let d = driver();
        let c = conn(&panel);
        let mut urls = Vec::new();
        for n in [6, 7, 8] {
            d.add_client(&c, inbound, &client(n)).await.unwrap();
            urls.push(d.client_links(&c, inbound, &email(n)).await.unwrap().subscription_url);
        }
        let asked = panel
            .requests()
            .iter()
            .filter(|r| r.path.ends_with("defaultSettings"))
            .count();
        assert_eq!(asked, 1, "{g:?}: settings asked once for three sales");
        for (n, url) in [6, 7, 8].into_iter().zip(urls) {
            let expected = format!("{}{}", panel.subscription_base().unwrap(), client(n).sub_id);
            assert_eq!(url.as_deref(), Some(expected.as_str()), "{g:?}");
        }
    }
}

#[tokio::test]
async fn reality_links_carry_the_clients_key_and_the_inbounds_keys() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let inbound = panel.add_inbound(InboundSpec::vless_reality(443));
        let d = driver();
        let c = conn(&panel);
        d.add_client(&c, inbound, &client(4)).await.unwrap();
        let link = d.client_links(&c, inbound, &email(4)).await.unwrap().config_url;
        assert!(
            link.starts_with(&format!("vless://{}@", client(4).key)),
            "{g:?}: {link}"
        );
        for part in [
            "security=reality",
            "pbk=Z84J2IelR9ch3k8VtlVhhs5ycBUlXA7wHBWcBrjqnAw",
            "type=tcp",
            "#VLESS-Reality-FR-MoonVPN-4",
        ] {
            assert!(link.contains(part), "{g:?}: {part} missing in {link}");
        }
    }
}

#[tokio::test]
async fn without_a_subscription_server_the_link_is_built_by_the_panels_rules() {
    for g in GENERATIONS {
        let panel = FakePanel::start(FakePanelConfig {
            generation: g,
            subscription: false,
            ..FakePanelConfig::default()
        })
        .await;
        let inbound = panel.add_inbound(InboundSpec::vmess_tcp(10086));
        let d = driver();
        let c = conn(&panel);
        d.add_client(&c, inbound, &client(5)).await.unwrap();
        let links = d.client_links(&c, inbound, &email(5)).await.unwrap();
        assert_eq!(links.subscription_url, None, "{g:?}");
        let body = links.config_url.strip_prefix("vmess://").expect("vmess link");
        let json: Value = serde_json::from_slice(&STANDARD.decode(body).unwrap()).unwrap();
        assert_eq!(json["add"], "127.0.0.1", "{g:?}");
        assert_eq!(json["port"], 10086);
        assert_eq!(json["id"], client(5).key.as_str());
        assert!(
            json["ps"].as_str().unwrap().starts_with("VMess-TCP-FR-MoonVPN-5"),
            "{g:?}: {json}"
        );
    }
}

#[tokio::test]
async fn an_expired_session_is_renewed_transparently() {
    for g in GENERATIONS {
        let panel = start(g).await;
        panel.add_inbound(InboundSpec::vmess_tcp(10086));
        let d = driver();
        let c = conn(&panel);
        assert_eq!(d.list_inbounds(&c).await.unwrap().len(), 1);
        assert_eq!(panel.login_count(), 1, "{g:?}");
        panel.expire_sessions();
        assert_eq!(d.list_inbounds(&c).await.unwrap().len(), 1, "{g:?}");
        assert_eq!(panel.login_count(), 2, "{g:?}: exactly one new login");
        d.list_inbounds(&c).await.unwrap();
        assert_eq!(panel.login_count(), 2, "{g:?}: the session is kept");
    }
}

#[tokio::test]
async fn sessions_that_expire_after_every_request_still_serve_every_operation() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let inbound = panel.add_inbound(InboundSpec::trojan_grpc_tls(8443));
        seed_placeholder(&panel, inbound, "trojan");
        panel.set_fault(Some(Fault::SessionExpiresEveryRequest));
        let d = driver();
        let c = conn(&panel);
        d.add_client(&c, inbound, &client(1))
            .await
            .unwrap_or_else(|e| panic!("{g:?}: {e}"));
        assert!(d.get_client(&c, &email(1)).await.unwrap().is_some());
        d.set_client_enabled(&c, inbound, &email(1), false).await.unwrap();
        d.client_links(&c, inbound, &email(1)).await.unwrap();
        d.delete_client(&c, inbound, &email(1)).await.unwrap();
        assert_eq!(panel.client_count(), 1, "{g:?}: only the placeholder is left");
    }
}

#[tokio::test]
async fn an_api_token_replaces_the_login_on_v3() {
    for g in [Generation::C, Generation::D] {
        let panel = start(g).await;
        let inbound = panel.add_inbound(InboundSpec::vless_ws_tls(2083));
        seed_placeholder(&panel, inbound, "vless");
        let d = driver();
        let c = token_conn(&panel);
        d.add_client(&c, inbound, &client(1)).await.unwrap();
        d.update_client(&c, inbound, &client(1)).await.unwrap();
        d.reset_client_traffic(&c, inbound, &email(1)).await.unwrap();
        d.server_status(&c).await.unwrap();
        d.client_links(&c, inbound, &email(1)).await.unwrap();
        d.delete_client(&c, inbound, &email(1)).await.unwrap();
        assert_eq!(panel.login_count(), 0, "{g:?}: no cookie login with a token");
    }
}

#[tokio::test]
async fn wrong_credentials_or_tokens_are_login_refused() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let mut bad = conn(&panel);
        bad.password = Secret::new("wrong");
        assert_eq!(
            driver().list_inbounds(&bad).await,
            Err(PanelError::LoginRefused),
            "{g:?}"
        );
        if matches!(g, Generation::C | Generation::D) {
            let mut bad = token_conn(&panel);
            bad.api_token = Some(Secret::new("not-the-token"));
            assert_eq!(
                driver().list_inbounds(&bad).await,
                Err(PanelError::LoginRefused),
                "{g:?} token"
            );
        }
    }
}

#[tokio::test]
async fn a_session_made_with_other_credentials_does_not_vouch_for_a_wrong_password() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let d = driver();
        let good = conn(&panel);
        d.server_status(&good).await.unwrap();
        let mut bad = good.clone();
        bad.password = Secret::new("wrong");
        assert_eq!(
            d.server_status(&bad).await.map(drop),
            Err(PanelError::LoginRefused),
            "{g:?}: a changed password is tried on the panel, not covered by the cached session"
        );
        let logins = panel.login_count();
        d.server_status(&good).await.unwrap();
        assert_eq!(panel.login_count(), logins, "{g:?}: the good session is still used");
    }
}

#[tokio::test]
async fn a_two_factor_code_is_sent_when_the_panel_wants_one() {
    for g in GENERATIONS {
        let panel = FakePanel::start(FakePanelConfig {
            generation: g,
            two_factor_code: Some("492039".into()),
            ..FakePanelConfig::default()
        })
        .await;
        let c = conn(&panel);
        assert_eq!(
            driver().server_status(&c).await.map(drop),
            Err(PanelError::TwoFactorRequired),
            "{g:?}"
        );
        let d = driver();
        d.set_two_factor(&c.url, Some(TwoFactor::Code(Secret::new("000000"))));
        assert_eq!(
            d.server_status(&c).await.map(drop),
            Err(PanelError::LoginRefused),
            "{g:?} wrong code"
        );
        d.set_two_factor(&c.url, Some(TwoFactor::Code(Secret::new("492039"))));
        assert!(d.server_status(&c).await.is_ok(), "{g:?}");
    }
}

#[tokio::test]
async fn a_url_without_the_base_path_is_a_clear_error() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let mut c = conn(&panel);
        let root = panel.url().trim_end_matches('/').rsplit_once('/').unwrap().0.to_owned();
        c.url = PanelUrl::new(&root).unwrap();
        match driver().list_inbounds(&c).await {
            Err(PanelError::BadResponse(msg)) => assert!(msg.contains("base path"), "{g:?}: {msg}"),
            other => panic!("{g:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_unreachable_panel_is_unreachable() {
    let panel = start(Generation::B).await;
    let mut c = conn(&panel);
    c.url = PanelUrl::new("http://127.0.0.1:9").unwrap();
    assert_eq!(driver().list_inbounds(&c).await, Err(PanelError::Unreachable));
}

#[tokio::test]
async fn a_panel_upgrade_or_downgrade_is_detected_again() {
    let moves = [
        (Generation::A, Generation::B),
        (Generation::B, Generation::C),
        (Generation::C, Generation::D),
        (Generation::B, Generation::D),
        (Generation::D, Generation::C),
    ];
    for (from, to) in moves {
        let panel = start(from).await;
        let inbound = panel.add_inbound(InboundSpec::vless_reality(443));
        seed_placeholder(&panel, inbound, "vless");
        let d = driver();
        let c = conn(&panel);
        d.add_client(&c, inbound, &client(1)).await.unwrap();
        panel.set_generation(to);
        d.add_client(&c, inbound, &client(2))
            .await
            .unwrap_or_else(|e| panic!("{from:?}->{to:?}: {e}"));
        let now = d.generation_of(&c.url);
        if from == Generation::A && to == Generation::B {
            // Same routes and login: nothing fails, so nothing needs detecting again.
            assert!(matches!(now, Some(ApiGeneration::A | ApiGeneration::B)), "{now:?}");
        } else {
            assert_eq!(now, Some(api(to)), "{from:?}->{to:?}");
        }
        assert!(d.get_client(&c, &email(1)).await.unwrap().is_some());
        d.delete_client(&c, inbound, &email(2)).await.unwrap();
        assert_eq!(panel.client_count(), 2, "{from:?}->{to:?}");
    }
}

#[tokio::test]
async fn a_pinned_generation_is_used_without_detection() {
    let panel = start(Generation::D).await;
    panel.add_inbound(InboundSpec::vmess_tcp(10086));
    let d = driver();
    let c = conn(&panel);
    d.pin_generation(&c.url, Some(ApiGeneration::D));
    assert_eq!(d.list_inbounds(&c).await.unwrap().len(), 1);
    assert!(
        !panel.requests().iter().any(|r| r.path.ends_with("clients/list")),
        "no detection probe"
    );

    let wrong = driver();
    wrong.pin_generation(&c.url, Some(ApiGeneration::B));
    assert!(matches!(wrong.list_inbounds(&c).await, Err(PanelError::BadResponse(_))));
    wrong.pin_generation(&c.url, None);
    assert_eq!(
        wrong.list_inbounds(&c).await.unwrap().len(),
        1,
        "unpinned, detection applies again"
    );
    assert_eq!(wrong.generation_of(&c.url), Some(ApiGeneration::D));
}

/// One driver operation, by name, for the fault matrix.
async fn run(op: &str, d: &XuiDriver, c: &PanelConnection, inbound: i64) -> Result<(), PanelError> {
    let existing = email(1);
    match op {
        "list_inbounds" => d.list_inbounds(c).await.map(drop),
        "get_inbound" => d.get_inbound(c, inbound).await.map(drop),
        "get_client" => d.get_client(c, &existing).await.map(drop),
        "add_client" => d.add_client(c, inbound, &client(2)).await,
        "update_client" => d.update_client(c, inbound, &client(1)).await,
        "set_client_enabled" => d.set_client_enabled(c, inbound, &existing, false).await,
        "delete_client" => d.delete_client(c, inbound, &existing).await,
        "client_traffic" => d.client_traffic(c, &existing).await.map(drop),
        "reset_client_traffic" => d.reset_client_traffic(c, inbound, &existing).await,
        "online_clients" => d.online_clients(c).await.map(drop),
        "server_status" => d.server_status(c).await.map(drop),
        "restart_xray" => d.restart_xray(c).await,
        "client_links" => d.client_links(c, inbound, &existing).await.map(drop),
        "health" => d.health(c).await.map(drop),
        other => panic!("unknown op {other}"),
    }
}

const OPS: [&str; 14] = [
    "list_inbounds",
    "get_inbound",
    "get_client",
    "add_client",
    "update_client",
    "set_client_enabled",
    "delete_client",
    "client_traffic",
    "reset_client_traffic",
    "online_clients",
    "server_status",
    "restart_xray",
    "client_links",
    "health",
];

/// Every operation under `fault` on every generation gives `expected`, and leaves the panel's
/// clients as they were. `warm` drivers have detected and logged in before the fault.
async fn fault_matrix(fault: Fault, warm: bool, token: bool, expected: fn(&PanelError) -> bool) {
    for g in GENERATIONS {
        if token && !matches!(g, Generation::C | Generation::D) {
            continue;
        }
        let panel = start(g).await;
        let inbound = panel.add_inbound(InboundSpec::vless_reality(443));
        seed_placeholder(&panel, inbound, "vless");
        let c = if token { token_conn(&panel) } else { conn(&panel) };
        driver().add_client(&c, inbound, &client(1)).await.unwrap();
        let before = panel.client_emails();
        for op in OPS {
            let d = driver();
            if warm {
                d.list_inbounds(&c).await.unwrap();
            }
            panel.set_fault(Some(fault.clone()));
            let result = run(op, &d, &c, inbound).await;
            panel.set_fault(None);
            match result {
                Err(e) if expected(&e) => {}
                other => panic!("{g:?} {fault:?} {op}: {other:?}"),
            }
            assert_eq!(panel.client_emails(), before, "{g:?} {fault:?} {op}: clients changed");
        }
    }
}

#[tokio::test]
async fn a_panel_that_is_down_is_unreachable_for_every_operation() {
    fault_matrix(Fault::Down, true, false, |e| *e == PanelError::Unreachable).await;
    fault_matrix(Fault::Down, false, false, |e| *e == PanelError::Unreachable).await;
}

#[tokio::test]
async fn a_panel_that_is_too_slow_times_out_for_every_operation() {
    fault_matrix(Fault::Slow(Duration::from_millis(700)), true, false, |e| {
        *e == PanelError::Timeout
    })
    .await;
}

#[tokio::test]
async fn a_failing_panel_is_a_bad_response_for_every_operation() {
    let bad = |e: &PanelError| matches!(e, PanelError::BadResponse(m) if m.contains("500"));
    fault_matrix(Fault::Http500, true, false, bad).await;
    fault_matrix(Fault::Http500, false, false, bad).await;
}

#[tokio::test]
async fn garbage_answers_are_a_bad_response_for_every_operation() {
    let bad = |e: &PanelError| matches!(e, PanelError::BadResponse(m) if m.contains("not a 3x-ui answer"));
    fault_matrix(Fault::GarbageJson, true, false, bad).await;
    fault_matrix(Fault::GarbageJson, false, false, bad).await;
}

#[tokio::test]
async fn a_refused_login_is_login_refused_for_every_operation() {
    fault_matrix(Fault::LoginRefused, false, false, |e| *e == PanelError::LoginRefused).await;
    fault_matrix(Fault::LoginRefused, true, true, |e| *e == PanelError::LoginRefused).await;
}

#[tokio::test]
async fn existing_sessions_keep_working_when_logins_start_failing() {
    for g in GENERATIONS {
        let panel = start(g).await;
        panel.add_inbound(InboundSpec::vmess_tcp(10086));
        let d = driver();
        let c = conn(&panel);
        d.list_inbounds(&c).await.unwrap();
        panel.set_fault(Some(Fault::LoginRefused));
        assert_eq!(d.list_inbounds(&c).await.unwrap().len(), 1, "{g:?}");
    }
}

#[tokio::test]
async fn a_slow_add_that_lands_later_is_found_by_the_retry_not_duplicated() {
    for g in GENERATIONS {
        let panel = start(g).await;
        let inbound = panel.add_inbound(InboundSpec::vmess_tcp(10086));
        let d = driver();
        let c = conn(&panel);
        d.list_inbounds(&c).await.unwrap();
        panel.set_fault(Some(Fault::Slow(Duration::from_millis(700))));
        assert_eq!(
            d.add_client(&c, inbound, &client(1)).await,
            Err(PanelError::Timeout),
            "{g:?}"
        );
        panel.set_fault(None);
        tokio::time::sleep(Duration::from_millis(800)).await;
        match d.get_client(&c, &email(1)).await.unwrap() {
            Some(found) => d.update_client(&c, found.inbound_remote_id, &client(1)).await.unwrap(),
            None => d.add_client(&c, inbound, &client(1)).await.unwrap(),
        }
        assert_eq!(panel.client_count(), 1, "{g:?}: exactly one client");
    }
}

#[tokio::test]
async fn a_sale_reads_its_inbound_once_and_links_its_client_as_a_later_lookup_would() {
    let specs = [
        InboundSpec::vless_reality(443),
        InboundSpec::vmess_tcp(10086),
        InboundSpec::trojan_grpc_tls(8443),
        InboundSpec::shadowsocks_tcp(8388),
    ];
    for g in GENERATIONS {
        for (n, spec) in (20..).zip(specs.clone()) {
            let panel = start(g).await;
            let inbound = panel.add_inbound(spec);
            let d = driver();
            let c = conn(&panel);
            let inbound_reads = || {
                panel
                    .requests()
                    .iter()
                    .filter(|r| r.path.contains(&format!("inbounds/get/{inbound}")))
                    .count()
            };
            d.add_client(&c, inbound, &client(n)).await.unwrap();
            let sold = d.client_links(&c, inbound, &email(n)).await.unwrap();
            assert_eq!(inbound_reads(), 1, "{g:?} #{n}: the add's read serves the links");
            let later = d.client_links(&c, inbound, &email(n)).await.unwrap();
            // The panel draws a Reality link's spider path (`spx`) afresh for each link.
            let drawn = |link: &str| {
                let (before, after) = link.split_once("spx=").unwrap_or((link, ""));
                let rest = after.find(['&', '#']).map_or("", |at| &after[at..]);
                format!("{before}spx={rest}")
            };
            assert_eq!(
                drawn(&sold.config_url),
                drawn(&later.config_url),
                "{g:?} #{n}: the same link as a lookup gives"
            );
            assert_eq!(sold.subscription_url, later.subscription_url, "{g:?} #{n}");
            assert!(inbound_reads() >= 2, "{g:?} #{n}: a later lookup reads the inbound");
        }
    }
}
