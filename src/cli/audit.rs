//! `moonvpn audit [--actor WHO] [--action A] [--from DAY] [--to DAY] [--limit N] [--json]`:
//! the audit log, newest first, through the superadmin-only use case the bot's audit-log
//! browser calls, as the first configured superadmin. Days are Gregorian (`2026-12-07`) or
//! Persian (`1405-09-16`), read by `members::AuditDays` like the bot's date filter; they are
//! the shop's days and the times printed are the shop's (`shop.utc_offset`), as in the bot.

use std::process::ExitCode;

use clap::Args;
use kernel::{PageRequest, UserId};
use members::{AuditActionFilter, AuditDays, AuditEntry, AuditQuery, MemberError, UserRef};
use serde::Serialize;
use time::UtcOffset;
use time::format_description::well_known::Rfc3339;

use super::common::{self, acting_admin, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;

/// `moonvpn audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only entries by this user: Telegram id, @username, tracking code, or #user-id
    #[arg(long, value_name = "WHO")]
    pub actor: Option<String>,
    /// Only this action (`member.block`) or family of actions (`member.`)
    #[arg(long, value_name = "A")]
    pub action: Option<String>,
    /// Only entries on or after this day (the shop's, see shop.utc_offset): 2026-12-07, or Persian 1405-09-16
    #[arg(long, alias = "since", value_name = "DAY")]
    pub from: Option<String>,
    /// Only entries on or before this day (the shop's, see shop.utc_offset): 2026-12-07, or Persian 1405-09-16
    #[arg(long, alias = "until", value_name = "DAY")]
    pub to: Option<String>,
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
        let offset = services.members.utc_offset();
        let mut query = query(&args, offset)?;
        let actor = acting_admin(config, &services).await?;
        if let Some(who) = &args.actor {
            query.actor = Some(resolve_actor(&services, who).await?);
        }
        let page = services
            .members
            .audit_log(actor, query, PageRequest::new(0, args.limit))
            .await
            .map_err(fail)?;
        if args.json {
            to_json(&page.items.iter().map(|e| EntryJson::new(e, offset)).collect::<Vec<_>>())
        } else {
            Ok(render(&page.items, offset))
        }
    })
}

/// The query `args` ask for, their days being the shop's at `offset`.
fn query(args: &AuditArgs, offset: UtcOffset) -> Result<AuditQuery, CliError> {
    if !(1..=PageRequest::MAX_LIMIT).contains(&args.limit) {
        return Err(CliError::input("--limit: 1 to 100"));
    }
    if let Some(who) = &args.actor {
        UserRef::parse(who).map_err(|e| CliError::input(format!("--actor: {e}")))?;
    }
    let action = args
        .action
        .as_deref()
        .map(|a| AuditActionFilter::parse(a).map_err(|e| CliError::input(format!("--action: {e}"))))
        .transpose()?;
    let since = args.from.as_deref().map(|d| day(d, "--from")).transpose()?;
    let until = args.to.as_deref().map(|d| day(d, "--to")).transpose()?;
    if let (Some(from), Some(to)) = (since, until)
        && from.from() > to.to()
    {
        return Err(CliError::input("--from is after --to"));
    }
    Ok(AuditQuery {
        action,
        since: since.map(|d| d.since(offset)),
        until: until.map(|d| d.until(offset)),
        ..AuditQuery::default()
    })
}

/// One day, Gregorian or Persian.
fn day(raw: &str, flag: &str) -> Result<AuditDays, CliError> {
    match AuditDays::parse(raw) {
        Ok(days) if days.from() == days.to() => Ok(days),
        _ => Err(CliError::input(format!(
            "{flag}: {raw:?} is not a day like 2026-12-07 or 1405-09-16"
        ))),
    }
}

/// The user `who` names (checked by [`query`] already); exit 1 when nobody matches.
async fn resolve_actor(s: &crate::wiring::Services, who: &str) -> Result<UserId, CliError> {
    let named = UserRef::parse(who).map_err(|e| CliError::input(format!("--actor: {e}")))?;
    s.members
        .find(&named)
        .await
        .map_err(CliError::failed)?
        .map(|user| user.id)
        .ok_or_else(|| CliError::failed(format!("--actor: no user matches {who:?}")))
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
    /// `e`, its time at the shop's `offset` (RFC 3339 with that offset).
    fn new(e: &AuditEntry, offset: UtcOffset) -> Self {
        Self {
            id: e.id.get(),
            actor: e.actor.map(UserId::get),
            action: e.action.as_str().to_owned(),
            target: e.target.as_str().to_owned(),
            detail: e.detail.clone(),
            at: e.at.to_offset(offset).format(&Rfc3339).unwrap_or_default(),
        }
    }
}

/// The entries as a table, times at the shop's `offset` (named in the header).
fn render(items: &[AuditEntry], offset: UtcOffset) -> String {
    if items.is_empty() {
        return "no audit entries\n".to_owned();
    }
    let at = format!("AT ({})", members::zone_name(offset));
    let mut table = Table::new(&["ID", &at, "ACTOR", "ACTION", "TARGET", "DETAIL"]);
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    for e in items {
        table.row(vec![
            e.id.to_string(),
            e.at.to_offset(offset).format(&format).unwrap_or_default(),
            e.actor.map_or_else(|| "system".to_owned(), |a| a.to_string()),
            e.action.to_string(),
            e.target.to_string(),
            e.detail.to_string(),
        ]);
    }
    table.render()
}
