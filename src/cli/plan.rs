//! `moonvpn plan add|list|disable|enable`: what is on sale, through `CatalogService`.

use std::collections::BTreeSet;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use inventory::Location;
use kernel::{LocationId, PlanId};
use orders::{BYTES_PER_GB, DynamicTerms, FixedTerms, NewPlan, Plan, PlanKind, PlanName, RenewalRule};
use serde::Serialize;

use super::common::{self, format_money, money, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;
use crate::wiring::Services;

/// `moonvpn plan [--json] <command>`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Print a JSON document instead of a table
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: PlanCommand,
}

/// The plan subcommands.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Add a plan: a fixed package (--price, --days, --volume-gb) or a dynamic one
    /// (--price-per-gb, --price-per-day, --gb MIN-MAX, --days-range MIN-MAX)
    Add(Box<AddArgs>),
    /// Every plan (on sale or not)
    List,
    /// Take a plan off sale (orders already placed keep it)
    Disable {
        /// The plan
        id: PlanId,
    },
    /// Put a plan back on sale
    Enable {
        /// The plan
        id: PlanId,
    },
}

/// How renewing treats what is left of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Renewal {
    /// New traffic and days are added to what is left
    Add,
    /// What is left is dropped; the account restarts from now
    Restart,
}

/// `moonvpn plan add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Name users see, e.g. "1 month, 50 GB"
    #[arg(long)]
    pub name: String,
    /// Locations it is sold at (repeat, or comma-separated), by name
    #[arg(long = "location", value_delimiter = ',', required = true)]
    pub locations: Vec<String>,
    /// Fixed plan: its price in the shop's currency
    #[arg(long, conflicts_with_all = ["price_per_gb", "price_per_day"], requires_all = ["days", "volume_gb"])]
    pub price: Option<String>,
    /// Fixed plan: days of service
    #[arg(long)]
    pub days: Option<u32>,
    /// Fixed plan: traffic in GB (0 = unlimited)
    #[arg(long)]
    pub volume_gb: Option<u64>,
    /// Dynamic plan: price of one GB
    #[arg(long, requires_all = ["price_per_day", "gb", "days_range"])]
    pub price_per_gb: Option<String>,
    /// Dynamic plan: price of one day
    #[arg(long)]
    pub price_per_day: Option<String>,
    /// Dynamic plan: GB a buyer may pick, MIN-MAX
    #[arg(long, value_name = "MIN-MAX")]
    pub gb: Option<String>,
    /// Dynamic plan: days a buyer may pick, MIN-MAX
    #[arg(long, value_name = "MIN-MAX")]
    pub days_range: Option<String>,
    /// A free test plan (one claim per user)
    #[arg(long)]
    pub test: bool,
    /// How renewing with this plan treats what is left
    #[arg(long, value_enum, default_value_t = Renewal::Add)]
    pub renewal: Renewal,
    /// Devices (IPs) at once per account; 0 = no limit
    #[arg(long, default_value_t = 0)]
    pub ip_limit: u32,
    /// Add it off sale (enable later with `plan enable`)
    #[arg(long)]
    pub off_sale: bool,
}

/// Runs a plan command.
pub fn main(args: PlanArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let json = args.json;
        match args.command {
            PlanCommand::Add(a) => add(&services, config, &a, json).await,
            PlanCommand::List => list(&services, config, json).await,
            PlanCommand::Disable { id } => set_active(&services, config, id, false, json).await,
            PlanCommand::Enable { id } => set_active(&services, config, id, true, json).await,
        }
    })
}

/// A plan as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct PlanJson {
    id: i64,
    name: String,
    kind: &'static str,
    /// Fixed: traffic in GB (0 = unlimited).
    #[serde(skip_serializing_if = "Option::is_none")]
    volume_gb: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days: Option<u32>,
    /// Fixed: price in minor units.
    #[serde(skip_serializing_if = "Option::is_none")]
    price_minor: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price_per_gb_minor: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price_per_day_minor: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gb_range: Option<[u32; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_range: Option<[u32; 2]>,
    locations: Vec<String>,
    test: bool,
    renewal: &'static str,
    ip_limit: u32,
    active: bool,
}

