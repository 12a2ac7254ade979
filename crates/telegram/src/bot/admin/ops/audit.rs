//! The audit-log browser (superadmins): ten entries a page, newest first, filtered by period
//! (all, today, 7 days, 30 days) and family of actions, through `MemberService::audit_log`,
//! the use case `moonvpn audit` calls. An admin is told it needs a superadmin (and the attempt
//! is audited by the use case).

use kernel::{PageRequest, UserId};
use members::{AuditActionFilter, AuditEntry, AuditQuery, MemberError};
use time::{Duration, Time};

use crate::bot::admin::home;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, OpsAction};
use crate::i18n::{Args, escape_html};
use crate::keyboard::Keyboard;

/// Entries a page.
const PER_PAGE: u64 = 10;

/// The family picker's choices, in the order the button cycles through; 0 is every action.
const FAMILIES: [&str; 10] = [
    "",
    "access.",
    "member.",
    "wallet.",
    "panel.",
    "plan.",
    "discount.",
    "receipt.",
    "payment.",
    "settings.",
];

/// The period picker: catalog key and how many days back it starts (`None` = all).
const PERIODS: [(&str, Option<i64>); 4] = [
    ("ops-audit-period-all", None),
    ("ops-audit-period-today", Some(0)),
    ("ops-audit-period-week", Some(6)),
    ("ops-audit-period-month", Some(29)),
];

fn open(page: u32, period: u8, family: u8) -> Action {
    Action::Ops(OpsAction::Audit { page, period, family })
}

/// One page of the log.
pub async fn show(ctx: &Ctx<'_>, page: u32, period: u8, family: u8) -> Result<Reply, BotError> {
    let period = usize::from(period).min(PERIODS.len() - 1);
    let family = usize::from(family).min(FAMILIES.len() - 1);
    let since = PERIODS[period].1.map(|back| {
        (ctx.now().date() - Duration::days(back))
            .with_time(Time::MIDNIGHT)
            .assume_utc()
    });
    let query = AuditQuery {
        action: (family > 0).then(|| AuditActionFilter::parse(FAMILIES[family]).expect("the families are valid")),
        since,
        ..AuditQuery::default()
    };
    let request = PageRequest::new(u64::from(page), PER_PAGE);
    let found = match ctx.deps.members.audit_log(ctx.user.id, query, request).await {
        Ok(found) => found,
        Err(MemberError::Forbidden { .. }) => return Ok(Reply::none().toast(ctx.t("admin-need-superadmin"))),
        Err(e) => return Err(e.into()),
    };
    let family_name = if family == 0 {
        ctx.t("ops-audit-family-all")
    } else {
        FAMILIES[family].trim_end_matches('.').to_owned()
    };
    let mut lines = vec![
        ctx.t_args(
            "ops-audit-title",
            &Args::new()
                .html("period", ctx.t(PERIODS[period].0))
                .text("family", family_name.clone())
                .number("total", found.total as i64),
        ),
    ];
    if found.items.is_empty() {
        lines.push(ctx.t("ops-audit-empty"));
    }
    lines.extend(found.items.iter().map(|e| line(ctx, e)));

    let (period_u8, family_u8) = (period as u8, family as u8);
    let periods = PERIODS.iter().enumerate().map(|(n, (key, _))| {
        let label = if n == period {
            format!("✓ {}", ctx.t(key))
        } else {
            ctx.t(key)
        };
        ctx.button_text(label, open(0, n as u8, family_u8))
    });
    let next_family = ((family + 1) % FAMILIES.len()) as u8;
    let mut paging = Vec::new();
    if page > 0 {
        paging.push(ctx.button("ops-audit-newer", open(page - 1, period_u8, family_u8)));
    }
    if found.has_more(request) {
        paging.push(ctx.button("ops-audit-older", open(page.saturating_add(1), period_u8, family_u8)));
    }
    let keyboard = Keyboard::new()
        .row(periods)
        .row([ctx.button_text(
            ctx.t_args("ops-audit-family", &Args::new().text("family", family_name)),
            open(0, period_u8, next_family),
        )])
        .row(paging)
        .row([home::back_button(ctx)]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

fn line(ctx: &Ctx<'_>, e: &AuditEntry) -> String {
    let format = time::macros::format_description!("[month]-[day] [hour]:[minute]");
    let actor = e
        .actor
        .map_or_else(|| ctx.t("ops-audit-system"), |a: UserId| format!("#{a}"));
    format!(
        "• <code>{}</code> {} <b>{}</b> → {}",
        e.at.format(&format).unwrap_or_default(),
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

    #[test]
    fn every_family_of_the_picker_matches_an_action_the_code_writes() {
        let actions = actions_in_code();
        assert!(
            actions.len() > 30,
            "only {} actions found; is the scan broken?",
            actions.len()
        );
        assert!(actions.iter().any(|a| a.as_str() == "settings.set"));
        for family in super::FAMILIES.iter().skip(1) {
            let filter = AuditActionFilter::parse(family).unwrap();
            assert!(
                actions.iter().any(|a| filter.matches(a)),
                "the family {family:?} matches no action the code writes"
            );
        }
    }
}
