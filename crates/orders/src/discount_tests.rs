//! Unit tests of `discount.rs`.

use super::*;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);

fn money(minor: i64) -> Money {
    Money::from_minor(minor).unwrap()
}

fn percent(p: u32) -> DiscountTerms {
    DiscountTerms::new(DiscountValue::Percent(Percent::new(p).unwrap())).unwrap()
}

fn code(terms: DiscountTerms) -> Discount {
    Discount {
        id: DiscountCodeId::new(1),
        code: DiscountCode::parse("moon10").unwrap(),
        terms,
        used_count: 0,
        status: DiscountStatus::Active,
        created_at: NOW,
    }
}

fn on(plan: i64, is_test: bool, price: i64) -> CodedOrder {
    CodedOrder {
        plan: PlanId::new(plan),
        is_test,
        price: money(price),
    }
}

fn apply(d: &Discount, price: i64) -> Result<Money, DiscountRefusal> {
    d.apply(on(1, false, price), NOW, 0)
}

#[test]
fn codes_are_case_insensitive_and_checked() {
    assert_eq!(DiscountCode::parse(" moon-10_a ").unwrap().as_str(), "MOON-10_A");
    assert_eq!(DiscountCode::parse("ab"), Err(DiscountError::BadCode));
    assert_eq!(DiscountCode::parse(&"A".repeat(33)), Err(DiscountError::BadCode));
    assert_eq!(DiscountCode::parse("MOON 10"), Err(DiscountError::BadCode));
    assert_eq!(DiscountCode::parse("MOÖN"), Err(DiscountError::BadCode));
    assert!(DiscountCode::parse(&"A".repeat(32)).is_ok());
}

#[test]
fn bad_definitions_are_refused() {
    assert_eq!(Percent::new(0), Err(DiscountError::BadPercent(0)));
    assert_eq!(Percent::new(101), Err(DiscountError::BadPercent(101)));
    assert_eq!(
        DiscountTerms::new(DiscountValue::Fixed(Money::ZERO)),
        Err(DiscountError::ZeroAmount)
    );
    assert_eq!(
        percent(10).with_usage_limit(Some(0)),
        Err(DiscountError::ZeroUsageLimit)
    );
    assert_eq!(
        percent(10).with_window(Some(NOW), Some(NOW)),
        Err(DiscountError::EmptyWindow)
    );
    assert_eq!(
        percent(10).with_per_user_limit(Some(0)),
        Err(DiscountError::ZeroPerUserLimit)
    );
}

#[test]
fn a_buyer_is_refused_once_they_used_the_code_as_often_as_one_buyer_may() {
    let d = code(percent(10).with_per_user_limit(Some(2)).unwrap());
    assert_eq!(d.apply(on(1, false, 1_000), NOW, 1), Ok(money(100)));
    assert_eq!(
        d.apply(on(1, false, 1_000), NOW, 2),
        Err(DiscountRefusal::PerUserLimitReached { limit: 2 })
    );
    assert_eq!(d.check_buyer(5), Err(DiscountRefusal::PerUserLimitReached { limit: 2 }));
    let unlimited = code(percent(10));
    assert!(unlimited.apply(on(1, false, 1_000), NOW, 1_000).is_ok());
    assert!(unlimited.check_buyer(u32::MAX).is_ok());
}

#[test]
fn a_percentage_discount_rounds_down() {
    assert_eq!(apply(&code(percent(10)), 999), Ok(money(99)));
    assert_eq!(apply(&code(percent(33)), 100), Ok(money(33)));
    assert_eq!(apply(&code(percent(100)), 4_321), Ok(money(4_321)));
}

#[test]
fn a_discount_is_capped_by_its_maximum() {
    let d = code(percent(50).with_max_discount(Some(money(300))));
    assert_eq!(apply(&d, 1_000), Ok(money(300)));
    assert_eq!(apply(&d, 400), Ok(money(200)));
}

#[test]
fn a_fixed_discount_never_exceeds_the_price() {
    let d = code(DiscountTerms::new(DiscountValue::Fixed(money(5_000))).unwrap());
    assert_eq!(apply(&d, 12_000), Ok(money(5_000)));
    assert_eq!(apply(&d, 3_000), Ok(money(3_000)));
}

#[test]
fn a_disabled_code_is_refused() {
    let mut d = code(percent(10));
    d.status = DiscountStatus::Disabled;
    assert_eq!(apply(&d, 1_000), Err(DiscountRefusal::Disabled));
}

#[test]
fn a_code_is_refused_before_its_window_opens() {
    let from = datetime!(2026-12-01 0:00 UTC);
    let d = code(percent(10).with_window(Some(from), None).unwrap());
    assert_eq!(apply(&d, 1_000), Err(DiscountRefusal::NotYetValid { from }));
}

#[test]
fn a_code_is_refused_once_its_window_closes() {
    let until = NOW;
    let d = code(percent(10).with_window(None, Some(until)).unwrap());
    assert_eq!(apply(&d, 1_000), Err(DiscountRefusal::Expired { until }));
    let open = code(
        percent(10)
            .with_window(Some(NOW), Some(NOW + time::Duration::SECOND))
            .unwrap(),
    );
    assert!(apply(&open, 1_000).is_ok());
}

#[test]
fn a_used_up_code_is_refused() {
    let mut d = code(percent(10).with_usage_limit(Some(3)).unwrap());
    d.used_count = 2;
    assert!(apply(&d, 1_000).is_ok());
    d.used_count = 3;
    assert_eq!(apply(&d, 1_000), Err(DiscountRefusal::UsageLimitReached));
}

#[test]
fn a_code_is_refused_below_its_minimum_order() {
    let d = code(percent(10).with_min_order(money(5_000)));
    assert_eq!(
        apply(&d, 4_999),
        Err(DiscountRefusal::BelowMinimum { min: money(5_000) })
    );
    assert_eq!(apply(&d, 5_000), Ok(money(500)));
}

#[test]
fn a_code_for_other_plans_or_a_test_plan_is_refused() {
    let d = code(percent(10).with_plans([PlanId::new(2), PlanId::new(3)].into()));
    assert_eq!(apply(&d, 1_000), Err(DiscountRefusal::NotForThisPlan));
    assert!(d.apply(on(2, false, 1_000), NOW, 0).is_ok());
    assert!(d.apply(on(3, false, 1_000), NOW, 0).is_ok());
    let any = code(percent(10));
    assert!(
        any.apply(on(42, false, 1_000), NOW, 0).is_ok(),
        "no plans: every paid plan"
    );
    assert_eq!(any.apply(on(1, true, 0), NOW, 0), Err(DiscountRefusal::NotForThisPlan));
}

#[test]
fn statuses_round_trip_their_stored_names() {
    for s in [DiscountStatus::Active, DiscountStatus::Disabled] {
        assert_eq!(DiscountStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(DiscountStatus::parse("x"), None);
}
