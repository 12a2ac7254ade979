//! Loading the configuration: defaults, `moonvpn.toml`, `MOONVPN_*` variables, and the one-line
//! errors an operator sees when something is missing or wrong.
#![allow(
    clippy::result_large_err,
    reason = "figment::Jail closures must return figment's own (large) error type"
)]

use std::path::Path;
use std::time::Duration;

use figment::Jail;
use moonvpn::config::{self, Config, ConfigError, Language, TelegramMode};

const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const KEY: &str = "0123456789abcdef0123456789abcdef";

/// Sets the three keys a fresh install needs, through the environment.
fn minimal_env(jail: &mut Jail) {
    jail.clear_env();
    jail.set_env("MOONVPN_TELEGRAM__TOKEN", TOKEN);
    jail.set_env("MOONVPN_ADMINS__SUPERADMINS", "[42]");
    jail.set_env("MOONVPN_SECURITY__SECRET_KEY", KEY);
}

fn load() -> Result<Config, ConfigError> {
    config::load(None)
}

fn load_err() -> String {
    let message = match load() {
        Ok(config) => panic!("expected a config error, got {config:?}"),
        Err(e) => e.to_string(),
    };
    assert!(!message.contains('\n'), "error is not one line: {message:?}");
    assert!(message.starts_with("config error: "), "{message}");
    message
}

#[test]
fn token_admin_and_key_are_enough_and_everything_else_has_a_default() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        let config = load().expect("valid");
        assert_eq!(config.telegram().token().expose(), TOKEN);
        assert_eq!(config.telegram().api_url(), "https://api.telegram.org");
        assert_eq!(config.telegram().mode(), TelegramMode::Polling);
        assert_eq!(config.database_url().expose(), "sqlite://moonvpn.db?mode=rwc");
        assert_eq!(
            config.superadmins().iter().map(|id| id.get()).collect::<Vec<_>>(),
            vec![42]
        );
        assert_eq!(config.http_listen().to_string(), "127.0.0.1:8080");
        assert_eq!(config.currency().code(), "IRT");
        assert_eq!(config.default_language(), Language::Fa, "Persian for a shop in Toman");
        assert_eq!(config.support_contact(), None);
        assert_eq!(config.receipt_ttl(), Duration::from_secs(30 * 60));
        Ok(())
    });
}

#[test]
fn missing_token_stops_with_one_line_naming_the_key() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.set_env("MOONVPN_TELEGRAM__TOKEN", "");
        assert_eq!(
            load_err(),
            "config error: telegram.token is missing (set it in moonvpn.toml or MOONVPN_TELEGRAM__TOKEN)"
        );
        Ok(())
    });
}

#[test]
fn missing_superadmins_and_secret_key_are_named() {
    Jail::expect_with(|jail| {
        jail.clear_env();
        jail.set_env("MOONVPN_TELEGRAM__TOKEN", TOKEN);
        assert_eq!(
            load_err(),
            "config error: admins.superadmins is missing (set it in moonvpn.toml or MOONVPN_ADMINS__SUPERADMINS)"
        );
        jail.set_env("MOONVPN_ADMINS__SUPERADMINS", "42");
        assert_eq!(
            load_err(),
            "config error: security.secret_key is missing (set it in moonvpn.toml or MOONVPN_SECURITY__SECRET_KEY)"
        );
        Ok(())
    });
}

#[test]
fn the_file_is_read_and_the_environment_overrides_it_with_double_underscores() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.create_file(
            "moonvpn.toml",
            r#"
                currency = "USD"
                default_language = "fa"

                [telegram]
                mode = "polling"

                [database]
                url = "sqlite://from-file.db?mode=rwc"

                [support]
                contact = "@moon_support"

                [receipts]
                ttl_minutes = 45
                min_amount = 5
                max_amount = 500
                presets = [10, 50]
                audit_channel = -1001234567890
            "#,
        )?;
        jail.set_env("MOONVPN_TELEGRAM__MODE", "webhook");
        jail.set_env("MOONVPN_TELEGRAM__WEBHOOK_URL", "https://bot.example.com/");
        jail.set_env("MOONVPN_TELEGRAM__WEBHOOK_SECRET", "0123456789abcdef_XYZ");
        jail.set_env("MOONVPN_DATABASE__URL", "postgres://moon:pw@127.0.0.1:5432/moonvpn");
        let config = load().expect("valid");
        assert_eq!(config.telegram().mode(), TelegramMode::Webhook);
        let endpoint = config
            .telegram()
            .webhook_endpoint()
            .expect("webhook mode has an endpoint");
        assert!(endpoint.starts_with("https://bot.example.com/telegram/"), "{endpoint}");
        assert!(!endpoint.contains("AAH"), "the token is not in the URL: {endpoint}");
        assert_eq!(
            config.database_url().expose(),
            "postgres://moon:pw@127.0.0.1:5432/moonvpn"
        );
        assert_eq!(config.currency().code(), "USD");
        assert_eq!(config.default_language(), Language::Fa);
        assert_eq!(config.support_contact().map(|c| c.as_str()), Some("@moon_support"));
        assert_eq!(config.receipt_ttl(), Duration::from_secs(45 * 60));
        let receipts = config.receipts();
        let cents = |minor| kernel::Money::from_minor(minor).unwrap();
        assert_eq!(
            (receipts.min_amount, receipts.max_amount),
            (cents(500), cents(50_000)),
            "whole dollars become cents"
        );
        assert_eq!(receipts.presets, vec![cents(1_000), cents(5_000)]);
        assert_eq!(receipts.audit_channel, Some(-1_001_234_567_890));
        Ok(())
    });
}

