//! Gen D `/panel/api/clients/*` (`internal/web/controller/client.go`, `client_crud.go`).

use axum::http::Method;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rand::Rng as _;
use serde_json::{Map, Value, json};

use super::bind::{Body, Fields, json_kind};
use super::legacy;
use super::model::{client_key_field, i64_field, str_field};
use super::reply;
use super::request::Req;
use super::server_api::new_uuid;
use super::state::{Fail, State, go_error, not_found, now_ms};
use super::subscription;
use super::texts::{
    CLIENT_DELETED, CLIENT_UPDATED, CLIENTS_ADDED, LOG_CLEARED, OBTAIN, SOMETHING_WENT_WRONG as SWW, TRAFFIC_RESET,
    texts,
};

/// A matched clients route.
#[derive(Debug, Clone)]
pub(crate) enum Route {
    List,
    Get(String),
    Traffic(String),
    Links(String),
    SubLinks(String),
    Add,
    Update(String),
    Del(String),
    Attach(String),
    Detach(String),
    ResetTraffic(String),
    UpdateTraffic(String),
    ResetAll,
    DelDepleted,
    Onlines,
    LastOnline,
    Ips,
    ClearIps,
}

/// Matches the segments after `/panel/api/clients/`.
pub(crate) fn route(method: &Method, segs: &[&str]) -> Option<Route> {
    let get = *method == Method::GET;
    let post = *method == Method::POST;
    let own = |s: &&str| (*s).to_owned();
    Some(match segs {
        ["list"] if get => Route::List,
        ["get", email] if get => Route::Get(own(email)),
        ["traffic", email] if get => Route::Traffic(own(email)),
        ["links", email] if get => Route::Links(own(email)),
        ["subLinks", sub] if get => Route::SubLinks(own(sub)),
        ["add"] if post => Route::Add,
        ["update", email] if post => Route::Update(own(email)),
        ["del", email] if post => Route::Del(own(email)),
        ["resetTraffic", email] if post => Route::ResetTraffic(own(email)),
        ["updateTraffic", email] if post => Route::UpdateTraffic(own(email)),
        ["resetAllTraffics"] if post => Route::ResetAll,
        ["delDepleted"] if post => Route::DelDepleted,
        ["onlines"] if post => Route::Onlines,
        ["lastOnline"] if post => Route::LastOnline,
        ["ips", _] if post => Route::Ips,
        ["clearIps", _] if post => Route::ClearIps,
        [email, "attach"] if post => Route::Attach(own(email)),
        [email, "detach"] if post => Route::Detach(own(email)),
        _ => return None,
    })
}

/// Runs a clients route.
pub(crate) fn run(st: &mut State, req: &Req, route: Route) -> Response {
    match route {
        Route::List => list(st),
        Route::Get(email) => get(st, &email),
        Route::Traffic(email) => match st.traffic_row(&email) {
            Some(row) => {
                let client = st.clients_by_email(&email).first().map(|(_, c)| (*c).clone());
                reply::obj(row.to_wire(st.generation, client.as_ref(), true))
            }
            None => reply::obj(Value::Null),
        },
        Route::Links(email) => {
            let links = subscription::links_for_email(st, &req.link_host(), &email, None);
            reply::obj(Value::Array(links.into_iter().map(Value::String).collect()))
        }
        Route::SubLinks(sub) => legacy::sub_links(st, req, &sub),
        Route::Add => add(st, req),
        Route::Update(email) => update(st, req, &email),
        Route::Del(email) => del(st, &email),
        Route::Attach(email) => attach(st, req, &email),
        Route::Detach(email) => detach(st, req, &email),
        Route::ResetTraffic(email) => {
            if st.clients_by_email(&email).is_empty() {
                return reply::msg(SWW, Err(not_found()));
            }
            reply::msg(TRAFFIC_RESET, st.reset_client_traffic(&email))
        }
        Route::UpdateTraffic(email) => legacy::update_client_traffic(st, req, &email),
        Route::ResetAll => {
            st.reset_all_client_traffics(-1);
            reply::msg(texts(st.generation).reset_all_client_traffic, Ok(()))
        }
        Route::DelDepleted => {
            let deleted = st.delete_depleted(-1);
            reply::obj(json!({"deleted": deleted}))
        }
        Route::Onlines => legacy::onlines(st),
        Route::LastOnline => legacy::last_online(st),
        Route::Ips => reply::obj("No IP Record".into()),
        Route::ClearIps => reply::msg(LOG_CLEARED, Ok(())),
    }
}

