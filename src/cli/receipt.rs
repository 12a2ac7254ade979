//! `moonvpn receipt list|approve|reject|match-sms|override|unflag`: the receipts' review from
//! the shell, through the same `ReceiptService` use cases the bot calls (role checks and
//! audit included).

use std::io::Read;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use kernel::{BankCardId, PageRequest, ReceiptId};
use receipts::{Override, Receipt, ReceiptQuery, ReceiptStatus, RejectReason, SmsVerdict};
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
    /// Match a bank notification against open requests (of one card, or of every card)
    MatchSms {
        /// The card the notification is about (every card's pattern is tried when left out)
        #[arg(long)]
        card: Option<BankCardId>,
        /// The text ("-" reads it from stdin)
        #[arg(long)]
        text: String,
    },
    /// Superadmin: approve a rejected, expired or cancelled receipt (credited once), or
    /// reject an approved one (its credit taken back)
    Override {
        /// The receipt
        id: ReceiptId,
        /// Approve it
        #[arg(long, conflicts_with = "reject")]
        approve: bool,
        /// Reject it (needs --reason)
        #[arg(long)]
        reject: bool,
        /// With --approve: credit this amount instead of the receipt's
        #[arg(long, conflicts_with = "reject")]
        amount: Option<String>,
        /// With --reject: why, for the payer
        #[arg(long)]
        reason: Option<String>,
    },
    /// Superadmin: clear a receipt's flags after looking at it
    Unflag {
        /// The receipt
        id: ReceiptId,
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
                let verdict = match card {
                    Some(card) => receipts.match_sms(actor, card, &text).await,
                    None => receipts.match_sms_any(actor, &text).await,
                };
                render_verdict(&verdict.map_err(fail)?, json)
            }
            ReceiptCommand::Override {
                id,
                approve,
                reject,
                amount,
                reason,
            } => {
                let decision = match (approve, reject, reason) {
                    (true, false, None) => Override::Approve {
                        credit: amount
                            .as_deref()
                            .map(|raw| money(raw, "--amount", config.currency()))
                            .transpose()?,
                    },
                    (false, true, Some(reason)) => Override::Reject {
                        reason: RejectReason::new(&reason).map_err(|e| CliError::input(format!("--reason: {e}")))?,
                    },
                    (false, true, None) => return Err(CliError::input("--reject needs --reason")),
                    _ => return Err(CliError::input("say --approve, or --reject with --reason")),
                };
                let r = receipts.override_decision(actor, id, decision).await.map_err(fail)?;
                render_one(&r, json)
            }
            ReceiptCommand::Unflag { id } => {
                let r = receipts.unflag(actor, id).await.map_err(fail)?;
                render_one(&r, json)
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
    let verdict = v.code();
    let (deposit, receipts): (Option<i64>, Vec<&Receipt>) = match v {
        SmsVerdict::Unreadable => (None, vec![]),
        SmsVerdict::NoMatch { deposit, .. } | SmsVerdict::Ambiguous { deposit, .. } => (Some(deposit.amount), vec![]),
        SmsVerdict::Suggested { deposit, receipt } | SmsVerdict::Approved { deposit, receipt } => {
            (Some(deposit.amount), vec![receipt])
        }
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
