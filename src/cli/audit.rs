//! `moonvpn audit [--actor ID] [--action A] [--since DATE] [--until DATE] [--limit N] [--json]`:
//! the audit log, newest first, through the superadmin-only use case the bot's audit-log
//! browser calls, as the first configured superadmin.

use std::process::ExitCode;

use clap::Args;
use kernel::{PageRequest, UserId};
use members::{AuditActionFilter, AuditEntry, AuditQuery, MemberError};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, Time};

use super::common::{self, acting_admin, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;

/// `moonvpn audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only entries by this user (MoonVPN's user id, as `moonvpn user find` shows it)
    #[arg(long, value_name = "ID")]
    pub actor: Option<i64>,
    /// Only this action (`member.block`) or family of actions (`member.`)
    #[arg(long, value_name = "A")]
    pub action: Option<String>,
    /// Only entries on or after this day (YYYY-MM-DD, UTC)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only entries on or before this day (YYYY-MM-DD, UTC)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// At most this many (1 to 100)
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: u64,
    /// Print a JSON document instead of a table
    #[arg(long)]
    pub json: bool,
}

/// Runs `moonvpn audit`.
pub fn main(args: AuditArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let query = query(&args)?;
        let actor = acting_admin(config, &services).await?;
        let page = services
            .members
            .audit_log(actor, query, PageRequest::new(0, args.limit))
            .await
            .map_err(fail)?;
        if args.json {
            to_json(&page.items.iter().map(EntryJson::new).collect::<Vec<_>>())
        } else {
            Ok(render(&page.items))
        }
    })
}

fn query(args: &AuditArgs) -> Result<AuditQuery, CliError> {
    if !(1..=PageRequest::MAX_LIMIT).contains(&args.limit) {
        return Err(CliError::input("--limit: 1 to 100"));
    }
    let actor = match args.actor {
        Some(id) if id > 0 => Some(UserId::new(id)),
        Some(_) => return Err(CliError::input("--actor: a user id (a positive number)")),
        None => None,
    };
    let action = args
        .action
        .as_deref()
        .map(|a| AuditActionFilter::parse(a).map_err(|e| CliError::input(format!("--action: {e}"))))
        .transpose()?;
    let since = args.since.as_deref().map(|d| day(d, "--since")).transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|d| day(d, "--until").map(|start| start + time::Duration::days(1)))
        .transpose()?;
    if let (Some(since), Some(until)) = (since, until)
        && since >= until
    {
        return Err(CliError::input("--since is after --until"));
    }
    Ok(AuditQuery {
        actor,
        action,
        since,
        until,
        ..AuditQuery::default()
    })
}

/// The start (00:00 UTC) of a `YYYY-MM-DD` day.
fn day(raw: &str, flag: &str) -> Result<OffsetDateTime, CliError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(raw.trim(), &format)
        .map(|d| d.with_time(Time::MIDNIGHT).assume_utc())
        .map_err(|_| CliError::input(format!("{flag}: {raw:?} is not a day like 2026-12-06")))
}

fn fail(e: MemberError) -> CliError {
    match e {
        MemberError::Storage(e) => CliError::failed(e),
        other => CliError::input(other.to_string()),
    }
}

/// An entry as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct EntryJson {
    id: i64,
    actor: Option<i64>,
    action: String,
    target: String,
    detail: serde_json::Value,
    at: String,
}

impl EntryJson {
    fn new(e: &AuditEntry) -> Self {
        Self {
            id: e.id.get(),
            actor: e.actor.map(UserId::get),
            action: e.action.as_str().to_owned(),
            target: e.target.as_str().to_owned(),
            detail: e.detail.clone(),
            at: e.at.format(&Rfc3339).unwrap_or_default(),
        }
    }
}

fn render(items: &[AuditEntry]) -> String {
    if items.is_empty() {
        return "no audit entries\n".to_owned();
    }
    let mut table = Table::new(&["ID", "AT (UTC)", "ACTOR", "ACTION", "TARGET", "DETAIL"]);
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    for e in items {
        table.row(vec![
            e.id.to_string(),
            e.at.format(&format).unwrap_or_default(),
            e.actor.map_or_else(|| "system".to_owned(), |a| a.to_string()),
            e.action.to_string(),
            e.target.to_string(),
            e.detail.to_string(),
        ]);
    }
    table.render()
}
