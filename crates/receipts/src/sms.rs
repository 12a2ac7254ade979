//! Reading bank notifications (SMS or app texts) that an admin forwards: the deposited amount
//! and the time, by a per-card pattern or the built-in ones for common Iranian bank formats.
//! Persian and Arabic-Indic digits, Arabic letter variants and Persian thousands separators
//! are normalised first, so one pattern covers all of them.

use std::sync::LazyLock;

use regex::Regex;

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmsPatternError {
    /// Not a valid regular expression (or too long).
    #[error("the pattern is not a valid regular expression: {0}")]
    Invalid(String),
    /// No `(?P<amount>…)` group.
    #[error("the pattern needs a named group (?P<amount>…) around the deposited amount")]
    NoAmountGroup,
}

/// A regular expression with a named group `amount` (digits with `,` separators) and an
/// optional group `time` (`HH:MM`), matched against the normalised text.
#[derive(Debug, Clone)]
pub struct SmsPattern {
    source: String,
    regex: Regex,
}

impl SmsPattern {
    /// The longest pattern accepted.
    pub const MAX_LEN: usize = 500;

    /// Compiles a pattern.
    pub fn new(source: &str) -> Result<Self, SmsPatternError> {
        let source = source.trim();
        if source.len() > Self::MAX_LEN {
            return Err(SmsPatternError::Invalid(format!("longer than {} bytes", Self::MAX_LEN)));
        }
        let regex = regex::RegexBuilder::new(source)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| SmsPatternError::Invalid(e.to_string()))?;
        if !regex.capture_names().any(|n| n == Some("amount")) {
            return Err(SmsPatternError::NoAmountGroup);
        }
        Ok(Self {
            source: source.to_owned(),
            regex,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

impl PartialEq for SmsPattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for SmsPattern {}

/// The built-in patterns, tried in order (see docs/payments-card.md for sample texts):
/// a "واریز" (deposit) line, a "+amount" transfer line, "مبلغ … واریز شد", and English
/// "Deposit". Withdrawals (`برداشت`, `-amount`) match none of them.
pub const DEFAULT_PATTERNS: [&str; 4] = [
    r"(?:واریز|انتقال\s*به\s*حساب|بستانکار)\s*[:：]?\s*\+?\s*(?P<amount>\d[\d,]*)",
    r"(?m)^\s*(?:انتقال|انتقالی|حواله|پایا|ساتنا)?\s*[:：]?\s*\+\s*(?P<amount>\d[\d,]*)",
    r"مبلغ\s*[:：]?\s*(?P<amount>\d[\d,]*)\s*(?:ریال)?\s*(?:به\s*حساب[^\n]*?)?\s*واریز",
    r"(?i)(?:deposit|credit)(?:ed)?\s*[:：]?\s*\+?\s*(?P<amount>\d[\d,]*)",
];

/// What a notification said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsDeposit {
    /// The deposited amount as written (usually Rials), separators removed.
    pub amount: i64,
    /// The time written in the text (`HH:MM`, bank local time), if any.
    pub time: Option<(u8, u8)>,
}

/// Replaces Persian/Arabic-Indic digits with ASCII, Arabic letter variants with Persian, and
/// Persian separators with `,` / `:`; drops right-to-left marks.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .map(|c| match c {
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '٬' | '،' => ',',
            '٫' => '.',
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            '\u{200c}' => ' ',
            other => other,
        })
        .collect()
}

/// Reads the deposit from `text` with `pattern`, or with the built-in patterns when `None`.
/// `None` when nothing (or only a withdrawal) matches or the amount is not a number.
pub fn read_deposit(text: &str, pattern: Option<&SmsPattern>) -> Option<SmsDeposit> {
    let text = normalise(text);
    let amount_of = |re: &Regex| {
        let caps = re.captures(&text)?;
        let digits: String = caps
            .name("amount")?
            .as_str()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let amount = digits.parse::<i64>().ok().filter(|a| *a > 0)?;
        let time = caps.name("time").and_then(|t| parse_time(t.as_str()));
        Some((amount, time))
    };
    let (amount, time) = match pattern {
        Some(p) => amount_of(&p.regex)?,
        None => DEFAULTS.iter().find_map(amount_of)?,
    };
    Some(SmsDeposit {
        amount,
        time: time.or_else(|| find_time(&text)),
    })
}

/// The built-in patterns, compiled once (a test checks that every one compiles).
static DEFAULTS: LazyLock<Vec<Regex>> =
    LazyLock::new(|| DEFAULT_PATTERNS.iter().filter_map(|p| Regex::new(p).ok()).collect());

/// A clock time in the text, not part of a date or a longer number.
static TIME: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d:])(\d{1,2}:\d{2})(?:[^\d:]|:\d{2}|$)").ok());

fn find_time(text: &str) -> Option<(u8, u8)> {
    TIME.as_ref()?
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .find_map(|m| parse_time(m.as_str()))
}

fn parse_time(s: &str) -> Option<(u8, u8)> {
    let (h, m) = s.split_once(':')?;
    let (h, m) = (h.trim().parse::<u8>().ok()?, m.trim().get(..2)?.parse::<u8>().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}
