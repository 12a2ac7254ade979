//! [`FakePanel`]: an in-process 3x-ui panel for driver and end-to-end tests.
//!
//! Behaviour follows `shared/reference/3x-ui-api.md` and, where that left questions open,
//! the panel source itself; `docs/panels-fake.md` lists what is covered and what is simplified.

mod api;
mod auth;
mod bind;
mod clients;
mod config;
mod dispatch;
mod gourl;
mod inbound_body;
mod legacy;
mod links;
mod model;
mod recorded;
mod reply;
mod request;
mod server;
mod server_api;
mod settings;
mod spec;
mod state;
mod subscription;
mod texts;
mod tls;
mod totp;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::Value;
use tokio::task::JoinHandle;

pub use config::{FakePanelConfig, Fault, Generation};
pub use recorded::RecordedRequest;
pub use spec::InboundSpec;

use model::{Inbound, str_field};
use server::{Role, Shared};
use state::State;

/// A running fake 3x-ui panel. Dropping it stops its servers.
#[derive(Debug)]
pub struct FakePanel {
    shared: Arc<Shared>,
    addr: SocketAddr,
    sub_addr: Option<SocketAddr>,
    scheme: &'static str,
    certificate: Option<Vec<u8>>,
    tasks: Vec<JoinHandle<()>>,
}

