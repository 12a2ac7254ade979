//! `moonvpn panel add`: the inventory use case the bot's guided add calls, as the first
//! configured superadmin (role checked and audited by the domain).

use inventory::{Location, PanelOverview, PanelRequest};
use kernel::{PanelId, Secret};

use super::{AddArgs, CliError, input, report, table};
use crate::cli::common::{Output, acting_admin, to_json};
use crate::config::Config;
use crate::wiring::Services;

/// Connects the panel `a` describes and prints what was found on it.
pub(super) async fn add(s: &Services, config: &Config, a: &AddArgs, json: bool) -> Result<Output, CliError> {
    let url = input::url(&a.url)?;
    let username = input::username(&a.username)?;
    let password = a.password.read()?;
    let api_token = a.token.read()?;
    let two_factor_secret = a.two_factor.read()?;
    if password.is_none() && api_token.is_none() {
        return Err(CliError::input(
            "give the panel password with --password-env VAR, --password-stdin or --password (or an --api-token)",
        ));
    }
    let name = match &a.name {
        Some(n) => input::name(n, "--name")?,
        None => url.default_name(),
    };
    let placement = input::placement(&s.placement, &a.location, a.prefix.as_deref()).await?;
    let request = PanelRequest {
        name,
        url,
        username,
        password: password.unwrap_or_else(|| Secret::new("")),
        api_token,
        two_factor_secret,
        allow_insecure_tls: a.allow_self_signed,
        placement,
        generation: a.generation,
    };
    let admin = acting_admin(config, s).await?;
    let connected = s.fleet.add_panel_as(admin, &request).await.map_err(CliError::failed)?;
    let id = connected.panel.id;
    let (overview, locations) = overview(s, id).await?;
    let failure = connected
        .sync
        .as_ref()
        .err()
        .map(|e| format!("panel {id} was added but its first sync failed: {e}"));
    let text = if json {
        to_json(&report::AddJson {
            panel: report::PanelJson::new(&overview, &locations),
            generation: connected.generation.as_str(),
            sync: report::SyncJson::new(id, &connected.sync),
        })?
    } else {
        let mut text = format!(
            "panel {id} ({}) connected: 3x-ui API generation {}, {}\n",
            connected.panel.name,
            connected.generation,
            table::health_cell(Some(&connected.health)),
        );
        text.push_str(&table::transport_notes(&connected.panel));
        if let Ok(r) = &connected.sync {
            text.push_str(&format!("{} inbound(s) found\n", r.inbounds.added));
        }
        text.push_str(&table::inbounds(&overview.inbounds));
        text
    };
    Ok(Output { text, failure })
}

/// The overview of one panel and every location, for the report after a change.
pub(super) async fn overview(s: &Services, id: PanelId) -> Result<(PanelOverview, Vec<Location>), CliError> {
    let overviews = s.fleet.panel_overviews().await.map_err(CliError::failed)?;
    let locations = s.placement.locations().await.map_err(CliError::failed)?;
    let found = overviews
        .into_iter()
        .find(|o| o.panel.id == id)
        .ok_or_else(|| CliError::failed(format!("panel {id} is gone")))?;
    Ok((found, locations))
}
