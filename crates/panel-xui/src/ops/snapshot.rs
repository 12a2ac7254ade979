//! One read of `inbounds/list` turned into every inbound and every client with its counters
//! (from the inbound's `clientStats`), for periodic syncs.

use std::collections::HashMap;

use inventory::{ClientTraffic, ClientUsage, PanelConnection, PanelError, PanelExpiry, PanelSnapshot};
use serde_json::Value;

use super::inbounds::to_remote;
use super::parse;
use crate::call::Mode;
use crate::driver::XuiDriver;
use crate::routes::Op;
use crate::wire::{WireClient, WireInbound, WireTraffic};

/// A `clientStats` row: the counters, and whether the panel cut the client off (on 2.x the
/// depletion job flips only this flag, not the one in `settings`).
struct Stat {
    traffic: ClientTraffic,
    enabled: bool,
}

/// The `clientStats` rows of one inbound by lower-cased email (`null` = none).
fn stats_of(inbound: &Value) -> HashMap<String, Stat> {
    let rows = inbound.get("clientStats").and_then(Value::as_array);
    rows.into_iter()
        .flatten()
        .filter_map(|row| {
            let t: WireTraffic = serde_json::from_value(row.clone()).ok()?;
            let stat = Stat {
                traffic: ClientTraffic {
                    up: u64::try_from(t.up).unwrap_or(0),
                    down: u64::try_from(t.down).unwrap_or(0),
                },
                enabled: row.get("enable").and_then(Value::as_bool).unwrap_or(true),
            };
            Some((t.email.to_ascii_lowercase(), stat))
        })
        .collect()
}

/// The clients of one inbound with their counters.
fn clients_of(wire: &WireInbound, stats: &HashMap<String, Stat>) -> Result<Vec<ClientUsage>, PanelError> {
    let raw = wire
        .raw_clients()
        .map_err(|e| PanelError::BadResponse(format!("inbound {}: unreadable settings: {e}", wire.id)))?;
    let mut out = Vec::with_capacity(raw.len());
    for value in raw {
        let Ok(client) = serde_json::from_value::<WireClient>(value) else {
            continue;
        };
        let stat = stats.get(&client.email.to_ascii_lowercase());
        out.push(ClientUsage {
            inbound_remote_id: wire.id,
            enabled: client.enable && stat.is_none_or(|s| s.enabled),
            traffic: stat.map_or(ClientTraffic { up: 0, down: 0 }, |s| s.traffic),
            total_bytes: client.traffic_limit(),
            expiry: PanelExpiry::from_millis(client.expiry_time),
            email: client.email,
        });
    }
    Ok(out)
}

/// Every inbound and client of the panel, from one `inbounds/list`.
pub(crate) async fn snapshot(driver: &XuiDriver, conn: &PanelConnection) -> Result<PanelSnapshot, PanelError> {
    let list = match driver.call(conn, &Op::ListInbounds, Mode::Repeatable).await? {
        Value::Null => Vec::new(),
        Value::Array(list) => list,
        other => {
            return Err(PanelError::BadResponse(format!(
                "inbound list is not a list: {other:.80}"
            )));
        }
    };
    let mut snapshot = PanelSnapshot::default();
    for raw in list {
        let stats = stats_of(&raw);
        let wire: WireInbound = parse("inbound", raw)?;
        snapshot.clients.extend(clients_of(&wire, &stats)?);
        snapshot.inbounds.push(to_remote(wire)?);
    }
    Ok(snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn clients_carry_their_counters_limits_and_the_cut_off_flag() {
        let raw = json!({
            "id": 4, "port": 443, "protocol": "vless", "enable": true,
            "settings": "{\"clients\":[{\"id\":\"u1\",\"email\":\"FR-MoonVPN-1001\",\"totalGB\":5000,\"expiryTime\":1767225600000,\"enable\":true},{\"id\":\"u2\",\"email\":\"hand-made\",\"enable\":true}]}",
            "clientStats": [
                {"id": 1, "inboundId": 4, "email": "fr-moonvpn-1001", "up": 100, "down": 4900, "enable": false}
            ]
        });
        let stats = stats_of(&raw);
        let wire: WireInbound = serde_json::from_value(raw).unwrap();

        let clients = clients_of(&wire, &stats).unwrap();

        assert_eq!(clients.len(), 2);
        assert_eq!(clients[0].traffic.used(), 5000);
        assert_eq!(clients[0].total_bytes, kernel::ByteLimit::upto(5000).unwrap());
        assert!(!clients[0].enabled);
        assert!(matches!(clients[0].expiry, PanelExpiry::At(_)));
        assert_eq!(clients[1].traffic.used(), 0);
        assert!(clients[1].enabled);
        assert_eq!(clients[1].expiry, PanelExpiry::Never);
    }

    #[test]
    fn inbound_settings_are_kept_without_their_clients_but_counted() {
        let wire: WireInbound = serde_json::from_value(json!({
            "id": 2, "port": 443, "protocol": "vless",
            "settings": "{\"clients\":[{\"id\":\"u1\",\"email\":\"a\"},{\"id\":\"u2\",\"email\":\"b\"}],\"decryption\":\"none\"}"
        }))
        .unwrap();

        let remote = to_remote(wire).unwrap();

        assert_eq!(remote.client_count, 2);
        assert_eq!(remote.spec.settings, r#"{"decryption":"none"}"#);
    }
}
