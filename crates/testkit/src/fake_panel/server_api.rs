//! `/panel/api/server/*` (`web/controller/server.go`): status, xray restart/stop, key helpers.

use axum::http::Method;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng as _;
use serde_json::{Value, json};

use super::reply;
use super::state::{Fail, State};
use super::texts::{XRAY_RESTARTED, XRAY_STOPPED};

/// The xray version the fake reports.
const XRAY_VERSION: &str = "25.10.15";

/// A matched server route.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Route {
    Status,
    XrayVersion,
    NewUuid,
    NewX25519,
    ConfigJson,
    Restart,
    Stop,
}

/// Matches the segments after `/panel/api/server/`.
pub(crate) fn route(method: &Method, segs: &[&str]) -> Option<Route> {
    let get = *method == Method::GET;
    let post = *method == Method::POST;
    Some(match segs {
        ["status"] if get => Route::Status,
        ["getXrayVersion"] if get => Route::XrayVersion,
        ["getNewUUID"] if get => Route::NewUuid,
        ["getNewX25519Cert"] if get => Route::NewX25519,
        ["getConfigJson"] if get => Route::ConfigJson,
        ["restartXrayService"] if post => Route::Restart,
        ["stopXrayService"] if post => Route::Stop,
        _ => return None,
    })
}

/// A random version-4 UUID in its usual text form.
pub(crate) fn new_uuid() -> String {
    let mut b: [u8; 16] = rand::rng().random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Runs a server route.
pub(crate) fn run(st: &mut State, route: Route) -> Response {
    match route {
        Route::Status => reply::obj(status(st)),
        Route::XrayVersion => reply::obj(json!(["v25.10.15", "v25.9.11", "v25.8.3", "v25.7.26"])),
        Route::NewUuid => reply::obj(json!({"uuid": new_uuid()})),
        Route::NewX25519 => {
            let private: [u8; 32] = rand::rng().random();
            let public: [u8; 32] = rand::rng().random();
            reply::obj(
                json!({"privateKey": URL_SAFE_NO_PAD.encode(private), "publicKey": URL_SAFE_NO_PAD.encode(public)}),
            )
        }
        Route::ConfigJson => reply::obj(json!({
            "log": {"access": "none", "loglevel": "warning"},
            "api": {"tag": "api", "services": ["HandlerService", "LoggerService", "StatsService"]},
            "inbounds": st.inbounds.values().map(|i| json!({"tag": i.tag, "port": i.port, "protocol": i.protocol})).collect::<Vec<_>>(),
            "outbounds": [{"protocol": "freedom", "tag": "direct"}, {"protocol": "blackhole", "tag": "blocked"}]
        })),
        Route::Restart => {
            st.xray_running = true;
            reply::msg(XRAY_RESTARTED, Ok::<(), Fail>(()))
        }
        Route::Stop => {
            st.xray_running = false;
            reply::msg(XRAY_STOPPED, Ok(()))
        }
    }
}

fn status(st: &State) -> Value {
    let state = if st.xray_running { "running" } else { "stop" };
    json!({
        "cpu": 3.52,
        "cpuCores": 2,
        "logicalPro": 2,
        "cpuSpeedMhz": 2994.37,
        "mem": {"current": 512_000_000u64, "total": 2_048_000_000u64},
        "swap": {"current": 0, "total": 1_073_741_824u64},
        "disk": {"current": 8_589_934_592u64, "total": 42_949_672_960u64},
        "xray": {"state": state, "errorMsg": "", "version": XRAY_VERSION},
        "uptime": 864_000,
        "loads": [0.08, 0.05, 0.01],
        "tcpCount": 42,
        "udpCount": 7,
        "netIO": {"up": 1024, "down": 2048},
        "netTraffic": {"sent": 1_073_741_824u64, "recv": 2_147_483_648u64},
        "publicIP": {"ipv4": "127.0.0.1", "ipv6": "N/A"},
        "appStats": {"threads": 12, "mem": 41_943_040u64, "uptime": 86_400}
    })
}
