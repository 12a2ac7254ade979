//! `moonvpn user reset-traffic <account>` and `moonvpn user extend <account> --days N --gb N`:
//! the inventory use cases the bot's "Reset traffic" and "Extend" buttons call, as the first
//! configured superadmin (role checked and audited by the domain).

use inventory::{Extension, InventoryError};
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
    let reset = s.accounts.reset_traffic_as(admin, account).await.map_err(|e| match e {
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

/// `moonvpn user extend`.
#[derive(Debug, clap::Args)]
pub struct ExtendArgs {
    /// The service (account id; see `user find`)
    pub account: ClientAccountId,
    /// Days to add on top of its expiry (or from now, once it has passed)
    #[arg(long, default_value_t = 0)]
    pub days: u32,
    /// GB to add on top of its traffic limit
    #[arg(long, default_value_t = 0)]
    pub gb: u32,
}

#[derive(Serialize)]
struct ExtendJson {
    account: i64,
    name: String,
    days_added: u32,
    gb_added: u32,
    traffic_limit_bytes: u64,
    expires_at: Option<String>,
    status: &'static str,
}

/// Extends the service and prints it as it is now. Bad amounts are refused (exit 2) before
/// anything is read; a panel that fails leaves everything as it was (exit 1).
pub async fn extend(s: &Services, config: &Config, a: &ExtendArgs, json: bool) -> Result<String, CliError> {
    let extension = Extension::new(a.days, a.gb).map_err(|e| CliError::input(format!("--days/--gb: {e}")))?;
    let admin = acting_admin(config, s).await?;
    let account = a.account;
    let done = s
        .accounts
        .extend_as(admin, account, extension)
        .await
        .map_err(|e| match e {
            InventoryError::NotFound(_) => {
                CliError::input(format!("there is no service {account}; see `moonvpn user find`"))
            }
            InventoryError::Extension(e) => CliError::input(format!("service {account}: {e}; nothing was changed")),
            other => CliError::failed(format!(
                "service {account} was not extended, nothing was changed: {other}"
            )),
        })?;
    let doc = ExtendJson {
        account: done.id.get(),
        name: done.name.to_string(),
        days_added: extension.days(),
        gb_added: extension.gb(),
        // --json writes "unlimited" as 0, as it always has.
        traffic_limit_bytes: done.traffic_limit_bytes.amount().unwrap_or(0),
        expires_at: done.expires_at.map(super::user::rfc3339),
        status: done.status.as_str(),
    };
    if json {
        return to_json(&doc);
    }
    let limit = match doc.traffic_limit_bytes {
        0 => "unlimited".to_owned(),
        bytes => super::panel::table::bytes(bytes),
    };
    Ok(format!(
        "service {} ({}) extended by {} day(s) and {} GB: {limit} of traffic, expires {}, {}; the user was told\n",
        doc.account,
        doc.name,
        doc.days_added,
        doc.gb_added,
        doc.expires_at.as_deref().unwrap_or("never"),
        doc.status,
    ))
}
