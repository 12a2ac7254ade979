//! Callback data: round trips, size, forgery and staleness.

use kernel::{ClientAccountId, LocationId, OrderId, PlanId, Secret};
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
        Action::Settings,
        Action::ToggleReminder(notify::ReminderKind::LowBalance),
        Action::Cancel,
        Action::Location(LocationId::new(i64::MAX)),
        Action::Buy(PlanId::new(i64::MAX), LocationId::new(i64::MAX)),
        Action::Order(OrderId::new(i64::MAX)),
        Action::Pay(OrderId::new(i64::MAX)),
        Action::Discount(OrderId::new(i64::MAX)),
        Action::Renew(ClientAccountId::new(i64::MAX)),
        Action::RenewWith(ClientAccountId::new(i64::MAX), PlanId::new(i64::MAX)),
        Action::NewLink(ClientAccountId::new(i64::MAX)),
        Action::NewLinkConfirmed(ClientAccountId::new(i64::MAX)),
        Action::Move(ClientAccountId::new(i64::MAX)),
        Action::MoveTo(ClientAccountId::new(i64::MAX), LocationId::new(i64::MAX)),
        Action::MoveConfirmed(ClientAccountId::new(i64::MAX), LocationId::new(i64::MAX)),
        Action::Qr(ClientAccountId::new(i64::MAX)),
        Action::ClaimTest(PlanId::new(i64::MAX), LocationId::new(i64::MAX)),
        Action::History(u32::MAX),
    ]
}

#[test]
fn every_code_is_distinct() {
    let codes: std::collections::BTreeSet<_> = every_action().iter().map(Action::code).collect();
    assert_eq!(codes.len(), every_action().len());
}

#[test]
fn only_payments_and_panel_changes_answer_early() {
    let early: Vec<_> = every_action().into_iter().filter(Action::answers_early).collect();
    assert_eq!(
        early.iter().map(Action::code).collect::<Vec<_>>(),
        ["py", "nk", "mc", "tc"]
    );
}

#[test]
fn two_ids_must_both_be_there() {
    let key = CallbackKey::derive(&Secret::new("test-secret-key-test-secret-key-0"));
    for body in ["v1:pb:1", "v1:pb:1:2:3", "v1:mc:1:x", "v1:wh:99999999999"] {
        let data = format!("{body}:{}", key.tag(CHAT, body));
        assert!(
            matches!(codec().decode(CHAT, &data), Err(CallbackError::Arguments(_))),
            "{body}"
        );
    }
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
fn every_reminder_toggle_round_trips_and_an_unknown_kind_is_refused() {
    let codec = codec();
    for kind in notify::ReminderKind::ALL {
        let data = codec.encode(CHAT, &Action::ToggleReminder(kind)).unwrap();
        assert!(data.starts_with(&format!("v1:sm:{}:", kind.as_str())), "{data}");
        assert_eq!(codec.decode(CHAT, &data).unwrap(), Action::ToggleReminder(kind));
    }
    let key = CallbackKey::derive(&Secret::new("test-secret-key-test-secret-key-0"));
    for body in ["v1:sm:everything", "v1:sm", "v1:st:1"] {
        let data = format!("{body}:{}", key.tag(CHAT, body));
        assert!(
            matches!(codec.decode(CHAT, &data), Err(CallbackError::Arguments(_))),
            "{body}"
        );
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

    #[test]
    fn two_ids_round_trip_for_any_chat(a in 0i64..=i64::MAX, b in 0i64..=i64::MAX, chat in proptest::num::i64::ANY) {
        let codec = codec();
        let action = Action::MoveConfirmed(ClientAccountId::new(a), LocationId::new(b));
        let data = codec.encode(ChatKey::new(chat), &action).unwrap();
        proptest::prop_assert!(data.len() <= 64);
        proptest::prop_assert_eq!(codec.decode(ChatKey::new(chat), &data).unwrap(), action);
    }
}

#[test]
fn a_forged_button_with_a_guessed_tag_is_refused() {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use kernel::{DerivedKey, KeyPurpose};
    use sha2::Digest as _;

    let secret = Secret::new("test-secret-key-test-secret-key-0");
    let codec = codec();
    let body = "v1:sv:8";
    let tag_with = |key: &[u8]| {
        let mac = signing::hmac_sha256(key, format!("{CHAT}|{body}").as_bytes());
        URL_SAFE_NO_PAD.encode(&mac[..6])
    };
    // What an attacker could compute: a key guessed wrong, the secret used directly, the
    // old label-and-hash derivation, the key of another purpose, or a tag seen on another button.
    let old_derivation: [u8; 32] = sha2::Sha256::new()
        .chain_update(b"moonvpn/telegram/callback/v1\0")
        .chain_update(secret.expose().as_bytes())
        .finalize()
        .into();
    let seen = codec.encode(CHAT, &Action::Service(ClientAccountId::new(7))).unwrap();
    let mut guesses = vec![
        tag_with(b"test-secret-key-test-secret-key-1"),
        tag_with(secret.expose().as_bytes()),
        tag_with(&old_derivation),
        tag_with(DerivedKey::derive(&secret, KeyPurpose::SecretsAtRest).bytes()),
        tag_with(DerivedKey::derive(&secret, KeyPurpose::WebhookPath).bytes()),
        seen.rsplit(':').next().unwrap().to_owned(),
        "AAAAAAAA".to_owned(),
    ];
    guesses.extend((0u32..2_000).map(|n| URL_SAFE_NO_PAD.encode(&u64::from(n).to_le_bytes()[..6])));
    for tag in guesses {
        let forged = format!("{body}:{tag}");
        assert_eq!(codec.decode(CHAT, &forged), Err(CallbackError::Signature), "{forged}");
    }
    let genuine = codec.encode(CHAT, &Action::Service(ClientAccountId::new(8))).unwrap();
    assert_eq!(
        codec.decode(CHAT, &genuine),
        Ok(Action::Service(ClientAccountId::new(8)))
    );
}
