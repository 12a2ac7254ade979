//! The Stats screen: users, sales, money in by method, active services per location and
//! panel, receipts waiting and failing panels as text, then the last 30 days of sales as a bar
//! chart photo. Both come from `StatsService::shop_stats`, the use case `moonvpn stats` calls.

use kernel::Money;
use orders::{MoneyIn, OrderError, ShopStats};

use crate::bot::admin::home;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, OpsAction};
use crate::i18n::{Args, escape_html};
use crate::keyboard::Keyboard;

/// The stats text and the chart.
pub async fn show(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let stats = match ctx.deps.stats.shop_stats(ctx.user.id).await {
        Ok(stats) => stats,
        Err(OrderError::Forbidden { .. }) => return Ok(crate::bot::screens::not_yours(ctx)),
        Err(e) => return Err(e.into()),
    };
    let keyboard = || {
        Keyboard::new()
            .row([ctx.button("ops-btn-stats-refresh", Action::Ops(OpsAction::Stats))])
            .row([home::back_button(ctx)])
    };
    let values: Vec<i64> = stats.days.iter().map(|d| d.sales).collect();
    let caption = ctx.t_args(
        "ops-stats-chart",
        &Args::new()
            .number("days", values.len() as i64)
            .html("total", signed(ctx, stats.sales_month)),
    );
    // The buttons go under the chart, the last message, so they stay at the bottom.
    Ok(match crate::chart::bar_chart_png(&values) {
        Ok(png) => Reply::show(text(ctx, &stats), Keyboard::new()).and_photo(png, Some(caption), Some(keyboard())),
        Err(e) => {
            tracing::error!(error = %e, "cannot draw the sales chart");
            Reply::show(text(ctx, &stats), keyboard())
        }
    })
}

/// An amount that may be negative (a day with more refunds than sales).
fn signed(ctx: &Ctx<'_>, minor: i64) -> String {
    let shown = ctx.money(Money::from_minor(minor.unsigned_abs().min(i64::MAX as u64) as i64).unwrap_or(Money::ZERO));
    if minor < 0 { format!("−{shown}") } else { shown }
}

fn method(ctx: &Ctx<'_>, method: &MoneyIn) -> String {
    match method {
        MoneyIn::Card => ctx.t("ops-method-card"),
        MoneyIn::Adjustment => ctx.t("ops-method-adjustment"),
        MoneyIn::Other => ctx.t("ops-method-other"),
        MoneyIn::Provider(code) => {
            let key = format!("provider-{code}");
            let name = ctx.t(&key);
            if name == key { escape_html(code) } else { name }
        }
    }
}

fn text(ctx: &Ctx<'_>, s: &ShopStats) -> String {
    let mut lines = vec![ctx.t("ops-stats-title")];
    lines.push(
        ctx.t_args(
            "ops-stats-users",
            &Args::new()
                .number("total", s.users.total as i64)
                .number("today", s.users.today as i64)
                .number("week", s.users.week as i64),
        ),
    );
    lines.push(
        ctx.t_args(
            "ops-stats-sales",
            &Args::new()
                .html("today", signed(ctx, s.sales_today))
                .html("week", signed(ctx, s.sales_week))
                .html("month", signed(ctx, s.sales_month)),
        ),
    );
    lines.push(String::new());
    if s.money_in.is_empty() {
        lines.push(ctx.t("ops-stats-money-in-none"));
    } else {
        lines.push(ctx.t("ops-stats-money-in"));
        for (m, amount) in &s.money_in {
            lines.push(format!("  • {}: {}", method(ctx, m), signed(ctx, *amount)));
        }
    }
    lines.push(String::new());
    lines.push(ctx.t_args(
        "ops-stats-services",
        &Args::new().number("count", s.active_services() as i64),
    ));
    for c in &s.services {
        lines.push(format!(
            "  • {} · {}: {}",
            escape_html(&c.location),
            escape_html(&c.panel),
            crate::i18n::integer(ctx.lang, c.active as i64)
        ));
    }
    lines.push(ctx.t_args(
        "ops-stats-receipts",
        &Args::new().number("count", s.pending_receipts as i64),
    ));
    if s.failing_panels.is_empty() {
        lines.push(ctx.t("ops-stats-panels-ok"));
    } else {
        lines.push(ctx.t("ops-stats-panels-failing"));
        for p in &s.failing_panels {
            lines.push(format!(
                "  • <b>{}</b>: {}",
                escape_html(&p.name),
                escape_html(&p.error)
            ));
        }
    }
    lines.join("\n")
}
