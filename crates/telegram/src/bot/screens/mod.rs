//! One module per screen. Each takes a [`Ctx`](super::Ctx) and returns a
//! [`Reply`](super::Reply); none sends anything itself.
//!
//! Every screen that names an order or an account re-reads it and checks it belongs to the
//! user before showing or changing anything ([`not_yours`] otherwise).

pub mod checkout;
pub mod delivery;
pub mod free_test;
pub mod help;
pub mod language;
pub mod menu;
pub mod moves;
pub mod new_link;
pub mod plans;
pub mod renew;
pub mod selection;
pub mod services;
pub mod settings;
pub mod setup_checklist;
pub mod start;
pub mod wallet;

use super::{Ctx, Reply};

/// The answer to a button naming something that is not the user's (or no longer exists):
/// a toast, and nothing changes.
pub fn not_yours(ctx: &Ctx<'_>) -> Reply {
    Reply::none().toast(ctx.t("toast-not-allowed"))
}

#[cfg(test)]
mod tests {
    use kernel::Currency;
    use members::Language;

    use crate::i18n::I18n;

    /// Every file of the bot that names catalog keys.
    const SOURCES: [(&str, &str); 21] = [
        ("bot/mod.rs", include_str!("../mod.rs")),
        ("bot/context.rs", include_str!("../context.rs")),
        ("bot/format.rs", include_str!("../format.rs")),
        ("checkout.rs", include_str!("checkout.rs")),
        ("delivery.rs", include_str!("delivery.rs")),
        ("free_test.rs", include_str!("free_test.rs")),
        ("help.rs", include_str!("help.rs")),
        ("language.rs", include_str!("language.rs")),
        ("menu.rs", include_str!("menu.rs")),
        ("mod.rs", include_str!("mod.rs")),
        ("moves.rs", include_str!("moves.rs")),
        ("new_link.rs", include_str!("new_link.rs")),
        ("plans.rs", include_str!("plans.rs")),
        ("renew.rs", include_str!("renew.rs")),
        ("selection.rs", include_str!("selection.rs")),
        ("services.rs", include_str!("services.rs")),
        ("settings.rs", include_str!("settings.rs")),
        ("setup_checklist.rs", include_str!("setup_checklist.rs")),
        ("start.rs", include_str!("start.rs")),
        ("wallet.rs", include_str!("wallet.rs")),
        ("bot/conversation.rs", include_str!("../conversation.rs")),
    ];

    /// String literals that look like catalog keys (`word-word…`).
    fn key_literals(source: &str) -> Vec<&str> {
        source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                s.contains('-')
                    && s.starts_with(|c: char| c.is_ascii_lowercase())
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
            .collect()
    }

    #[test]
    fn every_catalog_key_a_screen_names_exists() {
        let i18n = I18n::new(Currency::from_code("IRT").unwrap()).unwrap();
        let mut checked = 0;
        for (file, source) in SOURCES {
            for key in key_literals(source) {
                assert!(i18n.has(Language::En, key), "{file} uses {key:?}, which no catalog has");
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} keys found; is the scan broken?");
    }
}
