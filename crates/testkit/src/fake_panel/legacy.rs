//! `/panel/api/inbounds/*` handlers (`web/controller/inbound.go`, `web/service/inbound.go`).

use std::collections::HashMap;

use axum::response::Response;
use serde_json::{Map, Value, json};

use super::bind::{Body, Fields};
use super::config::Generation;
use super::inbound_body::{bind_inbound, v2_client_fields};
use super::model::{ClientTraffic, Inbound, client_key_field, str_field};
use super::reply;
use super::request::Req;
use super::state::{Fail, State, go_error, not_found};
use super::subscription;
use super::texts::{
    ALL_TRAFFIC_RESET, CLIENT_DELETED, CLIENT_UPDATED, CLIENTS_ADDED, INBOUND_CREATED, INBOUND_DELETED,
    INBOUND_TRAFFIC_RESET, INBOUND_UPDATED, OBTAIN, SOMETHING_WENT_WRONG as SWW, TRAFFIC_RESET, texts,
};

/// `strconv.Atoi` on a path parameter.
fn atoi(raw: &str) -> Result<i64, Fail> {
    raw.parse::<i64>()
        .map_err(|_| Fail::Msg(format!("strconv.Atoi: parsing {raw:?}: invalid syntax")))
}

/// Every inbound with its `clientStats`, as `/list` returns them.
pub(crate) fn list(st: &State) -> Response {
    let mut rows: HashMap<i64, Vec<&ClientTraffic>> = HashMap::new();
    for row in st.traffic.values() {
        rows.entry(row.inbound_id).or_default().push(row);
    }
    let list: Vec<Value> = st
        .inbounds
        .values()
        .map(|inbound| {
            let by_email: HashMap<&str, &Map<String, Value>> = inbound
                .clients
                .iter()
                .flatten()
                .map(|c| (str_field(c, "email"), c))
                .collect();
            let stats = rows
                .get(&inbound.id)
                .map(|list| {
                    list.iter()
                        .map(|row| row.to_wire(st.generation, by_email.get(row.email.as_str()).copied(), false))
                        .collect()
                })
                .unwrap_or_default();
            inbound.to_wire(st.generation, Some(stats))
        })
        .collect();
    reply::obj(Value::Array(list))
}

/// `get/:id` (`clientStats` is `null`).
pub(crate) fn get(st: &State, id: &str) -> Response {
    let id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg("", Err(e)),
    };
    match st.inbounds.get(&id) {
        Some(inbound) => reply::obj(inbound.to_wire(st.generation, None)),
        None => reply::msg(OBTAIN, Err(not_found())),
    }
}

fn check_new_inbound(st: &State, inbound: &mut Inbound) -> Result<(), Fail> {
    if st.port_taken(&inbound.listen, inbound.port, 0) {
        return Err(go_error(&["Port already exists:", &inbound.port.to_string()]));
    }
    let clients = inbound.clients.clone().unwrap_or_default();
    if let Some(email) = st.duplicate_email(&clients) {
        return Err(go_error(&["Duplicate email:", &email]));
    }
    let key = client_key_field(&inbound.protocol);
    if clients.iter().any(|c| str_field(c, key).is_empty()) {
        return Err(go_error(&["empty client ID"]));
    }
    if st.generation != Generation::D
        && let Some(list) = inbound.clients.as_mut()
    {
        for client in list.iter_mut() {
            *client = v2_client_fields(client);
        }
    }
    Ok(())
}

/// `add`: create an inbound (tag computed by the server).
pub(crate) fn add(st: &mut State, req: &Req) -> Response {
    let bound = match req.bind().and_then(|body| bind_inbound(st.generation, &body)) {
        Ok(bound) => bound,
        Err(e) => return reply::msg(INBOUND_CREATED, Err(Fail::Msg(e))),
    };
    let result = bound.with_settings().and_then(|mut inbound| {
        check_new_inbound(st, &mut inbound)?;
        Ok(inbound)
    });
    match result {
        Ok(inbound) => {
            let id = st.insert_inbound(inbound);
            let created = st.inbounds.get(&id).map(|i| i.to_wire(st.generation, None));
            reply::msg_obj(INBOUND_CREATED, created.unwrap_or(Value::Null), Ok(()))
        }
        Err(e) => reply::msg(SWW, Err(e)),
    }
}