/// A `ClientRecord` as JSON, built from the first settings entry of an email.
fn record(st: &mut State, email: &str) -> Option<(Value, Vec<i64>)> {
    let entries = st.clients_by_email(email);
    let first = entries.first()?.1.clone();
    let inbound_ids: Vec<i64> = entries.iter().map(|(id, _)| *id).collect();
    let id = st.record_id(email);
    let c = &first;
    let rec = json!({
        "id": id,
        "email": str_field(c, "email"),
        "subId": str_field(c, "subId"),
        "uuid": str_field(c, "id"),
        "password": str_field(c, "password"),
        "auth": str_field(c, "auth"),
        "flow": str_field(c, "flow"),
        "security": str_field(c, "security"),
        "reverse": c.get("reverse").cloned().unwrap_or(Value::Null),
        "limitIp": i64_field(c, "limitIp"),
        "totalGB": i64_field(c, "totalGB"),
        "expiryTime": i64_field(c, "expiryTime"),
        "enable": c.get("enable").and_then(Value::as_bool).unwrap_or(false),
        "tgId": i64_field(c, "tgId"),
        "comment": str_field(c, "comment"),
        "reset": i64_field(c, "reset"),
        "createdAt": i64_field(c, "created_at"),
        "updatedAt": i64_field(c, "updated_at"),
    });
    Some((rec, inbound_ids))
}

fn list(st: &mut State) -> Response {
    let mut emails: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for inbound in st.inbounds.values() {
        for client in inbound.clients.iter().flatten() {
            let email = str_field(client, "email");
            if !email.is_empty() && seen.insert(email.to_owned()) {
                emails.push(email.to_owned());
            }
        }
    }
    let mut rows: Vec<(i64, Value)> = Vec::with_capacity(emails.len());
    for email in &emails {
        let Some((mut rec, inbound_ids)) = record(st, email) else {
            continue;
        };
        let id = rec["id"].as_i64().unwrap_or(0);
        if let Some(obj) = rec.as_object_mut() {
            obj.insert("inboundIds".into(), json!(inbound_ids));
            if let Some(row) = st.traffic_row(email) {
                obj.insert("traffic".into(), row.to_wire(st.generation, None, false));
            }
        }
        rows.push((id, rec));
    }
    rows.sort_by_key(|(id, _)| *id);
    reply::obj(Value::Array(rows.into_iter().map(|(_, v)| v).collect()))
}

fn get(st: &mut State, email: &str) -> Response {
    match record(st, email) {
        Some((rec, inbound_ids)) => {
            let used = st.traffic_row(email).map_or(0, |r| r.up + r.down);
            reply::obj(json!({"client": rec, "inboundIds": inbound_ids, "externalLinks": [], "usedTraffic": used}))
        }
        None => reply::msg(OBTAIN, Err(not_found())),
    }
}

/// Binds a `model.Client` (v3 fields) into the map `json.Marshal(model.Client)` would store.
fn bind_client(f: &Fields) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    for key in ["id", "password", "flow", "auth"] {
        let v = f.string(key)?;
        if !v.is_empty() {
            out.insert(key.into(), v.into());
        }
    }
    for key in ["security", "email", "subId", "comment"] {
        out.insert(key.into(), f.string(key)?.into());
    }
    for (key, ty) in [
        ("limitIp", "int"),
        ("totalGB", "int64"),
        ("expiryTime", "int64"),
        ("tgId", "int64"),
        ("reset", "int"),
    ] {
        out.insert(key.into(), f.int(key, ty)?.into());
    }
    out.insert("enable".into(), f.boolean("enable")?.into());
    for key in ["created_at", "updated_at"] {
        let v = f.int(key, "int64")?;
        if v != 0 {
            out.insert(key.into(), v.into());
        }
    }
    Ok(out)
}

fn bind_ids(f: &Fields, go_path: &str) -> Result<Vec<i64>, String> {
    match f.raw("inboundIds") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_i64().ok_or_else(|| {
                    format!(
                        "json: cannot unmarshal {} into Go struct field {go_path}.inboundIds of type int",
                        json_kind(v)
                    )
                })
            })
            .collect(),
        Some(other) => Err(format!(
            "json: cannot unmarshal {} into Go struct field {go_path}.inboundIds of type []int",
            json_kind(other)
        )),
    }
}

fn forbidden_char(s: &str) -> bool {
    s.chars()
        .any(|c| c == '/' || c == '\\' || c.is_control() || c.is_whitespace())
}

