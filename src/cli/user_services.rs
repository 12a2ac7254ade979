//! `moonvpn user reset-traffic <account>`: the inventory use case the bot's "Reset traffic"
//! button calls, as the first configured superadmin (role checked and audited by the domain).

use inventory::InventoryError;
use kernel::ClientAccountId;
use serde::Serialize;

use super::common::{acting_admin, to_json};
use super::panel::CliError;
use crate::config::Config;
use crate::wiring::Services;

#[derive(Serialize)]
struct ResetJson {
    account: i64,
    name: String,
    traffic_used_bytes: u64,
    status: &'static str,
}

/// Resets the service's traffic and prints it as it is now.
pub async fn reset_traffic(
    s: &Services,
    config: &Config,
    account: ClientAccountId,
    json: bool,
) -> Result<String, CliError> {
    let admin = acting_admin(config, s).await?;
    let reset = s
        .inventory
        .reset_traffic_as(admin, account)
        .await
        .map_err(|e| match e {
            InventoryError::NotFound(_) => {
                CliError::input(format!("there is no service {account}; see `moonvpn user find`"))
            }
            other => CliError::failed(format!("cannot reset the traffic of service {account}: {other}")),
        })?;
    let doc = ResetJson {
        account: reset.id.get(),
        name: reset.name.to_string(),
        traffic_used_bytes: reset.traffic_used_bytes,
        status: reset.status.as_str(),
    };
    if json {
        to_json(&doc)
    } else {
        Ok(format!(
            "service {} ({}): traffic reset, now {}\n",
            doc.account, doc.name, doc.status
        ))
    }
}
