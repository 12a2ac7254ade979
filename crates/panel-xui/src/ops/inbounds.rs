//! Inbounds: list and get.

use inventory::{InboundSpec, PanelConnection, PanelError, Protocol, RemoteInbound};
use serde_json::Value;

use super::parse;
use crate::call::Mode;
use crate::driver::XuiDriver;
use crate::routes::Op;
use crate::wire::WireInbound;
use crate::wire::inbound_text;

/// Every inbound as the panel sends it.
pub(crate) async fn wire_list(driver: &XuiDriver, conn: &PanelConnection) -> Result<Vec<WireInbound>, PanelError> {
    match driver.call(conn, &Op::ListInbounds, Mode::Repeatable).await? {
        Value::Null => Ok(Vec::new()),
        obj => parse("inbound list", obj),
    }
}

/// One inbound as the panel sends it; `NotFound` if it has none with this id.
pub(crate) async fn wire_get(driver: &XuiDriver, conn: &PanelConnection, id: i64) -> Result<WireInbound, PanelError> {
    match driver.call(conn, &Op::GetInbound(id), Mode::Repeatable).await? {
        Value::Null => Err(PanelError::NotFound),
        obj => parse("inbound", obj),
    }
}

/// The inbound's settings as text without their `clients` array (a busy inbound's client list
/// runs to megabytes; MoonVPN tracks clients through the count and its own accounts), and how
/// many clients the array held.
fn settings_without_clients(wire: &WireInbound) -> Result<(String, usize), serde_json::Error> {
    let mut settings = wire.settings_value()?;
    let clients = match settings.as_object_mut().and_then(|o| o.remove("clients")) {
        Some(Value::Array(list)) => list.len(),
        _ => 0,
    };
    Ok((inbound_text(&settings), clients))
}

/// The domain view of an inbound.
pub(crate) fn to_remote(wire: WireInbound) -> Result<RemoteInbound, PanelError> {
    let bad = |what: String| PanelError::BadResponse(format!("inbound {}: {what}", wire.id));
    let port = u16::try_from(wire.port).map_err(|_| bad(format!("port {} is out of range", wire.port)))?;
    let (settings, clients) = settings_without_clients(&wire).map_err(|e| bad(format!("unreadable settings: {e}")))?;
    Ok(RemoteInbound {
        remote_id: wire.id,
        enabled: wire.enable,
        client_count: u32::try_from(clients).unwrap_or(u32::MAX),
        spec: InboundSpec {
            tag: wire.tag.clone(),
            protocol: Protocol::parse(&wire.protocol),
            port,
            remark: wire.remark.clone(),
            settings,
            stream_settings: inbound_text(&wire.stream_settings),
            sniffing: inbound_text(&wire.sniffing),
        },
    })
}

/// Every inbound with its spec and client count.
pub(crate) async fn list(driver: &XuiDriver, conn: &PanelConnection) -> Result<Vec<RemoteInbound>, PanelError> {
    wire_list(driver, conn).await?.into_iter().map(to_remote).collect()
}

/// One inbound.
pub(crate) async fn get(driver: &XuiDriver, conn: &PanelConnection, id: i64) -> Result<RemoteInbound, PanelError> {
    to_remote(wire_get(driver, conn, id).await?)
}
