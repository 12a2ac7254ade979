//! `moonvpn location add|list`: where plans are sold. (`panel add --location X --prefix FR`
//! also creates a location on the way.)

use std::process::ExitCode;

use clap::{Args, Subcommand};
use inventory::{Location, LocationPrefix, NewLocation};
use serde::Serialize;

use super::common::{self, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;
use crate::wiring::Services;

/// `moonvpn location [--json] <command>`.
#[derive(Debug, Args)]
pub struct LocationArgs {
    /// Print a JSON document instead of a table
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: LocationCommand,
}

/// The location subcommands.
#[derive(Debug, Subcommand)]
pub enum LocationCommand {
    /// Add a location, e.g. `--name France --prefix FR`
    Add {
        /// Name users see
        #[arg(long)]
        name: String,
        /// Client-name prefix: 2 to 5 letters (FR → FR-MoonVPN-1001)
        #[arg(long)]
        prefix: String,
    },
    /// Every location
    List,
}

#[derive(Serialize)]
struct LocationJson {
    id: i64,
    name: String,
    prefix: String,
    active: bool,
}

impl From<&Location> for LocationJson {
    fn from(l: &Location) -> Self {
        Self {
            id: l.id.get(),
            name: l.name.to_string(),
            prefix: l.prefix.to_string(),
            active: l.active,
        }
    }
}

#[derive(Serialize)]
struct ListJson {
    locations: Vec<LocationJson>,
}

/// Runs a location command.
pub fn main(args: LocationArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        match args.command {
            LocationCommand::Add { name, prefix } => add(&services, &name, &prefix, args.json).await,
            LocationCommand::List => list(&services, args.json).await,
        }
    })
}

async fn add(s: &Services, name: &str, prefix: &str, json: bool) -> Result<String, CliError> {
    let name = super::panel::input_name(name, "--name")?;
    let prefix = LocationPrefix::new(prefix).map_err(|e| CliError::input(format!("--prefix: {e}")))?;
    let location = s
        .placement
        .add_location(&NewLocation { name, prefix })
        .await
        .map_err(CliError::failed)?;
    if json {
        return to_json(&LocationJson::from(&location));
    }
    Ok(format!(
        "location {} ({}, prefix {}) added\n",
        location.id, location.name, location.prefix
    ))
}

async fn list(s: &Services, json: bool) -> Result<String, CliError> {
    let locations = s.placement.locations().await.map_err(CliError::failed)?;
    if json {
        return to_json(&ListJson {
            locations: locations.iter().map(LocationJson::from).collect(),
        });
    }
    if locations.is_empty() {
        return Ok("no locations yet; add one with `moonvpn location add`\n".to_owned());
    }
    let mut t = Table::new(&["ID", "NAME", "PREFIX", "STATUS"]);
    for l in &locations {
        t.row(vec![
            l.id.to_string(),
            l.name.to_string(),
            l.prefix.to_string(),
            if l.active { "on sale" } else { "off sale" }.to_owned(),
        ]);
    }
    Ok(t.render())
}