#[test]
fn numeric_looking_secrets_and_contacts_stay_strings() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        let digits_key = "00000000001234567890123456789012345678901234567890";
        jail.set_env("MOONVPN_SECURITY__SECRET_KEY", digits_key);
        jail.set_env("MOONVPN_TELEGRAM__TOKEN", "123456:0012");
        jail.set_env("MOONVPN_SUPPORT__CONTACT", "+989121234567");
        let config = load().expect("valid");
        assert_eq!(config.secret_key().expose(), digits_key);
        assert_eq!(config.telegram().token().expose(), "123456:0012");
        assert_eq!(config.support_contact().map(|c| c.as_str()), Some("+989121234567"));
        Ok(())
    });
}

#[test]
fn a_single_admin_id_or_a_list_is_accepted() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.set_env("MOONVPN_ADMINS__SUPERADMINS", "7");
        let ids: Vec<i64> = load().expect("valid").superadmins().iter().map(|id| id.get()).collect();
        assert_eq!(ids, vec![7]);
        jail.set_env("MOONVPN_ADMINS__SUPERADMINS", "[7, 8, 7]");
        let ids: Vec<i64> = load().expect("valid").superadmins().iter().map(|id| id.get()).collect();
        assert_eq!(ids, vec![7, 8]);
        Ok(())
    });
}

#[test]
fn a_zero_or_negative_admin_id_is_refused() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.set_env("MOONVPN_ADMINS__SUPERADMINS", "[0]");
        assert!(load_err().starts_with("config error: admins.superadmins is invalid"));
        jail.set_env("MOONVPN_ADMINS__SUPERADMINS", "[-100123]");
        assert!(load_err().starts_with("config error: admins.superadmins is invalid"));
        jail.set_env("MOONVPN_ADMINS__SUPERADMINS", "me");
        let message = load_err();
        assert!(
            message.contains("admins.superadmins must be a Telegram id or a list"),
            "{message}"
        );
        Ok(())
    });
}

#[test]
fn unknown_keys_in_the_file_or_environment_are_refused() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.create_file("moonvpn.toml", "[telegram]\ntokn = \"x\"\n")?;
        let message = load_err();
        assert!(
            message.starts_with("config error: unknown key telegram.tokn in "),
            "{message}"
        );
        assert!(message.contains("moonvpn.toml"), "{message}");

        jail.create_file("moonvpn.toml", "")?;
        jail.set_env("MOONVPN_DATABASE__URI", "sqlite::memory:");
        assert_eq!(
            load_err(),
            "config error: unknown key database.uri in environment variable MOONVPN_DATABASE__URI"
        );
        Ok(())
    });
}

#[test]
fn config_path_and_test_switches_in_the_environment_are_not_config_keys() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.set_env("MOONVPN_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test");
        jail.set_env("MOONVPN_TEST_REQUIRE_BACKENDS", "1");
        jail.create_file("other.toml", "currency = \"EUR\"\n")?;
        jail.set_env("MOONVPN_CONFIG", "other.toml");
        assert_eq!(load().expect("valid").currency().code(), "EUR");
        Ok(())
    });
}

#[test]
fn a_bad_currency_is_refused_with_the_supported_list() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.set_env("MOONVPN_CURRENCY", "XYZ");
        let message = load_err();
        assert!(
            message.starts_with("config error: currency is invalid: unknown currency"),
            "{message}"
        );
        assert!(message.contains("IRT"), "{message}");
        Ok(())
    });
}

