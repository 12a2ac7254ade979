//! The subscription server (`/sub/<subId>`, reference §9) and the link lists the API returns.

use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::links::client_links;
use super::model::{ClientTraffic, Inbound, bool_field, str_field};
use super::recorded::RecordedRequest;
use super::reply;
use super::request::Req;
use super::state::{State, now_ms};

const SUB_PROTOCOLS: [&str; 4] = ["vmess", "vless", "trojan", "shadowsocks"];

fn stats_of<'a>(st: &'a State, inbound: &Inbound, email: &str) -> Option<&'a ClientTraffic> {
    st.traffic_row(email).filter(|row| row.inbound_id == inbound.id)
}

/// What `GetSubs` collects: links plus each matched client's traffic row, in inbound order.
fn collect(st: &State, host: &str, sub_id: &str) -> (Vec<String>, Vec<ClientTraffic>) {
    let now = now_ms();
    let mut links = Vec::new();
    let mut rows = Vec::new();
    for inbound in st.inbounds.values() {
        if !inbound.enable || !SUB_PROTOCOLS.contains(&inbound.protocol.as_str()) {
            continue;
        }
        for client in inbound.clients.iter().flatten() {
            if bool_field(client, "enable") && str_field(client, "subId") == sub_id {
                let email = str_field(client, "email");
                let stats = stats_of(st, inbound, email);
                links.extend(client_links(inbound, client, host, stats, now));
                rows.push(stats.cloned().unwrap_or_default());
            }
        }
    }
    (links, rows)
}

/// Links of every enabled client with this subId (`getSubLinks`, `clients/subLinks`).
pub(crate) fn links_for_sub(st: &State, host: &str, sub_id: &str) -> Vec<String> {
    collect(st, host, sub_id).0
}

/// Links of one client (by exact email), optionally in one inbound only.
pub(crate) fn links_for_email(st: &State, host: &str, email: &str, only: Option<i64>) -> Vec<String> {
    let now = now_ms();
    let mut links = Vec::new();
    for inbound in st.inbounds.values() {
        if only.is_some_and(|id| id != inbound.id) || !SUB_PROTOCOLS.contains(&inbound.protocol.as_str()) {
            continue;
        }
        for client in inbound.clients.iter().flatten() {
            if str_field(client, "email") == email {
                links.extend(client_links(inbound, client, host, stats_of(st, inbound, email), now));
            }
        }
    }
    links
}

/// `GET /sub/<subId>` on the subscription port.
pub(crate) fn handle(st: &mut State, req: &Req) -> Response {
    st.requests.push(RecordedRequest {
        method: req.method.to_string(),
        path: req.path.clone(),
        authenticated: false,
    });
    let sub_id = match req.path.strip_prefix("/sub/") {
        Some(id) if *req.method == axum::http::Method::GET && !id.is_empty() && !id.contains('/') => id.to_owned(),
        _ => return reply::text(StatusCode::NOT_FOUND, "404 page not found"),
    };
    let (links, rows) = collect(st, &req.link_host(), &sub_id);
    if links.is_empty() {
        return reply::text(StatusCode::BAD_REQUEST, "Error!");
    }
    let wants_html = req
        .header("accept")
        .is_some_and(|a| a.to_ascii_lowercase().contains("text/html"))
        || req.query_param("html").as_deref() == Some("1")
        || req.query_param("view").is_some_and(|v| v.eq_ignore_ascii_case("html"));
    if wants_html {
        return reply::html(format!("<!DOCTYPE html><html><body><h1>{sub_id}</h1></body></html>"));
    }
    let (up, down, total, expiry) = aggregate(&rows);
    let body: String = links.iter().map(|l| format!("{l}\n")).collect();
    let mut response = reply::text(StatusCode::OK, STANDARD.encode(body));
    let host = req.header("host").unwrap_or("127.0.0.1");
    let scheme = if st.config.tls { "https" } else { "http" };
    let headers = [
        (
            "subscription-userinfo",
            format!("upload={up}; download={down}; total={total}; expire={}", expiry / 1000),
        ),
        ("profile-update-interval", "12".to_owned()),
        ("profile-web-page-url", format!("{scheme}://{host}{}", req.path)),
        ("routing-enable", "true".to_owned()),
    ];
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// `GetSubs` statistics: sums of up/down; total 0 if any is unlimited; expiry 0 when they differ.
fn aggregate(rows: &[ClientTraffic]) -> (i64, i64, i64, i64) {
    let (mut up, mut down, mut total, mut expiry) = (0, 0, 0, 0);
    for (index, row) in rows.iter().enumerate() {
        if index == 0 {
            up = row.up;
            down = row.down;
            total = row.total;
            if row.expiry_time > 0 {
                expiry = row.expiry_time;
            }
        } else {
            up += row.up;
            down += row.down;
            total = if total == 0 || row.total == 0 {
                0
            } else {
                total + row.total
            };
            if row.expiry_time != expiry {
                expiry = 0;
            }
        }
    }
    (up, down, total, expiry)
}
