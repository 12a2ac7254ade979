//! The audit-log browser (superadmins): ten entries a page, newest first, through
//! `MemberService::audit_log`, the use case `moonvpn audit` calls, filtered by actor, action
//! (or family of actions) and days ([`AuditView`], carried in the buttons so paging keeps the
//! filters). Quick periods (all time, today, 7 days, 30 days), 👤 Actor, 🏷 Action and
//! 📅 Days set them (see [`super::audit_filters`]); ✖️ Clear filters drops them. Days and the
//! times shown are the shop's (`shop.utc_offset`, [`members::MemberService::utc_offset`]). An
//! admin is told it needs a superadmin (and the attempt is audited by the use case).

use kernel::{PageRequest, UserId};
use members::{AuditActionFilter, AuditDays, AuditEntry, AuditQuery, MemberError};
use time::{Date, Duration, OffsetDateTime};

use crate::bot::admin::home;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AuditView, OpsAction};
use crate::i18n::{Args, escape_html};
use crate::keyboard::Keyboard;

/// Entries a page.
const PER_PAGE: u64 = 10;

/// The quick periods: catalog key and how many days before today they start (`None` = all).
const PERIODS: [(&str, Option<i64>); 4] = [
    ("ops-audit-period-all", None),
    ("ops-audit-period-today", Some(0)),
    ("ops-audit-period-week", Some(6)),
    ("ops-audit-period-month", Some(29)),
];

/// The button opening `page` of the log under `view`.
pub(super) fn open(page: u32, view: AuditView) -> Action {
    Action::Ops(OpsAction::Audit { page, view })
}

/// `day` as a date argument of the catalog (which shows an instant's UTC day).
fn day_arg(day: Date) -> OffsetDateTime {
    day.midnight().assume_utc()
}

/// The choice `view.action` names among `choices`, if any.
pub(super) fn picked(view: AuditView, choices: &[AuditActionFilter]) -> Option<&AuditActionFilter> {
    usize::from(view.action).checked_sub(1).and_then(|n| choices.get(n))
}

/// The refusal for an admin (audited by the use case); other failures stay errors.
pub(super) fn refused(ctx: &Ctx<'_>, e: MemberError) -> Result<Reply, BotError> {
    match e {
        MemberError::Forbidden { .. } => Ok(Reply::none().toast(ctx.t("admin-need-superadmin"))),
        other => Err(other.into()),
    }
}

/// One page of the log under `view`.
pub async fn show(ctx: &Ctx<'_>, page: u32, view: AuditView) -> Result<Reply, BotError> {
    let choices = match ctx.deps.members.audit_actions(ctx.user.id).await {
        Ok(choices) => choices,
        Err(e) => return refused(ctx, e),
    };
    let action = picked(view, &choices).cloned();
    let offset = ctx.deps.members.utc_offset();
    let query = AuditQuery {
        actor: view.actor,
        action: action.clone(),
        since: view.from.map(|d| AuditDays::day_start(d, offset)),
        until: view.to.map(|d| AuditDays::day_end(d, offset)),
        ..AuditQuery::default()
    };
    let request = PageRequest::new(u64::from(page), PER_PAGE);
    let found = match ctx.deps.members.audit_log(ctx.user.id, query, request).await {
        Ok(found) => found,
        Err(e) => return refused(ctx, e),
    };
    let mut lines = vec![
        ctx.t_args(
            "ops-audit-title",
            &Args::new()
                .number("total", i64::try_from(found.total).unwrap_or(i64::MAX))
                .text("zone", members::zone_name(offset)),
        ),
    ];
    lines.extend(filter_lines(ctx, view, action.as_ref()).await?);
    if found.items.is_empty() {
        lines.push(ctx.t("ops-audit-empty"));
    }
    lines.extend(found.items.iter().map(|e| line(ctx, e)));
    Ok(Reply::show(
        lines.join("\n"),
        keyboard(ctx, page, view, found.has_more(request)),
    ))
}

/// What is filtered, one line each.
async fn filter_lines(
    ctx: &Ctx<'_>,
    view: AuditView,
    action: Option<&AuditActionFilter>,
) -> Result<Vec<String>, BotError> {
    let mut lines = Vec::new();
    if let Some(actor) = view.actor {
        let name = match ctx.deps.members.get(actor).await {
            Ok(user) => format!(
                "{}{} #{actor}",
                user.first_name,
                user.username.map(|u| format!(" {u}")).unwrap_or_default()
            ),
            Err(MemberError::UnknownUser(_)) => format!("#{actor}"),
            Err(e) => return Err(e.into()),
        };
        lines.push(ctx.t_args("ops-audit-filter-actor", &Args::new().text("actor", name)));
    }
    if let Some(action) = action {
        lines.push(ctx.t_args("ops-audit-filter-action", &Args::new().text("action", action.as_str())));
    }
    match (view.from, view.to) {
        (Some(from), Some(to)) if from == to => {
            lines.push(ctx.t_args("ops-audit-filter-day", &Args::new().date("day", day_arg(from))));
        }
        (Some(from), Some(to)) => lines.push(ctx.t_args(
            "ops-audit-filter-days",
            &Args::new().date("from", day_arg(from)).date("to", day_arg(to)),
        )),
        (Some(from), None) => {
            lines.push(ctx.t_args("ops-audit-filter-since", &Args::new().date("from", day_arg(from))));
        }
        (None, Some(to)) => lines.push(ctx.t_args("ops-audit-filter-until", &Args::new().date("to", day_arg(to)))),
        (None, None) => {}
    }
    Ok(lines)
}

