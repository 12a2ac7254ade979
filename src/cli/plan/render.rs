//! How `moonvpn plan` prints plans: a table or JSON.

use std::collections::BTreeSet;

use inventory::Location;
use kernel::{DataSize, LocationId};
use orders::{BYTES_PER_GB, Plan, PlanKind};
use serde::Serialize;

use super::super::common::{format_money, to_json};
use super::super::panel::CliError;
use super::super::panel::table::Table;
use crate::config::Config;
use crate::wiring::Services;

/// A plan as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct PlanJson {
    id: i64,
    name: String,
    /// What buyers read besides the terms (`null`: none).
    description: Option<String>,
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
    pub(super) fn new(plan: &Plan, locations: &[Location], config: &Config) -> Self {
        let currency = config.currency();
        let mut doc = Self {
            id: plan.id.get(),
            name: plan.name.to_string(),
            description: plan.description.as_ref().map(|d| d.to_string()),
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
            // The JSON document writes "no limit" as 0, as it always has (see docs/admin.md).
            ip_limit: plan.ip_limit.amount().unwrap_or(0),
            active: plan.active,
        };
        match plan.kind {
            PlanKind::Fixed(t) => {
                let bytes = t.volume_bytes().amount().unwrap_or(0);
                doc.volume_gb = Some(bytes as f64 / BYTES_PER_GB as f64);
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
pub(super) struct ListJson {
    plans: Vec<PlanJson>,
}

#[derive(Serialize)]
pub(super) struct OneJson {
    pub(super) plan: PlanJson,
}

pub(super) fn location_names(ids: &BTreeSet<LocationId>, locations: &[Location]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            locations
                .iter()
                .find(|l| l.id == *id)
                .map_or_else(|| format!("#{id}"), |l| l.name.to_string())
        })
        .collect()
}

/// Every plan, as a table or JSON.
pub(super) async fn list(s: &Services, config: &Config, json: bool) -> Result<String, CliError> {
    let plans = s.catalog.plans(false).await.map_err(CliError::failed)?;
    let locations = s.placement.locations().await.map_err(CliError::failed)?;
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
                    match f.volume_bytes().amount() {
                        Some(bytes) => DataSize::of(bytes).to_string(),
                        None => "unlimited".to_owned(),
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
            p.ip_limit.amount().map_or_else(|| "-".to_owned(), |n| n.to_string()),
            if p.active { "on sale" } else { "off sale" }.to_owned(),
        ]);
    }
    Ok(t.render())
}
