//! The admin's "Payments" screen: how many payments through providers are in each status,
//! the newest ones (all, or one status: the pending ones first of all) with provider, amount
//! and charge, and "Reconcile now", which runs the same audited use case as `moonvpn payment
//! reconcile` and shows what it changed. Every tap checks the admin role on the server; a
//! refusal is audited and answered like any foreign button.

use kernel::PageRequest;
use members::{AuditAction, MemberError, Role};
use payments::{Payment, PaymentError, PaymentQuery, PaymentStatus, ReconcileReport};

use super::{charge_text, provider_name};
use crate::bot::screens::not_yours;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, GatewayAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Payments listed at once (newest first).
const SHOWN: u64 = 10;

/// The reconciliation's bounds when an admin asks for it (the job's: open for 10 minutes,
/// expired after 24 hours, 100 at most).
const PENDING_FOR: time::Duration = time::Duration::minutes(10);
const EXPIRE_AFTER: time::Duration = time::Duration::hours(24);
const BATCH: u64 = 100;

async fn allowed(ctx: &Ctx<'_>, attempt: &'static str) -> Result<bool, BotError> {
    match ctx
        .deps
        .members
        .authorize(ctx.user.id, Role::Admin, &AuditAction::new(attempt))
        .await
    {
        Ok(_) => Ok(true),
        Err(MemberError::Forbidden { .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

fn status_key(status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Created => "admin-payment-created",
        PaymentStatus::Paid => "admin-payment-paid",
        PaymentStatus::Failed => "admin-payment-failed",
        PaymentStatus::Expired => "admin-payment-expired",
        PaymentStatus::Refunded => "admin-payment-refunded",
    }
}

fn line(ctx: &Ctx<'_>, p: &Payment) -> String {
    ctx.t_args(
        "admin-payment-line",
        &Args::new()
            .id("payment", p.id.get())
            .text("status", ctx.t(status_key(p.status)))
            .text("provider", provider_name(ctx, p.provider))
            .money("amount", p.amount)
            .text("charge", charge_text(ctx, p.charge))
            .id("user", p.user.get()),
    )
}

/// The Payments screen, filtered by `status`, with `note` (a reconciliation's result) on top.
pub async fn show(ctx: &Ctx<'_>, status: Option<PaymentStatus>, note: Option<String>) -> Result<Reply, BotError> {
    if !allowed(ctx, "payment.view").await? {
        return Ok(not_yours(ctx));
    }
    let payments = &ctx.deps.payments;
    let mut counts = Args::new();
    for s in PaymentStatus::ALL {
        let query = PaymentQuery {
            status: Some(s),
            ..PaymentQuery::default()
        };
        let page = match payments.list_as_admin(ctx.user.id, query, PageRequest::new(0, 1)).await {
            Ok(page) => page,
            Err(PaymentError::Access(_)) => return Ok(not_yours(ctx)),
            Err(e) => return Err(e.into()),
        };
        counts = counts.number(s.code(), i64::try_from(page.total).unwrap_or(i64::MAX));
    }
    let query = PaymentQuery {
        status,
        ..PaymentQuery::default()
    };
    let recent = payments
        .list_as_admin(ctx.user.id, query, PageRequest::new(0, SHOWN))
        .await?;
    let mut lines: Vec<String> = note.into_iter().collect();
    lines.push(ctx.t("admin-payments-title"));
    lines.push(ctx.t_args("admin-payments-counts", &counts));
    let enabled: Vec<String> = payments.enabled().into_iter().map(|p| provider_name(ctx, p)).collect();
    lines.push(if enabled.is_empty() {
        ctx.t("admin-payments-none-enabled")
    } else {
        ctx.t_args(
            "admin-payments-enabled",
            &Args::new().text("providers", enabled.join(", ")),
        )
    });
    lines.push(String::new());
    lines.push(match status {
        None => ctx.t("admin-payments-recent"),
        Some(s) => ctx.t_args(
            "admin-payments-recent-status",
            &Args::new().text("status", ctx.t(status_key(s))),
        ),
    });
    if recent.items.is_empty() {
        lines.push(ctx.t("admin-payments-empty"));
    }
    lines.extend(recent.items.iter().map(|p| line(ctx, p)));
    Ok(Reply::show(lines.join("\n"), keyboard(ctx, status)))
}

fn keyboard(ctx: &Ctx<'_>, current: Option<PaymentStatus>) -> Keyboard {
    let filter = |status: Option<PaymentStatus>| {
        let label = match status {
            None => ctx.t("admin-payments-all"),
            Some(s) => ctx.t(status_key(s)),
        };
        let label = if status == current {
            format!("• {label}")
        } else {
            label
        };
        ctx.button_text(label, Action::Gateway(GatewayAction::Payments(status)))
    };
    Keyboard::new()
        .row([
            filter(None),
            filter(Some(PaymentStatus::Created)),
            filter(Some(PaymentStatus::Paid)),
        ])
        .row([
            filter(Some(PaymentStatus::Failed)),
            filter(Some(PaymentStatus::Expired)),
            filter(Some(PaymentStatus::Refunded)),
        ])
        .row([ctx.button("admin-btn-reconcile", Action::Gateway(GatewayAction::Reconcile))])
        .row([ctx.button("admin-btn-back-home", Action::Admin(AdminAction::Home))])
}

/// "Reconcile now": one reconciliation pass as this admin (audited), then the Payments
/// screen with what it changed on top.
pub async fn reconcile(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    if !allowed(ctx, "payment.reconcile").await? {
        return Ok(not_yours(ctx));
    }
    let report = match ctx
        .deps
        .payments
        .reconcile_as_admin(ctx.user.id, PENDING_FOR, EXPIRE_AFTER, BATCH)
        .await
    {
        Ok(report) => report,
        Err(PaymentError::Access(_)) => return Ok(not_yours(ctx)),
        Err(e) => return Err(e.into()),
    };
    show(ctx, None, Some(summary(ctx, &report))).await
}

fn summary(ctx: &Ctx<'_>, report: &ReconcileReport) -> String {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    ctx.t_args(
        "admin-payments-reconciled",
        &Args::new()
            .number("settled", count(report.settled.len()))
            .number("failed", count(report.failed.len()))
            .number("expired", count(report.expired.len()))
            .number("unreachable", count(report.errors.len())),
    ) + "\n"
}
