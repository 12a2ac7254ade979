//! `moonvpn discount add|list|show|edit|disable|enable|uses`: discount codes through
//! `CatalogService`, acting as the first configured superadmin (checked and audited there).

use std::collections::BTreeSet;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use kernel::{DiscountCodeId, Money, PageRequest, PlanId, UserId};
use orders::{Discount, DiscountCode, DiscountEdit, DiscountStatus, DiscountTerms, DiscountValue, OrderError, Percent};
use time::OffsetDateTime;

use super::common::{self, acting_admin, money};
use super::panel::CliError;
use crate::config::Config;
use crate::wiring::Services;

mod render;
mod uses;

/// `moonvpn discount [--json] <command>`.
#[derive(Debug, Args)]
pub struct DiscountArgs {
    /// Print a JSON document instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: DiscountCommand,
}

/// The discount subcommands. A code is named by what buyers type (`MOON10`) or by `#id`.
#[derive(Debug, Subcommand)]
pub enum DiscountCommand {
    /// Add a code: --percent N or --amount X, and any of its limits
    Add(Box<AddArgs>),
    /// Every code with its uses so far, newest first
    List,
    /// One code with its rules and uses
    Show {
        /// The code, or #id
        code: String,
    },
    /// Change a code's rules (its uses so far stay); `none` clears an optional rule
    Edit(Box<EditArgs>),
    /// Switch a code off: buyers can no longer use it
    Disable {
        /// The code, or #id
        code: String,
    },
    /// Switch a disabled code back on
    Enable {
        /// The code, or #id
        code: String,
    },
    /// The orders that used a code, newest first: buyer, order, discount, date
    Uses {
        /// The code, or #id
        code: String,
    },
}

/// The rules of a code as flags, shared by `add` and `edit`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Take this percentage off (1 to 100, rounded down)
    #[arg(long, conflicts_with = "amount")]
    pub percent: Option<u32>,
    /// Take this amount off (in the shop's currency; never more than the price)
    #[arg(long)]
    pub amount: Option<String>,
    /// Paid orders that may use it in total (`none`: unlimited)
    #[arg(long, value_name = "N|none")]
    pub usage_limit: Option<String>,
    /// Paid orders of one buyer that may use it (`none`: no such limit)
    #[arg(long, value_name = "N|none")]
    pub per_user_limit: Option<String>,
    /// Smallest order price it accepts
    #[arg(long, value_name = "AMOUNT")]
    pub min_order: Option<String>,
    /// Largest amount it takes off (`none`: no cap)
    #[arg(long, value_name = "AMOUNT|none")]
    pub max_discount: Option<String>,
    /// Valid from (YYYY-MM-DD or RFC 3339, UTC; `none`: from now)
    #[arg(long, value_name = "DATE|none")]
    pub from: Option<String>,
    /// Valid until, exclusive (YYYY-MM-DD or RFC 3339, UTC; `none`: no end)
    #[arg(long, value_name = "DATE|none")]
    pub until: Option<String>,
    /// Only for these plan ids (repeat, or comma-separated; `none`: every paid plan)
    #[arg(long = "plan", value_name = "PLAN|none", value_delimiter = ',')]
    pub plans: Option<Vec<String>>,
}

/// `moonvpn discount add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What buyers type: 3 to 32 letters, digits, '_' or '-' (stored upper-case)
    pub code: String,
    /// Its rules
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Add it switched off (enable later with `discount enable`)
    #[arg(long)]
    pub disabled: bool,
}

/// `moonvpn discount edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The code, or #id
    pub code: String,
    /// What to change
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// Runs a discount command.
pub fn main(args: DiscountArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let json = args.json;
        let actor = acting_admin(config, &services).await?;
        let s = &services;
        let discount = match args.command {
            DiscountCommand::Add(a) => add(s, config, actor, &a).await?,
            DiscountCommand::List => return render::list(&all(s, actor).await?, config, json),
            DiscountCommand::Show { code } => find(s, actor, &code).await?,
            DiscountCommand::Edit(a) => edit(s, config, actor, &a).await?,
            DiscountCommand::Disable { code } => set_status(s, actor, &code, DiscountStatus::Disabled).await?,
            DiscountCommand::Enable { code } => set_status(s, actor, &code, DiscountStatus::Active).await?,
            DiscountCommand::Uses { code } => {
                let d = find(s, actor, &code).await?;
                return uses::show(s, actor, &d, config, json).await;
            }
        };
        render::one(&discount, config, json)
    })
}

