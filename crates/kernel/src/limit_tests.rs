use super::*;

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Doc {
    #[serde(with = "limit_as_bytes")]
    limit: ByteLimit,
}

#[test]
fn a_stored_document_keeps_zero_for_unlimited_both_ways() {
    let unlimited = Doc {
        limit: ByteLimit::Unlimited,
    };
    assert_eq!(serde_json::to_string(&unlimited).unwrap(), r#"{"limit":0}"#);
    assert_eq!(serde_json::from_str::<Doc>(r#"{"limit":0}"#).unwrap(), unlimited);
    let five = Doc {
        limit: ByteLimit::upto(5).unwrap(),
    };
    assert_eq!(serde_json::to_string(&five).unwrap(), r#"{"limit":5}"#);
    assert_eq!(serde_json::from_str::<Doc>(r#"{"limit":5}"#).unwrap(), five);
    assert!(serde_json::from_str::<Doc>(r#"{"limit":-1}"#).is_err());
}

#[test]
fn zero_is_not_an_amount() {
    assert_eq!(ByteLimit::upto(0), None);
    assert_eq!(CountLimit::upto(0), None);
    assert_eq!(ByteLimit::upto(5).and_then(ByteLimit::amount), Some(5));
    assert_eq!(CountLimit::upto(u32::MAX).and_then(CountLimit::amount), Some(u32::MAX));
    assert_eq!(ByteLimit::Unlimited.amount(), None);
    assert!(ByteLimit::Unlimited.is_unlimited());
    assert!(!ByteLimit::upto(1).unwrap().is_unlimited());
}

#[test]
fn a_limit_allows_up_to_and_including_its_amount() {
    let three = CountLimit::upto(3).unwrap();
    assert!(three.allows(0));
    assert!(three.allows(3));
    assert!(!three.allows(4));
    assert!(CountLimit::Unlimited.allows(u32::MAX));
}

#[test]
fn there_is_room_for_one_more_only_below_the_amount() {
    let three = CountLimit::upto(3).unwrap();
    assert!(three.has_room(2));
    assert!(!three.has_room(3));
    assert!(!three.has_room(u32::MAX));
    assert!(CountLimit::Unlimited.has_room(u32::MAX));
}

#[test]
fn what_remains_never_goes_below_zero_and_unlimited_has_no_remainder() {
    let hundred = ByteLimit::upto(100).unwrap();
    assert_eq!(hundred.remaining(30), Some(70));
    assert_eq!(hundred.remaining(100), Some(0));
    assert_eq!(hundred.remaining(u64::MAX), Some(0));
    assert_eq!(ByteLimit::Unlimited.remaining(u64::MAX), None);
}

#[test]
fn raising_a_limit_saturates_and_unlimited_stays_unlimited() {
    assert_eq!(
        ByteLimit::upto(100).unwrap().saturating_add(5),
        ByteLimit::upto(105).unwrap()
    );
    assert_eq!(
        ByteLimit::upto(u64::MAX - 1).unwrap().saturating_add(9),
        ByteLimit::upto(u64::MAX).unwrap()
    );
    assert_eq!(ByteLimit::Unlimited.saturating_add(9), ByteLimit::Unlimited);
}

#[test]
fn a_limit_is_raised_to_a_floor_only_when_below_it() {
    let hundred = ByteLimit::upto(100).unwrap();
    assert_eq!(hundred.at_least(130), ByteLimit::upto(130).unwrap());
    assert_eq!(hundred.at_least(30), hundred);
    assert_eq!(hundred.at_least(0), hundred);
    assert_eq!(ByteLimit::Unlimited.at_least(130), ByteLimit::Unlimited);
}

#[test]
fn any_amount_is_below_unlimited() {
    let one = CountLimit::upto(1).unwrap();
    let max = CountLimit::upto(u32::MAX).unwrap();
    assert!(one < max);
    assert!(max < CountLimit::Unlimited);
    assert_eq!(one.max(CountLimit::Unlimited), CountLimit::Unlimited);
}

#[test]
fn it_prints_the_amount_or_unlimited() {
    assert_eq!(CountLimit::upto(2).unwrap().to_string(), "2");
    assert_eq!(ByteLimit::Unlimited.to_string(), "unlimited");
}
