//! `moonvpn panel …` with the real binary against the fake 3x-ui panel: adding (wrong and
//! right password, two-factor login, self-signed TLS), listing, syncing usage, health,
//! reconciliation with repair, removal, and the audit log of these admin actions.

use std::io::Write;
use std::process::{Output, Stdio};

use inventory::{
    AccountRepo, Allocation, CertPin, ClientEmail, ClientLimits, ClientName, FleetRepo, LocationPrefix,
    NewClientAccount, PlacementRepo, Provisioned,
};
use kernel::{ClientAccountId, PageRequest, PanelId, Secret};
use members::{AuditLog, AuditQuery};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use store::Store;
use testkit::{FakePanel, FakePanelConfig, Fault, InboundSpec};

use crate::cli_support;

use cli_support::{KEY, moonvpn_on, stderr};

const PANEL_PASSWORD: &str = "pan3l-pass";
/// The fake panel's two-factor TOTP secret (given to the binary as `PANEL_TOTP`).
const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";

/// A temp dir with the SQLite database the binary and the test share.
struct Shop {
    dir: tempfile::TempDir,
}

impl Shop {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn db_url(&self) -> String {
        format!("sqlite://{}?mode=rwc", self.dir.path().join("moonvpn.db").display())
    }

    /// Runs `moonvpn panel <args>` (stdin given when `Some`) off the async runtime, so the
    /// fake panel keeps answering.
    async fn panel(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = moonvpn_on(self.dir.path(), &self.db_url());
        cmd.arg("panel")
            .args(args)
            .env("PANEL_PASSWORD", PANEL_PASSWORD)
            .env("PANEL_TOTP", TOTP_SECRET.to_lowercase())
            .env("WRONG_TOTP", "GEZDGNBVGY3TQOJQ")
            .env("BAD_TOTP", "0189-not-base32!");
        let stdin = stdin.map(str::to_owned);
        tokio::task::spawn_blocking(move || {
            cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let mut child = cmd.spawn().expect("the moonvpn binary runs");
            if let Some(text) = stdin {
                child
                    .stdin
                    .take()
                    .expect("stdin")
                    .write_all(text.as_bytes())
                    .expect("write stdin");
            }
            child.wait_with_output().expect("moonvpn finishes")
        })
        .await
        .expect("join")
    }

    /// `moonvpn panel <args> --json`, which must succeed, parsed.
    async fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.panel(&all, None).await;
        assert_eq!(out.status.code(), Some(0), "{args:?} failed: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("stdout is JSON")
    }

    async fn store(&self) -> Store {
        Store::connect(&self.db_url(), &Secret::new(KEY))
            .await
            .expect("open the shop's database")
    }

