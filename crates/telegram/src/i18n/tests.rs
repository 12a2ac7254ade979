//! Catalog completeness, length limits and per-language formatting.

use std::collections::{BTreeMap, BTreeSet};

use kernel::{Currency, Money};
use members::Language;
use time::macros::datetime;

use super::*;
use crate::limits::{self, utf16_len};

fn i18n() -> I18n {
    I18n::new(Currency::from_code("IRT").unwrap()).unwrap()
}

/// Message keys of a catalog with the `$variables` each one uses.
fn keys_and_variables(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if starts_message {
            let key = line.split('=').next().unwrap_or_default().trim().to_owned();
            out.entry(key.clone()).or_default();
            current = Some(key);
        } else if line.starts_with('#') || line.trim().is_empty() {
            current = None;
        }
        if let Some(key) = &current {
            let vars = out.entry(key.clone()).or_default();
            let mut rest = line;
            while let Some(at) = rest.find('$') {
                rest = &rest[at + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                vars.insert(name);
            }
        }
    }
    out
}

#[test]
fn every_catalog_loads() {
    i18n();
}

#[test]
fn every_key_exists_in_all_three_catalogs_with_the_same_arguments() {
    let [(_, en), (_, fa), (_, ru)] = CATALOGS;
    let en = keys_and_variables(en);
    assert!(en.len() > 40, "the English catalog looks truncated");
    for (lang, other) in [("fa", keys_and_variables(fa)), ("ru", keys_and_variables(ru))] {
        let en_keys: BTreeSet<_> = en.keys().collect();
        let other_keys: BTreeSet<_> = other.keys().collect();
        assert_eq!(
            en_keys.symmetric_difference(&other_keys).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "keys differ between en and {lang}"
        );
        for (key, vars) in &en {
            assert_eq!(vars, &other[key], "arguments of {key} differ between en and {lang}");
        }
    }
    let i18n = i18n();
    for key in en.keys() {
        for lang in Language::ALL {
            assert!(i18n.has(*lang, key), "{key} missing for {lang}");
        }
    }
}

#[test]
fn every_message_fits_telegram_limits_even_with_long_arguments() {
    let i18n = i18n();
    let [(_, en), ..] = CATALOGS;
    let long = "W".repeat(100);
    for (key, vars) in keys_and_variables(en) {
        let mut args = Args::new();
        for var in &vars {
            let name: &'static str = Box::leak(var.clone().into_boxed_str());
            args = if var == "count" {
                args.number(name, 1_000_000)
            } else {
                args.text(name, long.clone())
            };
        }
        for lang in Language::ALL {
            let text = i18n.t_args(*lang, &key, &args);
            assert!(!text.trim().is_empty(), "{key} renders empty in {lang}");
            let limit = limits::limit_for_key(&key);
            assert!(
                utf16_len(&text) <= limit,
                "{key} in {lang} is {} long, over {limit}",
                utf16_len(&text)
            );
        }
    }
}

#[test]
fn every_supported_currency_has_a_unit_in_every_language() {
    let i18n = i18n();
    for currency in Currency::SUPPORTED {
        let key = format!("currency-{}", currency.code().to_ascii_lowercase());
        for lang in Language::ALL {
            assert!(i18n.has(*lang, &key), "{key} missing for {lang}");
        }
    }
}

#[test]
fn names_are_escaped_so_they_cannot_break_the_markup() {
    let text = i18n().t_args(
        Language::En,
        "start-welcome-back",
        &Args::new().text("name", "<b>Eve & co</b>"),
    );
    assert_eq!(text, "Welcome back, &lt;b&gt;Eve &amp; co&lt;/b&gt;!");
}

#[test]
fn persian_arguments_are_isolated_and_english_ones_are_not() {
    let i18n = i18n();
    let fa = i18n.t_args(Language::Fa, "start-welcome-back", &Args::new().text("name", "Sara"));
    assert_eq!(fa, "\u{2068}Sara\u{2069}، خوش برگشتید!");
    let en = i18n.t_args(Language::En, "start-welcome-back", &Args::new().text("name", "Sara"));
    assert!(!en.contains('\u{2068}'));
}

#[test]
fn amounts_are_written_the_way_each_language_writes_them() {
    let i18n = i18n();
    let m = Money::from_minor(150_000).unwrap();
    assert_eq!(i18n.money(Language::En, m), "150,000 Toman");
    assert_eq!(i18n.money(Language::Ru, m), "150\u{202F}000 томан");
    assert_eq!(
        i18n.money(Language::Fa, m),
        "\u{2068}۱۵۰٬۰۰۰\u{2069} \u{2068}تومان\u{2069}"
    );
}

#[test]
fn dates_use_each_languages_calendar() {
    let i18n = i18n();
    let at = datetime!(2026-11-21 20:00 UTC);
    assert_eq!(i18n.date(Language::En, at), "21 Nov 2026");
    assert_eq!(i18n.date(Language::Ru, at), "21 ноября 2026");
    assert_eq!(
        i18n.date(Language::Fa, at).replace(['\u{2068}', '\u{2069}'], ""),
        "۳۰ آبان ۱۴۰۵"
    );
}

#[test]
fn plural_forms_follow_the_language() {
    let i18n = i18n();
    let days = |lang, n| i18n.t_args(lang, "duration-days", &Args::new().number("count", n));
    assert_eq!(days(Language::En, 1), "1 day");
    assert_eq!(days(Language::En, 30), "30 days");
    assert_eq!(days(Language::Ru, 21), "21 день");
    assert_eq!(days(Language::Ru, 3), "3 дня");
    assert_eq!(days(Language::Ru, 30), "30 дней");
    assert_eq!(days(Language::Fa, 30).replace(['\u{2068}', '\u{2069}'], ""), "۳۰ روز");
}

#[test]
fn a_missing_key_falls_back_to_the_key_itself() {
    assert_eq!(i18n().t(Language::Fa, "no-such-key"), "no-such-key");
}

#[test]
fn a_code_element_in_persian_holds_only_what_is_copied() {
    let text = i18n().t_args(
        Language::Fa,
        "wallet-entry-debit",
        &Args::new()
            .text("date", "d")
            .text("kind", "k")
            .text("amount", "a")
            .text("tracking", "TX-261121-7KQ2M"),
    );
    assert!(
        text.contains("\u{2068}<code>TX-261121-7KQ2M</code>\u{2069}"),
        "{text:?}"
    );
    assert!(!text.contains("<code>\u{2068}"));
}
