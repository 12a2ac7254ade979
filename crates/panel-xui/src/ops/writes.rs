//! Client writes: add, update, enable/disable, delete. The panel's writes are not
//! idempotent, so when an answer is lost the client is read back before anything is sent
//! again: an add that landed is not added twice, a delete that landed is not an error.

use inventory::{ClientEmail, PanelClient, PanelConnection, PanelError};
use serde_json::Value;

use super::clients::{find_in, locate};
use super::inbounds::wire_get;
use crate::added::AddedClient;
use crate::call::{CallError, Mode};
use crate::client_body::{client_object, written_key};
use crate::driver::XuiDriver;
use crate::routes::Op;
use crate::wire::{WireClient, WireInbound};

/// The protocols MoonVPN writes clients to.
const SUPPORTED: [&str; 4] = ["vless", "vmess", "trojan", "shadowsocks"];

fn supported(inbound: &WireInbound) -> Result<(), PanelError> {
    if SUPPORTED.contains(&inbound.protocol.as_str()) {
        Ok(())
    } else {
        Err(PanelError::Rejected(format!(
            "inbound {} is {}; MoonVPN sells only vless, vmess, trojan and shadowsocks",
            inbound.id, inbound.protocol
        )))
    }
}

/// Whether the panel refused a numeric `tgId` (3x-ui 2.0 stores it as text).
fn wants_text_tg_id(e: &CallError) -> bool {
    matches!(&e.error, PanelError::Rejected(m) if m.contains("tgId") && m.contains("string"))
}

/// Which client write to send.
#[derive(Clone, Copy)]
enum Write<'a> {
    /// Add to an inbound.
    Add(i64),
    /// Replace the client with this key and email on an inbound.
    Update(i64, &'a str, &'a str),
}

impl<'a> Write<'a> {
    fn op<'b>(self, client: &'b Value) -> Op<'b>
    where
        'a: 'b,
    {
        match self {
            Write::Add(inbound) => Op::AddClient { inbound, client },
            Write::Update(inbound, key, email) => Op::UpdateClient {
                inbound,
                key,
                email,
                client,
            },
        }
    }
}

/// Sends the client object `build(false)`, and once more as `build(true)` (`tgId` as
/// text) when the panel wants that; the object the panel took.
async fn send_client(
    driver: &XuiDriver,
    conn: &PanelConnection,
    write: Write<'_>,
    build: impl Fn(bool) -> Value,
) -> Result<Value, CallError> {
    let object = build(false);
    match driver.call(conn, &write.op(&object), Mode::Once).await {
        Err(e) if wants_text_tg_id(&e) => {
            let object = build(true);
            driver.call(conn, &write.op(&object), Mode::Once).await.map(|_| object)
        }
        other => other.map(|_| object),
    }
}

/// Pause before write attempt `n`.
async fn pause(driver: &XuiDriver, attempt: u32) {
    tokio::time::sleep(driver.http.config.backoff_for(attempt)).await;
}

/// Adds `client` to inbound `inbound_id`. If the answer is lost, the client is looked up:
/// there with our key means done; absent means send again.
pub(crate) async fn add(
    driver: &XuiDriver,
    conn: &PanelConnection,
    inbound_id: i64,
    client: &PanelClient,
) -> Result<(), PanelError> {
    let inbound = wire_get(driver, conn, inbound_id).await?;
    supported(&inbound)?;
    let key = written_key(&inbound, &client.key);
    let mut attempt = 0;
    loop {
        let sent = send_client(driver, conn, Write::Add(inbound_id), |text| {
            client_object(None, client, &inbound, text)
        })
        .await;
        let lost = match sent {
            Ok(written) => {
                remember_added(driver, conn, inbound_id, &inbound.protocol, written);
                return Ok(());
            }
            Err(e) if e.maybe_applied => e,
            Err(e) => return Err(e.error),
        };
        tracing::warn!(panel = %conn.url, client = %client.email, "add-client answer lost; reading back");
        match locate(driver, conn, &client.email).await {
            Ok(Some((found_in, wire, _))) if wire.key(&found_in.protocol) == key => return Ok(()),
            Ok(Some(_)) => {
                return Err(PanelError::Rejected(format!(
                    "another client already uses the email {}",
                    client.email
                )));
            }
            Ok(None) if attempt < driver.http.config.retries => {
                attempt += 1;
                pause(driver, attempt).await;
            }
            Ok(None) | Err(_) => return Err(lost.error),
        }
    }
}

/// Remembers the client object the panel just took on `inbound_id` (a `protocol` inbound),
/// for the links asked next ([`crate::added`]).
fn remember_added(driver: &XuiDriver, conn: &PanelConnection, inbound_id: i64, protocol: &str, written: Value) {
    let Ok(client) = serde_json::from_value::<WireClient>(written) else {
        return;
    };
    let added = AddedClient {
        inbound: inbound_id,
        protocol: protocol.to_owned(),
        client,
        at: std::time::Instant::now(),
    };
    driver.panels.slot(&conn.url).with(|s| s.added.remember(added));
}

