//! `moonvpn panel inbound-sale <panel> <inbound> on|off`: puts an inbound on or off sale through
//! `PlacementService::set_inbound_sale_as` (the use case the bot's toggle calls), as the first
//! configured superadmin, so the role check and the audit entry are the domain's.

use inventory::InventoryError;
use kernel::{InboundId, PanelId};
use serde::Serialize;

use super::CliError;
use super::report::InboundJson;
use crate::cli::common::{Output, acting_admin, to_json};
use crate::config::Config;
use crate::wiring::Services;

/// `panel inbound-sale --json`.
#[derive(Debug, Serialize)]
struct SaleJson {
    /// The panel.
    panel: i64,
    /// The inbound as saved.
    inbound: InboundJson,
}

/// Sets the sale of `inbound`, which must be on `panel`.
pub(super) async fn inbound_sale(
    s: &Services,
    config: &Config,
    panel: PanelId,
    inbound: InboundId,
    on_sale: bool,
    json: bool,
) -> Result<Output, CliError> {
    let on_panel = s.placement.inbounds_of_panel(panel).await.map_err(CliError::failed)?;
    if !on_panel.iter().any(|i| i.id == inbound) {
        return Err(CliError::failed(format!(
            "panel {panel} has no inbound {inbound}; see `moonvpn panel list`"
        )));
    }
    let admin = acting_admin(config, s).await?;
    let saved = s
        .placement
        .set_inbound_sale_as(admin, inbound, on_sale)
        .await
        .map_err(|e| match e {
            InventoryError::NotFound(_) => {
                CliError::failed(format!("there is no inbound {inbound}; see `moonvpn panel list`"))
            }
            other => CliError::failed(other),
        })?;
    let text = if json {
        to_json(&SaleJson {
            panel: panel.get(),
            inbound: InboundJson::from(&saved),
        })?
    } else if saved.on_sale {
        format!("inbound {inbound} of panel {panel} is on sale: new clients may be sold onto it\n")
    } else {
        format!(
            "inbound {inbound} of panel {panel} is off sale: no new client is sold onto it; its accounts keep working and renew\n"
        )
    };
    Ok(Output::ok(text))
}
