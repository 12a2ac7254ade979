//! The built-in bank notification patterns against the sample texts documented in
//! docs/payments-card.md (Persian digits included), and per-card patterns.

use crate::{DEFAULT_PATTERNS, SmsDeposit, SmsPattern, SmsPatternError, read_deposit};

/// (bank style, sample text, deposited Rials, time)
type Sample = (&'static str, &'static str, i64, Option<(u8, u8)>);

const SAMPLES: [Sample; 7] = [
    (
        "mellat",
        "بانک ملت\nحساب 1234567890\nواریز: 5,000,370\nمانده: 12,450,000\n1403/09/14\n10:25",
        5_000_370,
        Some((10, 25)),
    ),
    (
        "melli (Arabic letters, + line)",
        "بانك ملي ايران\nانتقال:+5,000,370\nاز:6037991234567890\nمانده:8,120,000\n0914-10:25",
        5_000_370,
        Some((10, 25)),
    ),
    (
        "saderat (Persian digits and separators)",
        "بانک صادرات ایران\nمبلغ ۵،۰۰۰،۳۷۰ ریال به حساب ۰۱۰۲۳۴۵۶۷۸ واریز شد\nمانده: ۲۵،۱۰۰،۰۰۰\n۱۴۰۳/۰۹/۱۴ ۱۰:۲۵",
        5_000_370,
        Some((10, 25)),
    ),
    (
        "saman (+ line)",
        "بانک سامان\n+۵,۰۰۰,۳۷۰\nحساب 801-800-1234567-1\n10:25:41 1403/09/14",
        5_000_370,
        Some((10, 25)),
    ),
    (
        "sepah (bestankar)",
        "بانک سپه\nبستانکار: 5,000,370 ریال\nمانده: 9,000,000\nساعت 10:25",
        5_000_370,
        Some((10, 25)),
    ),
    (
        "tejarat (transfer to account)",
        "تجارت\nانتقال به حساب: 5,000,370\nمانده 7,000,000\n1403/09/14-10:25",
        5_000_370,
        Some((10, 25)),
    ),
    (
        "app notification in English",
        "Deposit: 5,000,370 IRR\nBalance: 9,000,000\n2024-12-04 10:25",
        5_000_370,
        Some((10, 25)),
    ),
];

#[test]
fn every_built_in_pattern_compiles_and_has_an_amount_group() {
    for p in DEFAULT_PATTERNS {
        SmsPattern::new(p).unwrap();
    }
}

#[test]
fn the_built_in_patterns_read_every_sample() {
    for (bank, text, amount, time) in SAMPLES {
        assert_eq!(read_deposit(text, None), Some(SmsDeposit { amount, time }), "{bank}");
    }
}

#[test]
fn withdrawals_and_chatter_are_not_deposits() {
    for text in [
        "بانک ملت\nبرداشت: 5,000,370\nمانده: 1,000",
        "بانک سامان\n-5,000,370\nمانده 1,000",
        "Debit: 5,000,370 IRR",
        "سلام، واریز کردم",
        "",
    ] {
        assert_eq!(read_deposit(text, None), None, "{text}");
    }
}

#[test]
fn a_card_pattern_replaces_the_built_in_ones() {
    let pattern = SmsPattern::new(r"IN (?P<amount>[\d,]+) at (?P<time>\d\d:\d\d)").unwrap();
    assert_eq!(
        read_deposit("ACC 12 IN ۱,۲۳۴ at 09:05 BAL 7", Some(&pattern)),
        Some(SmsDeposit {
            amount: 1_234,
            time: Some((9, 5))
        })
    );
    assert_eq!(read_deposit("واریز: 5,000", Some(&pattern)), None);
    assert_eq!(
        SmsPattern::new(r"IN (\d+)").unwrap_err(),
        SmsPatternError::NoAmountGroup
    );
    assert!(matches!(
        SmsPattern::new(r"(?P<amount>"),
        Err(SmsPatternError::Invalid(_))
    ));
}
