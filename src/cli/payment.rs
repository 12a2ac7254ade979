//! `moonvpn payment list|refund|reconcile`: payments through providers, for admins, through
//! the `PaymentService` use cases (role checks and audit included).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use kernel::{Currency, PageRequest};
use payments::{Payment, PaymentError, PaymentId, PaymentQuery, PaymentStatus, Provider, ReconcileReport};
use serde::Serialize;

use super::common::{self, format_money, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;
use crate::jobs::payments as reconcile_job;

/// `moonvpn payment [--json] <command>`.
#[derive(Debug, Args)]
pub struct PaymentArgs {
    /// Print a JSON document instead of a table
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: PaymentCommand,
}

/// The payment subcommands.
#[derive(Debug, Subcommand)]
pub enum PaymentCommand {
    /// Payments, newest first
    List {
        /// created, paid, failed, expired, refunded or all
        #[arg(long, default_value = "all")]
        status: String,
        /// Only this provider (stars, robokassa, freekassa, …)
        #[arg(long)]
        provider: Option<String>,
        /// At most this many
        #[arg(long, default_value_t = 50)]
        limit: u64,
    },
    /// Give a paid payment back: the credit leaves the wallet, then the provider refunds the
    /// payer (Telegram Stars, YooKassa; other providers are refused before anything moves);
    /// run it again if the provider's side failed
    Refund {
        /// The payment
        id: i64,
    },
    /// Ask providers about payments still open and expire those nobody confirmed (what the
    /// background job does every 5 minutes); audited as the first superadmin's
    /// payment.reconcile
    Reconcile,
}

/// Runs a payment command.
pub fn main(args: PaymentArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let json = args.json;
        let currency = config.currency();
        let payments = &services.payments;
        match args.command {
            PaymentCommand::List {
                status,
                provider,
                limit,
            } => {
                let actor = common::acting_admin(config, &services).await?;
                let status = match status.as_str() {
                    "all" => None,
                    code => Some(
                        PaymentStatus::parse(code)
                            .ok_or_else(|| CliError::input(format!("--status: unknown status {code:?}")))?,
                    ),
                };
                let provider = provider
                    .map(|p| Provider::parse(&p).ok_or_else(|| CliError::input(format!("--provider: unknown {p:?}"))))
                    .transpose()?;
                let query = PaymentQuery {
                    status,
                    provider,
                    user: None,
                };
                let page = payments
                    .list_as_admin(actor, query, PageRequest::new(0, limit.clamp(1, 500)))
                    .await
                    .map_err(fail)?;
                render_list(&page.items, currency, json)
            }
            PaymentCommand::Refund { id } => {
                let actor = common::acting_admin(config, &services).await?;
                let id = PaymentId::parse(&id.to_string()).ok_or_else(|| CliError::input("the payment id"))?;
                let payment = payments.refund(actor, id).await.map_err(fail)?;
                render_list(std::slice::from_ref(&payment), currency, json)
            }
            PaymentCommand::Reconcile => {
                let actor = common::acting_admin(config, &services).await?;
                let report = payments
                    .reconcile_as_admin(
                        actor,
                        reconcile_job::PENDING_FOR,
                        reconcile_job::EXPIRE_AFTER,
                        reconcile_job::BATCH,
                    )
                    .await
                    .map_err(fail)?;
                render_report(&report, json)
            }
        }
    })
}

fn fail(e: PaymentError) -> CliError {
    match e {
        PaymentError::Storage(e) => CliError::failed(e),
        PaymentError::Gateway(e) => CliError::failed(e),
        e @ PaymentError::RefundUnsupported(_) => CliError::input(format!("{e} (moonvpn user adjust-balance)")),
        other => CliError::input(other.to_string()),
    }
}

/// A payment as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct PaymentJson {
    id: i64,
    user: i64,
    provider: &'static str,
    status: &'static str,
    amount_minor: i64,
    charge: String,
    provider_ref: Option<String>,
    created_at: String,
}

impl PaymentJson {
    fn new(p: &Payment) -> Self {
        Self {
            id: p.id.get(),
            user: p.user.get(),
            provider: p.provider.as_str(),
            status: p.status.code(),
            amount_minor: p.amount.minor(),
            charge: p.charge.to_string(),
            provider_ref: p.provider_ref.clone(),
            created_at: p
                .created_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
        }
    }
}

fn render_list(items: &[Payment], currency: Currency, json: bool) -> Result<String, CliError> {
    if json {
        return to_json(&items.iter().map(PaymentJson::new).collect::<Vec<_>>());
    }
    if items.is_empty() {
        return Ok("no payments\n".to_owned());
    }
    let mut table = Table::new(&["ID", "USER", "PROVIDER", "STATUS", "AMOUNT", "CHARGE", "REFERENCE"]);
    for p in items {
        table.row(vec![
            p.id.to_string(),
            p.user.to_string(),
            p.provider.to_string(),
            p.status.to_string(),
            format_money(p.amount, currency),
            p.charge.to_string(),
            p.provider_ref.clone().unwrap_or_else(|| "-".to_owned()),
        ]);
    }
    Ok(table.render())
}

/// A reconciliation pass as `--json` prints it.
#[derive(Debug, Serialize)]
struct ReportJson {
    settled: Vec<i64>,
    failed: Vec<i64>,
    expired: Vec<i64>,
    errors: Vec<(i64, String)>,
}

fn render_report(report: &ReconcileReport, json: bool) -> Result<String, CliError> {
    let ids = |v: &[PaymentId]| v.iter().map(|p| p.get()).collect::<Vec<_>>();
    if json {
        return to_json(&ReportJson {
            settled: ids(&report.settled),
            failed: ids(&report.failed),
            expired: ids(&report.expired),
            errors: report.errors.iter().map(|(p, e)| (p.get(), e.clone())).collect(),
        });
    }
    let list = |v: &[PaymentId]| {
        if v.is_empty() {
            "none".to_owned()
        } else {
            v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        }
    };
    let mut out = format!(
        "settled: {}\nfailed: {}\nexpired: {}\n",
        list(&report.settled),
        list(&report.failed),
        list(&report.expired)
    );
    for (payment, error) in &report.errors {
        out.push_str(&format!("not reachable: payment {payment}: {error}\n"));
    }
    Ok(out)
}
