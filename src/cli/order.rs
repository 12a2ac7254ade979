//! `moonvpn order list <who>` and `moonvpn order override <tracking> refund|retry --reason
//! TEXT`: a user's orders, and a superadmin's refund or retry of a paid order that was not
//! delivered, as the first configured superadmin through the use cases the bot's 🧾 Orders
//! screens call (`OrderService::orders_of_user_as`, `OrderService::override_order`: role
//! checked, audited `order.override`).

use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use kernel::{Currency, PageRequest, TrackingCode, TrackingKind, UserId};
use orders::{Order, OrderError, OrderOverride, OverrideReason};
use serde::Serialize;

use super::common::{self, acting_admin, format_money, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use super::user::{resolve, rfc3339};
use crate::config::Config;
use crate::wiring::Services;

/// `moonvpn order [--json] <command>`.
#[derive(Debug, Args)]
pub struct OrderArgs {
    /// Print a JSON document instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: OrderCommand,
}

/// The order subcommands.
#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// A user's orders, newest first (at most 100)
    List {
        /// Telegram id, @username, #user-id, or a tracking code (one of their orders or
        /// wallet rows)
        who: String,
    },
    /// Refund a paid order that was not delivered, or retry its delivery now (superadmin;
    /// audited)
    Override {
        /// The order's tracking code (OR-…)
        tracking: String,
        /// refund: the money back to the buyer's wallet now; retry: run the delivery now
        #[arg(value_enum)]
        decision: Decision,
        /// Why (1 to 500 characters; the buyer reads it in the refund notice)
        #[arg(long)]
        reason: String,
    },
}

/// What to do with the order.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Decision {
    /// Give the order up and put its money back in the buyer's wallet
    Refund,
    /// Run its delivery now
    Retry,
}

impl From<Decision> for OrderOverride {
    fn from(d: Decision) -> Self {
        match d {
            Decision::Refund => Self::Refund,
            Decision::Retry => Self::Retry,
        }
    }
}

/// Runs an order command.
pub fn main(args: OrderArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        match args.command {
            OrderCommand::List { who } => list(&services, config, &who, args.json).await,
            OrderCommand::Override {
                tracking,
                decision,
                reason,
            } => override_order(&services, config, &tracking, decision.into(), &reason, args.json).await,
        }
    })
}

/// An order as `--json` prints it.
#[derive(Debug, Serialize)]
struct OrderJson {
    id: i64,
    tracking: String,
    user: i64,
    kind: &'static str,
    plan: i64,
    location: i64,
    status: &'static str,
    amount_minor: i64,
    amount: String,
    discount_minor: i64,
    delivery_attempts: u32,
    account: Option<i64>,
    failure: Option<String>,
    created_at: String,
    paid_at: Option<String>,
    closed_at: Option<String>,
}

impl OrderJson {
    fn new(o: &Order, currency: Currency) -> Self {
        Self {
            id: o.id.get(),
            tracking: o.tracking.as_str().to_owned(),
            user: o.user.get(),
            kind: if o.renews().is_some() { "renew" } else { "purchase" },
            plan: o.plan.get(),
            location: o.location.get(),
            status: o.status.as_str(),
            amount_minor: o.amount().minor(),
            amount: format_money(o.amount(), currency),
            discount_minor: o.pricing.discount.minor(),
            delivery_attempts: o.delivery_attempts,
            account: o.account.map(|a| a.get()),
            failure: o.failure.clone(),
            created_at: rfc3339(o.created_at),
            paid_at: o.paid_at.map(rfc3339),
            closed_at: o.closed_at.map(rfc3339),
        }
    }
}

fn fail(e: OrderError) -> CliError {
    match e {
        OrderError::Storage(e) => CliError::failed(e),
        OrderError::NotOverridable(status) => CliError::failed(format!(
            "the order is {status}; only a paid order that was not delivered can be refunded or retried; nothing was changed"
        )),
        other => CliError::input(other.to_string()),
    }
}

