//! Exact money: a non-negative amount in the minor units of the shop's currency.
//!
//! No floating point anywhere: input is parsed digit by digit, ratios use 128-bit integers.

use crate::Currency;

/// Why an amount was refused or an operation did not fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Amounts are never negative; direction is carried by what the money does.
    #[error("an amount cannot be negative")]
    Negative,
    /// The result would not fit in 64 bits.
    #[error("the amount is too large")]
    Overflow,
    /// Subtracting more than there is.
    #[error("the result would be below zero")]
    Underflow,
    /// The text is not an amount.
    #[error("{0:?} is not an amount; write digits like 150000 or 12.50")]
    NotAnAmount(String),
    /// More decimals than the currency has.
    #[error("{currency} has {exponent} decimal places")]
    TooPrecise {
        /// The currency's code.
        currency: &'static str,
        /// The currency's exponent.
        exponent: u8,
    },
}

/// A non-negative amount of the shop's currency, in minor units (cents, rials, stars).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Money(i64);

impl Money {
    /// Nothing.
    pub const ZERO: Money = Money(0);

    /// Wraps an amount of minor units; refuses negatives.
    pub fn from_minor(minor: i64) -> Result<Self, MoneyError> {
        if minor < 0 {
            return Err(MoneyError::Negative);
        }
        Ok(Self(minor))
    }

    /// The amount in minor units.
    pub fn minor(self) -> i64 {
        self.0
    }

    /// Whether this is zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self + other`, or `Overflow`.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.0.checked_add(other.0).map(Money).ok_or(MoneyError::Overflow)
    }

    /// `self - other`, or `Underflow` when `other` is larger.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        if other.0 > self.0 {
            return Err(MoneyError::Underflow);
        }
        Ok(Money(self.0 - other.0))
    }

    /// `self - other`, stopping at zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        Money((self.0 - other.0).max(0))
    }

    /// `self × numerator / denominator`, rounded down (in the customer's favour when used for
    /// a price, in the shop's when used for a discount: callers pick which side to round).
    pub fn mul_ratio_floor(self, numerator: u64, denominator: u64) -> Result<Money, MoneyError> {
        if denominator == 0 {
            return Err(MoneyError::Overflow);
        }
        let value = i128::from(self.0) * i128::from(numerator) / i128::from(denominator);
        i64::try_from(value).map(Money).map_err(|_| MoneyError::Overflow)
    }

    /// `self × factor`, or `Overflow`.
    pub fn checked_mul(self, factor: u64) -> Result<Money, MoneyError> {
        let factor = i64::try_from(factor).map_err(|_| MoneyError::Overflow)?;
        self.0.checked_mul(factor).map(Money).ok_or(MoneyError::Overflow)
    }

    /// Parses what a person types: `150000`, `150,000`, `12.50`, Persian or Arabic-Indic
    /// digits (`۱۵۰٬۰۰۰`), surrounding spaces. Never goes through floating point.
    pub fn parse(input: &str, currency: Currency) -> Result<Money, MoneyError> {
        let not_an_amount = || MoneyError::NotAnAmount(input.to_owned());
        let text = input.trim();
        if text.is_empty() {
            return Err(not_an_amount());
        }
        let mut whole: i64 = 0;
        let mut fraction_digits: Vec<u8> = Vec::new();
        let mut seen_point = false;
        let mut seen_digit = false;
        for ch in text.chars() {
            if let Some(d) = ascii_digit(ch) {
                seen_digit = true;
                if seen_point {
                    fraction_digits.push(d);
                } else {
                    whole = whole
                        .checked_mul(10)
                        .and_then(|w| w.checked_add(i64::from(d)))
                        .ok_or(MoneyError::Overflow)?;
                }
            } else if matches!(ch, '.' | '٫') && !seen_point && seen_digit {
                seen_point = true;
            } else if matches!(ch, ',' | '٬' | '_' | ' ') && !seen_point && seen_digit {
                continue;
            } else if ch == '-' {
                return Err(MoneyError::Negative);
            } else {
                return Err(not_an_amount());
            }
        }
        if !seen_digit || (seen_point && fraction_digits.is_empty()) {
            return Err(not_an_amount());
        }
        let exponent = currency.exponent();
        while fraction_digits.len() > usize::from(exponent) && fraction_digits.last() == Some(&0) {
            fraction_digits.pop();
        }
        if fraction_digits.len() > usize::from(exponent) {
            return Err(MoneyError::TooPrecise {
                currency: currency.code(),
                exponent,
            });
        }
        let mut minor = whole;
        for i in 0..usize::from(exponent) {
            let d = fraction_digits.get(i).copied().unwrap_or(0);
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(d)))
                .ok_or(MoneyError::Overflow)?;
        }
        Ok(Money(minor))
    }

    /// Formats with thousands separators and the currency's decimals: `150,000 IRT`,
    /// `12.50 USD`.
    pub fn display(self, currency: Currency) -> String {
        format!("{} {}", self.format_number(currency), currency.code())
    }

    /// The number alone, with thousands separators and the currency's decimals.
    pub fn format_number(self, currency: Currency) -> String {
        let exponent = u32::from(currency.exponent());
        let scale = 10_i64.pow(exponent);
        let (whole, fraction) = (self.0 / scale, self.0 % scale);
        let digits = whole.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        if exponent == 0 {
            grouped
        } else {
            format!("{grouped}.{fraction:0width$}", width = exponent as usize)
        }
    }
}