fn failed(e: OrderError) -> CliError {
    match e {
        OrderError::DiscountDefinition(e) => CliError::input(e.to_string()),
        OrderError::PlanNotFound(id) => CliError::failed(format!("there is no plan {id}; see `moonvpn plan list`")),
        OrderError::DiscountNotFound(_) | OrderError::Discount(orders::DiscountRefusal::NotFound) => {
            CliError::failed("there is no such discount code; see `moonvpn discount list`")
        }
        other => CliError::failed(other),
    }
}

/// Every code, page by page.
async fn all(s: &Services, actor: UserId) -> Result<Vec<Discount>, CliError> {
    let mut out = Vec::new();
    for number in 0.. {
        let request = PageRequest::new(number, PageRequest::MAX_LIMIT);
        let page = s.catalog.discounts(actor, request).await.map_err(failed)?;
        let more = page.has_more(request);
        out.extend(page.items);
        if !more {
            break;
        }
    }
    Ok(out)
}

async fn find(s: &Services, actor: UserId, who: &str) -> Result<Discount, CliError> {
    let who = who.trim();
    if let Some(id) = who.strip_prefix('#') {
        let id: DiscountCodeId = id
            .parse()
            .map_err(|_| CliError::input(format!("{who:?}: a code id is #<number>")))?;
        return s.catalog.discount(actor, id).await.map_err(failed);
    }
    let code = DiscountCode::parse(who).map_err(|e| CliError::input(format!("{who:?}: {e}")))?;
    s.catalog.discount_by_code(actor, &code).await.map_err(failed)
}

async fn add(s: &Services, config: &Config, actor: UserId, a: &AddArgs) -> Result<Discount, CliError> {
    let code = DiscountCode::parse(&a.code).map_err(|e| CliError::input(format!("{:?}: {e}", a.code)))?;
    let edit = rules(&a.rules, config)?;
    let Some(value) = edit.value else {
        return Err(CliError::input(
            "give --percent N or --amount X: what the code takes off",
        ));
    };
    let terms = DiscountTerms::new(value)
        .and_then(|t| edit.apply(&t))
        .map_err(|e| CliError::input(e.to_string()))?;
    let status = if a.disabled {
        DiscountStatus::Disabled
    } else {
        DiscountStatus::Active
    };
    s.catalog
        .add_discount(actor, code, terms, status)
        .await
        .map_err(|e| match e {
            OrderError::DiscountCodeTaken => CliError::failed(format!(
                "the code {} exists already; change it with `moonvpn discount edit`",
                a.code.trim().to_ascii_uppercase()
            )),
            other => failed(other),
        })
}

async fn edit(s: &Services, config: &Config, actor: UserId, a: &EditArgs) -> Result<Discount, CliError> {
    let edit = rules(&a.rules, config)?;
    if edit.is_empty() {
        return Err(CliError::input(
            "nothing to change; give at least one rule flag (see --help)",
        ));
    }
    let id = find(s, actor, &a.code).await?.id;
    s.catalog.edit_discount(actor, id, &edit).await.map_err(failed)
}

async fn set_status(s: &Services, actor: UserId, who: &str, status: DiscountStatus) -> Result<Discount, CliError> {
    let id = find(s, actor, who).await?.id;
    s.catalog.set_discount_status(actor, id, status).await.map_err(failed)
}

