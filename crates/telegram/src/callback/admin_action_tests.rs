//! Unit tests of `admin_action.rs`.

use std::collections::BTreeSet;

use super::*;

#[test]
fn every_admin_action_round_trips_through_its_wire_form() {
    let big = i64::MAX;
    for action in AdminAction::samples(UserId::new(big), PanelId::new(big)) {
        let wire = action.to_wire();
        let mut parts = wire.split(':');
        let code = parts.next().unwrap();
        assert!(code.starts_with('a'), "{code} is outside the admin prefix");
        let args: Vec<&str> = parts.collect();
        assert_eq!(AdminAction::from_wire(code, &args).unwrap(), action, "{wire}");
    }
}

#[test]
fn the_samples_cover_every_code_and_codes_are_unique() {
    let sampled: BTreeSet<&str> = AdminAction::samples(UserId::new(1), PanelId::new(1))
        .iter()
        .map(AdminAction::code)
        .collect();
    let all: BTreeSet<&str> = AdminAction::CODES.into_iter().collect();
    assert_eq!(all.len(), AdminAction::CODES.len(), "duplicate code");
    assert_eq!(sampled, all);
}

#[test]
fn every_admin_button_fits_in_64_bytes_and_decodes_back_as_an_admin_action() {
    let key = kernel::Secret::new("test-secret-key-test-secret-key-0");
    let codec = super::super::CallbackCodec::new(super::super::CallbackKey::derive(&key));
    let chat = telegram_state::ChatKey::new(-1_000_000_000_000);
    for action in AdminAction::samples(UserId::new(i64::MAX), PanelId::new(i64::MAX)) {
        let data = codec.encode(chat, &super::super::Action::Admin(action)).unwrap();
        assert!(data.len() <= 64, "{data}");
        assert_eq!(codec.decode(chat, &data).unwrap(), super::super::Action::Admin(action));
    }
}

#[test]
fn malformed_admin_arguments_are_refused() {
    for (code, args) in [
        ("a", vec!["1"]),
        ("apv", vec![]),
        ("apv", vec!["-1"]),
        ("auv", vec!["x"]),
        ("aur", vec!["1"]),
        ("aur", vec!["1", "superadmin"]),
        ("aur", vec!["1", "king"]),
    ] {
        assert!(AdminAction::from_wire(code, &args).is_err(), "{code} {args:?}");
    }
    assert!(matches!(
        AdminAction::from_wire("azz", &[]),
        Err(CallbackError::UnknownAction(_))
    ));
}
