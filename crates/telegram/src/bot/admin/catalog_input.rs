//! Typed answers of the catalog questions, read into the answer types of
//! [`catalog_step`](super::catalog_step): whole numbers, ranges, amounts, percentages and
//! dates, with Persian and Arabic-Indic digits accepted. A refusal names the catalog key of
//! the message that explains what to type.

use kernel::{Currency, Money, MoneyError};
use orders::{DiscountCode, MAX_DAYS, MAX_GB, PlanDescription, PlanName};
use time::OffsetDateTime;

use super::catalog_step::{CodeChange, CodeField, DraftValue, PlanChange, PlanField};

/// ASCII digits for Persian (۰–۹) and Arabic-Indic (٠–٩) ones; anything else unchanged.
pub fn ascii_digits(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            other => other,
        })
        .collect()
}

/// A whole number from 0 (digits only, any script).
pub fn whole(text: &str) -> Option<u32> {
    let text = ascii_digits(text);
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `10-100`, `10 – 100` or `10 100`: a range from its first to its second number.
pub fn range(text: &str) -> Option<(u32, u32)> {
    let text = ascii_digits(text);
    let parts: Vec<&str> = text
        .split(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [a, b] => Some((whole(a)?, whole(b)?)),
        _ => None,
    }
}

/// An amount of the shop's currency; the key of what was wrong otherwise.
pub fn amount(text: &str, currency: Currency) -> Result<Money, &'static str> {
    match Money::parse(text.trim(), currency) {
        Ok(m) => Ok(m),
        Err(MoneyError::Negative) => Err("admin-cat-bad-negative"),
        Err(_) => Err("admin-cat-bad-amount"),
    }
}

/// A calendar day `2026-12-31` (or with `/`), midnight UTC.
pub fn day(text: &str) -> Option<OffsetDateTime> {
    let text = ascii_digits(text).replace('/', "-");
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(&text, &format)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

/// Reads a typed answer to a plan question. Questions answered by buttons refuse text.
pub fn plan_answer(field: PlanField, text: &str, currency: Currency) -> Result<PlanChange, &'static str> {
    let days = |text: &str| {
        whole(text)
            .filter(|d| (1..=MAX_DAYS).contains(d))
            .ok_or("admin-cat-bad-days")
    };
    let price = |text: &str| amount(text, currency).map(|m| m.minor());
    let span = |text: &str, max: u32, key| range(text).filter(|(a, b)| *a >= 1 && a <= b && *b <= max).ok_or(key);
    match field {
        PlanField::Name => PlanName::parse(text)
            .map(|n| PlanChange::Name(n.as_str().to_owned()))
            .map_err(|_| "admin-cat-bad-name"),
        PlanField::Description => PlanDescription::parse(text)
            .map(|d| PlanChange::Description(Some(d.as_str().to_owned())))
            .map_err(|_| "admin-cat-bad-description"),
        PlanField::Days => days(text).map(PlanChange::Days),
        PlanField::Gb => whole(text)
            .filter(|gb| (1..=MAX_GB).contains(gb))
            .map(PlanChange::Gb)
            .ok_or("admin-cat-bad-gb"),
        PlanField::Price => match price(text)? {
            0 => Err("admin-cat-bad-zero-price"),
            p => Ok(PlanChange::Price(p)),
        },
        PlanField::PerGb => price(text).map(PlanChange::PerGb),
        PlanField::PerDay => price(text).map(PlanChange::PerDay),
        PlanField::GbRange => span(text, MAX_GB, "admin-cat-bad-gb-range").map(|(a, b)| PlanChange::GbRange(a, b)),
        PlanField::DaysRange => {
            span(text, MAX_DAYS, "admin-cat-bad-days-range").map(|(a, b)| PlanChange::DaysRange(a, b))
        }
        PlanField::IpLimit => whole(text)
            .filter(|n| *n <= 1000)
            .map(PlanChange::IpLimit)
            .ok_or("admin-cat-bad-ip-limit"),
        PlanField::Kind | PlanField::Locations | PlanField::Renewal | PlanField::Test | PlanField::Summary => {
            Err("admin-cat-tap-a-button")
        }
    }
}