/// The flags as a change; `none` clears an optional rule.
fn rules(r: &RuleArgs, config: &Config) -> Result<DiscountEdit, CliError> {
    let currency = config.currency();
    let value = match (r.percent, &r.amount) {
        (Some(p), _) => Some(DiscountValue::Percent(
            Percent::new(p).map_err(|e| CliError::input(format!("--percent: {e}")))?,
        )),
        (None, Some(amount)) => Some(DiscountValue::Fixed(money(amount, "--amount", currency)?)),
        (None, None) => None,
    };
    let count = |flag: &'static str| {
        move |raw: &str| {
            raw.parse::<u32>()
                .map_err(|_| CliError::input(format!("{flag}: {raw:?} is not a whole number or `none`")))
        }
    };
    let usage_limit = optional(r.usage_limit.as_deref(), count("--usage-limit"))?;
    let per_user_limit = optional(r.per_user_limit.as_deref(), count("--per-user-limit"))?;
    let min_order = r
        .min_order
        .as_deref()
        .map(|raw| money(raw, "--min-order", currency))
        .transpose()?;
    let max_discount: Option<Option<Money>> =
        optional(r.max_discount.as_deref(), |raw| money(raw, "--max-discount", currency))?;
    Ok(DiscountEdit {
        value,
        usage_limit,
        per_user_limit,
        min_order,
        max_discount,
        valid_from: optional(r.from.as_deref(), |raw| date(raw, "--from"))?,
        valid_until: optional(r.until.as_deref(), |raw| date(raw, "--until"))?,
        plans: r.plans.as_deref().map(plan_ids).transpose()?,
    })
}

/// `--plan` values: plan ids, or `none` alone for every paid plan.
fn plan_ids(raw: &[String]) -> Result<BTreeSet<PlanId>, CliError> {
    if let [only] = raw
        && only.trim().eq_ignore_ascii_case("none")
    {
        return Ok(BTreeSet::new());
    }
    raw.iter()
        .map(|p| {
            p.trim()
                .parse::<PlanId>()
                .map_err(|_| CliError::input(format!("--plan: {p:?} is not a plan id (or `none` alone)")))
        })
        .collect()
}

/// `None` when the flag is absent, `Some(None)` for `none`, else the parsed value.
fn optional<T>(
    raw: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, CliError>,
) -> Result<Option<Option<T>>, CliError> {
    match raw.map(str::trim) {
        None => Ok(None),
        Some(n) if n.eq_ignore_ascii_case("none") => Ok(Some(None)),
        Some(raw) => parse(raw).map(|v| Some(Some(v))),
    }
}

/// `2026-12-31` (midnight UTC) or an RFC 3339 time.
fn date(raw: &str, flag: &str) -> Result<OffsetDateTime, CliError> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(at) = OffsetDateTime::parse(raw, &Rfc3339) {
        return Ok(at);
    }
    let day = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(raw, &day)
        .map(|d| d.midnight().assume_utc())
        .map_err(|_| CliError::input(format!("{flag}: {raw:?} is not a date such as 2026-12-31")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn dates_are_days_or_rfc3339_times() {
        assert_eq!(date("2026-12-31", "--until").unwrap(), datetime!(2026-12-31 0:00 UTC));
        assert_eq!(
            date("2026-12-31T10:30:00+03:30", "--until").unwrap(),
            datetime!(2026-12-31 7:00 UTC)
        );
        assert!(date("31/12/2026", "--until").is_err());
    }

    #[test]
    fn none_clears_an_optional_rule() {
        let parse = |raw: &str| raw.parse::<u32>().map_err(CliError::failed);
        assert_eq!(optional(None, parse).unwrap(), None);
        assert_eq!(optional(Some("none"), parse).unwrap(), Some(None));
        assert_eq!(optional(Some("5"), parse).unwrap(), Some(Some(5)));
    }

    #[test]
    fn plans_are_ids_or_none_alone() {
        let ids = |raw: &[&str]| plan_ids(&raw.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(ids(&["none"]).unwrap(), BTreeSet::new());
        assert_eq!(ids(&["3", " 5"]).unwrap(), [PlanId::new(3), PlanId::new(5)].into());
        assert!(ids(&["3", "none"]).is_err());
        assert!(ids(&["x"]).is_err());
    }
}
