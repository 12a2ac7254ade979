//! `moonvpn stats [--json]`: the shop's numbers (users, sales, money in by method, active
//! services, receipts waiting, failing panels) through the same use case as the bot's Stats
//! screen, as the first configured superadmin.

use std::process::ExitCode;

use clap::Args;
use kernel::Currency;
use orders::{OrderError, ShopStats};
use serde::Serialize;

use super::common::{self, acting_admin, format_minor, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;

/// `moonvpn stats [--json]`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print a JSON document instead of text
    #[arg(long)]
    pub json: bool,
}

/// Runs `moonvpn stats`.
pub fn main(args: StatsArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let actor = acting_admin(config, &services).await?;
        let stats = services.stats.shop_stats(actor).await.map_err(fail)?;
        if args.json {
            to_json(&StatsJson::new(&stats))
        } else {
            Ok(render(&stats, config.currency()))
        }
    })
}

fn fail(e: OrderError) -> CliError {
    match e {
        OrderError::Storage(e) => CliError::failed(e),
        other => CliError::input(other.to_string()),
    }
}

/// The stats as `--json` prints them (amounts in minor units of the shop's currency).
#[derive(Debug, Serialize)]
pub struct StatsJson {
    users: UsersJson,
    sales_today_minor: i64,
    sales_7d_minor: i64,
    sales_30d_minor: i64,
    sales_by_day: Vec<DayJson>,
    money_in_30d: Vec<MethodJson>,
    active_services: Vec<ServicesJson>,
    pending_receipts: u64,
    failing_panels: Vec<FailingJson>,
}

#[derive(Debug, Serialize)]
struct UsersJson {
    total: u64,
    today: u64,
    last_7_days: u64,
}

#[derive(Debug, Serialize)]
struct DayJson {
    day: String,
    sales_minor: i64,
}

#[derive(Debug, Serialize)]
struct MethodJson {
    method: String,
    amount_minor: i64,
}

#[derive(Debug, Serialize)]
struct ServicesJson {
    location: String,
    panel: String,
    active: u64,
}

#[derive(Debug, Serialize)]
struct FailingJson {
    panel: String,
    error: String,
}

impl StatsJson {
    fn new(s: &ShopStats) -> Self {
        Self {
            users: UsersJson {
                total: s.users.total,
                today: s.users.today,
                last_7_days: s.users.week,
            },
            sales_today_minor: s.sales_today,
            sales_7d_minor: s.sales_week,
            sales_30d_minor: s.sales_month,
            sales_by_day: s
                .days
                .iter()
                .map(|d| DayJson {
                    day: d.day.to_string(),
                    sales_minor: d.sales,
                })
                .collect(),
            money_in_30d: s
                .money_in
                .iter()
                .map(|(m, a)| MethodJson {
                    method: m.code().to_owned(),
                    amount_minor: *a,
                })
                .collect(),
            active_services: s
                .services
                .iter()
                .map(|c| ServicesJson {
                    location: c.location.clone(),
                    panel: c.panel.clone(),
                    active: c.active,
                })
                .collect(),
            pending_receipts: s.pending_receipts,
            failing_panels: s
                .failing_panels
                .iter()
                .map(|p| FailingJson {
                    panel: p.name.clone(),
                    error: p.error.clone(),
                })
                .collect(),
        }
    }
}

fn render(s: &ShopStats, currency: Currency) -> String {
    let money = |minor: i64| format_minor(minor, currency);
    let mut out = format!(
        "users: {} ({} today, {} in 7 days)\nsales: {} today, {} in 7 days, {} in 30 days\n",
        s.users.total,
        s.users.today,
        s.users.week,
        money(s.sales_today),
        money(s.sales_week),
        money(s.sales_month),
    );
    if s.money_in.is_empty() {
        out.push_str("money in (30 days): none\n");
    } else {
        let methods: Vec<String> = s
            .money_in
            .iter()
            .map(|(m, a)| format!("{} {}", m.code(), money(*a)))
            .collect();
        out.push_str(&format!("money in (30 days): {}\n", methods.join(", ")));
    }
    out.push_str(&format!(
        "pending receipts: {}\nactive services: {}\n",
        s.pending_receipts,
        s.active_services()
    ));
    if !s.services.is_empty() {
        let mut table = Table::new(&["LOCATION", "PANEL", "ACTIVE"]);
        for c in &s.services {
            table.row(vec![c.location.clone(), c.panel.clone(), c.active.to_string()]);
        }
        out.push_str(&table.render());
    }
    if s.failing_panels.is_empty() {
        out.push_str("failing panels: none\n");
    } else {
        for p in &s.failing_panels {
            out.push_str(&format!("failing panel: {}: {}\n", p.name, p.error));
        }
    }
    out
}