/// `import`: form field `data` holding an inbound's JSON.
pub(crate) fn import(st: &mut State, req: &Req) -> Response {
    let data = req.form_field("data").unwrap_or_default();
    let bound = super::bind::parse_json(data.as_bytes())
        .map(Body::Json)
        .and_then(|body| bind_inbound(st.generation, &body));
    let bound = match bound {
        Ok(bound) => bound,
        Err(e) => return reply::msg(SWW, Err(Fail::Msg(e))),
    };
    let result = bound.with_settings().and_then(|mut inbound| {
        check_new_inbound(st, &mut inbound)?;
        Ok(inbound)
    });
    match result {
        Ok(inbound) => {
            let id = st.insert_inbound(inbound);
            let created = st.inbounds.get(&id).map(|i| i.to_wire(st.generation, None));
            reply::msg_obj(INBOUND_CREATED, created.unwrap_or(Value::Null), Ok(()))
        }
        Err(e) => reply::msg(INBOUND_CREATED, Err(e)),
    }
}

/// `update/:id`: overwrite the whole inbound (a body `id` wins over the path, as gin binds it last).
pub(crate) fn update(st: &mut State, req: &Req, id: &str) -> Response {
    let path_id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg(INBOUND_UPDATED, Err(e)),
    };
    let bound = match req.bind().and_then(|body| bind_inbound(st.generation, &body)) {
        Ok(bound) => bound,
        Err(e) => return reply::msg(INBOUND_UPDATED, Err(Fail::Msg(e))),
    };
    let has_id = bound.has_id;
    let result = bound.with_settings().and_then(|mut inbound| {
        if !has_id {
            inbound.id = path_id;
        }
        st.replace_inbound(inbound)
    });
    match result {
        Ok(inbound) => reply::msg_obj(INBOUND_UPDATED, inbound.to_wire(st.generation, None), Ok(())),
        Err(e) => reply::msg(SWW, Err(e)),
    }
}

/// `del/:id`: `obj` is the deleted id.
pub(crate) fn del(st: &mut State, id: &str) -> Response {
    let id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg(INBOUND_DELETED, Err(e)),
    };
    match st.delete_inbound(id) {
        Ok(()) => reply::msg_obj(INBOUND_DELETED, json!(id), Ok(())),
        Err(e) => reply::msg(SWW, Err(e)),
    }
}

/// `setEnable/:id` with `{"enable": bool}`.
pub(crate) fn set_enable(st: &mut State, req: &Req, id: &str) -> Response {
    let id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg(INBOUND_UPDATED, Err(e)),
    };
    let enable = req
        .bind()
        .and_then(|body| Fields::of(&body, "setEnableRequest", "struct")?.boolean("enable"));
    let enable = match enable {
        Ok(enable) => enable,
        Err(e) => return reply::msg(SWW, Err(Fail::Msg(e))),
    };
    match st.inbounds.get_mut(&id) {
        Some(inbound) => {
            inbound.enable = enable;
            reply::msg(INBOUND_UPDATED, Ok(()))
        }
        None => reply::msg(SWW, Err(not_found())),
    }
}

/// `:id/resetTraffic`: zero one inbound's own counters.
pub(crate) fn reset_inbound_traffic(st: &mut State, id: &str) -> Response {
    let id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg(SWW, Err(e)),
    };
    match st.inbounds.get_mut(&id) {
        Some(inbound) => {
            inbound.up = 0;
            inbound.down = 0;
            reply::msg(INBOUND_TRAFFIC_RESET, Ok(()))
        }
        None => reply::msg(SWW, Err(not_found())),
    }
}

/// `resetAllTraffics`: inbound counters only.
pub(crate) fn reset_all_traffics(st: &mut State) -> Response {
    for inbound in st.inbounds.values_mut() {
        inbound.up = 0;
        inbound.down = 0;
    }
    reply::msg(ALL_TRAFFIC_RESET, Ok(()))
}

