//! Bank card numbers: 16 digits, Luhn-checked, never printed in full by accident.

/// Why text is not a card number. The messages never repeat the number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardNumberError {
    /// Something other than digits, spaces and dashes.
    #[error("a card number holds only digits, spaces and dashes")]
    NotDigits,
    /// Not 16 digits.
    #[error("a card number has 16 digits, got {0}")]
    WrongLength(usize),
    /// The check digit is wrong (a typo).
    #[error("this card number has a typo (its check digit does not match)")]
    Checksum,
}

/// A 16-digit bank card number. `Debug` and `Display` show only the masked form
/// (`6037-99**-****-1234`); [`CardNumber::digits`] gives the full number where it must be
/// shown to a payer or encrypted.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CardNumber(String);

impl CardNumber {
    /// Digits in a card number.
    pub const LEN: usize = 16;

    /// Parses what a person types: spaces and dashes anywhere, ASCII, Persian (`۶۰۳۷`) or
    /// Arabic-Indic (`٦٠٣٧`) digits.
    pub fn parse(input: &str) -> Result<Self, CardNumberError> {
        let mut digits = String::with_capacity(Self::LEN);
        for ch in input.chars() {
            if let Some(d) = ascii_digit(ch) {
                digits.push(d);
            } else if !(ch == '-' || ch.is_whitespace()) {
                return Err(CardNumberError::NotDigits);
            }
        }
        if digits.len() != Self::LEN {
            return Err(CardNumberError::WrongLength(digits.len()));
        }
        if !luhn_ok(&digits) {
            return Err(CardNumberError::Checksum);
        }
        Ok(Self(digits))
    }

    /// All 16 digits. Call only to show the card to someone who pays into it, or to encrypt it.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The number in groups of four for payers to copy: `6037 9912 3456 1234`.
    pub fn grouped(&self) -> String {
        self.groups(|_, d| d).join(" ")
    }

    /// The first six digits and the last four, the rest hidden: `6037-99**-****-1234`.
    pub fn masked(&self) -> String {
        self.groups(|i, d| if (6..12).contains(&i) { '*' } else { d }).join("-")
    }

    /// The last four digits.
    pub fn last4(&self) -> &str {
        &self.0[Self::LEN - 4..]
    }

    fn groups(&self, map: impl Fn(usize, char) -> char) -> Vec<String> {
        let shown: Vec<char> = self.0.chars().enumerate().map(|(i, d)| map(i, d)).collect();
        shown.chunks(4).map(|c| c.iter().collect()).collect()
    }
}

impl std::fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CardNumber({})", self.masked())
    }
}

impl std::fmt::Display for CardNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

fn ascii_digit(ch: char) -> Option<char> {
    let value = match ch {
        '0'..='9' => ch as u32 - '0' as u32,
        '۰'..='۹' => ch as u32 - '۰' as u32,
        '٠'..='٩' => ch as u32 - '٠' as u32,
        _ => return None,
    };
    char::from_digit(value, 10)
}

fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A valid test number (Luhn-correct).
    pub(crate) const VALID: &str = "6037991234561235";

    #[test]
    fn the_test_number_is_valid() {
        assert!(luhn_ok(VALID));
    }

    #[test]
    fn typed_numbers_with_spaces_dashes_and_persian_digits_are_accepted() {
        let expected = CardNumber::parse(VALID).unwrap();
        for typed in [
            "6037 9912 3456 1235",
            "6037-9912-3456-1235",
            " ۶۰۳۷ ۹۹۱۲ ۳۴۵۶ ۱۲۳۵ ",
            "٦٠٣٧٩٩١٢٣٤٥٦١٢٣٥",
        ] {
            assert_eq!(CardNumber::parse(typed).unwrap(), expected, "{typed:?}");
        }
        assert_eq!(expected.grouped(), "6037 9912 3456 1235");
        assert_eq!(expected.last4(), "1235");
    }

    #[test]
    fn typos_and_wrong_lengths_are_refused() {
        assert_eq!(CardNumber::parse("6037991234561234"), Err(CardNumberError::Checksum));
        assert_eq!(
            CardNumber::parse("603799123456123"),
            Err(CardNumberError::WrongLength(15))
        );
        assert_eq!(CardNumber::parse(""), Err(CardNumberError::WrongLength(0)));
        assert_eq!(CardNumber::parse("6037x991234561232"), Err(CardNumberError::NotDigits));
        assert_eq!(
            CardNumber::parse("6037.9912.3456.1232"),
            Err(CardNumberError::NotDigits)
        );
    }

    #[test]
    fn the_full_number_never_shows_in_debug_display_or_errors() {
        let card = CardNumber::parse(VALID).unwrap();
        assert_eq!(card.masked(), "6037-99**-****-1235");
        assert_eq!(card.to_string(), "6037-99**-****-1235");
        assert_eq!(format!("{card:?}"), "CardNumber(6037-99**-****-1235)");
        let err = CardNumber::parse("6037991234561234").unwrap_err().to_string();
        assert!(!err.contains("6037"), "{err}");
    }
}
