//! `moonvpn broadcast send|status|cancel|list`: broadcast campaigns, for admins, through the
//! `BroadcastService` use cases the bot's Broadcasts menu calls (role checks and audit
//! included). The running bot's broadcast job does the sending.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use kernel::CampaignId;
use notify::broadcast::{Audience, BroadcastError, BroadcastText, Campaign, Content, PhotoId, UrlButton};
use serde::Serialize;
use time::OffsetDateTime;

use super::common::{self, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;

/// `moonvpn broadcast [--json] <command>`.
#[derive(Debug, Args)]
pub struct BroadcastArgs {
    /// Print a JSON document instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: BroadcastCommand,
}

/// The broadcast subcommands.
#[derive(Debug, Subcommand)]
pub enum BroadcastCommand {
    /// Send a message to an audience: without --yes it only says how many users would get it
    Send {
        /// The message (plain text, up to 4096 characters; 1024 with a photo)
        #[arg(long)]
        text: String,
        /// A photo Telegram already has, by its file_id
        #[arg(long, value_name = "FILE_ID")]
        photo: Option<String>,
        /// The label of one link button under the message (needs --button-url)
        #[arg(long, requires = "button_url")]
        button_label: Option<String>,
        /// The http(s) link of that button (needs --button-label)
        #[arg(long, requires = "button_label")]
        button_url: Option<String>,
        /// all, active, expired, never-bought, location:ID or lang:en|fa|ru
        #[arg(long)]
        audience: String,
        /// Start sending (without it nothing is stored or sent)
        #[arg(long)]
        yes: bool,
    },
    /// A campaign's progress or results (the newest when no id is given)
    Status {
        /// The campaign
        id: Option<i64>,
    },
    /// Cancel a draft, running or paused campaign (users not reached yet will not get it)
    Cancel {
        /// The campaign
        id: i64,
    },
    /// Campaigns with their results, newest first
    List {
        /// At most this many
        #[arg(long, default_value_t = 20)]
        limit: u64,
    },
}

/// Runs a broadcast command.
pub fn main(args: BroadcastArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let json = args.json;
        let broadcasts = &services.broadcasts;
        let actor = common::acting_admin(config, &services).await?;
        let now = services.clock.now();
        match args.command {
            BroadcastCommand::Send {
                text,
                photo,
                button_label,
                button_url,
                audience,
                yes,
            } => {
                let audience = Audience::parse(&audience).map_err(|e| CliError::input(format!("--audience: {e}")))?;
                let content = content(&text, photo.as_deref(), button_label.zip(button_url))?;
                let count = broadcasts.audience_size(actor, audience).await.map_err(fail)?;
                if !yes {
                    return render_dry_run(&content, audience, count, json);
                }
                if count == 0 {
                    return Err(fail(BroadcastError::EmptyAudience));
                }
                let draft = broadcasts.create_draft(actor, content, audience).await.map_err(fail)?;
                let started = match broadcasts.start(actor, draft.id).await {
                    Ok(started) => started,
                    Err(e) => {
                        // Nothing was sent (the audience emptied meanwhile): no draft is left behind.
                        let _ = broadcasts.cancel(actor, draft.id).await;
                        return Err(fail(e));
                    }
                };
                render_one(&started, now, json)
            }
            BroadcastCommand::Status { id } => {
                let campaign = match id {
                    Some(id) => broadcasts.get(actor, CampaignId::new(id)).await.map_err(fail)?,
                    None => broadcasts
                        .list(actor, 1)
                        .await
                        .map_err(fail)?
                        .into_iter()
                        .next()
                        .ok_or_else(|| CliError::input("there is no campaign yet"))?,
                };
                render_one(&campaign, now, json)
            }
            BroadcastCommand::Cancel { id } => {
                let campaign = broadcasts.cancel(actor, CampaignId::new(id)).await.map_err(fail)?;
                render_one(&campaign, now, json)
            }
            BroadcastCommand::List { limit } => {
                let campaigns = broadcasts.list(actor, limit.clamp(1, 500)).await.map_err(fail)?;
                render_list(&campaigns, now, json)
            }
        }
    })
}