fn ascii_digit(ch: char) -> Option<u8> {
    match ch {
        '0'..='9' => Some(ch as u8 - b'0'),
        '\u{06F0}'..='\u{06F9}' => Some((ch as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => Some((ch as u32 - 0x0660) as u8),
        _ => None,
    }
}

impl TryFrom<i64> for Money {
    type Error = MoneyError;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Self::from_minor(value)
    }
}

impl From<Money> for i64 {
    fn from(m: Money) -> Self {
        m.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn usd() -> Currency {
        Currency::from_code("usd").unwrap()
    }
    fn irt() -> Currency {
        Currency::from_code("IRT").unwrap()
    }

    #[test]
    fn negative_amounts_cannot_be_built() {
        assert_eq!(Money::from_minor(-1), Err(MoneyError::Negative));
        assert!(serde_json::from_str::<Money>("-5").is_err());
    }

    #[test]
    fn subtraction_never_goes_below_zero() {
        let ten = Money::from_minor(10).unwrap();
        assert_eq!(
            ten.checked_sub(Money::from_minor(11).unwrap()),
            Err(MoneyError::Underflow)
        );
        assert_eq!(ten.saturating_sub(Money::from_minor(11).unwrap()), Money::ZERO);
        assert_eq!(
            Money::from_minor(i64::MAX).unwrap().checked_add(ten),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Money::parse("150,000", irt()).unwrap().minor(), 150_000);
        assert_eq!(Money::parse(" ۱۵۰٬۰۰۰ ", irt()).unwrap().minor(), 150_000);
        assert_eq!(Money::parse("١٢٣", irt()).unwrap().minor(), 123);
        assert_eq!(Money::parse("12.5", usd()).unwrap().minor(), 1250);
        assert_eq!(Money::parse("12.50", usd()).unwrap().minor(), 1250);
        assert_eq!(Money::parse("12", usd()).unwrap().minor(), 1200);
        assert_eq!(Money::parse("100.000000", usd()).unwrap().minor(), 10_000);
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in [
            "", "abc", "12.", ".5", "1e5", "1.2.3", "12..5", "١٢x", ",100", "0x10", "+5",
        ] {
            assert!(Money::parse(bad, usd()).is_err(), "{bad:?} must be refused");
        }
        assert_eq!(Money::parse("-5", usd()), Err(MoneyError::Negative));
        assert_eq!(
            Money::parse("1.005", usd()),
            Err(MoneyError::TooPrecise {
                currency: "USD",
                exponent: 2
            })
        );
        assert!(matches!(Money::parse("1.5", irt()), Err(MoneyError::TooPrecise { .. })));
        assert_eq!(Money::parse("99999999999999999999", irt()), Err(MoneyError::Overflow));
    }

    #[test]
    fn formats_with_separators_and_decimals() {
        assert_eq!(Money::from_minor(150_000).unwrap().display(irt()), "150,000 IRT");
        assert_eq!(Money::from_minor(1_234_505).unwrap().display(usd()), "12,345.05 USD");
        assert_eq!(Money::ZERO.display(usd()), "0.00 USD");
        assert_eq!(Money::from_minor(100).unwrap().format_number(irt()), "100");
    }

    #[test]
    fn ratio_rounds_down_exactly() {
        let m = Money::from_minor(999).unwrap();
        assert_eq!(m.mul_ratio_floor(15, 100).unwrap().minor(), 149);
        assert_eq!(
            Money::from_minor(i64::MAX).unwrap().mul_ratio_floor(2, 1),
            Err(MoneyError::Overflow)
        );
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(minor in 0i64..=i64::MAX / 1000) {
            let m = Money::from_minor(minor).unwrap();
            prop_assert_eq!(Money::parse(&m.format_number(usd()), usd()).unwrap(), m);
            prop_assert_eq!(Money::parse(&m.format_number(irt()), irt()).unwrap(), m);
        }

        #[test]
        fn add_then_sub_is_identity(a in 0i64..i64::MAX / 2, b in 0i64..i64::MAX / 2) {
            let (a, b) = (Money::from_minor(a).unwrap(), Money::from_minor(b).unwrap());
            prop_assert_eq!(a.checked_add(b).unwrap().checked_sub(b).unwrap(), a);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,30}") {
            let _ = Money::parse(&s, usd());
        }
    }
}
