//! The `/panel/api/*` route tables of each generation (`inbound.go`, `client.go`, `server.go`).

use axum::http::{Method, StatusCode};
use axum::response::Response;

use super::config::Generation;
use super::request::Req;
use super::state::State;
use super::{clients, legacy, reply, server_api, settings};

/// A matched API route with its path parameters.
#[derive(Debug, Clone)]
pub(crate) enum Route {
    InboundList,
    InboundGet(String),
    InboundAdd,
    InboundImport,
    InboundDel(String),
    InboundUpdate(String),
    InboundSetEnable(String),
    InboundResetTraffic(String),
    ResetAllTraffics,
    ClientTraffics(String),
    ClientTrafficsById(String),
    AddClient,
    UpdateClient(String),
    DelClient(String, String),
    DelClientByEmail(String, String),
    ResetClientTraffic(String, String),
    ResetAllClientTraffics(String),
    DelDepletedClients(String),
    Onlines,
    LastOnline,
    ClientIps,
    ClearClientIps,
    UpdateClientTraffic(String),
    GetSubLinks(String),
    GetClientLinks(String, String),
    Clients(clients::Route),
    Server(server_api::Route),
    Backup,
    DefaultSettings,
}

/// Matches a method and the path segments after `/panel/api/` against a generation's routes.
pub(crate) fn route(generation: Generation, method: &Method, segs: &[&str]) -> Option<Route> {
    let get = *method == Method::GET;
    let post = *method == Method::POST;
    let own = |s: &&str| (*s).to_owned();
    let legacy = generation != Generation::D;
    let v3 = generation.is_v3();
    let r = match segs {
        ["inbounds", "list"] if get => Route::InboundList,
        ["inbounds", "list", "slim"] if get && !legacy => Route::InboundList,
        ["inbounds", "get", id] if get => Route::InboundGet(own(id)),
        ["inbounds", "add"] if post => Route::InboundAdd,
        ["inbounds", "import"] if post => Route::InboundImport,
        ["inbounds", "del", id] if post => Route::InboundDel(own(id)),
        ["inbounds", "update", id] if post => Route::InboundUpdate(own(id)),
        ["inbounds", "setEnable", id] if post && v3 => Route::InboundSetEnable(own(id)),
        ["inbounds", id, "resetTraffic"] if post && v3 => Route::InboundResetTraffic(own(id)),
        ["inbounds", "resetAllTraffics"] if post => Route::ResetAllTraffics,
        ["inbounds", "getClientTraffics", email] if get && legacy => Route::ClientTraffics(own(email)),
        ["inbounds", "getClientTrafficsById", id] if get && legacy => Route::ClientTrafficsById(own(id)),
        ["inbounds", "addClient"] if post && legacy => Route::AddClient,
        ["inbounds", "updateClient", id] if post && legacy => Route::UpdateClient(own(id)),
        ["inbounds", id, "delClient", client] if post && legacy => Route::DelClient(own(id), own(client)),
        ["inbounds", id, "delClientByEmail", email] if post && legacy => Route::DelClientByEmail(own(id), own(email)),
        ["inbounds", id, "resetClientTraffic", email] if post && legacy => {
            Route::ResetClientTraffic(own(id), own(email))
        }
        ["inbounds", "resetAllClientTraffics", id] if post && legacy => Route::ResetAllClientTraffics(own(id)),
        ["inbounds", "delDepletedClients", id] if post && legacy => Route::DelDepletedClients(own(id)),
        ["inbounds", "onlines"] if post && legacy => Route::Onlines,
        ["inbounds", "lastOnline"] if post && legacy => Route::LastOnline,
        ["inbounds", "clientIps", _] if post && legacy => Route::ClientIps,
        ["inbounds", "clearClientIps", _] if post && legacy => Route::ClearClientIps,
        ["inbounds", "updateClientTraffic", email] if post && legacy => Route::UpdateClientTraffic(own(email)),
        ["inbounds", "getSubLinks", sub] if get && generation == Generation::C => Route::GetSubLinks(own(sub)),
        ["inbounds", "getClientLinks", id, email] if get && generation == Generation::C => {
            Route::GetClientLinks(own(id), own(email))
        }
        ["clients", rest @ ..] if !legacy => Route::Clients(clients::route(method, rest)?),
        ["server", rest @ ..] => Route::Server(server_api::route(method, rest)?),
        ["backuptotgbot"] if (get && !v3) || (post && v3) => Route::Backup,
        ["setting", "defaultSettings"] if post && !legacy => Route::DefaultSettings,
        _ => return None,
    };
    Some(r)
}

/// Runs a matched route for an authenticated caller.
pub(crate) fn run(st: &mut State, req: &Req, route: Route) -> Response {
    match route {
        Route::InboundList => legacy::list(st),
        Route::InboundGet(id) => legacy::get(st, &id),
        Route::InboundAdd => legacy::add(st, req),
        Route::InboundImport => legacy::import(st, req),
        Route::InboundDel(id) => legacy::del(st, &id),
        Route::InboundUpdate(id) => legacy::update(st, req, &id),
        Route::InboundSetEnable(id) => legacy::set_enable(st, req, &id),
        Route::InboundResetTraffic(id) => legacy::reset_inbound_traffic(st, &id),
        Route::ResetAllTraffics => legacy::reset_all_traffics(st),
        Route::ClientTraffics(email) => legacy::client_traffics(st, &email),
        Route::ClientTrafficsById(id) => legacy::client_traffics_by_id(st, &id),
        Route::AddClient => legacy::add_client(st, req),
        Route::UpdateClient(id) => legacy::update_client(st, req, &id),
        Route::DelClient(id, client) => legacy::del_client(st, &id, &client),
        Route::DelClientByEmail(id, email) => legacy::del_client_by_email(st, &id, &email),
        Route::ResetClientTraffic(id, email) => legacy::reset_client_traffic(st, &id, &email),
        Route::ResetAllClientTraffics(id) => legacy::reset_all_client_traffics(st, &id),
        Route::DelDepletedClients(id) => legacy::del_depleted(st, &id),
        Route::Onlines => legacy::onlines(st),
        Route::LastOnline => legacy::last_online(st),
        Route::ClientIps => reply::obj("No IP Record".into()),
        Route::ClearClientIps => reply::msg(super::texts::LOG_CLEARED, Ok(())),
        Route::UpdateClientTraffic(email) => legacy::update_client_traffic(st, req, &email),
        Route::GetSubLinks(sub) => legacy::sub_links(st, req, &sub),
        Route::GetClientLinks(id, email) => legacy::client_links(st, req, &id, &email),
        Route::Clients(route) => clients::run(st, req, route),
        Route::Server(route) => server_api::run(st, route),
        Route::Backup => reply::empty(StatusCode::OK),
        Route::DefaultSettings => settings::default_settings(st, req),
    }
}
