//! `POST {base}panel/setting/defaultSettings`: the keys a bot reads for subscription URLs.

use axum::response::Response;
use serde_json::json;

use super::reply;
use super::request::Req;
use super::state::State;

/// `getDefaultSettings`; `subURI` is computed from the request host and the subscription port.
pub(crate) fn default_settings(st: &State, req: &Req) -> Response {
    let sub_uri = match st.sub_port {
        Some(port) => {
            let scheme = if st.config.tls { "https" } else { "http" };
            format!("{scheme}://{}:{port}/sub/", req.link_host())
        }
        None => String::new(),
    };
    reply::obj(json!({
        "expireDiff": 0,
        "trafficDiff": 0,
        "remarkModel": "-ieo",
        "datepicker": "gregorian",
        "tgBotEnable": false,
        "subEnable": st.sub_port.is_some(),
        "subJsonEnable": false,
        "subTitle": "",
        "subURI": sub_uri,
        "subJsonURI": "",
        "pageSize": 50
    }))
}