fn keyboard(ctx: &Ctx<'_>, page: u32, view: AuditView, more: bool) -> Keyboard {
    let today = ctx.now().to_offset(ctx.deps.members.utc_offset()).date();
    let periods = PERIODS.iter().map(|(key, back)| {
        let from = back.map(|b| today - Duration::days(b));
        let to = (*back == Some(0)).then_some(today);
        let label = if view.from == from && view.to == to {
            format!("✓ {}", ctx.t(key))
        } else {
            ctx.t(key)
        };
        ctx.button_text(label, open(0, AuditView { from, to, ..view }))
    });
    let mut paging = Vec::new();
    if page > 0 {
        paging.push(ctx.button("ops-audit-newer", open(page - 1, view)));
    }
    if more {
        paging.push(ctx.button("ops-audit-older", open(page.saturating_add(1), view)));
    }
    let mut keyboard = Keyboard::new()
        .row(periods)
        .row([
            ctx.button("ops-audit-btn-actor", Action::Ops(OpsAction::AuditActor(view))),
            ctx.button(
                "ops-audit-btn-action",
                Action::Ops(OpsAction::AuditActions { family: 0, view }),
            ),
            ctx.button("ops-audit-btn-days", Action::Ops(OpsAction::AuditDays(view))),
        ])
        .row(paging);
    if view.is_filtered() {
        keyboard = keyboard.row([ctx.button("ops-audit-btn-clear", open(0, AuditView::default()))]);
    }
    keyboard.row([home::back_button(ctx)])
}

/// One entry: when (in the shop's time), who, what, on what.
fn line(ctx: &Ctx<'_>, e: &AuditEntry) -> String {
    let format = time::macros::format_description!("[month]-[day] [hour]:[minute]");
    let at = e.at.to_offset(ctx.deps.members.utc_offset());
    let actor = e
        .actor
        .map_or_else(|| ctx.t("ops-audit-system"), |a: UserId| format!("#{a}"));
    format!(
        "• <code>{}</code> {} <b>{}</b> → {}",
        at.format(&format).unwrap_or_default(),
        actor,
        escape_html(e.action.as_str()),
        escape_html(e.target.as_str())
    )
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use members::{AuditAction, AuditActionFilter};

    /// The Rust files of the workspace's own code (`crates/*/src`, `src`), without tests.
    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "tests" && name != "target" {
                    sources(&path, out);
                }
            } else if name.ends_with(".rs") && !name.ends_with("tests.rs") {
                out.push(path);
            }
        }
    }

    /// Every action named by an `AuditAction::new("…")` in code that runs (unit tests cut off).
    fn actions_in_code() -> Vec<AuditAction> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        sources(&root.join("src"), &mut files);
        for krate in std::fs::read_dir(root.join("crates")).unwrap() {
            let src = krate.unwrap().path().join("src");
            if src.is_dir() {
                sources(&src, &mut files);
            }
        }
        let mut actions = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for rest in code.split("AuditAction::new(\"").skip(1) {
                let name = rest.split('"').next().unwrap_or_default();
                actions.push(AuditAction::from_stored(name.to_owned()));
            }
        }
        actions
    }

    /// The action filter offers the families and actions the log holds (no fixed list that
    /// can drift from the code, like the old `setting.` for `settings.set`): every action the
    /// code writes must then be offerable, and matched by its own family when it has one.
    #[test]
    fn every_action_the_code_writes_can_be_picked_and_is_matched_by_its_family() {
        let actions = actions_in_code();
        assert!(
            actions.len() > 30,
            "only {} actions found; is the scan broken?",
            actions.len()
        );
        assert!(actions.iter().any(|a| a.as_str() == "settings.set"));
        for action in &actions {
            let one = AuditActionFilter::parse(action.as_str());
            assert!(one.is_ok_and(|f| f.matches(action)), "{action} cannot be picked");
            let family = action.as_str().split_once('.').map(|(f, _)| format!("{f}."));
            if let Some(Ok(family)) = family.as_deref().map(AuditActionFilter::parse) {
                assert!(family.matches(action), "{family} does not match {action}");
            }
        }
    }
}
