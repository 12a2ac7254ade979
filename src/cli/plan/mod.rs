//! `moonvpn plan add|list|edit|disable|enable`: what is on sale, through `CatalogService`,
//! acting as the first configured superadmin (checked and audited there).

use std::collections::BTreeSet;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use inventory::Location;
use kernel::{ByteLimit, CountLimit, LocationId, Money, PlanId};
use orders::{
    BYTES_PER_GB, DynamicTerms, FixedTerms, NewPlan, OrderError, PlanDescription, PlanKind, PlanName, RenewalRule,
};

use super::common::{self, acting_admin, money, to_json};
use super::panel::CliError;
use crate::config::Config;
use crate::wiring::Services;

mod edit;
mod render;

use render::{OneJson, PlanJson, list};

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
    /// Add a plan: a fixed package (--price, --days, --volume-gb), a free test (--test,
    /// --days, --volume-gb) or a dynamic one (--price-per-gb, --price-per-day, --gb MIN-MAX,
    /// --days-range MIN-MAX)
    Add(Box<AddArgs>),
    /// Every plan (on sale or not)
    List,
    /// Change a plan: only the flags given change (orders already placed keep their terms)
    Edit(Box<edit::EditArgs>),
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

impl Renewal {
    /// The domain's rule.
    pub fn rule(self) -> RenewalRule {
        match self {
            Self::Add => RenewalRule::AddToRemaining,
            Self::Restart => RenewalRule::RestartFromNow,
        }
    }
}

/// `moonvpn plan add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Name users see, e.g. "1 month, 50 GB"
    #[arg(long)]
    pub name: String,
    /// What buyers read about the plan besides its terms (1 to 500 characters)
    #[arg(long)]
    pub description: Option<String>,
    /// Locations it is sold at (repeat, or comma-separated), by name
    #[arg(long = "location", value_delimiter = ',', required = true)]
    pub locations: Vec<String>,
    /// Fixed plan: its price in the shop's currency (a --test plan is free: leave it out)
    #[arg(long, conflicts_with_all = ["price_per_gb", "price_per_day"])]
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
    /// A free test plan (one claim per user); it costs nothing, so no --price is needed
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
            PlanCommand::Edit(a) => edit::edit(&services, config, &a, json).await,
            PlanCommand::Disable { id } => set_active(&services, config, id, false, json).await,
            PlanCommand::Enable { id } => set_active(&services, config, id, true, json).await,
        }
    })
}

/// `--volume-gb` in bytes.
/// `--volume-gb` as a traffic limit: 0 is unlimited, as `--help` says.
fn gb_bytes(gb: u64) -> Result<ByteLimit, CliError> {
    let bytes = gb
        .checked_mul(BYTES_PER_GB)
        .ok_or_else(|| CliError::input(format!("--volume-gb: {gb} GB is too much")))?;
    Ok(ByteLimit::upto(bytes).unwrap_or(ByteLimit::Unlimited))
}

/// `--ip-limit` as a limit: 0 is no limit, as `--help` says.
fn ip_limit(devices: u32) -> CountLimit {
    CountLimit::upto(devices).unwrap_or(CountLimit::Unlimited)
}

/// What the catalog refused, as one line (bad input exits 2).
fn refused(id: Option<PlanId>, e: OrderError) -> CliError {
    match (id, e) {
        (Some(id), OrderError::PlanNotFound(_)) => {
            CliError::failed(format!("there is no plan {id}; see `moonvpn plan list`"))
        }
        (_, e @ (OrderError::Plan(_) | OrderError::TestPlanPriced)) => CliError::input(e.to_string()),
        (_, other) => CliError::failed(other),
    }
}

/// Location names typed on the command line, as ids.
fn location_ids(known: &[Location], wanted: &[String]) -> Result<BTreeSet<LocationId>, CliError> {
    let mut locations = BTreeSet::new();
    for wanted in wanted {
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
    Ok(locations)
}

/// `--description`, checked.
fn description(raw: &str) -> Result<PlanDescription, CliError> {
    PlanDescription::parse(raw).map_err(|e| CliError::input(format!("--description: {e}")))
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
    // A test plan is free: its price may be left out.
    let fixed_price = match &a.price {
        Some(price) => Some(money(price, "--price", currency)?),
        None if a.test && a.price_per_gb.is_none() => Some(Money::ZERO),
        None => None,
    };
    if let Some(price) = fixed_price {
        let (Some(days), Some(gb)) = (a.days, a.volume_gb) else {
            return Err(CliError::input(if a.test {
                "a test plan needs --days and --volume-gb"
            } else {
                "a fixed plan needs --price, --days and --volume-gb (a free test plan: --test instead of --price)"
            }));
        };
        let terms = FixedTerms::new(gb_bytes(gb)?, days, price).map_err(bad_plan)?;
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
            "give --price, --days and --volume-gb (fixed plan; a free test plan: --test instead of --price) or --price-per-gb, --price-per-day, --gb and --days-range (dynamic plan)",
        )),
    }
}

async fn add(s: &Services, config: &Config, a: &AddArgs, json: bool) -> Result<String, CliError> {
    let name = PlanName::parse(&a.name).map_err(|e| CliError::input(format!("--name: {e}")))?;
    let kind = kind(a, config)?;
    let known = s.placement.locations().await.map_err(CliError::failed)?;
    let locations = location_ids(&known, &a.locations)?;
    let actor = acting_admin(config, s).await?;
    let plan = s
        .catalog
        .add_plan(
            actor,
            NewPlan {
                name,
                description: a.description.as_deref().map(description).transpose()?,
                kind,
                locations,
                is_test: a.test,
                renewal: a.renewal.rule(),
                ip_limit: ip_limit(a.ip_limit),
                active: !a.off_sale,
            },
        )
        .await
        .map_err(|e| refused(None, e))?;
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

async fn set_active(s: &Services, config: &Config, id: PlanId, active: bool, json: bool) -> Result<String, CliError> {
    let actor = acting_admin(config, s).await?;
    let plan = s
        .catalog
        .set_plan_active(actor, id, active)
        .await
        .map_err(|e| refused(Some(id), e))?;
    if json {
        let locations = s.placement.locations().await.map_err(CliError::failed)?;
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
