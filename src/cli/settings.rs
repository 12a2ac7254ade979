//! `moonvpn settings list|get|set [--json]`: the shop settings a superadmin changes at run
//! time (`support.contact`, `default_language`), through the use case the bot's ⚙️ Shop
//! settings screen calls (superadmins only, audited `settings.set`), as the first configured
//! superadmin. `shop.name` is listed and read, but set only in the config file.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use members::{MemberError, ShopSetting, ShopSettingValue, ShopSettingsView};
use serde::Serialize;

use super::common::{self, acting_admin, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;

/// The read-only setting from the config file.
const SHOP_NAME: &str = "shop.name";

/// `moonvpn settings [--json] <command>`.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Print a JSON document instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: SettingsCommand,
}

/// The settings subcommands.
#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Every shop setting, its value in effect and where it comes from
    List,
    /// One setting: shop.name, support.contact or default_language
    Get {
        /// The setting
        key: String,
    },
    /// Change support.contact (a @username, t.me/… or https:// link, or +phone; at most 64
    /// characters) or default_language (en, fa or ru); the new value wins over the config file
    Set {
        /// The setting
        key: String,
        /// Its new value
        value: String,
    },
}

/// One setting as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct SettingJson {
    key: &'static str,
    value: Option<String>,
    /// `config` (the config file's value) or `bot` (set at run time).
    source: &'static str,
    /// Whether `moonvpn settings set` and the bot can change it.
    editable: bool,
}

/// Runs `moonvpn settings`.
pub fn main(args: SettingsArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let actor = acting_admin(config, &services).await?;
        let members = &services.members;
        let (view, only) = match &args.command {
            SettingsCommand::List => (members.shop_settings_as(actor).await.map_err(fail)?, None),
            SettingsCommand::Get { key } => {
                let only = parse_key(key)?;
                (members.shop_settings_as(actor).await.map_err(fail)?, Some(only))
            }
            SettingsCommand::Set { key, value } => {
                let Some(setting) = parse_key(key)? else {
                    return Err(CliError::input(
                        "shop.name is set in the config file ([shop] name, then restart): every new client on \
                         the panels is named after it",
                    ));
                };
                let value = ShopSettingValue::parse(setting, value).map_err(fail)?;
                let view = members.set_shop_setting_as(actor, value).await.map_err(fail)?;
                (view, Some(Some(setting)))
            }
        };
        let rows: Vec<SettingJson> = entries(config, &view)
            .into_iter()
            .filter(|row| only.is_none_or(|only| row.key == only.map_or(SHOP_NAME, ShopSetting::key)))
            .collect();
        if args.json {
            match only {
                Some(_) => to_json(&rows[0]),
                None => to_json(&rows),
            }
        } else {
            Ok(render(&rows))
        }
    })
}

/// `None` for `shop.name`, else the run-time setting; exit 2 for anything else.
fn parse_key(key: &str) -> Result<Option<ShopSetting>, CliError> {
    if key.trim() == SHOP_NAME {
        return Ok(None);
    }
    key.parse::<ShopSetting>().map(Some).map_err(|_| {
        CliError::input(format!(
            "{key:?} is not a shop setting; the settings are shop.name, support.contact and default_language"
        ))
    })
}

fn fail(e: MemberError) -> CliError {
    match e {
        MemberError::Storage(e) => CliError::failed(e),
        other => CliError::input(other.to_string()),
    }
}

fn entries(config: &Config, view: &ShopSettingsView) -> Vec<SettingJson> {
    let mut rows = vec![SettingJson {
        key: SHOP_NAME,
        value: Some(config.shop_name().as_str().to_owned()),
        source: "config",
        editable: false,
    }];
    rows.extend(ShopSetting::ALL.into_iter().map(|setting| SettingJson {
        key: setting.key(),
        value: view.value(setting),
        source: if view.is_set_at_run_time(setting) {
            "bot"
        } else {
            "config"
        },
        editable: true,
    }));
    rows
}

fn render(rows: &[SettingJson]) -> String {
    let mut table = Table::new(&["SETTING", "VALUE", "FROM"]);
    for row in rows {
        let from = match (row.source, row.editable) {
            ("bot", _) => "set in the bot or with moonvpn settings set",
            (_, true) => "config file",
            _ => "config file (read only)",
        };
        table.row(vec![
            row.key.to_owned(),
            row.value.clone().unwrap_or_else(|| "(not set)".to_owned()),
            from.to_owned(),
        ]);
    }
    table.render()
}