impl PlanJson {
    fn new(plan: &Plan, locations: &[Location], config: &Config) -> Self {
        let currency = config.currency();
        let mut doc = Self {
            id: plan.id.get(),
            name: plan.name.to_string(),
            kind: "fixed",
            volume_gb: None,
            days: None,
            price_minor: None,
            price: None,
            price_per_gb_minor: None,
            price_per_day_minor: None,
            gb_range: None,
            days_range: None,
            locations: location_names(&plan.locations, locations),
            test: plan.is_test,
            renewal: plan.renewal.as_str(),
            ip_limit: plan.ip_limit,
            active: plan.active,
        };
        match plan.kind {
            PlanKind::Fixed(t) => {
                doc.volume_gb = Some(t.volume_bytes() as f64 / BYTES_PER_GB as f64);
                doc.days = Some(t.duration_days());
                doc.price_minor = Some(t.price().minor());
                doc.price = Some(format_money(t.price(), currency));
            }
            PlanKind::Dynamic(t) => {
                doc.kind = "dynamic";
                doc.price_per_gb_minor = Some(t.price_per_gb().minor());
                doc.price_per_day_minor = Some(t.price_per_day().minor());
                let (gb_min, gb_max) = t.gb_range();
                let (d_min, d_max) = t.days_range();
                doc.gb_range = Some([gb_min, gb_max]);
                doc.days_range = Some([d_min, d_max]);
            }
        }
        doc
    }
}

#[derive(Serialize)]
struct ListJson {
    plans: Vec<PlanJson>,
}

#[derive(Serialize)]
struct OneJson {
    plan: PlanJson,
}

fn location_names(ids: &BTreeSet<LocationId>, locations: &[Location]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            locations
                .iter()
                .find(|l| l.id == *id)
                .map_or_else(|| format!("#{id}"), |l| l.name.to_string())
        })
        .collect()
}

/// `MIN-MAX` of whole numbers.
fn range(raw: &str, flag: &str) -> Result<(u32, u32), CliError> {
    let bad = || CliError::input(format!("{flag}: {raw:?} is not a range such as 10-100"));
    let (min, max) = raw.split_once('-').ok_or_else(bad)?;
    Ok((
        min.trim().parse().map_err(|_| bad())?,
        max.trim().parse().map_err(|_| bad())?,
    ))
}

fn kind(a: &AddArgs, config: &Config) -> Result<PlanKind, CliError> {
    let currency = config.currency();
    let bad_plan = |e: orders::PlanError| CliError::input(e.to_string());
    if let Some(price) = &a.price {
        let (Some(days), Some(gb)) = (a.days, a.volume_gb) else {
            return Err(CliError::input("a fixed plan needs --price, --days and --volume-gb"));
        };
        let bytes = gb
            .checked_mul(BYTES_PER_GB)
            .ok_or_else(|| CliError::input(format!("--volume-gb: {gb} GB is too much")))?;
        let terms = FixedTerms::new(bytes, days, money(price, "--price", currency)?).map_err(bad_plan)?;
        return Ok(PlanKind::Fixed(terms));
    }
    match (&a.price_per_gb, &a.price_per_day, &a.gb, &a.days_range) {
        (Some(per_gb), Some(per_day), Some(gb), Some(days)) => {
            let terms = DynamicTerms::new(
                money(per_gb, "--price-per-gb", currency)?,
                money(per_day, "--price-per-day", currency)?,
                range(gb, "--gb")?,
                range(days, "--days-range")?,
            )
            .map_err(bad_plan)?;
            Ok(PlanKind::Dynamic(terms))
        }
        _ => Err(CliError::input(
            "give --price, --days and --volume-gb (fixed plan) or --price-per-gb, --price-per-day, --gb and --days-range (dynamic plan)",
        )),
    }
}

