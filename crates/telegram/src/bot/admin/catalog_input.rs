//! Typed answers of the catalog questions, read into the answer types of
//! [`catalog_step`](super::catalog_step): whole numbers, ranges and amounts, with Persian and Arabic-Indic digits accepted. A refusal names the catalog key of
//! the message that explains what to type.

use kernel::{Currency, Money, MoneyError};
use orders::{MAX_DAYS, MAX_GB, PlanName};

use super::catalog_step::{PlanChange, PlanField};

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

#[cfg(test)]
mod tests {
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
        assert_eq!(plan_answer(PlanField::Kind, "fixed", c), Err("admin-cat-tap-a-button"));
    }
}
