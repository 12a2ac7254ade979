//! A Persian-speaking buyer: the whole purchase in Persian, amounts in Persian digits, the
//! expiry in the Jalali calendar, and links that copy cleanly out of right-to-left text.

use kernel::{Currency, Money};
use members::Language;
use telegram::I18n;
use testkit::telegram::EntryKind;

use crate::shop::Shop;
use crate::support::stored_user;

/// The text of the message's entities of `kind`, cut out by their UTF-16 offsets.
fn entity_texts(text: &str, entities: &[serde_json::Value], kind: &str) -> Vec<String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    entities
        .iter()
        .filter(|e| e["type"] == kind)
        .map(|e| {
            let start = usize::try_from(e["offset"].as_u64().unwrap()).unwrap();
            let len = usize::try_from(e["length"].as_u64().unwrap()).unwrap();
            String::from_utf16(&units[start..start + len]).unwrap()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persian_buyer_sees_persian_amounts_jalali_dates_and_links_that_copy_cleanly() {
    let shop = Shop::open().await;
    let user = shop.fake.user_with(6401, "سارا", None, "fa");
    user.send_text("/start");
    shop.idle().await;
    user.tap_button("فارسی");
    shop.idle().await;
    let id = stored_user(&shop.store, 6401).await.unwrap().id;
    assert_eq!(stored_user(&shop.store, 6401).await.unwrap().language, Language::Fa);
    shop.credit(id, 150_000).await;

    user.tap_button("خرید سرویس");
    shop.idle().await;
    user.tap_button("France");
    shop.idle().await;
    user.tap_button("Silver");
    shop.idle().await;
    let confirm = user.last_bot_message().unwrap();
    let text = confirm.text_or_empty();
    assert!(text.starts_with("تأیید سفارش"), "{text}");
    assert!(text.contains("مبلغ قابل پرداخت"), "{text}");
    assert!(text.contains("۱۰۰٬۰۰۰"), "Persian digits: {text}");
    assert!(!text.contains("100,000"), "{text}");

    user.tap_button("پرداخت");
    shop.idle().await;
    let messages = user.bot_messages();
    let details = messages.last().unwrap();
    let text = details.text_or_empty();
    assert!(text.contains("آماده است"), "{text}");
    let i18n = I18n::new(Currency::from_code("IRT").unwrap()).unwrap();
    let account = &shop.accounts(id).await[0];
    let expiry = i18n.date(Language::Fa, account.expires_at.unwrap());
    assert!(text.contains(&expiry), "the Jalali expiry {expiry:?} in {text:?}");
    let copied = entity_texts(text, &details.entities, "code");
    assert_eq!(
        copied[0], account.config_url,
        "the config link copies without bidi marks"
    );
    assert_eq!(copied[1], account.subscription_url.clone().unwrap());
    assert!(matches!(messages.last().unwrap().kind, EntryKind::Photo { .. }));
    let paid = &messages[messages.len() - 2];
    let order = &shop.orders_of(id).await[0];
    assert_eq!(
        entity_texts(paid.text_or_empty(), &paid.entities, "code"),
        [order.tracking.as_str()],
        "the tracking code copies cleanly"
    );
    assert!(
        paid.text_or_empty()
            .contains(&i18n.money(Language::Fa, Money::from_minor(100_000).unwrap()))
    );
    shop.close().await;
}
