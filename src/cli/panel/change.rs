//! `moonvpn panel edit|remove|capacity`: changes made through the audited inventory use
//! cases, as the first configured superadmin.

use inventory::{InventoryError, PanelChanges, PanelRemoval};
use kernel::{CountLimit, InboundId, PanelId};

use super::add::overview;
use super::{CliError, EditArgs, GenerationChoice, input, report, table};
use crate::cli::common::{Output, acting_admin, to_json};
use crate::config::Config;
use crate::wiring::Services;

pub(super) async fn edit(s: &Services, config: &Config, e: &EditArgs, json: bool) -> Result<Output, CliError> {
    let mut changes = PanelChanges {
        name: e.name.as_deref().map(|n| input::name(n, "--name")).transpose()?,
        url: e.url.as_deref().map(input::url).transpose()?,
        username: e.username.as_deref().map(input::username).transpose()?,
        password: e.password.read()?,
        api_token: e.token.read()?.map(Some),
        two_factor_secret: e.two_factor.read()?.map(Some),
        allow_insecure_tls: e.allow_self_signed,
        location: None,
        repin: e.repin,
    };
    if e.no_api_token {
        changes.api_token = Some(None);
    }
    if e.no_two_factor_secret {
        changes.two_factor_secret = Some(None);
    }
    if let Some(name) = &e.location {
        let found = s
            .placement
            .location_named(name)
            .await
            .map_err(CliError::failed)?
            .ok_or_else(|| CliError::input(format!("location {name:?} does not exist")))?;
        changes.location = Some(found.id);
    }
    let generation = e.generation.map(|GenerationChoice(g)| g);
    let admin = acting_admin(config, s).await?;
    s.fleet
        .edit_panel_as(admin, e.id, &changes, generation)
        .await
        .map_err(|err| match err {
            InventoryError::NothingToChange => CliError::input("nothing to change; see `moonvpn panel edit --help`"),
            other => CliError::failed(other),
        })?;
    let (overview, locations) = overview(s, e.id).await?;
    let text = if json {
        to_json(&report::EditJson {
            panel: report::PanelJson::new(&overview, &locations),
        })?
    } else {
        format!(
            "panel {} ({}) saved\n{}",
            e.id,
            overview.panel.name,
            table::transport_notes(&overview.panel)
        )
    };
    Ok(Output::ok(text))
}

pub(super) async fn remove(
    s: &Services,
    config: &Config,
    id: PanelId,
    force: bool,
    json: bool,
) -> Result<Output, CliError> {
    let admin = acting_admin(config, s).await?;
    let removal = s.fleet.remove_panel_as(admin, id, force).await.map_err(|e| match e {
        InventoryError::PanelInUse { accounts } => CliError::failed(format!(
            "panel {id} still serves {accounts} account(s) users hold; move them first, or use --force to take the panel off sale instead"
        )),
        other => CliError::failed(other),
    })?;
    let (outcome, live_accounts) = match removal {
        PanelRemoval::Deleted => ("deleted", 0),
        PanelRemoval::Disabled { live_accounts } => ("disabled", live_accounts),
    };
    let text = if json {
        to_json(&report::RemoveJson {
            id: id.get(),
            outcome,
            live_accounts,
        })?
    } else if live_accounts > 0 || outcome == "disabled" {
        format!(
            "panel {id} kept for the accounts sold on it and taken off sale ({live_accounts} account(s) still in use)\n"
        )
    } else {
        format!("panel {id} deleted\n")
    };
    Ok(Output::ok(text))
}

pub(super) async fn capacity(
    s: &Services,
    config: &Config,
    inbound: InboundId,
    max_clients: u32,
    json: bool,
) -> Result<Output, CliError> {
    let admin = acting_admin(config, s).await?;
    let saved = s
        .placement
        // 0 given on the command line is "no limit", as `--help` says.
        .set_inbound_capacity_as(
            admin,
            inbound,
            CountLimit::upto(max_clients).unwrap_or(CountLimit::Unlimited),
        )
        .await
        .map_err(|e| match e {
            InventoryError::NotFound(_) => {
                CliError::failed(format!("there is no inbound {inbound}; see `moonvpn panel list`"))
            }
            other => CliError::failed(other),
        })?;
    let text = if json {
        to_json(&report::CapacityJson {
            inbound: report::InboundJson::from(&saved),
        })?
    } else {
        let limit = match saved.max_clients.amount() {
            Some(max) => format!("at most {max} clients"),
            None => "no limit".to_owned(),
        };
        format!(
            "inbound {inbound}: {limit}, {} client(s) now, {}\n",
            saved.client_count, saved.status
        )
    };
    Ok(Output::ok(text))
}