/// The settings client of a traffic row (same email, in the row's inbound).
fn settings_client<'a>(st: &'a State, row: &ClientTraffic) -> Option<&'a Map<String, Value>> {
    st.inbounds
        .get(&row.inbound_id)?
        .clients
        .iter()
        .flatten()
        .find(|c| str_field(c, "email") == row.email)
}

/// `getClientTraffics/:email`. Up to v2.8.3 an unknown email is `success:true, obj:null`;
/// from v2.8.4 it is an error and `enable` comes from settings.
pub(crate) fn client_traffics(st: &State, email: &str) -> Response {
    let t = texts(st.generation);
    let Some(row) = st.traffic_row(email) else {
        return match st.generation {
            Generation::A => reply::obj(Value::Null),
            _ => reply::msg(
                t.traffic_get_error,
                Err(go_error(&["Inbound Not Found For Email:", email])),
            ),
        };
    };
    let client = settings_client(st, row);
    if st.generation == Generation::A {
        return reply::obj(row.to_wire(st.generation, client, false));
    }
    match client {
        Some(c) => reply::obj(row.to_wire(st.generation, Some(c), true)),
        None => reply::msg(
            t.traffic_get_error,
            Err(go_error(&["Client Not Found In Inbound For Email:", email])),
        ),
    }
}

/// `getClientTrafficsById/:uuid`: rows of clients whose settings `id` equals the parameter.
pub(crate) fn client_traffics_by_id(st: &State, uuid: &str) -> Response {
    let mut out = Vec::new();
    for row in st.traffic.values() {
        if let Some(client) = settings_client(st, row)
            && str_field(client, "id") == uuid
        {
            out.push(row.to_wire(st.generation, Some(client), true));
        }
    }
    reply::obj(Value::Array(out))
}

/// An inbound id and the clients array of a request.
type BoundClients = (i64, Vec<Map<String, Value>>);

/// Binds `{"id": <inbound>, "settings": "<json text>"}` and extracts the clients array.
fn bind_clients(st: &State, req: &Req) -> Result<BoundClients, Box<Response>> {
    let bound = req
        .bind()
        .and_then(|body| bind_inbound(st.generation, &body))
        .map_err(|e| Box::new(reply::msg(INBOUND_UPDATED, Err(Fail::Msg(e)))))?;
    let id = bound.inbound.id;
    let inbound = bound.with_settings().map_err(|e| Box::new(reply::msg(SWW, Err(e))))?;
    match inbound.clients {
        Some(clients) => Ok((id, clients)),
        None => Err(Box::new(reply::msg(SWW, Err(Fail::Panic)))),
    }
}

/// `addClient`: `{"id":…, "settings":"{\"clients\":[…]}"}`.
pub(crate) fn add_client(st: &mut State, req: &Req) -> Response {
    let (id, clients) = match bind_clients(st, req) {
        Ok(parts) => parts,
        Err(response) => return *response,
    };
    match st.add_clients(id, clients) {
        Ok(()) => reply::msg(CLIENTS_ADDED, Ok(())),
        Err(e) => reply::msg(SWW, Err(e)),
    }
}

/// `updateClient/:clientId`: replace one whole client.
pub(crate) fn update_client(st: &mut State, req: &Req, client_id: &str) -> Response {
    let (id, clients) = match bind_clients(st, req) {
        Ok(parts) => parts,
        Err(response) => return *response,
    };
    let Some(inbound) = st.inbounds.get(&id) else {
        return reply::msg(SWW, Err(not_found()));
    };
    let Some(new) = clients.into_iter().next() else {
        let has_clients = inbound.clients.as_ref().is_some_and(|c| !c.is_empty());
        let err = if has_clients {
            Fail::Panic
        } else {
            go_error(&["empty client ID"])
        };
        return reply::msg(SWW, Err(err));
    };
    match st.update_client(id, client_id, new) {
        Ok(()) => reply::msg(CLIENT_UPDATED, Ok(())),
        Err(e) => reply::msg(SWW, Err(e)),
    }
}

