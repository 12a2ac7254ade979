//! A client's config link and subscription URL, taken from the panel where it offers them:
//! gen D `clients/links/:email`, else the subscription server `/sub/<subId>`; built by the
//! panel's rules only when neither answers.

use inventory::{ApiGeneration, ClientEmail, PanelConnection, PanelError, PanelUrl, Provisioned};
use serde_json::Value;

use super::clients::{find_in, locate};
use super::inbounds::wire_get;
use crate::call::Mode;
use crate::driver::XuiDriver;
use crate::links::{DEFAULT_REMARK_MODEL, pick_link, share_links, subscription_links, subscription_url};
use crate::routes::Op;
use crate::wire::{PanelSettings, WireClient, WireInbound};

/// The panel's host name as clients reach it (the address used for inbounds listening on
/// every address).
pub(crate) fn panel_host(url: &PanelUrl) -> String {
    let rest = url.as_str().split_once("://").map_or(url.as_str(), |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    match authority.rfind(']') {
        Some(end) => authority[..=end].to_owned(),
        None => authority.split(':').next().unwrap_or(authority).to_owned(),
    }
}

/// The panel's subscription settings; `None` when it will not say (older token-only
/// access, a failing call): links then come from elsewhere. Settings read in the last
/// [`SETTINGS_FOR`](crate::state::SETTINGS_FOR) serve without asking the panel again (one
/// call less per sale); a failed read is not remembered.
async fn settings(driver: &XuiDriver, conn: &PanelConnection) -> Option<PanelSettings> {
    let slot = driver.panels.slot(&conn.url);
    if let Some(recent) = slot.with(|state| state.recent_settings(std::time::Instant::now())) {
        return Some(recent);
    }
    match driver.call(conn, &Op::DefaultSettings, Mode::Repeatable).await {
        Ok(obj) => {
            let settings: PanelSettings = serde_json::from_value(obj).ok()?;
            slot.with(|state| state.keep_settings(settings.clone(), std::time::Instant::now()));
            Some(settings)
        }
        Err(e) => {
            tracing::debug!(panel = %conn.url, error = %e.error, "panel settings unavailable");
            None
        }
    }
}

/// Links the panel generates for the client (3.0.2+).
async fn panel_links(driver: &XuiDriver, conn: &PanelConnection, inbound: i64, email: &ClientEmail) -> Vec<String> {
    let op = Op::ClientLinks {
        inbound,
        email: email.as_str(),
    };
    match driver.call(conn, &op, Mode::Repeatable).await {
        Ok(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// Links the subscription server hands out for `sub_url`.
async fn subscribed_links(driver: &XuiDriver, conn: &PanelConnection, sub_url: &str) -> Vec<String> {
    match driver.http.get_url(sub_url, conn).await {
        Ok(resp) if resp.status == 200 => subscription_links(&resp.body),
        Ok(resp) => {
            tracing::debug!(panel = %conn.url, status = resp.status, "subscription server gave no links");
            Vec::new()
        }
        Err(e) => {
            tracing::debug!(panel = %conn.url, error = %e.into_error(), "subscription server unreachable");
            Vec::new()
        }
    }
}

/// The inbound and client to link, `NotFound` if the panel has no such client.
async fn find(
    driver: &XuiDriver,
    conn: &PanelConnection,
    inbound_id: i64,
    email: &ClientEmail,
) -> Result<(WireInbound, WireClient), PanelError> {
    if let Ok(inbound) = wire_get(driver, conn, inbound_id).await
        && let Some((client, _)) = find_in(&inbound, email)?
    {
        return Ok((inbound, client));
    }
    match locate(driver, conn, email).await? {
        Some((inbound, client, _)) => Ok((inbound, client)),
        None => Err(PanelError::NotFound),
    }
}

/// The client's share link and subscription URL, as the panel itself would give them. A
/// client this driver has just added ([`crate::added`]) is linked without reading its inbound
/// again when the panel offers its links; the inbound is read only to build a link by the
/// panel's rules.
pub(crate) async fn client_links(
    driver: &XuiDriver,
    conn: &PanelConnection,
    inbound_id: i64,
    email: &ClientEmail,
) -> Result<Provisioned, PanelError> {
    let slot = driver.panels.slot(&conn.url);
    let just_added = slot.with(|s| s.added.take(email.as_str(), inbound_id, std::time::Instant::now()));
    let (mut read, protocol, client, linked_on) = match just_added {
        Some(added) => (None, added.protocol, added.client, added.inbound),
        None => {
            let (inbound, client) = find(driver, conn, inbound_id, email).await?;
            let (protocol, id) = (inbound.protocol.clone(), inbound.id);
            (Some(inbound), protocol, client, id)
        }
    };
    let key = client.key(&protocol).to_owned();
    let settings = settings(driver, conn).await;
    let subscription_url = settings
        .as_ref()
        .filter(|s| s.sub_enable && !s.sub_uri.is_empty() && !client.sub_id.is_empty())
        .map(|s| subscription_url(&s.sub_uri, &client.sub_id));

    let mut offered = Vec::new();
    if driver.generation(conn, &slot).await? >= ApiGeneration::C {
        offered = panel_links(driver, conn, linked_on, email).await;
    }
    if offered.is_empty()
        && let Some(url) = &subscription_url
    {
        offered = subscribed_links(driver, conn, url).await;
    }
    let config_url = match pick_link(&offered, &protocol, &key) {
        Some(link) => link,
        None => {
            let inbound = match read.take() {
                Some(inbound) => inbound,
                None => find(driver, conn, inbound_id, email).await?.0,
            };
            let model = settings
                .as_ref()
                .map(|s| s.remark_model.as_str())
                .filter(|m| !m.is_empty())
                .unwrap_or(DEFAULT_REMARK_MODEL);
            share_links(&inbound.to_value(), &client.email, &panel_host(&conn.url), model)
                .map_err(|e| PanelError::BadResponse(e.to_string()))?
                .into_iter()
                .next()
                .ok_or_else(|| PanelError::BadResponse("the inbound gives no share link".into()))?
        }
    };
    Ok(Provisioned {
        config_url,
        subscription_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_host_is_the_panels_host_without_port_or_path() {
        let host = |u: &str| panel_host(&PanelUrl::new(u).unwrap());
        assert_eq!(host("https://panel.example.com:54321/AbCd"), "panel.example.com");
        assert_eq!(host("http://1.2.3.4"), "1.2.3.4");
        assert_eq!(host("http://[::1]:2053/x"), "[::1]");
    }
}