#[test]
fn a_short_secret_key_is_refused() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.set_env("MOONVPN_SECURITY__SECRET_KEY", "short");
        let message = load_err();
        assert!(
            message.starts_with("config error: security.secret_key is invalid"),
            "{message}"
        );
        assert!(
            !message.contains("short"),
            "the key itself must not be echoed: {message}"
        );
        Ok(())
    });
}

#[test]
fn malformed_values_name_their_key() {
    let cases = [
        ("MOONVPN_TELEGRAM__TOKEN", "not a token", "telegram.token is invalid"),
        ("MOONVPN_TELEGRAM__MODE", "push", "telegram.mode is invalid"),
        (
            "MOONVPN_TELEGRAM__API_URL",
            "api.telegram.org",
            "telegram.api_url is invalid",
        ),
        ("MOONVPN_DATABASE__URL", "moonvpn.db", "database.url is invalid"),
        ("MOONVPN_HTTP__LISTEN", "localhost", "http.listen is invalid"),
        ("MOONVPN_DEFAULT_LANGUAGE", "de", "default_language is invalid"),
        ("MOONVPN_RECEIPTS__TTL_MINUTES", "0", "receipts.ttl_minutes is invalid"),
        ("MOONVPN_RECEIPTS__TTL_MINUTES", "soon", "receipts.ttl_minutes must be"),
        ("MOONVPN_RECEIPTS__MIN_AMOUNT", "0", "receipts.min_amount is invalid"),
        ("MOONVPN_RECEIPTS__MAX_AMOUNT", "5", "receipts.max_amount is invalid"),
        (
            "MOONVPN_RECEIPTS__AUDIT_CHANNEL",
            "0",
            "receipts.audit_channel is invalid",
        ),
    ];
    for (var, value, expected) in cases {
        Jail::expect_with(|jail| {
            minimal_env(jail);
            jail.set_env(var, value);
            let message = load_err();
            assert!(message.contains(expected), "{var}={value}: {message}");
            Ok(())
        });
    }
}

#[test]
fn a_toml_syntax_error_is_one_line_naming_the_file() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.create_file("moonvpn.toml", "[telegram\ntoken = \n")?;
        let message = load_err();
        assert!(message.contains("moonvpn.toml"), "{message}");
        Ok(())
    });
}

#[test]
fn an_explicit_config_file_must_exist_but_the_default_may_be_absent() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        assert!(load().is_ok(), "no moonvpn.toml in the working directory is fine");
        let err = config::load(Some(Path::new("missing.toml"))).expect_err("explicit file is missing");
        assert_eq!(
            err.to_string(),
            "config error: config file missing.toml does not exist (named by --config or MOONVPN_CONFIG)"
        );
        jail.set_env("MOONVPN_CONFIG", "also-missing.toml");
        assert!(load_err().contains("also-missing.toml"));
        Ok(())
    });
}

#[test]
fn printing_the_config_masks_every_secret() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.set_env("MOONVPN_DATABASE__URL", "postgres://moon:hunter2hunter2@db/moonvpn");
        let printed = load().expect("valid").to_string();
        assert!(!printed.contains(KEY), "{printed}");
        assert!(!printed.contains("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"), "{printed}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(printed.contains("token = \"123456789:***\""), "{printed}");
        assert!(
            printed.contains("url = \"postgres://moon:***@db/moonvpn\""),
            "{printed}"
        );
        Ok(())
    });
}

#[test]
fn the_example_config_is_valid_once_the_secret_key_is_filled_in() {
    Jail::expect_with(|jail| {
        jail.clear_env();
        jail.create_file("moonvpn.toml", include_str!("../../moonvpn.example.toml"))?;
        assert_eq!(
            load_err(),
            "config error: security.secret_key is missing (set it in moonvpn.toml or MOONVPN_SECURITY__SECRET_KEY)"
        );
        jail.set_env("MOONVPN_SECURITY__SECRET_KEY", KEY);
        let config = load().expect("the example is valid");
        assert_eq!(
            config.superadmins().iter().map(|id| id.get()).collect::<Vec<_>>(),
            vec![123456789]
        );
        Ok(())
    });
}

