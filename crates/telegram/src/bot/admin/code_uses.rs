//! "📋 Uses" on a discount code's screen: the orders that used it, newest first, ten a page —
//! each with the buyer (@username or Telegram id), the order's tracking code, what the code
//! took off and when. Read through `CatalogService::discount_uses`, the use case `moonvpn
//! discount uses` calls (admins only, a refusal audited).

use kernel::{DiscountCodeId, PageRequest};
use orders::DiscountUseRecord;

use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Uses on one page.
const PER_PAGE: u64 = 10;

/// One use as a line (HTML).
fn line(ctx: &Ctx<'_>, u: &DiscountUseRecord) -> String {
    let buyer = match &u.buyer_username {
        Some(name) => format!("@{name}"),
        None => u.buyer_telegram.to_string(),
    };
    ctx.t_args(
        "admin-code-use-line",
        &Args::new()
            .text("buyer", buyer)
            .text("tracking", u.tracking.as_str())
            .money("discount", u.amount)
            .date("date", u.at),
    )
}

/// Page `page` of the uses of code `id`.
pub async fn show(ctx: &Ctx<'_>, id: DiscountCodeId, page: u32) -> Result<Reply, BotError> {
    let code = match ctx.deps.catalog.discount(ctx.user.id, id).await {
        Ok(d) => d,
        Err(e) => return super::catalog::refused(ctx, e),
    };
    let request = PageRequest::new(u64::from(page), PER_PAGE);
    let uses = match ctx.deps.catalog.discount_uses(ctx.user.id, id, request).await {
        Ok(uses) => uses,
        Err(e) => return super::catalog::refused(ctx, e),
    };
    let mut lines = vec![
        ctx.t_args(
            "admin-code-uses-title",
            &Args::new()
                .text("code", code.code.as_str())
                .number("total", i64::try_from(uses.total).unwrap_or(i64::MAX)),
        ),
    ];
    if uses.items.is_empty() {
        lines.push(ctx.t("admin-code-uses-none"));
    }
    lines.extend(uses.items.iter().map(|u| line(ctx, u)));
    let mut pages = Vec::new();
    if page > 0 {
        pages.push(ctx.button("btn-newer", Action::Admin(AdminAction::DiscountUses(id, page - 1))));
    }
    if uses.has_more(request) {
        pages.push(ctx.button("btn-older", Action::Admin(AdminAction::DiscountUses(id, page + 1))));
    }
    let mut keyboard = Keyboard::new();
    if !pages.is_empty() {
        keyboard = keyboard.row(pages);
    }
    let keyboard = keyboard.row([ctx.button("btn-back", Action::Admin(AdminAction::Discount(id)))]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}