/// Secrets a protocol needs, generated when the caller omitted them (`fillProtocolDefaults`).
fn fill_defaults(client: &mut Map<String, Value>, protocol: &str, settings: &Map<String, Value>) {
    let missing = |c: &Map<String, Value>, k: &str| str_field(c, k).is_empty();
    match protocol {
        "vless" | "vmess" if missing(client, "id") => {
            client.insert("id".into(), new_uuid().into());
        }
        "trojan" if missing(client, "password") => {
            client.insert("password".into(), new_uuid().replace('-', "").into());
        }
        "shadowsocks" => {
            let bytes = match str_field(settings, "method") {
                "2022-blake3-aes-128-gcm" => 16,
                "2022-blake3-aes-256-gcm" | "2022-blake3-chacha20-poly1305" => 32,
                _ => 0,
            };
            let key = str_field(client, "password");
            let valid = if bytes == 0 {
                !key.is_empty()
            } else {
                STANDARD.decode(key).is_ok_and(|k| k.len() == bytes)
            };
            if !valid {
                let new_key = if bytes == 0 {
                    new_uuid().replace('-', "")
                } else {
                    let raw: Vec<u8> = (0..bytes).map(|_| rand::rng().random()).collect();
                    STANDARD.encode(raw)
                };
                client.insert("password".into(), new_key.into());
            }
        }
        _ => {}
    }
}

/// `flow` only survives on vless + tcp + (tls | reality).
fn strip_flow(client: &mut Map<String, Value>, st: &State, inbound_id: i64) {
    let keeps = st.inbounds.get(&inbound_id).is_some_and(|i| {
        let stream = i.stream_settings.clone().unwrap_or(Value::Null);
        let network = stream.get("network").and_then(Value::as_str).unwrap_or("");
        let security = stream.get("security").and_then(Value::as_str).unwrap_or("");
        i.protocol == "vless" && network == "tcp" && (security == "tls" || security == "reality")
    });
    if !keeps {
        client.remove("flow");
    }
}

fn add(st: &mut State, req: &Req) -> Response {
    let bound = req.bind_json().and_then(|body| {
        let f = Fields::of(&body, "ClientCreatePayload", "service.ClientCreatePayload")?;
        let client = match f.raw("client") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(map)) => bind_client(&Fields::nested(map, "ClientCreatePayload.client"))?,
            Some(other) => {
                return Err(format!(
                    "json: cannot unmarshal {} into Go struct field ClientCreatePayload.client of type model.Client",
                    json_kind(other)
                ));
            }
        };
        Ok((client, bind_ids(&f, "ClientCreatePayload")?))
    });
    let (client, inbound_ids) = match bound {
        Ok(parts) => parts,
        Err(e) => return reply::msg(SWW, Err(Fail::Msg(e))),
    };
    match create(st, client, &inbound_ids) {
        Ok(()) => reply::msg(CLIENTS_ADDED, Ok(())),
        Err(e) => reply::msg(SWW, Err(e)),
    }
}

fn create(st: &mut State, mut client: Map<String, Value>, inbound_ids: &[i64]) -> Result<(), Fail> {
    let email = str_field(&client, "email").to_owned();
    if email.trim().is_empty() {
        return Err(go_error(&["client email is required"]));
    }
    if forbidden_char(&email) {
        return Err(go_error(&["client email contains an invalid character:", &email]));
    }
    let sub = str_field(&client, "subId").to_owned();
    if forbidden_char(&sub) {
        return Err(go_error(&["client subId contains an invalid character:", &sub]));
    }
    if inbound_ids.is_empty() {
        return Err(go_error(&["at least one inbound is required"]));
    }
    if sub.is_empty() {
        client.insert("subId".into(), new_uuid().into());
    }
    client.insert("enable".into(), true.into());
    let now = now_ms();
    if i64_field(&client, "created_at") == 0 {
        client.insert("created_at".into(), now.into());
    }
    client.insert("updated_at".into(), now.into());
    let sub = str_field(&client, "subId").to_owned();
    if let Some((_, existing)) = st.clients_by_email(&email).first() {
        if str_field(existing, "subId").is_empty() || str_field(existing, "subId") != sub {
            return Err(go_error(&["email already in use:", &email]));
        }
        for key in ["id", "password", "auth"] {
            if str_field(&client, key).is_empty() && !str_field(existing, key).is_empty() {
                client.insert(key.into(), existing[key].clone());
            }
        }
    }
    let sub_taken = st.inbounds.values().any(|i| {
        i.clients
            .iter()
            .flatten()
            .any(|c| str_field(c, "subId") == sub && str_field(c, "email") != email)
    });
    if sub_taken {
        return Err(go_error(&["subId already in use:", &sub]));
    }
    for id in inbound_ids {
        let Some(inbound) = st.inbounds.get(id) else {
            return Err(not_found());
        };
        let (protocol, settings) = (inbound.protocol.clone(), inbound.settings.clone());
        fill_defaults(&mut client, &protocol, &settings);
        let mut entry = client.clone();
        strip_flow(&mut entry, st, *id);
        st.add_clients(*id, vec![entry])?;
    }
    st.record_id(&email);
    Ok(())
}