#[test]
fn webhook_mode_needs_a_public_url_and_a_secret_and_says_which_is_missing() {
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[], "telegram.webhook_url is missing"),
        (
            &[("MOONVPN_TELEGRAM__WEBHOOK_URL", "https://bot.example.com")],
            "telegram.webhook_secret is missing",
        ),
        (
            &[
                ("MOONVPN_TELEGRAM__WEBHOOK_URL", "bot.example.com"),
                ("MOONVPN_TELEGRAM__WEBHOOK_SECRET", "0123456789abcdef"),
            ],
            "telegram.webhook_url is invalid",
        ),
        (
            &[
                ("MOONVPN_TELEGRAM__WEBHOOK_URL", "https://bot.example.com"),
                ("MOONVPN_TELEGRAM__WEBHOOK_SECRET", "short secret!"),
            ],
            "telegram.webhook_secret is invalid",
        ),
    ];
    for (vars, expected) in cases {
        Jail::expect_with(|jail| {
            minimal_env(jail);
            jail.set_env("MOONVPN_TELEGRAM__MODE", "webhook");
            for (var, value) in vars {
                jail.set_env(var, value);
            }
            let message = load_err();
            assert!(message.contains(expected), "{vars:?}: {message}");
            assert!(!message.contains("short secret"), "the secret is not echoed: {message}");
            Ok(())
        });
    }
}

#[test]
fn the_shop_is_called_moonvpn_unless_shop_name_says_otherwise() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        assert_eq!(load().expect("valid").shop_name().as_str(), "MoonVPN");
        jail.create_file("moonvpn.toml", "[shop]\nname = \"  Star Net \"\n")?;
        let config = load().expect("valid");
        assert_eq!(config.shop_name().as_str(), "Star Net");
        assert!(config.to_string().contains("[shop]\nname = \"Star Net\""), "{config}");
        jail.set_env("MOONVPN_SHOP__NAME", "ماه نت");
        assert_eq!(load().expect("valid").shop_name().as_str(), "ماه نت");
        Ok(())
    });
}

#[test]
fn a_shop_name_a_client_name_cannot_carry_is_refused_naming_the_key() {
    for bad in [
        "",
        "Star_Net!",
        "<b>Star</b>",
        "A name that is far too long for a panel",
    ] {
        Jail::expect_with(|jail| {
            minimal_env(jail);
            jail.set_env("MOONVPN_SHOP__NAME", bad);
            let message = load_err();
            assert!(message.starts_with("config error: shop.name is invalid: "), "{message}");
            assert!(message.contains("1 to 32 letters, digits, spaces and '-'"), "{message}");
            Ok(())
        });
    }
}

#[test]
fn unset_the_default_language_is_persian_for_toman_and_rial_and_english_otherwise() {
    for (currency, language) in [
        ("IRT", Language::Fa),
        ("IRR", Language::Fa),
        ("USD", Language::En),
        ("RUB", Language::En),
    ] {
        Jail::expect_with(|jail| {
            minimal_env(jail);
            jail.set_env("MOONVPN_CURRENCY", currency);
            let config = load().expect("valid");
            assert_eq!(config.default_language(), language, "{currency}");
            assert!(
                config
                    .to_string()
                    .contains(&format!("default_language = \"{}\"", language.code())),
                "config check shows the language in effect: {config}"
            );
            Ok(())
        });
    }
}

#[test]
fn a_default_language_that_is_set_wins_over_the_currency() {
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.create_file("moonvpn.toml", "currency = \"IRR\"\ndefault_language = \"en\"\n")?;
        assert_eq!(load().expect("valid").default_language(), Language::En);
        jail.set_env("MOONVPN_CURRENCY", "USD");
        jail.set_env("MOONVPN_DEFAULT_LANGUAGE", "ru");
        assert_eq!(load().expect("valid").default_language(), Language::Ru);
        jail.set_env("MOONVPN_DEFAULT_LANGUAGE", "de");
        assert!(load_err().starts_with("config error: default_language is invalid"));
        Ok(())
    });
}

#[test]
fn a_support_contact_users_could_not_use_is_refused_naming_the_key() {
    for (bad, why) in [
        ("call us", "is not a support contact"),
        ("@moon", "is not a support contact"),
    ] {
        Jail::expect_with(|jail| {
            minimal_env(jail);
            jail.set_env("MOONVPN_SUPPORT__CONTACT", bad);
            let message = load_err();
            assert!(
                message.starts_with("config error: support.contact is invalid: "),
                "{message}"
            );
            assert!(message.contains(why), "{message}");
            Ok(())
        });
    }
    Jail::expect_with(|jail| {
        minimal_env(jail);
        jail.set_env("MOONVPN_SUPPORT__CONTACT", "https://t.me/moon_support");
        assert_eq!(
            load().expect("valid").support_contact().map(|c| c.as_str()),
            Some("https://t.me/moon_support")
        );
        Ok(())
    });
}
