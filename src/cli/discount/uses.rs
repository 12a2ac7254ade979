//! `moonvpn discount uses CODE [--json]`: the orders that used a code, newest first, through
//! `CatalogService::discount_uses` (the bot's 📋 Uses screen calls the same use case).

use kernel::{PageRequest, UserId};
use orders::{Discount, DiscountUseRecord};
use serde::{Deserialize, Serialize};

use super::failed;
use super::render::rfc3339;
use crate::cli::common::{format_money, to_json};
use crate::cli::panel::CliError;
use crate::cli::panel::table::Table;
use crate::config::Config;
use crate::wiring::Services;

/// One use as `--json` prints it.
#[derive(Debug, Serialize, Deserialize)]
pub struct UseJson {
    /// The buyer's how-many-th use of the code.
    pub number: u32,
    /// The buyer (user id).
    pub buyer: i64,
    /// The buyer's Telegram id.
    pub telegram_id: i64,
    /// The buyer's Telegram username (`null`: none known).
    pub username: Option<String>,
    /// The order (id).
    pub order: i64,
    /// The order's tracking code.
    pub tracking: String,
    /// What the code took off, minor units.
    pub discount_minor: i64,
    /// When the order was paid (RFC 3339).
    pub at: String,
}

impl UseJson {
    fn new(u: &DiscountUseRecord) -> Self {
        Self {
            number: u.number,
            buyer: u.buyer.get(),
            telegram_id: u.buyer_telegram.get(),
            username: u.buyer_username.clone(),
            order: u.order.get(),
            tracking: u.tracking.clone(),
            discount_minor: u.amount.minor(),
            at: rfc3339(u.at),
        }
    }
}

/// `discount uses --json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct UsesJson {
    /// The code.
    pub code: String,
    /// Its uses, newest first.
    pub uses: Vec<UseJson>,
}

/// Every use of `d`, page by page.
async fn all(s: &Services, actor: UserId, d: &Discount) -> Result<Vec<DiscountUseRecord>, CliError> {
    let mut out = Vec::new();
    for number in 0.. {
        let request = PageRequest::new(number, PageRequest::MAX_LIMIT);
        let page = s.catalog.discount_uses(actor, d.id, request).await.map_err(failed)?;
        let more = page.has_more(request);
        out.extend(page.items);
        if !more {
            break;
        }
    }
    Ok(out)
}

/// The uses of `d`, as a table or JSON.
pub async fn show(s: &Services, actor: UserId, d: &Discount, config: &Config, json: bool) -> Result<String, CliError> {
    let uses = all(s, actor, d).await?;
    if json {
        return to_json(&UsesJson {
            code: d.code.to_string(),
            uses: uses.iter().map(UseJson::new).collect(),
        });
    }
    if uses.is_empty() {
        return Ok(format!("nobody has used {} yet\n", d.code));
    }
    let mut t = Table::new(&["PAID AT", "BUYER", "ORDER", "DISCOUNT", "#"]);
    for u in &uses {
        let buyer = match &u.buyer_username {
            Some(name) => format!("@{name} ({})", u.buyer_telegram),
            None => u.buyer_telegram.to_string(),
        };
        t.row(vec![
            rfc3339(u.at),
            buyer,
            u.tracking.clone(),
            format_money(u.amount, config.currency()),
            u.number.to_string(),
        ]);
    }
    Ok(t.render())
}