fn update(st: &mut State, req: &Req, email: &str) -> Response {
    let bound = req
        .bind_json()
        .and_then(|body| bind_client(&Fields::of(&body, "Client", "model.Client")?));
    let mut new = match bound {
        Ok(client) => client,
        Err(e) => return reply::msg(SWW, Err(Fail::Msg(e))),
    };
    let entries: Vec<(i64, Map<String, Value>)> = st
        .clients_by_email(email)
        .into_iter()
        .map(|(id, c)| (id, c.clone()))
        .collect();
    let Some((_, existing)) = entries.first() else {
        return reply::msg(SWW, Err(not_found()));
    };
    if str_field(&new, "email").trim().is_empty() {
        return reply::msg(SWW, Err(go_error(&["client email is required"])));
    }
    for key in ["id", "password", "auth", "subId", "created_at"] {
        let absent = new
            .get(key)
            .is_none_or(|v| v.as_str() == Some("") || v.as_i64() == Some(0));
        if absent && let Some(v) = existing.get(key) {
            new.insert(key.into(), v.clone());
        }
    }
    for (inbound_id, old) in &entries {
        let Some(protocol) = st.inbounds.get(inbound_id).map(|i| i.protocol.clone()) else {
            continue;
        };
        let old_key = str_field(old, client_key_field(&protocol)).to_owned();
        if old_key.is_empty() {
            continue;
        }
        let mut entry = new.clone();
        strip_flow(&mut entry, st, *inbound_id);
        if let Err(e) = st.update_client(*inbound_id, &old_key, entry) {
            return reply::msg(SWW, Err(e));
        }
    }
    reply::msg(CLIENT_UPDATED, Ok(()))
}

fn del(st: &mut State, email: &str) -> Response {
    let entries: Vec<(i64, String)> = st
        .clients_by_email(email)
        .into_iter()
        .filter_map(|(id, c)| {
            let protocol = st.inbounds.get(&id)?.protocol.clone();
            Some((id, str_field(c, client_key_field(&protocol)).to_owned()))
        })
        .collect();
    if entries.is_empty() {
        return reply::msg(SWW, Err(not_found()));
    }
    for (inbound_id, key) in entries {
        if key.is_empty() {
            continue;
        }
        if let Err(e) = st.delete_client(inbound_id, &key) {
            return reply::msg(SWW, Err(e));
        }
    }
    reply::msg(CLIENT_DELETED, Ok(()))
}

fn bind_attach(req: &Req) -> Result<Vec<i64>, String> {
    let body: Body = req.bind_json()?;
    let f = Fields::of(&body, "attachDetachBody", "controller.attachDetachBody")?;
    bind_ids(&f, "attachDetachBody")
}

fn attach(st: &mut State, req: &Req, email: &str) -> Response {
    let ids = match bind_attach(req) {
        Ok(ids) => ids,
        Err(e) => return reply::msg(SWW, Err(Fail::Msg(e))),
    };
    let Some((_, existing)) = st.clients_by_email(email).first().map(|(id, c)| (*id, (*c).clone())) else {
        return reply::msg(SWW, Err(not_found()));
    };
    let current: Vec<i64> = st.clients_by_email(email).iter().map(|(id, _)| *id).collect();
    for id in ids.into_iter().filter(|id| !current.contains(id)) {
        let Some(inbound) = st.inbounds.get(&id) else {
            return reply::msg(SWW, Err(not_found()));
        };
        let (protocol, settings) = (inbound.protocol.clone(), inbound.settings.clone());
        let mut entry = existing.clone();
        fill_defaults(&mut entry, &protocol, &settings);
        strip_flow(&mut entry, st, id);
        if let Err(e) = st.add_clients(id, vec![entry]) {
            return reply::msg(SWW, Err(e));
        }
    }
    reply::msg(CLIENTS_ADDED, Ok(()))
}

fn detach(st: &mut State, req: &Req, email: &str) -> Response {
    let ids = match bind_attach(req) {
        Ok(ids) => ids,
        Err(e) => return reply::msg(SWW, Err(Fail::Msg(e))),
    };
    let entries: Vec<(i64, String)> = st
        .clients_by_email(email)
        .into_iter()
        .filter(|(id, _)| ids.contains(id))
        .filter_map(|(id, c)| {
            let protocol = st.inbounds.get(&id)?.protocol.clone();
            Some((id, str_field(c, client_key_field(&protocol)).to_owned()))
        })
        .collect();
    if st.clients_by_email(email).is_empty() {
        return reply::msg(SWW, Err(not_found()));
    }
    for (inbound_id, key) in entries {
        if let Err(e) = st.delete_client(inbound_id, &key) {
            return reply::msg(SWW, Err(e));
        }
    }
    reply::msg(CLIENT_DELETED, Ok(()))
}