/// Forgets that `email` was just added: it is being changed or removed.
fn forget_added(driver: &XuiDriver, conn: &PanelConnection, email: &ClientEmail) {
    driver.panels.slot(&conn.url).with(|s| s.added.forget(email.as_str()));
}

/// Where a client to change lives (the inbound asked for, else wherever the panel has it),
/// the id legacy routes address it by, and its current object.
async fn target(
    driver: &XuiDriver,
    conn: &PanelConnection,
    inbound_id: i64,
    email: &ClientEmail,
) -> Result<(WireInbound, String, Value), PanelError> {
    let inbound = match wire_get(driver, conn, inbound_id).await {
        Ok(inbound) => Some(inbound),
        Err(PanelError::NotFound) => None,
        Err(e) => return Err(e),
    };
    if let Some(inbound) = inbound
        && let Some((wire, raw)) = find_in(&inbound, email)?
    {
        let id = wire.legacy_id(&inbound.protocol).to_owned();
        return Ok((inbound, id, raw));
    }
    match locate(driver, conn, email).await? {
        Some((inbound, wire, raw)) => {
            let id = wire.legacy_id(&inbound.protocol).to_owned();
            Ok((inbound, id, raw))
        }
        None => Err(PanelError::NotFound),
    }
}

/// Writes the client `email` as `change(current object)` gives it. Replacing a client with
/// the same object twice changes nothing, so a lost answer is retried once the client is
/// known to still exist.
async fn rewrite(
    driver: &XuiDriver,
    conn: &PanelConnection,
    inbound_id: i64,
    email: &ClientEmail,
    change: impl Fn(&WireInbound, &Value, bool) -> Value,
) -> Result<(), PanelError> {
    forget_added(driver, conn, email);
    let mut attempt = 0;
    loop {
        let (inbound, key, current) = target(driver, conn, inbound_id, email).await?;
        let write = Write::Update(inbound.id, &key, email.as_str());
        let sent = send_client(driver, conn, write, |text| change(&inbound, &current, text)).await;
        match sent {
            Ok(_) => return Ok(()),
            Err(e) if e.maybe_applied && attempt < driver.http.config.retries => {
                tracing::warn!(panel = %conn.url, client = %email, "update-client answer lost; reading back");
                attempt += 1;
                pause(driver, attempt).await;
            }
            Err(e) => return Err(e.error),
        }
    }
}

/// Replaces the client with `client.email` by `client`. `NotFound` if absent.
pub(crate) async fn update(
    driver: &XuiDriver,
    conn: &PanelConnection,
    inbound_id: i64,
    client: &PanelClient,
) -> Result<(), PanelError> {
    rewrite(driver, conn, inbound_id, &client.email, |inbound, current, text| {
        client_object(Some(current).filter(|c| c.is_object()), client, inbound, text)
    })
    .await
}

/// Turns a client on or off, keeping everything else. `NotFound` if absent.
pub(crate) async fn set_enabled(
    driver: &XuiDriver,
    conn: &PanelConnection,
    inbound_id: i64,
    email: &ClientEmail,
    enabled: bool,
) -> Result<(), PanelError> {
    rewrite(driver, conn, inbound_id, email, |_, current, text| {
        let mut object = current.clone();
        if let Some(map) = object.as_object_mut() {
            map.insert("enable".into(), Value::Bool(enabled));
            if text && let Some(tg) = map.get("tgId").and_then(Value::as_i64) {
                map.insert(
                    "tgId".into(),
                    Value::String(if tg == 0 { String::new() } else { tg.to_string() }),
                );
            }
        }
        object
    })
    .await
}

/// Removes a client. `NotFound` if the panel has no such client; a lost answer is checked
/// by reading back.
pub(crate) async fn delete(
    driver: &XuiDriver,
    conn: &PanelConnection,
    inbound_id: i64,
    email: &ClientEmail,
) -> Result<(), PanelError> {
    forget_added(driver, conn, email);
    let mut attempt = 0;
    loop {
        let (inbound, key, _) = target(driver, conn, inbound_id, email).await?;
        let op = Op::DeleteClient {
            inbound: inbound.id,
            key: &key,
            email: email.as_str(),
        };
        let lost = match driver.call(conn, &op, Mode::Once).await {
            Ok(_) => return Ok(()),
            Err(e) if e.maybe_applied => e,
            Err(e) => return Err(e.error),
        };
        tracing::warn!(panel = %conn.url, client = %email, "delete-client answer lost; reading back");
        match locate(driver, conn, email).await {
            Ok(None) => return Ok(()),
            Ok(Some(_)) if attempt < driver.http.config.retries => {
                attempt += 1;
                pause(driver, attempt).await;
            }
            Ok(Some(_)) | Err(_) => return Err(lost.error),
        }
    }
}
