//! Numbers as each language writes them: digits, thousands and decimal separators.

use kernel::{Currency, Money};
use members::Language;

/// Rewrites a number formatted the kernel's way (`1,234.50`) in `lang`'s convention:
/// English `1,234.50`, Russian `1 234,50` (narrow no-break space), Persian `۱٬۲۳۴٫۵۰`.
pub fn localize_number(lang: Language, plain: &str) -> String {
    plain
        .chars()
        .map(|ch| match (lang, ch) {
            (Language::En, c) => c,
            (Language::Ru, ',') => '\u{202F}',
            (Language::Ru, '.') => ',',
            (Language::Ru, c) => c,
            (Language::Fa, ',') => '\u{066C}',
            (Language::Fa, '.') => '\u{066B}',
            (Language::Fa, c) => persian_digit(c),
        })
        .collect()
}

/// An amount's number part in `lang`'s convention, with the currency's decimals.
pub fn money_number(lang: Language, amount: Money, currency: Currency) -> String {
    localize_number(lang, &amount.format_number(currency))
}

/// A whole number with thousands separators in `lang`'s convention.
pub fn integer(lang: Language, value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        grouped.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    localize_number(lang, &grouped)
}

/// Persian digits for ASCII ones; anything else unchanged.
pub fn persian_digits(text: &str) -> String {
    text.chars().map(persian_digit).collect()
}

fn persian_digit(ch: char) -> char {
    match ch.to_digit(10) {
        Some(d) if ch.is_ascii_digit() => char::from_u32(0x06F0 + d).unwrap_or(ch),
        _ => ch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn irt() -> Currency {
        Currency::from_code("IRT").unwrap()
    }

    fn usd() -> Currency {
        Currency::from_code("USD").unwrap()
    }

    #[test]
    fn persian_amounts_use_persian_digits_and_separators() {
        let m = Money::from_minor(150_000).unwrap();
        assert_eq!(money_number(Language::Fa, m, irt()), "۱۵۰٬۰۰۰");
        assert_eq!(
            money_number(Language::Fa, Money::from_minor(1250).unwrap(), usd()),
            "۱۲٫۵۰"
        );
    }

    #[test]
    fn russian_amounts_group_with_narrow_spaces_and_a_decimal_comma() {
        let m = Money::from_minor(123_456_789).unwrap();
        assert_eq!(money_number(Language::Ru, m, usd()), "1\u{202F}234\u{202F}567,89");
    }

    #[test]
    fn english_amounts_keep_the_kernel_format() {
        let m = Money::from_minor(123_456_789).unwrap();
        assert_eq!(money_number(Language::En, m, usd()), "1,234,567.89");
    }

    #[test]
    fn persian_amounts_parse_back_to_the_same_money() {
        let m = Money::from_minor(9_876_543).unwrap();
        let shown = money_number(Language::Fa, m, irt());
        assert_eq!(Money::parse(&shown, irt()).unwrap(), m);
    }

    #[test]
    fn integers_are_grouped_per_language() {
        assert_eq!(integer(Language::En, 1_000_000), "1,000,000");
        assert_eq!(integer(Language::Fa, 30), "۳۰");
        assert_eq!(integer(Language::Ru, -12_345), "-12\u{202F}345");
    }
}
