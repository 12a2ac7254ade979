//! The route table: which request each operation is on each API generation (reference §5–§7).

use inventory::ApiGeneration;
use serde_json::{Value, json};

use crate::http::{Req, segment};

/// Every panel operation the driver performs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Op<'a> {
    /// All inbounds with clients.
    ListInbounds,
    /// One inbound.
    GetInbound(i64),
    /// A gen-D client record and its inbounds.
    GetClient(&'a str),
    /// Adds one client (a full client object) to an inbound.
    AddClient {
        /// Inbound id.
        inbound: i64,
        /// The client object.
        client: &'a Value,
    },
    /// Replaces a client.
    UpdateClient {
        /// Inbound id.
        inbound: i64,
        /// The client's legacy id (UUID, trojan password, or shadowsocks email).
        key: &'a str,
        /// The client's email (gen-D routes address clients by email).
        email: &'a str,
        /// The full new client object.
        client: &'a Value,
    },
    /// Deletes a client.
    DeleteClient {
        /// Inbound id.
        inbound: i64,
        /// The client's legacy id (UUID, trojan password, or shadowsocks email).
        key: &'a str,
        /// The client's email (gen D).
        email: &'a str,
    },
    /// Zeroes a client's counters.
    ResetTraffic {
        /// Inbound id.
        inbound: i64,
        /// The client's email.
        email: &'a str,
    },
    /// A client's counters.
    ClientTraffic(&'a str),
    /// The share links the panel generates for a client (3.0.2+).
    ClientLinks {
        /// Inbound id (3.0 addresses links by inbound and email).
        inbound: i64,
        /// The client's email.
        email: &'a str,
    },
    /// Emails online now.
    Onlines,
    /// Server status.
    Status,
    /// Restart xray.
    RestartXray,
    /// Subscription settings.
    DefaultSettings,
}

impl Op<'_> {
    /// A name for the operation, to remember which of its routes a panel has.
    pub fn kind(&self) -> &'static str {
        match self {
            Op::ListInbounds => "list-inbounds",
            Op::GetInbound(_) => "get-inbound",
            Op::GetClient(_) => "get-client",
            Op::AddClient { .. } => "add-client",
            Op::UpdateClient { .. } => "update-client",
            Op::DeleteClient { .. } => "delete-client",
            Op::ResetTraffic { .. } => "reset-traffic",
            Op::ClientTraffic(_) => "client-traffic",
            Op::ClientLinks { .. } => "client-links",
            Op::Onlines => "onlines",
            Op::Status => "status",
            Op::RestartXray => "restart-xray",
            Op::DefaultSettings => "default-settings",
        }
    }

    /// Whether a missing route or refused session on this operation may mean the panel
    /// changed generation (false for optional extras some versions lack or guard
    /// differently).
    pub fn may_redetect(&self) -> bool {
        !matches!(self, Op::DefaultSettings | Op::ClientLinks { .. })
    }
}

/// `{"clients":[client]}` as the JSON *text* legacy routes require.
fn legacy_settings(inbound: i64, client: &Value) -> Value {
    json!({"id": inbound, "settings": json!({"clients": [client]}).to_string()})
}