/// `:id/delClient/:clientId`.
pub(crate) fn del_client(st: &mut State, id: &str, client_id: &str) -> Response {
    let id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg(INBOUND_UPDATED, Err(e)),
    };
    match st.delete_client(id, client_id) {
        Ok(()) => reply::msg(CLIENT_DELETED, Ok(())),
        Err(e) => reply::msg(SWW, Err(e)),
    }
}

/// `:id/delClientByEmail/:email` (v2.8+).
pub(crate) fn del_client_by_email(st: &mut State, id: &str, email: &str) -> Response {
    let id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg("Invalid inbound ID", Err(e)),
    };
    match st.delete_client_by_email(id, email) {
        Ok(()) => reply::msg("Client deleted successfully", Ok(())),
        Err(e) => reply::msg("Failed to delete client by email", Err(e)),
    }
}

/// `:id/resetClientTraffic/:email`.
pub(crate) fn reset_client_traffic(st: &mut State, id: &str, email: &str) -> Response {
    if let Err(e) = atoi(id) {
        return reply::msg(INBOUND_UPDATED, Err(e));
    }
    match st.reset_client_traffic(email) {
        Ok(()) => reply::msg(TRAFFIC_RESET, Ok(())),
        Err(e) => reply::msg(SWW, Err(e)),
    }
}

/// `resetAllClientTraffics/:id` (`-1` = every inbound).
pub(crate) fn reset_all_client_traffics(st: &mut State, id: &str) -> Response {
    let id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg(INBOUND_UPDATED, Err(e)),
    };
    st.reset_all_client_traffics(id);
    reply::msg(texts(st.generation).reset_all_client_traffic, Ok(()))
}

/// `delDepletedClients/:id` (`-1` = every inbound).
pub(crate) fn del_depleted(st: &mut State, id: &str) -> Response {
    let id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg(INBOUND_UPDATED, Err(e)),
    };
    st.delete_depleted(id);
    reply::msg(texts(st.generation).del_depleted, Ok(()))
}

/// `onlines`: emails seen in the last poll; `null` before the first poll.
pub(crate) fn onlines(st: &State) -> Response {
    match &st.onlines {
        Some(set) => reply::obj(Value::Array(set.iter().cloned().map(Value::String).collect())),
        None => reply::obj(Value::Null),
    }
}

/// `lastOnline`: `{email: ms}`.
pub(crate) fn last_online(st: &State) -> Response {
    let map: Map<String, Value> = st
        .traffic
        .values()
        .map(|row| (row.email.clone(), Value::from(row.last_online)))
        .collect();
    reply::obj(Value::Object(map))
}

/// `updateClientTraffic/:email` with absolute `{"upload":n,"download":n}` (JSON only).
pub(crate) fn update_client_traffic(st: &mut State, req: &Req, email: &str) -> Response {
    let values = req.bind_json().and_then(|body| {
        let f = Fields::of(&body, "TrafficUpdateRequest", "struct")?;
        Ok((f.int("upload", "int64")?, f.int("download", "int64")?))
    });
    let (up, down) = match values {
        Ok(values) => values,
        Err(e) => return reply::msg(SWW, Err(Fail::Msg(e))),
    };
    if let Some(row) = st.traffic_row_mut(email) {
        row.up = up;
        row.down = down;
    }
    reply::msg(CLIENT_UPDATED, Ok(()))
}

/// `getSubLinks/:subId` (v3.0.2).
pub(crate) fn sub_links(st: &State, req: &Req, sub_id: &str) -> Response {
    let links = subscription::links_for_sub(st, &req.link_host(), sub_id);
    reply::obj(Value::Array(links.into_iter().map(Value::String).collect()))
}

/// `getClientLinks/:id/:email` (v3.0.2).
pub(crate) fn client_links(st: &State, req: &Req, id: &str, email: &str) -> Response {
    let id = match atoi(id) {
        Ok(id) => id,
        Err(e) => return reply::msg(OBTAIN, Err(e)),
    };
    if !st.inbounds.contains_key(&id) {
        return reply::msg(OBTAIN, Err(not_found()));
    }
    let links = subscription::links_for_email(st, &req.link_host(), email, Some(id));
    reply::obj(Value::Array(links.into_iter().map(Value::String).collect()))
}
