//! Reading clients: find by email, traffic, online list; resetting traffic.

use inventory::{ApiGeneration, ClientEmail, ClientTraffic, PanelConnection, PanelError, RemoteClient};
use serde::Deserialize;
use serde_json::Value;

use super::inbounds::{wire_get, wire_list};
use super::parse;
use crate::call::Mode;
use crate::client_body::remote_client;
use crate::driver::XuiDriver;
use crate::routes::Op;
use crate::wire::{WireClient, WireInbound, WireTraffic};

/// `clients/get/:email` on gen D.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClientRecord {
    client: WireClient,
    #[serde(default, deserialize_with = "crate::wire::lenient_list")]
    inbound_ids: Vec<i64>,
}

fn unreadable(e: serde_json::Error) -> PanelError {
    PanelError::BadResponse(format!("unreadable inbound settings: {e}"))
}

/// The client with `email` in `inbound`, with its raw object.
pub(crate) fn find_in(inbound: &WireInbound, email: &ClientEmail) -> Result<Option<(WireClient, Value)>, PanelError> {
    inbound.find_client(email.as_str()).map_err(unreadable)
}

/// The inbound holding `email` and the client there (raw object too); `None` if no
/// inbound has it.
pub(crate) async fn locate(
    driver: &XuiDriver,
    conn: &PanelConnection,
    email: &ClientEmail,
) -> Result<Option<(WireInbound, WireClient, Value)>, PanelError> {
    let slot = driver.panels.slot(&conn.url);
    if driver.generation(conn, &slot).await? == ApiGeneration::D {
        let record: ClientRecord = match driver
            .call(conn, &Op::GetClient(email.as_str()), Mode::Repeatable)
            .await
        {
            Ok(Value::Null)
            | Err(crate::call::CallError {
                error: PanelError::NotFound,
                ..
            }) => return Ok(None),
            Ok(obj) => parse("client record", obj)?,
            Err(e) => return Err(e.into()),
        };
        let Some(&inbound_id) = record.inbound_ids.first() else {
            return Ok(None);
        };
        let inbound = match wire_get(driver, conn, inbound_id).await {
            Err(PanelError::NotFound) => return Ok(None),
            other => other?,
        };
        return Ok(match find_in(&inbound, email)? {
            Some((wire, raw)) => Some((inbound, wire, raw)),
            None => Some((inbound, record.client, Value::Null)),
        });
    }
    for inbound in wire_list(driver, conn).await? {
        if let Some((wire, raw)) = find_in(&inbound, email)? {
            return Ok(Some((inbound, wire, raw)));
        }
    }
    Ok(None)
}

/// The client with `email`, on any inbound.
pub(crate) async fn get(
    driver: &XuiDriver,
    conn: &PanelConnection,
    email: &ClientEmail,
) -> Result<Option<RemoteClient>, PanelError> {
    Ok(locate(driver, conn, email)
        .await?
        .map(|(inbound, wire, _)| remote_client(&inbound, &wire, email)))
}

/// A client's counters; `None` if the panel has no such client.
pub(crate) async fn traffic(
    driver: &XuiDriver,
    conn: &PanelConnection,
    email: &ClientEmail,
) -> Result<Option<ClientTraffic>, PanelError> {
    match driver
        .call(conn, &Op::ClientTraffic(email.as_str()), Mode::Repeatable)
        .await
    {
        Ok(Value::Null) => Ok(None),
        Ok(obj) => {
            let t: WireTraffic = parse("client traffic", obj)?;
            Ok(Some(ClientTraffic {
                up: u64::try_from(t.up).unwrap_or(0),
                down: u64::try_from(t.down).unwrap_or(0),
            }))
        }
        Err(e) if e.error == PanelError::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Zeroes a client's counters; `NotFound` if the panel has no such client.
pub(crate) async fn reset_traffic(
    driver: &XuiDriver,
    conn: &PanelConnection,
    inbound: i64,
    email: &ClientEmail,
) -> Result<(), PanelError> {
    if traffic(driver, conn, email).await?.is_none() {
        return Err(PanelError::NotFound);
    }
    let op = Op::ResetTraffic {
        inbound,
        email: email.as_str(),
    };
    driver.call(conn, &op, Mode::Repeatable).await?;
    Ok(())
}

/// Emails online now (those that are not valid emails are left out).
pub(crate) async fn online(driver: &XuiDriver, conn: &PanelConnection) -> Result<Vec<ClientEmail>, PanelError> {
    let emails: Vec<String> = match driver.call(conn, &Op::Onlines, Mode::Repeatable).await? {
        Value::Null => Vec::new(),
        obj => parse("online list", obj)?,
    };
    Ok(emails.iter().filter_map(|e| ClientEmail::new(e).ok()).collect())
}
