//! Panels: the list with each one's last health, one panel checked live (reachable, latency,
//! Xray state, load, inbounds), sync now, and restart Xray after a confirmation.

use inventory::{HealthCheck, InventoryError, Panel, PanelOverview, XrayState};
use kernel::PanelId;

use super::{home, refusal};
use crate::bot::format;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// 🟢 up at the last check, 🔴 down, ⚪ never checked, ⏸ off sale.
fn icon(overview: &PanelOverview) -> &'static str {
    if !overview.panel.active {
        return "⏸";
    }
    match &overview.health {
        Some(h) if h.is_up() => "🟢",
        Some(_) => "🔴",
        None => "⚪",
    }
}

async fn location_name(ctx: &Ctx<'_>, overview: &PanelOverview) -> String {
    match ctx.deps.placement.location(overview.panel.location).await {
        Ok(location) => location.name.to_string(),
        Err(_) => String::new(),
    }
}

/// Every panel with its location, last health and counts.
pub async fn list(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let overviews = match ctx.deps.fleet.panels_for_admin(ctx.user.id).await {
        Ok(found) => found,
        Err(e) => return refusal::inventory(ctx, e),
    };
    let mut lines = vec![ctx.t("admin-panels-title")];
    let mut keyboard = Keyboard::new();
    if overviews.is_empty() {
        lines.push(ctx.t("admin-panels-empty"));
    }
    for overview in &overviews {
        let clients: u32 = overview.inbounds.iter().map(|i| i.client_count).sum();
        lines.push(
            ctx.t_args(
                "admin-panels-line",
                &Args::new()
                    .text("icon", icon(overview))
                    .text("name", overview.panel.name.to_string())
                    .text("location", location_name(ctx, overview).await)
                    .number("inbounds", i64::try_from(overview.inbounds.len()).unwrap_or(i64::MAX))
                    .number("clients", i64::from(clients)),
            ),
        );
        let label = format!("{} {}", icon(overview), overview.panel.name);
        keyboard = keyboard.row([ctx.button_text(label, Action::Admin(AdminAction::Panel(overview.panel.id)))]);
    }
    let keyboard = keyboard
        .row([ctx.button("admin-btn-panel-add", Action::Admin(AdminAction::AddPanel))])
        .row([home::back_button(ctx)]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

fn health_lines(ctx: &Ctx<'_>, health: &HealthCheck) -> Vec<String> {
    let mut lines = Vec::new();
    match &health.result {
        Ok(status) => {
            lines.push(ctx.t_args(
                "admin-panel-reachable",
                &Args::new().number("ms", i64::from(health.latency_ms)),
            ));
            lines.push(match &status.xray {
                XrayState::Running => ctx.t("admin-panel-xray-running"),
                XrayState::Stopped => ctx.t("admin-panel-xray-stopped"),
                XrayState::Failed(why) => ctx.t_args("admin-panel-xray-failed", &Args::new().text("why", why.clone())),
            });
            let cpu = status.cpu_percent.clamp(0.0, 100.0).round() as i64;
            lines.push(
                ctx.t_args(
                    "admin-panel-load",
                    &Args::new()
                        .number("cpu", cpu)
                        .html("used", format::data(ctx, status.memory_used))
                        .html("total", format::data(ctx, status.memory_total)),
                ),
            );
        }
        Err(why) => lines.push(
            ctx.t_args(
                "admin-panel-unreachable",
                &Args::new()
                    .text("why", why.clone())
                    .number("ms", i64::from(health.latency_ms)),
            ),
        ),
    }
    lines
}

/// How MoonVPN reaches the panel, when the admin must know: a warning for plain `http://`,
/// the fingerprint of a pinned self-signed certificate, or that one is not pinned yet.
fn transport_lines(ctx: &Ctx<'_>, panel: &Panel) -> Vec<String> {
    let mut lines = Vec::new();
    if panel.is_plain_http() {
        lines.push(ctx.t("admin-panel-plain-http"));
    }
    if let Some(pin) = panel.tls_pin {
        lines.push(ctx.t_args("admin-panel-pinned", &Args::new().text("pin", pin.to_string())));
    } else if panel.needs_pin() {
        lines.push(ctx.t("admin-panel-not-pinned"));
    }
    lines
}

/// One panel, checked live now; `note` (the result of an action) goes on top.
pub async fn view(ctx: &Ctx<'_>, id: PanelId, note: Option<String>) -> Result<Reply, BotError> {
    let (overview, health) = match ctx.deps.fleet.panel_for_admin(ctx.user.id, id).await {
        Ok(found) => found,
        Err(e) => return refusal::inventory(ctx, e),
    };
    let mut lines: Vec<String> = note.into_iter().collect();
    lines.push(
        ctx.t_args(
            "admin-panel-title",
            &Args::new()
                .text("name", overview.panel.name.to_string())
                .text("location", location_name(ctx, &overview).await),
        ),
    );
    if !overview.panel.active {
        lines.push(ctx.t("admin-panel-off-sale"));
    }
    lines.extend(transport_lines(ctx, &overview.panel));
    lines.extend(health_lines(ctx, &health));
    let clients: u32 = overview.inbounds.iter().map(|i| i.client_count).sum();
    lines.push(
        ctx.t_args(
            "admin-panel-counts",
            &Args::new()
                .number("inbounds", i64::try_from(overview.inbounds.len()).unwrap_or(i64::MAX))
                .number("clients", i64::from(clients))
                .number("accounts", i64::try_from(overview.accounts.live).unwrap_or(i64::MAX)),
        ),
    );
    let keyboard = Keyboard::new()
        .row([
            ctx.button("admin-btn-sync", Action::Admin(AdminAction::SyncPanel(id))),
            ctx.button("admin-btn-restart-xray", Action::Admin(AdminAction::RestartXray(id))),
        ])
        .row([
            ctx.button("admin-btn-inbounds", Action::Admin(AdminAction::Inbounds(id))),
            ctx.button("admin-btn-panel-edit", Action::Admin(AdminAction::EditPanel(id))),
        ])
        .row([ctx.button("admin-btn-panel-remove", Action::Admin(AdminAction::RemovePanel(id)))])
        .row([
            ctx.button("admin-btn-back-panels", Action::Admin(AdminAction::Panels)),
            home::back_button(ctx),
        ]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

/// Reads the panel now, then shows it with what the sync found.
pub async fn sync(ctx: &Ctx<'_>, id: PanelId) -> Result<Reply, BotError> {
    let note = match ctx.deps.fleet.sync_now(ctx.user.id, id).await {
        Ok(report) => ctx.t_args(
            "admin-panel-synced",
            &Args::new().number("clients", i64::try_from(report.clients_read).unwrap_or(i64::MAX)),
        ),
        Err(e @ (InventoryError::Access(_) | InventoryError::NotFound(_))) => return refusal::inventory(ctx, e),
        Err(e) => ctx.t_args(
            "admin-panel-action-failed",
            &Args::new().html("why", super::explain::inventory(ctx, &e)),
        ),
    };
    view(ctx, id, Some(note)).await
}

/// Asks before restarting Xray (every client of the panel drops for a few seconds).
pub async fn restart_ask(ctx: &Ctx<'_>, id: PanelId) -> Result<Reply, BotError> {
    let panel = match ctx.deps.fleet.panels().await {
        Ok(panels) => panels.into_iter().find(|p| p.id == id),
        Err(e) => return Err(e.into()),
    };
    let Some(panel) = panel else {
        return Ok(Reply::none().toast(ctx.t("admin-panel-gone")));
    };
    let text = ctx.t_args(
        "admin-restart-confirm",
        &Args::new().text("name", panel.name.to_string()),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button(
            "admin-btn-restart-yes",
            Action::Admin(AdminAction::RestartXrayConfirmed(id)),
        )])
        .row([ctx.button("btn-back", Action::Admin(AdminAction::Panel(id)))]);
    Ok(Reply::show(text, keyboard))
}

/// Restarts Xray (confirmed), then shows the panel as it is now.
pub async fn restart(ctx: &Ctx<'_>, id: PanelId) -> Result<Reply, BotError> {
    let note = match ctx.deps.fleet.restart_xray(ctx.user.id, id).await {
        Ok(_) => ctx.t("admin-restart-done"),
        Err(e @ (InventoryError::Access(_) | InventoryError::NotFound(_))) => return refusal::inventory(ctx, e),
        Err(e) => ctx.t_args(
            "admin-panel-action-failed",
            &Args::new().html("why", super::explain::inventory(ctx, &e)),
        ),
    };
    view(ctx, id, Some(note)).await
}