    /// `panel add` of `panel` in France with the right password, from stdin.
    async fn add(&self, panel: &FakePanel) -> Value {
        let out = self
            .panel(
                &[
                    "add",
                    "--url",
                    &panel.url(),
                    "--username",
                    "admin",
                    "--password-stdin",
                    "--location",
                    "France",
                    "--prefix",
                    "FR",
                    "--json",
                ],
                Some(&format!("{PANEL_PASSWORD}\n")),
            )
            .await;
        assert_eq!(out.status.code(), Some(0), "add failed: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("stdout is JSON")
    }
}

/// A fake 3x-ui 3.1 panel with two inbounds.
async fn fake_panel() -> FakePanel {
    let panel = FakePanel::start(FakePanelConfig {
        password: PANEL_PASSWORD.to_owned(),
        ..FakePanelConfig::default()
    })
    .await;
    panel.add_inbound(InboundSpec::vless_reality(443));
    panel.add_inbound(InboundSpec::vmess_tcp(8443));
    panel
}

/// Stores account `FR-MoonVPN-<n>` on the first inbound of the only panel, as a sale would.
async fn sell(store: &Store, n: u32) -> (ClientAccountId, String) {
    let user = store::testing::insert_user(store, 1000 + i64::from(n)).await;
    let location = store.locations().await.unwrap()[0].id;
    let panel = store.panels().await.unwrap()[0].id;
    let inbound = store.inbounds_of_panel(panel).await.unwrap()[0].id;
    let name = ClientName::new(&LocationPrefix::new("FR").unwrap(), &kernel::ShopName::default(), n).unwrap();
    let account = NewClientAccount {
        user,
        allocation: Allocation {
            inbound,
            location,
            email: ClientEmail::from(&name),
            name: name.clone(),
            client_uuid: format!("0b1c2d3e-0000-4000-8000-00000000{n:04}"),
            sub_id: format!("sub{n}abcdefghijk"),
        },
        limits: ClientLimits {
            total_bytes: kernel::ByteLimit::upto(10_000_000).unwrap(),
            expires_at: None,
            ip_limit: kernel::CountLimit::upto(2).unwrap(),
        },
        provisioned: Provisioned {
            config_url: "vless://x".into(),
            subscription_url: None,
        },
        created_at: time::OffsetDateTime::now_utc(),
    };
    let stored = store.insert_account(&account).await.unwrap();
    (stored.id, name.to_string())
}

/// The client object a panel holds for a MoonVPN account.
fn client_json(email: &str, n: u32) -> Value {
    json!({
        "id": format!("0b1c2d3e-0000-4000-8000-00000000{n:04}"), "email": email, "enable": true,
        "totalGB": 10_000_000, "expiryTime": 0, "limitIp": 2, "subId": format!("sub{n}abcdefghijk"),
        "flow": "", "tgId": 0, "reset": 0
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_refused_in_one_line_and_nothing_is_stored() {
    let panel = fake_panel().await;
    let shop = Shop::new();

    let out = shop
        .panel(
            &[
                "add",
                "--url",
                &panel.url(),
                "--username",
                "admin",
                "--password",
                "wrong",
                "--location",
                "France",
                "--prefix",
                "FR",
            ],
            None,
        )
        .await;

    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("refused the login"), "{err}");
    assert_eq!(shop.json(&["list"]).await, json!({ "panels": [] }));
    assert!(
        shop.store().await.locations().await.unwrap().is_empty(),
        "no location either"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panel_that_logs_in_is_listed_with_its_inbounds() {
    let panel = fake_panel().await;
    let shop = Shop::new();

    let added = shop.add(&panel).await;

    assert_eq!(added["generation"], "D");
    assert_eq!(added["sync"]["result"]["inbounds_added"], 2);
    let list = shop.json(&["list"]).await;
    let p = &list["panels"][0];
    assert_eq!(list["panels"].as_array().unwrap().len(), 1);
    assert_eq!(p["url"], panel.url().trim_end_matches('/'));
    assert_eq!(p["location"]["prefix"], "FR");
    assert_eq!(p["health"]["up"], true);
    let ports: Vec<i64> = p["inbounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["port"].as_i64().unwrap())
        .collect();
    assert_eq!(ports, vec![443, 8443]);
    assert_eq!(p["inbounds"][1]["protocol"], "vmess");
    assert_eq!(p["plain_http"], true);
    assert_eq!(p["tls_pin"], Value::Null);
    let table = shop.panel(&["list"], None).await;
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("France (FR)"));
    assert!(table.contains("warning: plain http://"), "{table}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_stores_traffic_read_from_the_panel_and_expires_used_up_accounts() {
    let panel = fake_panel().await;
    let shop = Shop::new();
    let added = shop.add(&panel).await;
    let id = added["panel"]["id"].to_string();
    let store = shop.store().await;
    let inbound = panel.inbound_ids()[0];
    let (light, light_email) = sell(&store, 1001).await;
    let (heavy, heavy_email) = sell(&store, 1002).await;
    panel.add_client_raw(inbound, client_json(&light_email, 1001));
    panel.add_client_raw(inbound, client_json(&heavy_email, 1002));
    panel.add_traffic(&light_email, 1_000, 2_000);
    panel.add_traffic(&heavy_email, 4_000_000, 6_000_000);

    let synced = shop.json(&["sync", &id]).await;

    let result = &synced["panels"][0]["result"];
    assert_eq!(result["clients_read"], 2);
    assert_eq!(result["accounts_changed"], 2);
    assert_eq!(result["accounts_expired"], 1);
    let light = store.account(light).await.unwrap();
    assert_eq!(light.traffic_used_bytes, 3_000);
    assert_eq!(light.status.as_str(), "active");
    assert_eq!(store.account(heavy).await.unwrap().status.as_str(), "expired");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_reports_a_down_panel_and_exits_non_zero() {
    let panel = fake_panel().await;
    let shop = Shop::new();
    shop.add(&panel).await;

    let up = shop.json(&["health"]).await;
    assert_eq!(up["panels"][0]["health"]["up"], true);
    assert_eq!(up["panels"][0]["health"]["xray"], "running");

    panel.set_fault(Some(Fault::Down));
    let out = shop.panel(&["health", "--json"], None).await;

    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: 1 of 1 panel(s) down\n");
    let down: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(down["panels"][0]["health"]["up"], false);
    assert!(
        down["panels"][0]["health"]["error"]
            .as_str()
            .unwrap()
            .contains("cannot be reached")
    );
    let listed = shop.json(&["list"]).await;
    assert_eq!(listed["panels"][0]["health"]["up"], false, "the last check is stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconcile_finds_strangers_and_lost_accounts_and_repair_creates_them_again() {
    let panel = fake_panel().await;
    let shop = Shop::new();
    shop.add(&panel).await;
    let store = shop.store().await;
    let inbound = panel.inbound_ids()[0];
    let (kept, kept_email) = sell(&store, 1001).await;
    let (lost, lost_email) = sell(&store, 1002).await;
    panel.add_client_raw(inbound, client_json(&kept_email, 1001));
    panel.add_client_raw(
        inbound,
        json!({"id": "d0d0d0d0-0000-4000-8000-000000000000", "email": "walk-in", "enable": true}),
    );

    let found = shop.json(&["reconcile"]).await;

    let p = &found["panels"][0];
    assert_eq!(
        p["unknown"],
        json!([{ "inbound_remote_id": inbound, "email": "walk-in" }])
    );
    assert_eq!(p["lost"][0]["account"], lost.get());
    assert_eq!(p["lost"][0]["repaired"], false);
    assert!(panel.client(&lost_email).is_none());

    let repaired = shop.json(&["reconcile", "--repair"]).await;

    assert_eq!(repaired["panels"][0]["lost"][0]["repaired"], true);
    let client = panel.client(&lost_email).expect("the lost client is back");
    assert_eq!(client["subId"], "sub1002abcdefghijk");
    assert_eq!(panel.client_inbound(&lost_email), Some(inbound));
    let again = shop.json(&["reconcile"]).await;
    assert_eq!(again["panels"][0]["lost"], json!([]));
    assert!(panel.client(&kept_email).is_some());
    let _ = kept;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panel_with_sold_accounts_is_not_removed_unless_forced_off_sale() {
    let panel = fake_panel().await;
    let shop = Shop::new();
    let added = shop.add(&panel).await;
    let id = added["panel"]["id"].to_string();
    sell(&shop.store().await, 1001).await;

    let refused = shop.panel(&["remove", &id], None).await;

    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("still serves 1 account(s)"),
        "{}",
        stderr(&refused)
    );
    let forced = shop.json(&["remove", &id, "--force"]).await;
    assert_eq!(
        forced,
        json!({ "id": added["panel"]["id"], "outcome": "disabled", "live_accounts": 1 })
    );
    let list = shop.json(&["list"]).await;
    assert_eq!(list["panels"][0]["active"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unused_panel_is_deleted() {
    let panel = fake_panel().await;
    let shop = Shop::new();
    let added = shop.add(&panel).await;
    let id = added["panel"]["id"].to_string();

    let removed = shop.json(&["remove", &id]).await;

    assert_eq!(removed["outcome"], "deleted");
    assert_eq!(shop.json(&["list"]).await, json!({ "panels": [] }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_with_one_line_and_exit_code_2() {
    let shop = Shop::new();
    let cases: [&[&str]; 4] = [
        &[
            "add",
            "--url",
            "ftp://panel",
            "--username",
            "a",
            "--password",
            "p",
            "--location",
            "France",
            "--prefix",
            "FR",
        ],
        &[
            "add",
            "--url",
            "https://p.example.com",
            "--username",
            "a",
            "--password-env",
            "NOPE",
            "--location",
            "France",
        ],
        &[
            "add",
            "--url",
            "https://p.example.com",
            "--username",
            "a",
            "--password",
            "p",
            "--location",
            "France",
        ],
        &[
            "add",
            "--url",
            "https://p.example.com",
            "--username",
            "a",
            "--password",
            "p",
            "--location",
            "France",
            "--generation",
            "z",
        ],
    ];
    let expected = [
        "a panel URL looks like https://host:port/base-path",
        "environment variable NOPE is not set",
        "location \"France\" does not exist; add --prefix",
        "is not a 3x-ui API generation",
    ];
    for (args, want) in cases.iter().zip(expected) {
        let out = shop.panel(args, None).await;
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        if !want.contains("generation") {
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        }
    }
    let unknown = shop.panel(&["sync", "7"], None).await;
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(
        stderr(&unknown),
        "error: there is no panel 7; see `moonvpn panel list`\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inbound_at_its_client_limit_is_full_and_back_on_sale_when_raised() {
    let panel = fake_panel().await;
    let shop = Shop::new();
    shop.add(&panel).await;
    panel.add_client_raw(panel.inbound_ids()[0], client_json("walk-in", 1));
    shop.json(&["sync"]).await;
    let inbound = shop.json(&["list"]).await["panels"][0]["inbounds"][0]["id"].to_string();

    let full = shop.json(&["capacity", &inbound, "1"]).await;
    assert_eq!(full["inbound"]["status"], "full");
    assert_eq!(full["inbound"]["clients"], 1);
    let raised = shop.json(&["capacity", &inbound, "5"]).await;
    assert_eq!(raised["inbound"]["status"], "active");

    let unknown = shop.panel(&["capacity", "999", "5"], None).await;
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(
        stderr(&unknown),
        "error: there is no inbound 999; see `moonvpn panel list`\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inbound_off_sale_is_listed_so_and_a_sync_keeps_it_off() {
    let panel = fake_panel().await;
    let shop = Shop::new();
    let id = shop.add(&panel).await["panel"]["id"].to_string();
    let inbound = shop.json(&["list"]).await["panels"][0]["inbounds"][0]["id"].to_string();

    let off = shop.json(&["inbound-sale", &id, &inbound, "off"]).await;
    assert_eq!(off["panel"].to_string(), id);
    assert_eq!(off["inbound"]["id"].to_string(), inbound);
    assert_eq!(off["inbound"]["on_sale"], false);
    shop.json(&["sync"]).await;
    let listed = shop.json(&["list"]).await;
    assert_eq!(
        listed["panels"][0]["inbounds"][0]["on_sale"], false,
        "sync keeps the choice"
    );
    assert_eq!(listed["panels"][0]["inbounds"][1]["on_sale"], true);
    let on = shop.json(&["inbound-sale", &id, &inbound, "ON"]).await;
    assert_eq!(on["inbound"]["on_sale"], true);

    let elsewhere = shop.panel(&["inbound-sale", "999", &inbound, "off"], None).await;
    assert_eq!(elsewhere.status.code(), Some(1));
    assert_eq!(
        stderr(&elsewhere),
        format!("error: panel 999 has no inbound {inbound}; see `moonvpn panel list`\n")
    );
    let garbled = shop.panel(&["inbound-sale", &id, &inbound, "maybe"], None).await;
    assert_eq!(garbled.status.code(), Some(2));
    assert!(stderr(&garbled).contains("neither on nor off"), "{}", stderr(&garbled));

    let log = shop
        .store()
        .await
        .list(AuditQuery::default(), PageRequest::new(0, 50))
        .await
        .unwrap()
        .items;
    let sales: Vec<&serde_json::Value> = log
        .iter()
        .filter(|e| e.action.as_str() == "inbound.sale")
        .map(|e| &e.detail)
        .collect();
    let inbound_id: i64 = inbound.parse().unwrap();
    assert_eq!(
        sales,
        [
            &json!({ "inbound": inbound_id, "on_sale": true }),
            &json!({ "inbound": inbound_id, "on_sale": false })
        ],
        "newest first, one entry per change"
    );
}

/// `panel add` arguments for `panel` in France (password from `PANEL_PASSWORD`), then `extra`.
fn add_args<'a>(url: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "add",
        "--url",
        url,
        "--username",
        "admin",
        "--password-env",
        "PANEL_PASSWORD",
        "--location",
        "France",
        "--prefix",
        "FR",
    ];
    args.extend_from_slice(extra);
    args
}

/// Nothing was stored: no panel, no location.
async fn assert_nothing_stored(shop: &Shop) {
    assert_eq!(shop.json(&["list"]).await, json!({ "panels": [] }));
    assert!(
        shop.store().await.locations().await.unwrap().is_empty(),
        "no location either"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panel_with_two_factor_login_needs_its_secret_and_keeps_logging_in_in_later_runs() {
    let panel = FakePanel::start(FakePanelConfig {
        password: PANEL_PASSWORD.to_owned(),
        two_factor_secret: Some(TOTP_SECRET.to_owned()),
        ..FakePanelConfig::default()
    })
    .await;
    panel.add_inbound(InboundSpec::vless_reality(443));
    let shop = Shop::new();
    let url = panel.url();

    let missing = shop.panel(&add_args(&url, &[]), None).await;
    let wrong = shop
        .panel(&add_args(&url, &["--two-factor-secret-env", "WRONG_TOTP"]), None)
        .await;

    for (out, want) in [(&missing, "two-factor (TOTP) secret"), (&wrong, "refused the login")] {
        let err = stderr(out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains(want), "{err}");
    }
    assert_nothing_stored(&shop).await;

    let mut args = add_args(&url, &["--two-factor-secret-stdin", "--json"]);
    args[5] = "--password-stdin";
    args.remove(6);
    let added = shop
        .panel(&args, Some(&format!("{PANEL_PASSWORD}\n{TOTP_SECRET}\n")))
        .await;
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    let added: Value = serde_json::from_slice(&added.stdout).unwrap();
    assert_eq!(added["panel"]["two_factor"], true);
    assert_eq!(added["sync"]["result"]["inbounds_added"], 1);
    let logins = panel.login_count();

    let synced = shop.json(&["sync"]).await;
    let health = shop.json(&["health"]).await;

    assert_eq!(synced["panels"][0]["result"]["inbounds_refreshed"], 1, "{synced}");
    assert_eq!(health["panels"][0]["health"]["up"], true);
    assert!(
        panel.login_count() > logins,
        "a fresh process logged in with the stored secret"
    );
    let listed = shop.panel(&["list", "--json"], None).await;
    assert!(!String::from_utf8_lossy(&listed.stdout).contains(TOTP_SECRET));

    let id = added["panel"]["id"].to_string();
    let without = shop.panel(&["edit", &id, "--no-two-factor-secret"], None).await;
    assert_eq!(without.status.code(), Some(1), "a login without the code is refused");
    assert!(stderr(&without).contains("two-factor"), "{}", stderr(&without));
    assert_eq!(
        shop.json(&["list"]).await["panels"][0]["two_factor"],
        true,
        "nothing saved"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_self_signed_panel_is_refused_as_untrusted_until_allowed_then_connects_and_syncs() {
    let panel = FakePanel::start(FakePanelConfig {
        password: PANEL_PASSWORD.to_owned(),
        tls: true,
        ..FakePanelConfig::default()
    })
    .await;
    panel.add_inbound(InboundSpec::vless_reality(443));
    panel.add_inbound(InboundSpec::vmess_tcp(8443));
    let shop = Shop::new();
    let url = panel.url();
    assert!(url.starts_with("https://"));

    let refused = shop.panel(&add_args(&url, &[]), None).await;

    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("certificate is not trusted"), "{err}");
    assert_nothing_stored(&shop).await;

    let added = shop.json(&add_args(&url, &["--allow-self-signed"])).await;

    assert_eq!(added["panel"]["allow_self_signed"], true);
    assert_eq!(added["sync"]["result"]["inbounds_added"], 2);
    let synced = shop.json(&["sync"]).await;
    assert_eq!(synced["panels"][0]["result"]["inbounds_refreshed"], 2, "{synced}");
    let id = added["panel"]["id"].to_string();
    let strict = shop.panel(&["edit", &id, "--allow-self-signed", "false"], None).await;
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("certificate is not trusted"),
        "{}",
        stderr(&strict)
    );
    assert_eq!(shop.json(&["list"]).await["panels"][0]["allow_self_signed"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_self_signed_panel_is_pinned_on_add_refused_when_its_certificate_changes_and_repinned_on_request() {
    let panel = FakePanel::start(FakePanelConfig {
        password: PANEL_PASSWORD.to_owned(),
        tls: true,
        ..FakePanelConfig::default()
    })
    .await;
    panel.add_inbound(InboundSpec::vmess_tcp(8443));
    let served = CertPin::from_digest(Sha256::digest(panel.certificate_der().unwrap()).into());
    let shop = Shop::new();

    let added = shop
        .panel(&add_args(&panel.url(), &["--allow-self-signed"]), None)
        .await;

    let text = String::from_utf8_lossy(&added.stdout);
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    assert!(
        text.contains(&format!("self-signed certificate pinned: {served}")),
        "{text}"
    );
    let listed = shop.json(&["list"]).await;
    assert_eq!(listed["panels"][0]["tls_pin"], served.to_string());
    assert_eq!(listed["panels"][0]["plain_http"], false);
    let id = listed["panels"][0]["id"].to_string();

    // The panel now presents another certificate than the pinned one (renewed, or someone in
    // the way): from MoonVPN's side, the stored pin and the served certificate differ.
    let store = shop.store().await;
    let old = CertPin::from_digest([0x5A; 32]);
    store
        .set_panel_tls_pin(PanelId::new(id.parse().unwrap()), Some(old))
        .await
        .unwrap();
    let logins = panel.login_count();
    let out = shop.panel(&["health", "--json"], None).await;

    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let health: Value = serde_json::from_slice(&out.stdout).unwrap();
    let error = health["panels"][0]["health"]["error"].as_str().unwrap().to_owned();
    assert!(error.contains("certificate changed"), "{error}");
    assert!(
        error.contains(&old.to_string()) && error.contains(&served.to_string()),
        "{error}"
    );
    assert!(error.contains("--repin"), "{error}");
    assert_eq!(
        panel.login_count(),
        logins,
        "no password was sent to the changed certificate"
    );
    let sync = shop.panel(&["sync"], None).await;
    assert_eq!(sync.status.code(), Some(1));

    let repinned = shop.json(&["edit", &id, "--repin"]).await;

    assert_eq!(repinned["panel"]["tls_pin"], served.to_string());
    assert_eq!(shop.json(&["health"]).await["panels"][0]["health"]["up"], true);
    let log = store
        .list(AuditQuery::default(), PageRequest::new(0, 50))
        .await
        .unwrap()
        .items;
    let edit = log
        .iter()
        .find(|e| e.action.as_str() == "panel.edit")
        .expect("the repin is audited");
    assert_eq!(edit.detail["repin"], true);
    assert_eq!(edit.detail["tls_pin"], served.to_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panel_changes_made_from_the_cli_are_in_the_audit_log_without_an_actor_or_secrets() {
    let panel = fake_panel().await;
    let shop = Shop::new();
    let added = shop.add(&panel).await;
    let id = added["panel"]["id"].as_i64().unwrap();
    let store = shop.store().await;
    sell(&store, 1001).await;

    shop.json(&[
        "edit",
        &id.to_string(),
        "--name",
        "Paris 2",
        "--password-env",
        "PANEL_PASSWORD",
    ])
    .await;
    shop.json(&["reconcile", "--repair"]).await;
    let inbound = shop.json(&["list"]).await["panels"][0]["inbounds"][0]["id"].to_string();
    shop.json(&["capacity", &inbound, "10"]).await;
    shop.json(&["remove", &id.to_string(), "--force"]).await;

    let log = store
        .list(AuditQuery::default(), PageRequest::new(0, 50))
        .await
        .unwrap()
        .items;
    let mut actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    actions.reverse();
    assert_eq!(
        actions,
        [
            "panel.add",
            "panel.edit",
            "panel.repair",
            "inbound.capacity",
            "panel.remove"
        ]
    );
    assert!(
        log.iter().all(|e| e.actor.is_some()),
        "the CLI acts as the first superadmin"
    );
    let edit = &log[3];
    assert_eq!(edit.target.as_str(), format!("panel:{id}"));
    assert_eq!(edit.detail["name"], "Paris 2");
    assert_eq!(edit.detail["password"], "changed");
    assert_eq!(log[2].detail["repaired"].as_array().map(Vec::len), Some(1));
    assert_eq!(log[0].detail["outcome"], "disabled");
    let everything = serde_json::to_string(&log.iter().map(|e| &e.detail).collect::<Vec<_>>()).unwrap();
    assert!(!everything.contains(PANEL_PASSWORD), "{everything}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_two_factor_secret_that_is_not_base32_is_bad_input() {
    let shop = Shop::new();
    let out = shop
        .panel(
            &add_args("https://p.example.com", &["--two-factor-secret-env", "BAD_TOTP"]),
            None,
        )
        .await;

    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not base32"), "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panels_are_listed_by_name_not_newest_first() {
    let (first, second) = (fake_panel().await, fake_panel().await);
    let shop = Shop::new();
    for (panel, name) in [(&first, "Paris"), (&second, "Amsterdam")] {
        let out = shop
            .panel(
                &[
                    "add",
                    "--url",
                    &panel.url(),
                    "--username",
                    "admin",
                    "--password-stdin",
                    "--location",
                    "France",
                    "--prefix",
                    "FR",
                    "--name",
                    name,
                ],
                Some(&format!("{PANEL_PASSWORD}\n")),
            )
            .await;
        assert_eq!(out.status.code(), Some(0), "add failed: {}", stderr(&out));
    }
    let listed = shop.json(&["list"]).await;
    let names: Vec<&str> = listed["panels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Amsterdam", "Paris"]);
}
