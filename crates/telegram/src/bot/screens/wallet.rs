//! The wallet: balance, the latest movements and the paged history with tracking codes, and
//! a top-up that asks for the amount (preset buttons, or typed: a stored conversation state,
//! so it survives a restart). Paying it is [`crate::bot::topup`]'s: the methods for the
//! amount, then card-to-card (or another method).

use kernel::{Money, PageRequest};
use wallet::{Direction, LedgerEntry, LedgerKind};

use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Movements shown on the balance screen.
const RECENT: u64 = 5;
/// Movements per history page.
const PER_PAGE: u64 = 10;

/// The balance screen with the latest movements.
pub async fn show(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let recent = ctx.deps.wallet.recent(ctx.user.id, RECENT).await?;
    let balance = recent.balance;
    let mut lines = vec![ctx.t_args("wallet-balance", &Args::new().money("balance", balance))];
    if recent.entries.is_empty() {
        lines.push(ctx.t("wallet-no-history"));
    } else {
        lines.push(String::new());
        lines.push(ctx.t("wallet-recent"));
        lines.extend(recent.entries.iter().map(|e| entry_line(ctx, e)));
    }
    let mut keyboard = Keyboard::new().row([ctx.button("btn-top-up", Action::TopUp)]);
    if recent.more {
        keyboard = keyboard.row([ctx.button("btn-history", Action::History(0))]);
    }
    let keyboard = keyboard.row([ctx.button("btn-menu", Action::Menu)]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// A page of the wallet history, newest first, with tracking codes.
pub async fn history(ctx: &Ctx<'_>, page: u32) -> Result<Reply, BotError> {
    let request = PageRequest::new(u64::from(page), PER_PAGE);
    let found = ctx.deps.wallet.history(ctx.user.id, request).await?;
    let pages = found.total.div_ceil(PER_PAGE).max(1);
    let mut lines = vec![
        ctx.t_args(
            "wallet-history-title",
            &Args::new()
                .number("page", i64::from(page) + 1)
                .number("pages", i64::try_from(pages).unwrap_or(i64::MAX)),
        ),
    ];
    if found.items.is_empty() {
        lines.push(ctx.t("wallet-no-history"));
    }
    lines.extend(found.items.iter().map(|e| entry_line(ctx, e)));
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(ctx.button("btn-newer", Action::History(page - 1)));
    }
    if found.has_more(request) {
        nav.push(ctx.button("btn-older", Action::History(page.saturating_add(1))));
    }
    let keyboard = Keyboard::new().row(nav).row([
        ctx.button("btn-back", Action::Wallet),
        ctx.button("btn-menu", Action::Menu),
    ]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// `21 Nov 2026 · Purchase −90,000 Toman · TX-261121-7KQ2M`
pub(crate) fn entry_line(ctx: &Ctx<'_>, entry: &LedgerEntry) -> String {
    let kind = ctx.t(match entry.kind {
        LedgerKind::Deposit => "ledger-deposit",
        LedgerKind::Purchase => "ledger-purchase",
        LedgerKind::Refund => "ledger-refund",
        LedgerKind::Adjustment => "ledger-adjustment",
    });
    let key = match entry.direction {
        Direction::Credit => "wallet-entry-credit",
        Direction::Debit => "wallet-entry-debit",
    };
    ctx.t_args(
        key,
        &Args::new()
            .date("date", entry.created_at)
            .html("kind", kind)
            .money("amount", entry.amount)
            .text("tracking", entry.tracking.as_str()),
    )
}

fn example(ctx: &Ctx<'_>) -> String {
    let currency = ctx.deps.i18n.currency();
    let minor = 100_000 * 10_i64.pow(u32::from(currency.exponent()));
    crate::i18n::money_number(ctx.lang, Money::from_minor(minor).unwrap_or(Money::ZERO), currency)
}

/// Asks for the amount and waits for it.
pub fn ask_amount(ctx: &Ctx<'_>) -> Reply {
    let unit = ctx.t(&format!(
        "currency-{}",
        ctx.deps.i18n.currency().code().to_ascii_lowercase()
    ));
    let text = ctx.t_args(
        "top-up-ask",
        &Args::new().text("unit", unit).text("example", example(ctx)),
    );
    let keyboard = crate::bot::topup::amount::preset_rows(ctx, Keyboard::new());
    Reply::show(text, keyboard.row([ctx.button("btn-cancel", Action::Cancel)])).state(Conversation::TopUpAmount)
}

/// The amount arrived as text.
pub fn amount_typed(ctx: &Ctx<'_>, text: &str) -> Reply {
    match Money::parse(text, ctx.deps.i18n.currency()) {
        Ok(amount) if !amount.is_zero() => crate::bot::topup::amount::chosen(ctx, amount),
        _ => Reply::send(
            ctx.t_args("top-up-invalid", &Args::new().text("example", example(ctx))),
            Some(Keyboard::new().row([ctx.button("btn-cancel", Action::Cancel)])),
        ),
    }
}
