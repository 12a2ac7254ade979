//! Fuzz harnesses for the parsers of untrusted input the app wires together: update decoding
//! (polling and webhook bodies), callback data, amounts, panel URLs, discount and tracking
//! codes, database URL masking, and payment provider callbacks (webhook bodies and queries). Each runs as a bounded property test on stable inside
//! `cargo test` (a few hundred random cases) and replays its committed seed corpus in
//! `tests/fuzz-corpus/<target>.txt` (one input per line; a crash found later becomes a line
//! there). The property: no panic, and where it applies, a stated invariant.

use std::path::Path;

use kernel::{Currency, Money, Secret, TrackingCode};
use moonvpn::config::mask_database_url;
use proptest::prelude::*;
use telegram::{CallbackCodec, CallbackKey};
use telegram_state::ChatKey;

/// The seed inputs of `target`, one per line (escapes `\n` for newlines).
fn corpus(target: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(format!("{target}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().map(|l| l.replace("\\n", "\n")).collect()
}

fn update_body(input: &str) {
    if let Ok(raw) = serde_json::from_str::<serde_json::Value>(input) {
        let _ = telegram::intake::decode(raw);
    }
}

fn callback(input: &str) {
    let codec = CallbackCodec::new(CallbackKey::derive(&Secret::new("fuzz-secret-key-fuzz-secret-key-0")));
    let _ = codec.decode(ChatKey::new(42), input);
}

fn amount(input: &str) {
    for currency in [Currency::from_code("IRT").unwrap(), Currency::from_code("USD").unwrap()] {
        if let Ok(money) = Money::parse(input, currency) {
            assert!(money.minor() >= 0, "{input:?} parsed to a negative amount {money:?}");
        }
    }
}

fn panel_url(input: &str) {
    if let Ok(url) = inventory::PanelUrl::new(input) {
        assert!(url.as_str().len() <= inventory::PanelUrl::MAX_LEN);
        assert_eq!(
            inventory::PanelUrl::new(url.as_str())
                .map(|u| u.as_str().to_owned())
                .ok()
                .as_deref(),
            Some(url.as_str()),
            "normalising is idempotent"
        );
    }
}

fn codes(input: &str) {
    let _ = orders::DiscountCode::parse(input);
    if let Ok(code) = TrackingCode::parse(input) {
        assert_eq!(TrackingCode::parse(&code.to_string()).ok(), Some(code));
    }
}

/// Every HTTP payment provider, enabled with test credentials.
fn gateways() -> &'static payments::Gateways {
    static GATEWAYS: std::sync::OnceLock<payments::Gateways> = std::sync::OnceLock::new();
    GATEWAYS.get_or_init(|| {
        use figment::providers::Format as _;
        let config: gateways::PaymentsConfig = figment::Figment::from(figment::providers::Toml::string(
            r#"
            [robokassa]
            enabled = true
            merchant_login = "moon_shop"
            password1 = "fuzz-password-one"
            password2 = "fuzz-password-two"
            currency = "RUB"
            rate = { shop = 1000, provider = 1 }
            [freekassa]
            enabled = true
            merchant_id = "14963"
            secret_word_1 = "fuzz-secret-one"
            secret_word_2 = "fuzz-secret-two"
            currency = "RUB"
            rate = { shop = 1000, provider = 1 }
            "#,
        ))
        .extract()
        .expect("payments section");
        gateways::build(&config).expect("gateways")
    })
}

/// A callback with `input` as its body and as its query string, `POST` and `GET`, to every
/// provider: never a panic, and never a verified payment (no input here carries a valid
/// signature made with the test secrets).
fn webhook(input: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    for provider in [payments::Provider::Robokassa, payments::Provider::FreeKassa] {
        let gateway = gateways().get(&provider).expect("enabled");
        for (method, query, body) in [("POST", "", input), ("GET", input, "")] {
            let call = payments::CallbackRequest {
                method: method.to_owned(),
                query: query.to_owned(),
                headers: vec![(
                    "content-type".to_owned(),
                    "application/x-www-form-urlencoded".to_owned(),
                )],
                body: body.as_bytes().to_vec(),
                remote_ip: None,
            };
            let verified = runtime.block_on(gateway.verify(&call));
            assert!(
                verified.is_err(),
                "{provider:?} verified a forged callback {input:?}: {verified:?}"
            );
        }
    }
}

fn database_url(password: &str, input: &str) {
    let _ = mask_database_url(input);
    if password.len() >= 4 && !password.contains(['@', '/', '?', '&', '#']) {
        for url in [
            format!("postgres://moon:{password}@db:5432/x"),
            format!("postgres://moon@db/x?sslmode=require&password={password}"),
            format!("mysql://root:{password}@db/x?sslpassword={password}"),
        ] {
            let masked = mask_database_url(&url);
            assert!(
                !masked.contains(password)
                    || "moon root db 5432 x postgres mysql sslmode require password sslpassword".contains(password),
                "{url} → {masked}"
            );
        }
    }
}

#[test]
fn the_seed_corpus_replays_without_a_panic() {
    for input in corpus("update_body") {
        update_body(&input);
    }
    for input in corpus("callback") {
        callback(&input);
    }
    for input in corpus("amount") {
        amount(&input);
    }
    for input in corpus("panel_url") {
        panel_url(&input);
    }
    for input in corpus("codes") {
        codes(&input);
    }
    for input in corpus("database_url") {
        database_url("s3cr3t-pass", &input);
    }
    for input in corpus("webhook") {
        webhook(&input);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn update_bodies_never_panic(input in "\\PC{0,300}") {
        update_body(&input);
    }

    #[test]
    fn update_shaped_json_never_panics(id in any::<i64>(), chat in any::<i64>(), kind in "(message|edited_message|callback_query|my_chat_member|pre_checkout_query|poll)", text in "\\PC{0,40}") {
        update_body(&format!(r#"{{"update_id":{id},"{kind}":{{"id":"q","chat":{{"id":{chat},"type":"private"}},"from":{{"id":{chat},"is_bot":false,"first_name":"x"}},"date":1,"message_id":1,"text":{text:?},"data":{text:?}}}}}"#));
    }

    #[test]
    fn callback_data_never_panics(input in "\\PC{0,80}") {
        callback(&input);
    }

    #[test]
    fn amounts_never_panic(input in "[-+0-9.,٠-٩۰-۹ a-zA-Z]{0,30}") {
        amount(&input);
    }

    #[test]
    fn panel_urls_never_panic_and_normalise_once(input in "(https?://)?[a-zA-Z0-9.:/@%?#\\[\\]-]{0,60}") {
        panel_url(&input);
    }

    #[test]
    fn codes_never_panic(input in "\\PC{0,30}") {
        codes(&input);
    }

    #[test]
    fn database_url_masking_never_shows_the_password(password in "[A-Za-z0-9!$%^*()_+=~-]{4,24}", input in "\\PC{0,80}") {
        database_url(&password, &input);
    }

    #[test]
    fn webhook_bodies_never_panic_and_never_verify(input in "\\PC{0,200}") {
        webhook(&input);
    }

    #[test]
    fn form_shaped_webhooks_never_panic_and_never_verify(
        out_sum in "[0-9.,-]{0,12}",
        inv_id in "[0-9a-z-]{0,12}",
        signature in "[0-9A-Fa-f]{0,64}",
        extra in "(&[A-Za-z_]{1,10}=[^&]{0,10}){0,4}",
    ) {
        webhook(&format!("OutSum={out_sum}&InvId={inv_id}&SignatureValue={signature}&MERCHANT_ID=14963&AMOUNT={out_sum}&MERCHANT_ORDER_ID={inv_id}&SIGN={signature}{extra}"));
    }
}