/// The tracking code `raw`, or exit 2.
fn tracking(raw: &str) -> Result<TrackingCode, CliError> {
    TrackingCode::parse(raw).map_err(|e| CliError::input(e.to_string()))
}

/// The user `who` names: a Telegram id, @username or #user-id like the other user commands,
/// or a tracking code of one of their orders or wallet rows.
async fn owner(s: &Services, admin: UserId, who: &str) -> Result<UserId, CliError> {
    let Ok(code) = TrackingCode::parse(who) else {
        return resolve(s, who).await.map(|u| u.id);
    };
    let not_found = || CliError::failed(format!("no order or wallet row has the tracking code {who:?}"));
    if code.kind() == TrackingKind::Order {
        let order = s.orders.order_by_tracking_as(admin, &code).await.map_err(fail)?;
        return order.map(|o| o.user).ok_or_else(not_found);
    }
    let entry = s.wallet.find_by_tracking(&code).await.map_err(CliError::failed)?;
    entry.map(|e| e.user).ok_or_else(not_found)
}

async fn list(s: &Services, config: &Config, who: &str, json: bool) -> Result<String, CliError> {
    let admin = acting_admin(config, s).await?;
    let user = owner(s, admin, who).await?;
    let page = s
        .orders
        .orders_of_user_as(admin, user, PageRequest::new(0, PageRequest::MAX_LIMIT))
        .await
        .map_err(fail)?;
    if json {
        return to_json(
            &page
                .items
                .iter()
                .map(|o| OrderJson::new(o, s.currency))
                .collect::<Vec<_>>(),
        );
    }
    if page.items.is_empty() {
        return Ok(format!("user #{user} has no orders\n"));
    }
    let mut table = Table::new(&["TRACKING", "STATUS", "AMOUNT", "PLAN", "RUNS", "CREATED (UTC)"]);
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    for o in &page.items {
        table.row(vec![
            o.tracking.as_str().to_owned(),
            o.status.as_str().to_owned(),
            format_money(o.amount(), s.currency),
            o.plan.to_string(),
            o.delivery_attempts.to_string(),
            o.created_at.format(&format).unwrap_or_default(),
        ]);
    }
    Ok(table.render())
}

/// What `order override --json` prints.
#[derive(Debug, Serialize)]
struct OverrideJson {
    decision: &'static str,
    outcome: &'static str,
    order: OrderJson,
}

async fn override_order(
    s: &Services,
    config: &Config,
    raw: &str,
    decision: OrderOverride,
    reason: &str,
    json: bool,
) -> Result<String, CliError> {
    let code = tracking(raw)?;
    let reason = OverrideReason::parse(reason).map_err(|e| CliError::input(format!("--reason: {e}")))?;
    let admin = acting_admin(config, s).await?;
    let order = s
        .orders
        .order_by_tracking_as(admin, &code)
        .await
        .map_err(fail)?
        .ok_or_else(|| CliError::input(format!("no order has the tracking code {}", code.as_str())))?;
    let outcome = s
        .orders
        .override_order(admin, order.id, decision, &reason)
        .await
        .map_err(fail)?;
    let done = outcome.order();
    let doc = OverrideJson {
        decision: decision.as_str(),
        outcome: outcome.as_str(),
        order: OrderJson::new(done, s.currency),
    };
    if json {
        return to_json(&doc);
    }
    let amount = format_money(done.amount(), s.currency);
    let what = match outcome {
        orders::OverrideOutcome::Refunded(_) => format!("refunded: {amount} went back to the buyer's wallet"),
        orders::OverrideOutcome::Delivered(_) => "delivered".to_owned(),
        orders::OverrideOutcome::RetryRefunded(_) => {
            format!("could not be delivered, so it was refunded: {amount} went back to the buyer's wallet")
        }
        orders::OverrideOutcome::InProgress(_) => {
            "is being delivered by another run right now; nothing was done".to_owned()
        }
    };
    Ok(format!("order {}: {what}\n", done.tracking.as_str()))
}
