//! `moonvpn panel restart-xray <id>`: the inventory use case the bot's "Restart Xray" button
//! calls, run as the first configured superadmin (role checked and audited by the domain).

use inventory::{InventoryError, XrayState};
use kernel::PanelId;
use serde::Serialize;

use super::CliError;
use crate::cli::common::{Output, acting_admin, to_json};
use crate::config::Config;
use crate::wiring::Services;

#[derive(Serialize)]
struct RestartJson {
    panel: i64,
    restarted: bool,
    reachable: bool,
    xray: String,
    latency_ms: u32,
    problem: Option<String>,
}

/// Restarts Xray on panel `id` and reports its health afterwards.
pub async fn restart_xray(s: &Services, config: &Config, id: PanelId, json: bool) -> Result<Output, CliError> {
    let admin = acting_admin(config, s).await?;
    let health = s.fleet.restart_xray(admin, id).await.map_err(|e| match e {
        InventoryError::NotFound(_) => CliError::input(format!("there is no panel {id}")),
        other => CliError::failed(format!("cannot restart xray on panel {id}: {other}")),
    })?;
    let doc = RestartJson {
        panel: id.get(),
        restarted: true,
        reachable: health.result.is_ok(),
        xray: match &health.result {
            Ok(status) => match &status.xray {
                XrayState::Running => "running".to_owned(),
                XrayState::Stopped => "stopped".to_owned(),
                XrayState::Failed(_) => "failed".to_owned(),
            },
            Err(_) => "unknown".to_owned(),
        },
        latency_ms: health.latency_ms,
        problem: health.problem(),
    };
    let failure = doc
        .problem
        .as_ref()
        .map(|p| format!("xray was restarted on panel {id}, but the panel is not healthy: {p}"));
    let text = if json {
        to_json(&doc)?
    } else {
        format!("panel {id}: xray restarted; now {} ({} ms)\n", doc.xray, doc.latency_ms)
    };
    Ok(Output { text, failure })
}