/// Reads a typed answer to a discount code question.
pub fn code_answer(field: CodeField, text: &str, currency: Currency) -> Result<CodeChange, &'static str> {
    match field {
        CodeField::Code => DiscountCode::parse(text)
            .map(|c| CodeChange::Code(c.as_str().to_owned()))
            .map_err(|_| "admin-cat-bad-code"),
        CodeField::Value => value(text, currency).map(CodeChange::Value),
        CodeField::UsageLimit => whole(text)
            .filter(|n| *n >= 1)
            .map(|n| CodeChange::UsageLimit(Some(n)))
            .ok_or("admin-cat-bad-usage-limit"),
        CodeField::PerUserLimit => whole(text)
            .filter(|n| *n >= 1)
            .map(|n| CodeChange::PerUserLimit(Some(n)))
            .ok_or("admin-cat-bad-per-user-limit"),
        CodeField::MinOrder => amount(text, currency).map(|m| CodeChange::MinOrder(m.minor())),
        CodeField::MaxDiscount => match amount(text, currency)? {
            m if m.is_zero() => Err("admin-cat-bad-zero-amount"),
            m => Ok(CodeChange::MaxDiscount(Some(m.minor()))),
        },
        CodeField::From => day(text)
            .map(|d| CodeChange::From(Some(d.unix_timestamp())))
            .ok_or("admin-cat-bad-date"),
        CodeField::Until => day(text)
            .map(|d| CodeChange::Until(Some(d.unix_timestamp())))
            .ok_or("admin-cat-bad-date"),
        CodeField::Plan | CodeField::Summary => Err("admin-cat-tap-a-button"),
    }
}

/// `10%` (or `۱۰٪`): a percentage from 1 to 100; an amount: a fixed discount above zero.
fn value(text: &str, currency: Currency) -> Result<DraftValue, &'static str> {
    let text = ascii_digits(text);
    if let Some(number) = text.strip_suffix(['%', '٪']) {
        return whole(number)
            .filter(|p| (1..=100).contains(p))
            .map(DraftValue::Percent)
            .ok_or("admin-cat-bad-percent");
    }
    match amount(&text, currency)? {
        m if m.is_zero() => Err("admin-cat-bad-zero-amount"),
        m => Ok(DraftValue::Fixed(m.minor())),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn irt() -> Currency {
        Currency::from_code("IRT").unwrap()
    }

    #[test]
    fn persian_digits_read_as_numbers_and_letters_do_not() {
        assert_eq!(whole("۳۰"), Some(30));
        assert_eq!(whole(" ٤٥ "), Some(45));
        assert_eq!(whole("thirty"), None);
        assert_eq!(whole("-3"), None);
        assert_eq!(range("۱۰-۱۰۰"), Some((10, 100)));
        assert_eq!(range("7 – 90"), Some((7, 90)));
        assert_eq!(range("7"), None);
        assert_eq!(day("۲۰۲۶/۱۲/۳۱"), Some(datetime!(2026-12-31 0:00 UTC)));
        assert_eq!(day("31.12.2026"), None);
    }

    #[test]
    fn plan_answers_are_checked_like_the_domain_checks_them() {
        let c = irt();
        assert_eq!(plan_answer(PlanField::Days, "abc", c), Err("admin-cat-bad-days"));
        assert_eq!(plan_answer(PlanField::Days, "0", c), Err("admin-cat-bad-days"));
        assert_eq!(plan_answer(PlanField::Days, "۳۰", c), Ok(PlanChange::Days(30)));
        assert_eq!(plan_answer(PlanField::Price, "-5000", c), Err("admin-cat-bad-negative"));
        assert_eq!(plan_answer(PlanField::Price, "0", c), Err("admin-cat-bad-zero-price"));
        assert_eq!(
            plan_answer(PlanField::Price, "۱۲۰٬۰۰۰", c),
            Ok(PlanChange::Price(120_000))
        );
        assert_eq!(
            plan_answer(PlanField::GbRange, "100-10", c),
            Err("admin-cat-bad-gb-range")
        );
        assert_eq!(plan_answer(PlanField::Name, "  ", c), Err("admin-cat-bad-name"));
        assert_eq!(
            plan_answer(PlanField::Description, &"x".repeat(501), c),
            Err("admin-cat-bad-description")
        );
        assert_eq!(
            plan_answer(PlanField::Description, " For phones ", c),
            Ok(PlanChange::Description(Some("For phones".into())))
        );
        assert_eq!(plan_answer(PlanField::Kind, "fixed", c), Err("admin-cat-tap-a-button"));
    }

    #[test]
    fn code_answers_take_percentages_amounts_and_dates() {
        let c = irt();
        assert_eq!(
            code_answer(CodeField::Value, "۱۵٪", c),
            Ok(CodeChange::Value(DraftValue::Percent(15)))
        );
        assert_eq!(
            code_answer(CodeField::Value, "20000", c),
            Ok(CodeChange::Value(DraftValue::Fixed(20_000)))
        );
        assert_eq!(code_answer(CodeField::Value, "150%", c), Err("admin-cat-bad-percent"));
        assert_eq!(code_answer(CodeField::Value, "0", c), Err("admin-cat-bad-zero-amount"));
        assert_eq!(code_answer(CodeField::Code, "a b", c), Err("admin-cat-bad-code"));
        assert_eq!(
            code_answer(CodeField::Code, "moon20", c),
            Ok(CodeChange::Code("MOON20".into()))
        );
        assert_eq!(
            code_answer(CodeField::UsageLimit, "0", c),
            Err("admin-cat-bad-usage-limit")
        );
        assert_eq!(code_answer(CodeField::Until, "soon", c), Err("admin-cat-bad-date"));
    }
}
