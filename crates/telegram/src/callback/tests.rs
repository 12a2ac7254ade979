//! Callback data: round trips, size, forgery and staleness.

use kernel::{ClientAccountId, PlanId, Secret};
use members::Language;
use telegram_state::ChatKey;

use super::*;

const CHAT: ChatKey = ChatKey::new(123_456_789);

fn codec() -> CallbackCodec {
    CallbackCodec::new(CallbackKey::derive(&Secret::new("test-secret-key-test-secret-key-0")))
}

fn every_action() -> Vec<Action> {
    vec![
        Action::Menu,
        Action::Plans,
        Action::Plan(PlanId::new(i64::MAX)),
        Action::Services,
        Action::Service(ClientAccountId::new(i64::MAX)),
        Action::Wallet,
        Action::TopUp,
        Action::FreeTest,
        Action::Help,
        Action::Languages,
        Action::SetLanguage(Language::Fa),
        Action::Cancel,
    ]
}

#[test]
fn every_action_round_trips_within_64_bytes() {
    let codec = codec();
    for action in every_action() {
        let data = codec.encode(ChatKey::new(-1_009_999_999_999), &action).unwrap();
        assert!(data.len() <= 64, "{action:?} encodes to {} bytes", data.len());
        assert!(data.starts_with("v1:"));
        assert_eq!(codec.decode(ChatKey::new(-1_009_999_999_999), &data).unwrap(), action);
    }
}

#[test]
fn data_is_compact_and_readable() {
    let data = codec().encode(CHAT, &Action::Plan(PlanId::new(42))).unwrap();
    assert!(data.starts_with("v1:pl:42:"), "{data}");
    assert_eq!(data.len(), "v1:pl:42:".len() + 8);
}

#[test]
fn a_changed_id_is_refused_as_forged() {
    let codec = codec();
    let data = codec.encode(CHAT, &Action::Service(ClientAccountId::new(7))).unwrap();
    let forged = data.replacen(":7:", ":8:", 1);
    assert_eq!(codec.decode(CHAT, &forged), Err(CallbackError::Signature));
}

#[test]
fn a_button_from_another_chat_is_refused() {
    let codec = codec();
    let data = codec.encode(CHAT, &Action::Wallet).unwrap();
    assert_eq!(codec.decode(ChatKey::new(999), &data), Err(CallbackError::Signature));
}

#[test]
fn a_button_signed_with_another_key_is_refused() {
    let other = CallbackCodec::new(CallbackKey::derive(&Secret::new("another-secret-key-another-secret")));
    let data = other.encode(CHAT, &Action::Menu).unwrap();
    assert_eq!(codec().decode(CHAT, &data), Err(CallbackError::Signature));
}

#[test]
fn old_or_foreign_formats_are_stale() {
    let codec = codec();
    for data in ["buy:1m", "v0:m:abc", "", "v2:m:xxxxxxxx", "v1", &"v1:".repeat(30)] {
        assert!(codec.decode(CHAT, data).is_err(), "{data:?} must be refused");
    }
    assert_eq!(codec.decode(CHAT, "buy:1m"), Err(CallbackError::Version));
}

#[test]
fn a_signed_but_unknown_action_is_refused() {
    let key = CallbackKey::derive(&Secret::new("test-secret-key-test-secret-key-0"));
    let body = "v1:zz:1";
    let data = format!("{body}:{}", key.tag(CHAT, body));
    assert_eq!(
        codec().decode(CHAT, &data),
        Err(CallbackError::UnknownAction("zz".into()))
    );
    let body = "v1:pl:-5";
    let data = format!("{body}:{}", key.tag(CHAT, body));
    assert_eq!(codec().decode(CHAT, &data), Err(CallbackError::Arguments("pl".into())));
}

#[test]
fn the_key_never_prints() {
    let key = CallbackKey::derive(&Secret::new("test-secret-key-test-secret-key-0"));
    assert_eq!(format!("{key:?} {:?}", codec()), "CallbackKey(***) CallbackCodec(***)");
}

proptest::proptest! {
    #[test]
    fn decoding_anything_never_panics(data in "\\PC{0,80}", chat in proptest::num::i64::ANY) {
        let _ = codec().decode(ChatKey::new(chat), &data);
    }

    #[test]
    fn ids_round_trip_for_any_chat(id in 0i64..=i64::MAX, chat in proptest::num::i64::ANY) {
        let codec = codec();
        let action = Action::Plan(PlanId::new(id));
        let data = codec.encode(ChatKey::new(chat), &action).unwrap();
        proptest::prop_assert!(data.len() <= 64);
        proptest::prop_assert_eq!(codec.decode(ChatKey::new(chat), &data).unwrap(), action);
    }
}
