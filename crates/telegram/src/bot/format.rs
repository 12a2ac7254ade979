//! How screens show data volumes, expiry dates, days left, statuses, renewal rules and plan
//! terms in the user's language.

use inventory::AccountStatus;
use kernel::{ByteLimit, DataSize};
use members::Language;
use orders::{Plan, PlanKind, RenewalRule};
use time::OffsetDateTime;

use super::Ctx;
use crate::i18n::{Args, I18n, integer, localize_number};

/// An amount of data: `1.5 GB`, `750 MB`, `0 GB`.
pub fn data(ctx: &Ctx<'_>, bytes: u64) -> String {
    data_in(&ctx.deps.i18n, ctx.lang, bytes)
}

/// [`data`] for a language, without a context: [`DataSize`] (the one spelling the CLI uses
/// too) with the language's digits and unit name.
pub fn data_in(i18n: &I18n, lang: Language, bytes: u64) -> String {
    let size = DataSize::of(bytes);
    let shown = match size {
        DataSize::Mb(mb) => integer(lang, i64::try_from(mb).unwrap_or(i64::MAX)),
        DataSize::Gb { whole, hundredths } => {
            let mut shown = integer(lang, i64::try_from(whole).unwrap_or(i64::MAX));
            if hundredths > 0 {
                let digits = format!(".{hundredths:02}");
                shown.push_str(&localize_number(lang, digits.trim_end_matches('0')));
            }
            shown
        }
    };
    let key = match size {
        DataSize::Mb(_) => "data-mb",
        DataSize::Gb { .. } => "data-gb",
    };
    i18n.t_args(lang, key, &Args::new().html("amount", shown))
}

/// A traffic limit: [`data`], or "Unlimited".
pub fn volume(ctx: &Ctx<'_>, limit: ByteLimit) -> String {
    match limit.amount() {
        Some(bytes) => data(ctx, bytes),
        None => ctx.t("volume-unlimited"),
    }
}

/// An expiry: the date, or "Never".
pub fn expiry(ctx: &Ctx<'_>, at: Option<OffsetDateTime>) -> String {
    match at {
        Some(at) => ctx.deps.i18n.date(ctx.lang, at),
        None => ctx.t("expiry-never"),
    }
}

/// Whole days until `at`, counting a started day as one; 0 once it has passed. `None` for
/// an account that never expires.
pub fn days_left(now: OffsetDateTime, at: Option<OffsetDateTime>) -> Option<i64> {
    let at = at?;
    let left = at - now;
    if left <= time::Duration::ZERO {
        return Some(0);
    }
    let whole = left.whole_days();
    Some(if left > time::Duration::days(whole) {
        whole + 1
    } else {
        whole
    })
}

/// `30 days`, with the language's plural rules.
pub fn days(ctx: &Ctx<'_>, count: i64) -> String {
    ctx.t_args("duration-days", &Args::new().number("count", count))
}

/// An expiry with the days left: `21 Dec 2026 (30 days left)`, or "Never".
pub fn expiry_with_days_left(ctx: &Ctx<'_>, at: Option<OffsetDateTime>) -> String {
    match days_left(ctx.deps.clock.now(), at) {
        Some(left) => ctx.t_args(
            "expiry-days-left",
            &Args::new().html("date", expiry(ctx, at)).html("left", days(ctx, left)),
        ),
        None => ctx.t("expiry-never"),
    }
}

/// An account status in words.
pub fn status(ctx: &Ctx<'_>, status: AccountStatus) -> String {
    ctx.t(match status {
        AccountStatus::Active => "status-active",
        AccountStatus::Expired => "status-expired",
        AccountStatus::Switched => "status-switched",
        AccountStatus::Disabled => "status-disabled",
    })
}

/// How a plan's renewal treats what is left.
pub fn rule(ctx: &Ctx<'_>, rule: RenewalRule) -> String {
    ctx.t(match rule {
        RenewalRule::AddToRemaining => "renewal-add",
        RenewalRule::RestartFromNow => "renewal-restart",
    })
}

/// A plan's terms on one line: `50 GB · 30 days · 100,000 Toman`, or the per-GB and
/// per-day prices of a build-your-own plan.
pub fn plan_terms(ctx: &Ctx<'_>, plan: &Plan) -> String {
    match plan.kind {
        PlanKind::Fixed(t) => ctx.t_args(
            "plan-terms-fixed",
            &Args::new()
                .html("volume", volume(ctx, t.volume_bytes()))
                .html("days", days(ctx, i64::from(t.duration_days())))
                .money("price", t.price()),
        ),
        PlanKind::Dynamic(t) => ctx.t_args(
            "plan-terms-dynamic",
            &Args::new()
                .money("per_gb", t.price_per_gb())
                .money("per_day", t.price_per_day()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use kernel::{BYTES_PER_GB, BYTES_PER_MB};

    const NOW: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);

    #[test]
    fn data_is_shown_in_gigabytes_or_megabytes_per_language() {
        let i18n = I18n::new(kernel::Currency::from_code("IRT").unwrap()).unwrap();
        let gb = BYTES_PER_GB;
        assert_eq!(data_in(&i18n, Language::En, 50 * gb), "50 GB");
        assert_eq!(data_in(&i18n, Language::En, 0), "0 GB");
        assert_eq!(data_in(&i18n, Language::En, gb + gb / 2), "1.5 GB");
        assert_eq!(data_in(&i18n, Language::En, 3 * BYTES_PER_MB / 2), "2 MB");
        assert_eq!(data_in(&i18n, Language::Ru, gb + gb / 4), "1,25 ГБ");
        assert_eq!(
            data_in(&i18n, Language::Fa, 2048 * gb),
            "\u{2068}۲٬۰۴۸\u{2069} گیگابایت"
        );
    }

    #[test]
    fn days_left_counts_a_started_day_and_stops_at_zero() {
        assert_eq!(days_left(NOW, None), None);
        assert_eq!(days_left(NOW, Some(NOW + time::Duration::days(30))), Some(30));
        assert_eq!(days_left(NOW, Some(NOW + time::Duration::hours(30))), Some(2));
        assert_eq!(days_left(NOW, Some(NOW - time::Duration::hours(1))), Some(0));
    }
}
