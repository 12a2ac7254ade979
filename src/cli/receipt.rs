//! `moonvpn receipt list|approve|reject|match-sms`: what an admin needs today, before the bot
//! screens, through the same `ReceiptService` use cases (role checks and audit included).

use std::io::Read;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use kernel::{BankCardId, PageRequest, ReceiptId};
use receipts::{Receipt, ReceiptQuery, ReceiptStatus, RejectReason, SmsVerdict};
use serde::Serialize;

use super::card::fail;
use super::common::{self, money, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;

/// `moonvpn receipt [--json] <command>`.
#[derive(Debug, Args)]
pub struct ReceiptArgs {
    /// Print a JSON document instead of a table
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: ReceiptCommand,
}

/// The receipt subcommands.
#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Receipts, newest first (pending by default)
    List {
        /// pending, approved, rejected, expired, cancelled or all
        #[arg(long, default_value = "pending")]
        status: String,
        /// At most this many
        #[arg(long, default_value_t = 50)]
        limit: u64,
    },
    /// Approve a receipt and credit the payer exactly once
    Approve {
        /// The receipt
        id: ReceiptId,
        /// Credit this amount instead (when the transfer differed)
        #[arg(long)]
        amount: Option<String>,
    },
    /// Reject a receipt with a reason the payer sees
    Reject {
        /// The receipt
        id: ReceiptId,
        /// Why
        #[arg(long)]
        reason: String,
    },
    /// Match a bank notification for a card against open requests
    MatchSms {
        /// The card the notification is about
        #[arg(long)]
        card: BankCardId,
        /// The text ("-" reads it from stdin)
        #[arg(long)]
        text: String,
    },
}

/// Runs a receipt command.
pub fn main(args: ReceiptArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let json = args.json;
        let actor = common::acting_admin(config, &services).await?;
        let receipts = &services.receipts;
        match args.command {
            ReceiptCommand::List { status, limit } => {
                let status = match status.as_str() {
                    "all" => None,
                    code => Some(
                        ReceiptStatus::from_code(code)
                            .ok_or_else(|| CliError::input(format!("--status: unknown status {code:?}")))?,
                    ),
                };
                let query = ReceiptQuery {
                    status,
                    ..ReceiptQuery::default()
                };
                let page = receipts
                    .list(actor, query, PageRequest::new(0, limit.clamp(1, 500)))
                    .await
                    .map_err(fail)?;
                render_list(&page.items, json)
            }
            ReceiptCommand::Approve { id, amount } => {
                let credit = amount
                    .as_deref()
                    .map(|raw| money(raw, "--amount", config.currency()))
                    .transpose()?;
                let r = receipts.approve(actor, id, credit).await.map_err(fail)?;
                render_one(&r, json)
            }
            ReceiptCommand::Reject { id, reason } => {
                let reason = RejectReason::new(&reason).map_err(|e| CliError::input(format!("--reason: {e}")))?;
                let r = receipts.reject(actor, id, reason).await.map_err(fail)?;
                render_one(&r, json)
            }
            ReceiptCommand::MatchSms { card, text } => {
                let text = if text == "-" {
                    let mut buf = String::new();
                    std::io::stdin()
                        .take(64 * 1024)
                        .read_to_string(&mut buf)
                        .map_err(|e| CliError::input(format!("stdin: {e}")))?;
                    buf
                } else {
                    text
                };
                let verdict = receipts.match_sms(actor, card, &text).await.map_err(fail)?;
                render_verdict(&verdict, json)
            }
        }
    })
}

/// A receipt as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct ReceiptJson {
    id: i64,
    tracking: String,
    user: i64,
    card: i64,
    status: &'static str,
    requested_minor: i64,
    amount_minor: i64,
    credited_minor: Option<i64>,
    has_text: bool,
    has_photo: bool,
    flags: Vec<&'static str>,
    decided_by: Option<i64>,
    reject_reason: Option<String>,
}

impl ReceiptJson {
    fn new(r: &Receipt) -> Self {
        Self {
            id: r.id.get(),
            tracking: r.tracking.to_string(),
            user: r.user.get(),
            card: r.card.get(),
            status: r.status.code(),
            requested_minor: r.requested.minor(),
            amount_minor: r.amount.minor(),
            credited_minor: r.credited.map(kernel::Money::minor),
            has_text: r.proof.as_ref().is_some_and(|p| p.text().is_some()),
            has_photo: r.proof.as_ref().is_some_and(|p| p.photo().is_some()),
            flags: r.flags.iter().map(|f| f.code()).collect(),
            decided_by: r.decided_by.map(|u| u.get()),
            reject_reason: r.reject_reason.as_ref().map(|x| x.as_str().to_owned()),
        }
    }
}

fn render_one(r: &Receipt, json: bool) -> Result<String, CliError> {
    if json {
        return to_json(&serde_json::json!({ "receipt": ReceiptJson::new(r) }));
    }
    Ok(table(std::slice::from_ref(r)))
}

fn render_list(items: &[Receipt], json: bool) -> Result<String, CliError> {
    if json {
        let docs: Vec<_> = items.iter().map(ReceiptJson::new).collect();
        return to_json(&serde_json::json!({ "receipts": docs }));
    }
    if items.is_empty() {
        return Ok("no receipts\n".to_owned());
    }
    Ok(table(items))
}

fn table(items: &[Receipt]) -> String {
    let mut t = Table::new(&["ID", "TRACKING", "USER", "CARD", "AMOUNT", "STATUS", "FLAGS"]);
    for r in items {
        t.row(vec![
            r.id.to_string(),
            r.tracking.to_string(),
            r.user.to_string(),
            r.card.to_string(),
            r.amount.minor().to_string(),
            r.status.code().to_owned(),
            r.flags.code(),
        ]);
    }
    t.render()
}

fn render_verdict(v: &SmsVerdict, json: bool) -> Result<String, CliError> {
    let (verdict, deposit, receipts): (&str, Option<i64>, Vec<&Receipt>) = match v {
        SmsVerdict::Unreadable => ("unreadable", None, vec![]),
        SmsVerdict::NoMatch { deposit, .. } => ("no_match", Some(deposit.amount), vec![]),
        SmsVerdict::Ambiguous { deposit, .. } => ("ambiguous", Some(deposit.amount), vec![]),
        SmsVerdict::Suggested { deposit, receipt } => ("suggested", Some(deposit.amount), vec![receipt]),
        SmsVerdict::Approved { deposit, receipt } => ("approved", Some(deposit.amount), vec![receipt]),
    };
    let candidates: Vec<i64> = match v {
        SmsVerdict::Ambiguous { receipts, .. } => receipts.iter().map(|r| r.get()).collect(),
        _ => receipts.iter().map(|r| r.id.get()).collect(),
    };
    if json {
        return to_json(&serde_json::json!({
            "verdict": verdict,
            "deposit": deposit,
            "receipts": candidates,
        }));
    }
    let line = match v {
        SmsVerdict::Unreadable => "no deposit found in the text; nothing changed".to_owned(),
        SmsVerdict::NoMatch { .. } => "no open request has this amount; nothing changed".to_owned(),
        SmsVerdict::Ambiguous { .. } => format!("several open requests match ({candidates:?}); nothing changed"),
        SmsVerdict::Suggested { receipt, .. } => {
            format!(
                "matches receipt {}; approve it with `moonvpn receipt approve {}`",
                receipt.id, receipt.id
            )
        }
        SmsVerdict::Approved { receipt, .. } => format!("receipt {} approved automatically", receipt.id),
    };
    Ok(line + "\n")
}
