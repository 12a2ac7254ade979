//! `moonvpn plan edit ID [flags]`: change only what is given, through
//! `CatalogService::edit_plan` (checked like a new plan, audited with before and after).

use clap::Args;
use kernel::PlanId;
use orders::{PlanEdit, PlanName};

use super::super::common::{acting_admin, money};
use super::super::panel::CliError;
use super::render::{OneJson, PlanJson};
use super::{Renewal, description, gb_bytes, location_ids, range, refused};
use crate::cli::common::to_json;
use crate::config::Config;
use crate::wiring::Services;

/// `moonvpn plan edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The plan
    pub id: PlanId,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    /// A new description for buyers (1 to 500 characters)
    #[arg(long, conflicts_with = "no_description")]
    pub description: Option<String>,
    /// Remove the description
    #[arg(long)]
    pub no_description: bool,
    /// Fixed plan: a new price
    #[arg(long)]
    pub price: Option<String>,
    /// Fixed plan: new days of service
    #[arg(long)]
    pub days: Option<u32>,
    /// Fixed plan: new traffic in GB (0 = unlimited)
    #[arg(long)]
    pub volume_gb: Option<u64>,
    /// Dynamic plan: a new price of one GB
    #[arg(long)]
    pub price_per_gb: Option<String>,
    /// Dynamic plan: a new price of one day
    #[arg(long)]
    pub price_per_day: Option<String>,
    /// Dynamic plan: GB a buyer may pick, MIN-MAX
    #[arg(long, value_name = "MIN-MAX")]
    pub gb: Option<String>,
    /// Dynamic plan: days a buyer may pick, MIN-MAX
    #[arg(long, value_name = "MIN-MAX")]
    pub days_range: Option<String>,
    /// Where it is sold, replacing the current locations (repeat, or comma-separated)
    #[arg(long = "location", value_delimiter = ',')]
    pub locations: Option<Vec<String>>,
    /// Make it a free test plan (true) or a paid one (false)
    #[arg(long, value_name = "true|false")]
    pub test: Option<bool>,
    /// How renewing with this plan treats what is left
    #[arg(long, value_enum)]
    pub renewal: Option<Renewal>,
    /// Devices (IPs) at once per account; 0 = no limit
    #[arg(long)]
    pub ip_limit: Option<u32>,
    /// Put it on sale (true) or take it off (false)
    #[arg(long, value_name = "true|false")]
    pub on_sale: Option<bool>,
}

/// Applies the flags to the plan and prints it as it is now.
pub async fn edit(s: &Services, config: &Config, a: &EditArgs, json: bool) -> Result<String, CliError> {
    let currency = config.currency();
    let known = s.placement.locations().await.map_err(CliError::failed)?;
    let change = PlanEdit {
        name: a
            .name
            .as_deref()
            .map(|n| PlanName::parse(n).map_err(|e| CliError::input(format!("--name: {e}"))))
            .transpose()?,
        description: match (&a.description, a.no_description) {
            (Some(text), _) => Some(Some(description(text)?)),
            (None, true) => Some(None),
            (None, false) => None,
        },
        price: a.price.as_deref().map(|p| money(p, "--price", currency)).transpose()?,
        days: a.days,
        volume_bytes: a.volume_gb.map(gb_bytes).transpose()?,
        price_per_gb: a
            .price_per_gb
            .as_deref()
            .map(|p| money(p, "--price-per-gb", currency))
            .transpose()?,
        price_per_day: a
            .price_per_day
            .as_deref()
            .map(|p| money(p, "--price-per-day", currency))
            .transpose()?,
        gb_range: a.gb.as_deref().map(|r| range(r, "--gb")).transpose()?,
        days_range: a.days_range.as_deref().map(|r| range(r, "--days-range")).transpose()?,
        locations: a.locations.as_deref().map(|l| location_ids(&known, l)).transpose()?,
        is_test: a.test,
        renewal: a.renewal.map(Renewal::rule),
        ip_limit: a.ip_limit.map(super::ip_limit),
        active: a.on_sale,
    };
    if change.is_empty() {
        return Err(CliError::input(
            "nothing to change; give at least one flag (see --help)",
        ));
    }
    let actor = acting_admin(config, s).await?;
    let plan = s
        .catalog
        .edit_plan(actor, a.id, &change)
        .await
        .map_err(|e| refused(Some(a.id), e))?;
    if json {
        return to_json(&OneJson {
            plan: PlanJson::new(&plan, &known, config),
        });
    }
    Ok(format!(
        "plan {} ({}) changed, {}\n",
        plan.id,
        plan.name,
        if plan.active { "on sale" } else { "off sale" }
    ))
}