impl FakePanel {
    /// Starts the panel on `127.0.0.1:0` (and the subscription server on a second port when
    /// `config.subscription` is set), over HTTPS with a fresh self-signed certificate when
    /// `config.tls` is set.
    ///
    /// # Panics
    /// When the loopback interface cannot be bound or the certificate cannot be made (the test
    /// environment is broken).
    pub async fn start(mut config: FakePanelConfig) -> FakePanel {
        config.base_path = config::normalise_base_path(&config.base_path);
        let want_sub = config.subscription;
        let (tls, certificate) = match config.tls.then(tls::self_signed_acceptor).transpose() {
            Ok(Some((tls, der))) => (Some(tls), Some(der)),
            Ok(None) => (None, None),
            Err(e) => panic!("fake panel: cannot make a self-signed certificate: {e}"),
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        let shared = Shared::new(State::new(config));
        let mut tasks = Vec::new();
        let (addr, task) = match server::spawn(shared.clone(), Role::Panel, tls.clone()).await {
            Ok(bound) => bound,
            Err(e) => panic!("fake panel: cannot bind 127.0.0.1:0: {e}"),
        };
        tasks.push(task);
        let sub_addr = if want_sub {
            let (sub_addr, task) = match server::spawn(shared.clone(), Role::Subscription, tls).await {
                Ok(bound) => bound,
                Err(e) => panic!("fake panel: cannot bind the subscription port: {e}"),
            };
            tasks.push(task);
            shared.lock().sub_port = Some(sub_addr.port());
            Some(sub_addr)
        } else {
            None
        };
        FakePanel {
            shared,
            addr,
            sub_addr,
            scheme,
            certificate,
            tasks,
        }
    }

    /// The self-signed certificate (DER) it serves with `tls`; each panel makes its own.
    pub fn certificate_der(&self) -> Option<&[u8]> {
        self.certificate.as_deref()
    }

    /// The panel URL with its base path and a trailing slash, e.g. `http://127.0.0.1:PORT/panel-x7Qb/`
    /// (`https://` with `tls`).
    pub fn url(&self) -> String {
        format!("{}://{}{}", self.scheme, self.addr, self.shared.lock().config.base_path)
    }

    /// `http://127.0.0.1:PORT2/sub/` (`https://` with `tls`) when the subscription server runs.
    pub fn subscription_base(&self) -> Option<String> {
        self.sub_addr.map(|a| format!("{}://{a}/sub/", self.scheme))
    }

    /// Adds an inbound with realistic settings for the spec; returns the panel's inbound id.
    pub fn add_inbound(&self, spec: InboundSpec) -> i64 {
        let clients =
            Some(Vec::new()).filter(|_| matches!(spec.protocol.as_str(), "vless" | "vmess" | "trojan" | "shadowsocks"));
        let inbound = Inbound {
            remark: spec.remark,
            enable: spec.enable,
            traffic_reset: "never".to_owned(),
            port: i64::from(spec.port),
            settings: spec::settings_for(&spec.protocol),
            clients,
            stream_settings: Some(spec::stream_for(&spec.network, &spec.security)),
            sniffing: Some(spec::sniffing_default()),
            protocol: spec.protocol,
            ..Inbound::default()
        };
        self.shared.lock().insert_inbound(inbound)
    }

    /// Ids of every inbound, ascending.
    pub fn inbound_ids(&self) -> Vec<i64> {
        self.shared.lock().inbounds.keys().copied().collect()
    }

    /// Deletes an inbound and its clients (as if an admin removed it in the panel UI).
    pub fn remove_inbound(&self, id: i64) {
        let _ = self.shared.lock().delete_inbound(id);
    }

    /// The stored client object with this email (exact match; the first inbound that has it).
    pub fn client(&self, email: &str) -> Option<Value> {
        let st = self.shared.lock();
        st.clients_by_email(email)
            .first()
            .map(|(_, c)| Value::Object((*c).clone()))
    }

    /// The inbound holding the client with this email (the first one, for a gen D multi-inbound identity).
    pub fn client_inbound(&self, email: &str) -> Option<i64> {
        self.shared.lock().clients_by_email(email).first().map(|(id, _)| *id)
    }

    /// Number of clients across all inbounds.
    pub fn client_count(&self) -> usize {
        self.shared.lock().client_count()
    }

    /// Appends a client object verbatim to an inbound (no validation, no duplicate check) and
    /// creates its traffic row: for seeding clients MoonVPN does not know about.
    pub fn add_client_raw(&self, inbound_id: i64, client: Value) {
        if let Value::Object(map) = client {
            self.shared.lock().add_client_raw(inbound_id, map);
        }
    }

    /// Simulates one traffic poll: adds to the client's and its inbound's counters, marks the
    /// client as seen now, and disables it if that depletes it (gen D also flips the settings flag).
    pub fn add_traffic(&self, email: &str, up: u64, down: u64) {
        self.shared.lock().add_traffic(email, up, down);
    }

    /// Replaces the set of online emails returned by `onlines`.
    pub fn set_online(&self, emails: &[&str]) {
        let set: BTreeSet<String> = emails.iter().map(|e| (*e).to_owned()).collect();
        self.shared.lock().onlines = Some(set);
    }

    /// Sets (or with `None` clears) the current fault.
    pub fn set_fault(&self, fault: Option<Fault>) {
        let down = fault == Some(Fault::Down);
        self.shared.lock().fault = fault;
        self.shared.down.store(down, Ordering::SeqCst);
    }

    /// Invalidates every cookie session and CSRF token (e.g. a panel password change).
    pub fn expire_sessions(&self) {
        self.shared.lock().sessions.clear();
    }

    /// Switches the API generation in place, keeping all data (a panel upgrade).
    pub fn set_generation(&self, generation: Generation) {
        self.shared.lock().generation = generation;
    }

    /// Sets what `server/status` reports as `xray.state` (`running` or `stop`).
    pub fn set_xray_running(&self, running: bool) {
        self.shared.lock().xray_running = running;
    }

    /// Every request received so far (panel and subscription ports), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// Number of successful logins so far.
    pub fn login_count(&self) -> usize {
        self.shared.lock().logins
    }

    /// The traffic counters `(up, down)` of a client, if it has a traffic row.
    pub fn traffic(&self, email: &str) -> Option<(i64, i64)> {
        self.shared.lock().traffic_row(email).map(|r| (r.up, r.down))
    }

    /// All client emails, in inbound then settings order.
    pub fn client_emails(&self) -> Vec<String> {
        let st = self.shared.lock();
        st.inbounds
            .values()
            .flat_map(|i| i.clients.iter().flatten().map(|c| str_field(c, "email").to_owned()))
            .collect()
    }
}

/// The TOTP code (SHA-1, 6 digits, 30-second window) the fake expects at `unix_seconds` from a
/// panel set up with this base32 `two_factor_secret`; `None` when the secret is not base32.
pub fn totp_code(secret: &str, unix_seconds: u64) -> Option<String> {
    totp::code_at(secret, unix_seconds)
}

impl Drop for FakePanel {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}
