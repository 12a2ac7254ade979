//! Unit tests of `plan.rs`.

use super::*;

fn money(minor: i64) -> Money {
    Money::from_minor(minor).unwrap()
}

fn plan(kind: PlanKind) -> Plan {
    Plan {
        id: PlanId::new(1),
        name: PlanName::parse("Gold").unwrap(),
        description: None,
        kind,
        locations: [LocationId::new(5)].into(),
        is_test: false,
        renewal: RenewalRule::AddToRemaining,
        ip_limit: CountLimit::upto(2).unwrap(),
        active: true,
    }
}

fn gb(n: u64) -> ByteLimit {
    ByteLimit::upto(n * BYTES_PER_GB).unwrap()
}

fn dynamic() -> PlanKind {
    PlanKind::Dynamic(DynamicTerms::new(money(1_000), money(200), (10, 100), (7, 90)).unwrap())
}

#[test]
fn a_fixed_plan_quotes_its_package_whatever_is_selected() {
    let p = plan(PlanKind::Fixed(FixedTerms::new(gb(50), 30, money(90_000)).unwrap()));
    let q = p.quote(Some(Selection { gb: 1, days: 1 })).unwrap();
    assert_eq!(
        q,
        Quote {
            volume_bytes: gb(50),
            duration_days: 30,
            price: money(90_000)
        }
    );
}

#[test]
fn a_dynamic_plan_charges_per_gigabyte_and_per_day() {
    let q = plan(dynamic()).quote(Some(Selection { gb: 20, days: 30 })).unwrap();
    assert_eq!(q.price, money(20 * 1_000 + 30 * 200));
    assert_eq!(q.volume_bytes, gb(20));
    assert_eq!(q.duration_days, 30);
}

#[test]
fn a_dynamic_plan_needs_a_selection_inside_its_ranges() {
    let p = plan(dynamic());
    assert_eq!(p.quote(None), Err(PlanError::SelectionRequired));
    assert_eq!(
        p.quote(Some(Selection { gb: 9, days: 30 })),
        Err(PlanError::VolumeOutOfRange { min: 10, max: 100 })
    );
    assert_eq!(
        p.quote(Some(Selection { gb: 101, days: 30 })),
        Err(PlanError::VolumeOutOfRange { min: 10, max: 100 })
    );
    assert_eq!(
        p.quote(Some(Selection { gb: 10, days: 91 })),
        Err(PlanError::DaysOutOfRange { min: 7, max: 90 })
    );
    assert!(p.quote(Some(Selection { gb: 100, days: 7 })).is_ok());
}

#[test]
fn a_price_too_large_to_hold_is_refused() {
    let p = plan(PlanKind::Dynamic(
        DynamicTerms::new(money(i64::MAX / 2), money(0), (1, 10), (1, 10)).unwrap(),
    ));
    assert_eq!(
        p.quote(Some(Selection { gb: 3, days: 1 })),
        Err(PlanError::PriceTooLarge)
    );
}

#[test]
fn a_test_plan_is_free() {
    let mut p = plan(PlanKind::Fixed(FixedTerms::new(gb(1), 1, money(5_000)).unwrap()));
    p.is_test = true;
    assert_eq!(p.quote(None).unwrap().price, Money::ZERO);
}

#[test]
fn bad_plan_definitions_are_refused() {
    assert_eq!(
        FixedTerms::new(ByteLimit::Unlimited, 0, money(1)),
        Err(PlanError::BadDuration(0))
    );
    assert_eq!(
        FixedTerms::new(ByteLimit::Unlimited, MAX_DAYS + 1, money(1)),
        Err(PlanError::BadDuration(MAX_DAYS + 1))
    );
    assert!(DynamicTerms::new(money(1), money(1), (0, 5), (1, 2)).is_err());
    assert!(DynamicTerms::new(money(1), money(1), (6, 5), (1, 2)).is_err());
    assert!(DynamicTerms::new(money(1), money(1), (1, 5), (3, 2)).is_err());
    assert!(DynamicTerms::new(money(1), money(1), (1, 5), (1, MAX_DAYS + 1)).is_err());
    assert_eq!(PlanName::parse("  "), Err(PlanError::BadName));
    assert_eq!(PlanName::parse(&"x".repeat(65)), Err(PlanError::BadName));
    assert_eq!(PlanName::parse(" Gold ").unwrap().as_str(), "Gold");
}

#[test]
fn a_plan_is_sold_only_where_listed() {
    let mut p = plan(dynamic());
    assert!(p.sold_at(LocationId::new(5)));
    assert!(!p.sold_at(LocationId::new(6)));
    p.locations.clear();
    assert!(!p.sold_at(LocationId::new(5)));
}

#[test]
fn renewal_rules_round_trip_their_stored_names() {
    for r in [RenewalRule::AddToRemaining, RenewalRule::RestartFromNow] {
        assert_eq!(RenewalRule::parse(r.as_str()), Some(r));
    }
    assert_eq!(RenewalRule::parse("other"), None);
}