/// The requests for `op` on `generation`, in the order to try them (a later one is tried
/// when an earlier route is missing, e.g. 3x-ui ≤ 2.6 status under `server/`). Empty when
/// the generation has no such operation.
pub(crate) fn requests(generation: ApiGeneration, op: &Op<'_>) -> Vec<Req> {
    const INBOUNDS: &str = "panel/api/inbounds";
    const CLIENTS: &str = "panel/api/clients";
    let d = generation == ApiGeneration::D;
    let old = generation == ApiGeneration::A;
    match *op {
        Op::ListInbounds => vec![Req::get(format!("{INBOUNDS}/list"))],
        Op::GetInbound(id) => vec![Req::get(format!("{INBOUNDS}/get/{id}"))],
        Op::GetClient(_) if !d => Vec::new(),
        Op::GetClient(email) => vec![Req::get(format!("{CLIENTS}/get/{}", segment(email)))],
        Op::ClientLinks { email, .. } if d => vec![Req::get(format!("{CLIENTS}/links/{}", segment(email)))],
        Op::ClientLinks { inbound, email } if generation == ApiGeneration::C => vec![Req::get(format!(
            "{INBOUNDS}/getClientLinks/{inbound}/{}",
            segment(email)
        ))],
        Op::ClientLinks { .. } => Vec::new(),
        Op::AddClient { inbound, client } if d => vec![Req::post_json(
            format!("{CLIENTS}/add"),
            json!({"client": client, "inboundIds": [inbound]}),
        )],
        Op::AddClient { inbound, client } => vec![Req::post_json(
            format!("{INBOUNDS}/addClient"),
            legacy_settings(inbound, client),
        )],
        Op::UpdateClient { email, client, .. } if d => vec![Req::post_json(
            format!("{CLIENTS}/update/{}", segment(email)),
            client.clone(),
        )],
        Op::UpdateClient {
            inbound, key, client, ..
        } => vec![Req::post_json(
            format!("{INBOUNDS}/updateClient/{}", segment(key)),
            legacy_settings(inbound, client),
        )],
        Op::DeleteClient { email, .. } if d => vec![Req::post(format!("{CLIENTS}/del/{}", segment(email)))],
        Op::DeleteClient { inbound, key, .. } => {
            vec![Req::post(format!("{INBOUNDS}/{inbound}/delClient/{}", segment(key)))]
        }
        Op::ResetTraffic { email, .. } if d => vec![Req::post(format!("{CLIENTS}/resetTraffic/{}", segment(email)))],
        Op::ResetTraffic { inbound, email } => vec![Req::post(format!(
            "{INBOUNDS}/{inbound}/resetClientTraffic/{}",
            segment(email)
        ))],
        Op::ClientTraffic(email) if d => vec![Req::get(format!("{CLIENTS}/traffic/{}", segment(email)))],
        Op::ClientTraffic(email) => vec![Req::get(format!("{INBOUNDS}/getClientTraffics/{}", segment(email)))],
        Op::Onlines if d => vec![Req::post(format!("{CLIENTS}/onlines"))],
        Op::Onlines => vec![Req::post(format!("{INBOUNDS}/onlines"))],
        Op::Status => {
            let mut list = vec![Req::get("panel/api/server/status")];
            if old {
                list.push(Req::post("server/status"));
            }
            list
        }
        Op::RestartXray => {
            let mut list = vec![Req::post("panel/api/server/restartXrayService")];
            if old {
                list.push(Req::post("server/restartXrayService"));
            }
            list
        }
        Op::DefaultSettings if d => vec![
            Req::post("panel/api/setting/defaultSettings"),
            Req::post("panel/setting/defaultSettings"),
        ],
        Op::DefaultSettings => vec![Req::post("panel/setting/defaultSettings")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;
    use ApiGeneration::{A, B, C, D};

    #[test]
    fn legacy_generations_add_clients_with_settings_as_text() {
        let client = json!({"id": "u", "email": "bob"});
        for generation in [A, B, C] {
            let reqs = requests(
                generation,
                &Op::AddClient {
                    inbound: 4,
                    client: &client,
                },
            );
            assert_eq!(reqs[0].path, "panel/api/inbounds/addClient");
            let body = reqs[0].body.clone().unwrap();
            assert_eq!(body["id"], 4);
            assert_eq!(body["settings"], json!(r#"{"clients":[{"email":"bob","id":"u"}]}"#));
        }
    }

    #[test]
    fn gen_d_uses_the_clients_routes_addressed_by_email() {
        let client = json!({"email": "bob"});
        let add = &requests(
            D,
            &Op::AddClient {
                inbound: 4,
                client: &client,
            },
        )[0];
        assert_eq!(add.path, "panel/api/clients/add");
        assert_eq!(add.body, Some(json!({"client": {"email": "bob"}, "inboundIds": [4]})));
        let op = Op::UpdateClient {
            inbound: 4,
            key: "k",
            email: "bob",
            client: &client,
        };
        assert_eq!(requests(D, &op)[0].path, "panel/api/clients/update/bob");
        assert_eq!(requests(C, &op)[0].path, "panel/api/inbounds/updateClient/k");
        let del = Op::DeleteClient {
            inbound: 4,
            key: "k",
            email: "bob",
        };
        assert_eq!(requests(D, &del)[0].path, "panel/api/clients/del/bob");
        assert_eq!(requests(B, &del)[0].path, "panel/api/inbounds/4/delClient/k");
        assert_eq!(requests(B, &del)[0].method, Method::Post);
    }

    #[test]
    fn old_panels_get_the_pre_2_7_server_routes_as_a_fallback() {
        let paths: Vec<_> = requests(A, &Op::Status).into_iter().map(|r| r.path).collect();
        assert_eq!(paths, vec!["panel/api/server/status", "server/status"]);
        assert_eq!(requests(B, &Op::Status).len(), 1);
        let links = Op::ClientLinks { inbound: 2, email: "x" };
        assert!(requests(B, &links).is_empty());
        assert_eq!(requests(C, &links)[0].path, "panel/api/inbounds/getClientLinks/2/x");
        assert_eq!(requests(D, &links)[0].path, "panel/api/clients/links/x");
    }
}
