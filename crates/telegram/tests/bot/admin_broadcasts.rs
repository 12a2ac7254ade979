//! Broadcasts in the admin menu, in English, Persian and Russian: compose (text, photo, link
//! button), pick an audience, the preview exactly as users get it and the confirmation with
//! the recipient count, the progress the broadcast job edits, pause and resume, the results;
//! a second campaign cancelled after a confirmation; what a user received. Each step's
//! screens are an insta snapshot; the campaigns and the audit log are checked in the store.

use members::Language;
use notify::broadcast::CampaignStatus;
use testshop::TestShop;

use crate::admin_support::audit_by;
use crate::support::{Screens, label};

/// A superadmin (1001) and two customers (1002, 1003).
async fn broadcast_shop() -> TestShop {
    TestShop::init()
        .with_location("France", "FR")
        .with_user(0)
        .as_admin()
        .with_user(0)
        .with_user(0)
        .start()
        .await
}

async fn walk_broadcasts(lang: Language) -> String {
    let shop = broadcast_shop().await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(lang, key));
    sim.send_text("/admin");
    shop.idle().await;
    let mut screens = Screens::new(&sim);

    tap("admin-btn-broadcasts");
    shop.idle().await;
    screens.record("admin-btn-broadcasts (none yet)");
    tap("bc-btn-new");
    shop.idle().await;
    screens.record("bc-btn-new");
    sim.send_text("   ");
    shop.idle().await;
    screens.record("a blank text");
    sim.send_text("Spring sale: 20% off every plan until Friday!\nTap below to renew.");
    shop.idle().await;
    screens.record("the text");
    sim.send_text("no photo, just words");
    shop.idle().await;
    screens.record("text instead of a photo");
    sim.send_photo(None);
    shop.idle().await;
    screens.record("a photo");
    sim.send_text("Open the shop | javascript:alert(1)");
    shop.idle().await;
    screens.record("a bad button");
    sim.send_text("Open the shop | https://shop.example.com/sale");
    shop.idle().await;
    screens.record("the button");
    tap("bc-aud-by-language");
    shop.idle().await;
    screens.record("bc-aud-by-language");
    tap("bc-btn-other-audience");
    shop.idle().await;
    tap("bc-aud-all");
    shop.idle().await;
    screens.record("bc-aud-all: the preview and the confirmation");

    sim.tap_button("📣");
    shop.idle().await;
    screens.record("send");
    let campaign = shop.services.broadcasts.list(root.id, 1).await.unwrap().remove(0);
    assert_eq!(campaign.status, CampaignStatus::Running);
    assert_eq!(campaign.counts.total(), 3);
    tap("bc-btn-pause");
    shop.idle().await;
    screens.record("bc-btn-pause");
    tap("bc-btn-resume");
    shop.idle().await;
    screens.record("bc-btn-resume");

    let worker = shop.broadcast_worker().with_progress_every(std::time::Duration::ZERO);
    worker.run_once(std::time::Duration::from_secs(30)).await.unwrap();
    shop.idle().await;
    screens.record("the broadcast job sent it and edited the progress");
    let done = shop.services.broadcasts.get(root.id, campaign.id).await.unwrap();
    assert_eq!((done.status, done.counts.sent), (CampaignStatus::Finished, 3));

    let customer = shop.user(1).sim.clone();
    let received = customer.bot_messages();
    let mut users_view = String::from("── what a customer received\n");
    users_view.push_str(&testkit::telegram::render_chat(&received[received.len() - 1..]));

    tap("bc-btn-back");
    shop.idle().await;
    screens.record("bc-btn-back: the results stay listed");

    tap("bc-btn-new");
    shop.idle().await;
    sim.send_text("Second news");
    shop.idle().await;
    tap("bc-btn-skip-photo");
    shop.idle().await;
    tap("bc-btn-skip-button");
    shop.idle().await;
    tap("bc-aud-never");
    shop.idle().await;
    screens.record("a second campaign to those who never bought");
    tap("bc-btn-cancel");
    shop.idle().await;
    screens.record("bc-btn-cancel");
    tap("bc-btn-cancel-yes");
    shop.idle().await;
    screens.record("bc-btn-cancel-yes");

    let actions: Vec<String> = audit_by(&shop, root.id)
        .await
        .into_iter()
        .map(|e| e.action.as_str().to_owned())
        .filter(|a| a.starts_with("broadcast."))
        .collect();
    assert_eq!(
        actions,
        [
            "broadcast.cancel",
            "broadcast.create",
            "broadcast.resume",
            "broadcast.pause",
            "broadcast.start",
            "broadcast.create"
        ],
        "every change is audited, newest first"
    );
    shop.close().await;
    format!("{}{users_view}", screens.text())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broadcasts_in_english() {
    insta::assert_snapshot!(walk_broadcasts(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broadcasts_in_persian() {
    insta::assert_snapshot!(walk_broadcasts(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broadcasts_in_russian() {
    insta::assert_snapshot!(walk_broadcasts(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_user_cannot_open_or_start_a_broadcast() {
    let shop = broadcast_shop().await;
    let root = shop.user(0).id;
    let customer = shop.user(1);
    let content =
        notify::broadcast::Content::new(notify::broadcast::BroadcastText::parse("Hi").unwrap(), None, None).unwrap();
    let draft = shop
        .services
        .broadcasts
        .create_draft(root, content, notify::broadcast::Audience::All)
        .await
        .unwrap();
    customer.sim.send_text("/menu");
    shop.idle().await;
    let before = customer.sim.bot_messages().len();
    for (n, action) in [
        telegram::BroadcastAction::Home,
        telegram::BroadcastAction::Start(draft.id),
    ]
    .into_iter()
    .enumerate()
    {
        crate::admin_support::tap_as(
            &shop,
            &customer.sim,
            telegram::Action::Broadcast(action),
            &format!("forged{n}"),
        );
        shop.idle().await;
        assert_eq!(
            crate::admin_support::answer_to(&shop, &format!("forged{n}")).as_deref(),
            Some("This button is not for you.")
        );
    }
    assert_eq!(customer.sim.bot_messages().len(), before, "nothing shown");
    let still = shop.services.broadcasts.get(root, draft.id).await.unwrap();
    assert_eq!(still.status, CampaignStatus::Draft, "nothing started");
    let refused: Vec<String> = audit_by(&shop, customer.id)
        .await
        .into_iter()
        .map(|e| e.detail["attempt"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(refused, ["broadcast.start", "broadcast.view"]);
    shop.close().await;
}
