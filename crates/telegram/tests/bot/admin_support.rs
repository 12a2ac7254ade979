//! What the admin suites share: a shop with a superadmin, an admin and plain users; signed
//! admin buttons; the audit log.

use kernel::{PageRequest, Secret, UserId};
use members::{AuditEntry, AuditLog, AuditQuery, Language, Role};
use serde_json::json;
use telegram::{Action, AdminAction, CallbackCodec, CallbackKey, OpsAction};
use telegram_state::ChatKey;
use testkit::Generation;
use testkit::telegram::SimUser;
use testshop::{SECRET, TestShop};

use crate::support::label;

/// Telegram ids: 1001 superadmin (config), 1002 plain user with 50,000 Toman, 1003 admin,
/// 1004 admin.
pub async fn admin_shop() -> TestShop {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_user(0)
        .as_admin()
        .with_user(50_000)
        .with_user(0)
        .with_user(0)
        .start()
        .await;
    let root = shop.user(0).id;
    for n in [2, 3] {
        shop.services
            .members
            .set_role(root, shop.user(n).id, Role::Admin)
            .await
            .unwrap();
    }
    shop
}

/// Taps `action` under the user's last bot message, as Telegram would send it: signed for
/// this chat, as a client replaying or forging a button would send it. `query` names the
/// tap for [`answer_to`].
pub fn tap_admin(shop: &TestShop, user: &SimUser, action: AdminAction, query: &str) {
    tap_as(shop, user, Action::Admin(action), query);
}

/// Like [`tap_admin`] for a stats, audit-log or backup button.
pub fn tap_ops(shop: &TestShop, user: &SimUser, action: OpsAction, query: &str) {
    let codec = CallbackCodec::new(CallbackKey::derive(&Secret::new(SECRET)));
    let data = codec.encode(ChatKey::new(user.id()), &Action::Ops(action)).unwrap();
    tap_signed(shop, user, data, query);
}

/// Like [`tap_admin`] for any action.
pub fn tap_as(shop: &TestShop, user: &SimUser, action: Action, query: &str) {
    let codec = CallbackCodec::new(CallbackKey::derive(&Secret::new(SECRET)));
    let data = codec.encode(ChatKey::new(user.id()), &action).unwrap();
    tap_signed(shop, user, data, query);
}

fn tap_signed(shop: &TestShop, user: &SimUser, data: String, query: &str) {
    let last = user.last_bot_message().expect("a bot message to tap under");
    let id = user.id();
    shop.fake.inject_raw_update(json!({
        "callback_query": {
            "id": query,
            "from": {"id": id, "is_bot": false, "first_name": format!("User{id}"), "language_code": "en"},
            "message": {"message_id": last.message_id, "chat": {"id": id, "type": "private"}, "date": 1, "text": "x"},
            "chat_instance": "1",
            "data": data,
        }
    }));
}

/// The toast the bot answered the tap `query` with (`None`: not answered; `Some("")`: no
/// text).
pub fn answer_to(shop: &TestShop, query: &str) -> Option<String> {
    shop.fake
        .calls_to("answerCallbackQuery")
        .into_iter()
        .find(|c| c["callback_query_id"] == query)
        .map(|c| c["text"].as_str().unwrap_or_default().to_owned())
}

/// Audit entries by `actor`, newest first.
pub async fn audit_by(shop: &TestShop, actor: UserId) -> Vec<AuditEntry> {
    let query = AuditQuery {
        actor: Some(actor),
        target: None,
        ..AuditQuery::default()
    };
    AuditLog::list(&shop.store, query, PageRequest::new(0, 500))
        .await
        .unwrap()
        .items
}

/// The actions `actor` is in the audit log for, newest first.
pub async fn audited_actions(shop: &TestShop, actor: UserId) -> Vec<String> {
    audit_by(shop, actor)
        .await
        .into_iter()
        .map(|e| e.action.as_str().to_owned())
        .collect()
}

/// A superadmin (1001) and a buyer (1002) with 200,000 Toman, one France panel and a
/// 50 GB / 30 day plan there at 120,000 Toman.
pub async fn service_shop() -> TestShop {
    TestShop::init()
        .with_location("France", "FR")
        .with_panel(testkit::Generation::D)
        .with_plan(testshop::PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .with_user(200_000)
        .start()
        .await
}

/// `admin` opens `customer`'s profile: `/admin`, Users, their Telegram id.
pub async fn open_profile(shop: &TestShop, admin: &SimUser, lang: Language, customer: &SimUser) {
    admin.send_text("/admin");
    shop.idle().await;
    admin.tap_button(&label(lang, "admin-btn-users"));
    shop.idle().await;
    admin.send_text(&customer.id().to_string());
    shop.idle().await;
}
