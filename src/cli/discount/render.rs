//! How `moonvpn discount` prints codes: a table, one code's card, or JSON.

use orders::{Discount, DiscountValue};
use serde::{Deserialize, Serialize};

use super::super::common::{format_money, to_json};
use super::super::panel::CliError;
use super::super::panel::table::Table;
use crate::config::Config;

/// A code as `--json` prints it.
#[derive(Debug, Serialize, Deserialize)]
pub struct DiscountJson {
    /// Its id.
    pub id: i64,
    /// What buyers type.
    pub code: String,
    /// `percent` or `fixed`.
    pub kind: String,
    /// Percent: the percentage.
    pub percent: Option<u8>,
    /// Fixed: the amount in minor units.
    pub amount_minor: Option<i64>,
    /// Uses allowed in total (`null`: unlimited).
    pub usage_limit: Option<u32>,
    /// Uses allowed to one buyer (`null`: no such limit).
    pub per_user_limit: Option<u32>,
    /// Paid orders that used it.
    pub used: u32,
    /// Smallest order accepted, minor units.
    pub min_order_minor: i64,
    /// Largest discount, minor units (`null`: no cap).
    pub max_discount_minor: Option<i64>,
    /// Start of validity (RFC 3339).
    pub valid_from: Option<String>,
    /// End of validity, exclusive (RFC 3339).
    pub valid_until: Option<String>,
    /// The plans it applies to (empty: every paid plan).
    pub plans: Vec<i64>,
    /// `active` or `disabled`.
    pub status: String,
    /// When it was created (RFC 3339).
    pub created_at: String,
}

/// An instant as RFC 3339.
pub(super) fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| at.to_string())
}

impl DiscountJson {
    fn new(d: &Discount) -> Self {
        let t = &d.terms;
        let (kind, percent, amount_minor) = match t.value() {
            DiscountValue::Percent(p) => ("percent", Some(p.get()), None),
            DiscountValue::Fixed(m) => ("fixed", None, Some(m.minor())),
        };
        Self {
            id: d.id.get(),
            code: d.code.to_string(),
            kind: kind.to_owned(),
            percent,
            amount_minor,
            usage_limit: t.usage_limit(),
            per_user_limit: t.per_user_limit(),
            used: d.used_count,
            min_order_minor: t.min_order().minor(),
            max_discount_minor: t.max_discount().map(|m| m.minor()),
            valid_from: t.valid_from().map(rfc3339),
            valid_until: t.valid_until().map(rfc3339),
            plans: t.plans().iter().map(|p| p.get()).collect(),
            status: d.status.as_str().to_owned(),
            created_at: rfc3339(d.created_at),
        }
    }
}

#[derive(Serialize)]
struct ListJson {
    discounts: Vec<DiscountJson>,
}

#[derive(Serialize)]
struct OneJson {
    discount: DiscountJson,
}

/// `10%` or `5000 IRT`, with its cap.
fn value(d: &Discount, config: &Config) -> String {
    let currency = config.currency();
    let base = match d.terms.value() {
        DiscountValue::Percent(p) => format!("{}%", p.get()),
        DiscountValue::Fixed(m) => format_money(m, currency),
    };
    match d.terms.max_discount() {
        Some(cap) => format!("{base} (at most {})", format_money(cap, currency)),
        None => base,
    }
}

fn uses(d: &Discount) -> String {
    match d.terms.usage_limit() {
        Some(limit) => format!("{}/{limit}", d.used_count),
        None => d.used_count.to_string(),
    }
}

/// The plan ids, comma-separated, or `any`.
fn plans(d: &Discount) -> String {
    if d.terms.plans().is_empty() {
        return "any".to_owned();
    }
    let ids: Vec<String> = d.terms.plans().iter().map(|p| p.to_string()).collect();
    ids.join(",")
}

fn day(at: Option<time::OffsetDateTime>) -> String {
    at.map_or_else(|| "-".to_owned(), rfc3339)
}

/// Every code, as a table or JSON.
pub fn list(discounts: &[Discount], config: &Config, json: bool) -> Result<String, CliError> {
    if json {
        return to_json(&ListJson {
            discounts: discounts.iter().map(DiscountJson::new).collect(),
        });
    }
    if discounts.is_empty() {
        return Ok("no discount codes yet; add one with `moonvpn discount add CODE --percent 10`\n".to_owned());
    }
    let currency = config.currency();
    let mut t = Table::new(&[
        "ID",
        "CODE",
        "VALUE",
        "USES",
        "MIN ORDER",
        "FROM",
        "UNTIL",
        "PER USER",
        "PLANS",
        "STATUS",
    ]);
    for d in discounts {
        t.row(vec![
            d.id.to_string(),
            d.code.to_string(),
            value(d, config),
            uses(d),
            format_money(d.terms.min_order(), currency),
            day(d.terms.valid_from()),
            day(d.terms.valid_until()),
            d.terms
                .per_user_limit()
                .map_or_else(|| "-".to_owned(), |n| n.to_string()),
            plans(d),
            d.status.as_str().to_owned(),
        ]);
    }
    Ok(t.render())
}

/// One code after a change or a lookup, as a few lines or JSON.
pub fn one(d: &Discount, config: &Config, json: bool) -> Result<String, CliError> {
    if json {
        return to_json(&OneJson {
            discount: DiscountJson::new(d),
        });
    }
    let currency = config.currency();
    Ok(format!(
        "discount {} ({}): {} off, used {}, per buyer {}, minimum order {}, valid {} to {}, plans {}, {}\n",
        d.code,
        d.id,
        value(d, config),
        uses(d),
        d.terms
            .per_user_limit()
            .map_or_else(|| "no limit".to_owned(), |n| n.to_string()),
        format_money(d.terms.min_order(), currency),
        day(d.terms.valid_from()),
        day(d.terms.valid_until()),
        plans(d),
        d.status.as_str(),
    ))
}