fn content(text: &str, photo: Option<&str>, button: Option<(String, String)>) -> Result<Content, CliError> {
    let text = BroadcastText::parse(text).map_err(|e| CliError::input(format!("--text: {e}")))?;
    let photo = photo
        .map(PhotoId::parse)
        .transpose()
        .map_err(|e| CliError::input(format!("--photo: {e}")))?;
    let button = button
        .map(|(label, url)| UrlButton::parse(&label, &url))
        .transpose()
        .map_err(|e| CliError::input(format!("--button-label/--button-url: {e}")))?;
    Content::new(text, photo, button).map_err(|e| CliError::input(format!("--text: {e}")))
}

fn fail(e: BroadcastError) -> CliError {
    match e {
        BroadcastError::Storage(e) => CliError::failed(e),
        other => CliError::input(other.to_string()),
    }
}

/// A campaign as `--json` prints it.
#[derive(Debug, Serialize)]
struct CampaignJson {
    id: i64,
    status: &'static str,
    audience: String,
    text: String,
    photo: Option<String>,
    button: Option<ButtonJson>,
    total: u64,
    pending: u64,
    sent: u64,
    failed: u64,
    blocked: u64,
    left: u64,
    rate_per_second: f64,
    eta_seconds: Option<i64>,
    created_by: i64,
    created_at: String,
    started_at: Option<String>,
    ended_at: Option<String>,
}

#[derive(Debug, Serialize)]
struct ButtonJson {
    label: String,
    url: String,
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

impl CampaignJson {
    fn new(c: &Campaign, now: OffsetDateTime) -> Self {
        let pace = c.pace(now);
        Self {
            id: c.id.get(),
            status: c.status.code(),
            audience: c.audience.code(),
            text: c.content.text().as_str().to_owned(),
            photo: c.content.photo().map(|p| p.as_str().to_owned()),
            button: c.content.button().map(|b| ButtonJson {
                label: b.label().to_owned(),
                url: b.url().to_owned(),
            }),
            total: c.counts.total(),
            pending: c.counts.pending,
            sent: c.counts.sent,
            failed: c.counts.failed,
            blocked: c.counts.blocked,
            left: c.counts.left,
            rate_per_second: (pace.per_second * 10.0).round() / 10.0,
            eta_seconds: pace.eta.map(|d| d.whole_seconds()),
            created_by: c.created_by.get(),
            created_at: rfc3339(c.created_at),
            started_at: c.started_at.map(rfc3339),
            ended_at: c.ended_at.map(rfc3339),
        }
    }
}

/// What `send` without `--yes` prints.
#[derive(Debug, Serialize)]
struct DryRunJson {
    sent: bool,
    audience: String,
    recipients: u64,
    text: String,
}

fn render_dry_run(content: &Content, audience: Audience, count: u64, json: bool) -> Result<String, CliError> {
    if json {
        return to_json(&DryRunJson {
            sent: false,
            audience: audience.code(),
            recipients: count,
            text: content.text().as_str().to_owned(),
        });
    }
    Ok(format!(
        "would send to {count} user(s) ({audience}); nothing was sent: add --yes to send it\n"
    ))
}

fn render_one(c: &Campaign, now: OffsetDateTime, json: bool) -> Result<String, CliError> {
    if json {
        return to_json(&CampaignJson::new(c, now));
    }
    let j = CampaignJson::new(c, now);
    let mut out = format!(
        "campaign {}: {} · audience {}\nsent {} of {} · failed {} · blocked {} · left {} · pending {}\n",
        j.id, j.status, j.audience, j.sent, j.total, j.failed, j.blocked, j.left, j.pending
    );
    if let Some(eta) = j.eta_seconds {
        out.push_str(&format!("rate {} msg/s · about {eta} s left\n", j.rate_per_second));
    }
    Ok(out)
}

fn render_list(items: &[Campaign], now: OffsetDateTime, json: bool) -> Result<String, CliError> {
    if json {
        return to_json(&items.iter().map(|c| CampaignJson::new(c, now)).collect::<Vec<_>>());
    }
    if items.is_empty() {
        return Ok("no campaigns\n".to_owned());
    }
    let mut table = Table::new(&["ID", "STATUS", "AUDIENCE", "SENT", "TOTAL", "FAILED", "BLOCKED", "LEFT"]);
    for c in items {
        table.row(vec![
            c.id.to_string(),
            c.status.to_string(),
            c.audience.code(),
            c.counts.sent.to_string(),
            c.counts.total().to_string(),
            c.counts.failed.to_string(),
            c.counts.blocked.to_string(),
            c.counts.left.to_string(),
        ]);
    }
    Ok(table.render())
}