async fn add(s: &Services, config: &Config, a: &AddArgs, json: bool) -> Result<String, CliError> {
    let name = PlanName::parse(&a.name).map_err(|e| CliError::input(format!("--name: {e}")))?;
    let kind = kind(a, config)?;
    let known = s.inventory.locations().await.map_err(CliError::failed)?;
    let mut locations = BTreeSet::new();
    for wanted in &a.locations {
        let found = known
            .iter()
            .find(|l| l.name.as_str().eq_ignore_ascii_case(wanted.trim()))
            .ok_or_else(|| {
                CliError::input(format!(
                    "location {:?} does not exist; see `moonvpn location list`",
                    wanted.trim()
                ))
            })?;
        locations.insert(found.id);
    }
    let plan = s
        .catalog
        .create_plan(NewPlan {
            name,
            kind,
            locations,
            is_test: a.test,
            renewal: match a.renewal {
                Renewal::Add => RenewalRule::AddToRemaining,
                Renewal::Restart => RenewalRule::RestartFromNow,
            },
            ip_limit: a.ip_limit,
            active: !a.off_sale,
        })
        .await
        .map_err(CliError::failed)?;
    if json {
        return to_json(&OneJson {
            plan: PlanJson::new(&plan, &known, config),
        });
    }
    Ok(format!(
        "plan {} ({}) added{}\n",
        plan.id,
        plan.name,
        if plan.active { ", on sale" } else { ", off sale" }
    ))
}

async fn list(s: &Services, config: &Config, json: bool) -> Result<String, CliError> {
    let plans = s.catalog.plans(false).await.map_err(CliError::failed)?;
    let locations = s.inventory.locations().await.map_err(CliError::failed)?;
    if json {
        return to_json(&ListJson {
            plans: plans.iter().map(|p| PlanJson::new(p, &locations, config)).collect(),
        });
    }
    if plans.is_empty() {
        return Ok("no plans yet; add one with `moonvpn plan add`\n".to_owned());
    }
    let currency = config.currency();
    let mut t = Table::new(&[
        "ID",
        "NAME",
        "TERMS",
        "PRICE",
        "LOCATIONS",
        "TEST",
        "RENEWAL",
        "IPS",
        "STATUS",
    ]);
    for p in &plans {
        let (terms, price) = match p.kind {
            PlanKind::Fixed(f) => (
                format!(
                    "{}, {} days",
                    if f.volume_bytes() == 0 {
                        "unlimited".to_owned()
                    } else {
                        super::panel::table::bytes(f.volume_bytes())
                    },
                    f.duration_days()
                ),
                format_money(f.price(), currency),
            ),
            PlanKind::Dynamic(d) => {
                let (gb_min, gb_max) = d.gb_range();
                let (d_min, d_max) = d.days_range();
                (
                    format!("{gb_min}-{gb_max} GB, {d_min}-{d_max} days"),
                    format!(
                        "{}/GB + {}/day",
                        format_money(d.price_per_gb(), currency),
                        format_money(d.price_per_day(), currency)
                    ),
                )
            }
        };
        t.row(vec![
            p.id.to_string(),
            p.name.to_string(),
            terms,
            price,
            location_names(&p.locations, &locations).join(", "),
            if p.is_test { "yes" } else { "no" }.to_owned(),
            p.renewal.as_str().to_owned(),
            if p.ip_limit == 0 {
                "-".to_owned()
            } else {
                p.ip_limit.to_string()
            },
            if p.active { "on sale" } else { "off sale" }.to_owned(),
        ]);
    }
    Ok(t.render())
}

async fn set_active(s: &Services, config: &Config, id: PlanId, active: bool, json: bool) -> Result<String, CliError> {
    let plan = s.catalog.set_plan_active(id, active).await.map_err(|e| match e {
        orders::OrderError::PlanNotFound(_) => {
            CliError::failed(format!("there is no plan {id}; see `moonvpn plan list`"))
        }
        other => CliError::failed(other),
    })?;
    if json {
        let locations = s.inventory.locations().await.map_err(CliError::failed)?;
        return to_json(&OneJson {
            plan: PlanJson::new(&plan, &locations, config),
        });
    }
    Ok(format!(
        "plan {} ({}) is {}\n",
        plan.id,
        plan.name,
        if active { "on sale" } else { "off sale" }
    ))
}
