//! Broadcasts end to end: the broadcast job under its lease, the store, the bot's flood
//! limiter and the fake Bot API with Telegram's flood limits on. A restart in the middle sends
//! nobody the message twice and skips nobody; users who blocked the bot or left Telegram are
//! marked and left out of the next campaign; pause, resume and cancel hold between messages.
//! The 10,000-user run behind `--ignored` is the benchmark in docs/benchmarks.md.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kernel::{CampaignId, UserId};
use moonvpn::jobs::{JobRunner, broadcasts};
use moonvpn::metrics::Metrics;
use notify::broadcast::{Audience, BroadcastText, Campaign, CampaignStatus, Content, UrlButton};
use testkit::telegram::SimUser;
use testshop::TestShop;

/// Telegram ids of the audience start here.
const FIRST: i64 = 20_000;

/// A shop with Telegram's flood limits on (fake and bot), one admin (1001) and `n` users who
/// started the bot some time ago.
async fn shop_with(n: i64) -> (TestShop, Vec<SimUser>) {
    let shop = TestShop::init()
        .with_flood_limits()
        .with_user(0)
        .as_admin()
        .start()
        .await;
    let mut users = Vec::new();
    for t in FIRST..FIRST + n {
        users.push(shop.fake.started_user(t));
        store::testing::insert_user(&shop.store, t).await;
    }
    (shop, users)
}

fn admin(shop: &TestShop) -> UserId {
    shop.user(0).id
}

async fn start(shop: &TestShop, text: &str) -> Campaign {
    let content = Content::new(
        BroadcastText::parse(text).unwrap(),
        None,
        Some(UrlButton::parse("Open the shop", "https://shop.example.com").unwrap()),
    )
    .unwrap();
    let broadcasts = &shop.services.broadcasts;
    let draft = broadcasts
        .create_draft(admin(shop), content, Audience::All)
        .await
        .unwrap();
    broadcasts.start(admin(shop), draft.id).await.unwrap()
}

async fn campaign(shop: &TestShop, id: CampaignId) -> Campaign {
    shop.services.broadcasts.get(admin(shop), id).await.unwrap()
}

/// How many messages with `text` each of `users` got.
fn received(users: &[SimUser], text: &str) -> BTreeMap<i64, usize> {
    users
        .iter()
        .map(|u| {
            let got = u
                .bot_messages()
                .iter()
                .filter(|m| m.text_or_empty().contains(text))
                .count();
            (u.id(), got)
        })
        .collect()
}

fn runner(shop: &TestShop, holder: &str) -> JobRunner {
    JobRunner::new(
        Arc::new(shop.store.clone()),
        shop.clock.clone(),
        holder.to_owned(),
        Metrics::new(),
    )
}

fn job(shop: &TestShop) -> Arc<dyn moonvpn::jobs::Job> {
    Arc::new(broadcasts(shop.broadcast_worker(), Metrics::new()))
}

/// Waits until `done` holds for the campaign (or panics after `limit`).
async fn until(shop: &TestShop, id: CampaignId, limit: Duration, done: impl Fn(&Campaign) -> bool) -> Campaign {
    let started = Instant::now();
    loop {
        let c = campaign(shop, id).await;
        if done(&c) {
            return c;
        }
        assert!(started.elapsed() < limit, "gave up waiting: {c:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_restart_in_the_middle_resends_to_nobody_and_skips_nobody() {
    let (shop, users) = shop_with(120).await;
    let sent = start(&shop, "Restart test").await;
    assert_eq!(sent.counts.total(), 121, "120 users and the admin");

    let first = runner(&shop, "instance-a").start(vec![job(&shop)]);
    let midway = until(&shop, sent.id, Duration::from_secs(30), |c| c.counts.sent >= 30).await;
    assert!(midway.counts.pending > 0, "stopped in the middle: {midway:?}");
    // The app stops its jobs like this on SIGTERM: the run in progress ends between messages.
    assert!(
        first.stop(moonvpn::app::JOBS_GRACE).await,
        "the run ended within the grace"
    );
    let stopped = campaign(&shop, sent.id).await;
    assert!(stopped.counts.pending > 0, "{stopped:?}");
    let in_flight: u64 = notify::broadcast::CampaignRepo::in_flight(&shop.store, sent.id)
        .await
        .unwrap();
    assert_eq!(in_flight, 0, "nobody was left half-sent");

    let second = runner(&shop, "instance-b").start(vec![job(&shop)]);
    let done = until(&shop, sent.id, Duration::from_secs(30), |c| {
        c.status == CampaignStatus::Finished
    })
    .await;
    second.stop(moonvpn::app::JOBS_GRACE).await;
    assert_eq!((done.counts.sent, done.counts.failed), (121, 0));
    let got = received(&users, "Restart test");
    assert!(got.values().all(|n| *n == 1), "each user exactly once: {got:?}");
    assert_eq!(received(&[shop.user(0).sim.clone()], "Restart test")[&1001], 1);
    assert_eq!(shop.fake.flood_refusals(), 0, "no call was answered 429");
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn users_who_blocked_the_bot_or_left_are_marked_and_skipped_next_time() {
    let (shop, users) = shop_with(10).await;
    let first = start(&shop, "First news").await;
    // After the confirmation: two block the bot, one deletes their account.
    users[1].block_bot();
    users[2].block_bot();
    users[3].delete_account();
    let worker = shop.broadcast_worker();
    worker.run_once(Duration::from_secs(30)).await.unwrap();
    let done = campaign(&shop, first.id).await;
    assert_eq!(done.status, CampaignStatus::Finished);
    assert_eq!(
        (
            done.counts.sent,
            done.counts.blocked,
            done.counts.left,
            done.counts.failed
        ),
        (8, 2, 1, 0)
    );
    for user in &users[1..=3] {
        let stored = testshop::stored_user(&shop.store, user.id()).await.unwrap();
        assert!(stored.bot_blocked, "{} is marked", user.id());
    }

    let second = start(&shop, "Second news").await;
    assert_eq!(second.counts.total(), 8, "the three are not recipients again");
    worker.run_once(Duration::from_secs(30)).await.unwrap();
    let got = received(&users, "Second news");
    assert_eq!(got.values().filter(|n| **n == 1).count(), 7);
    assert_eq!(got[&(FIRST + 1)] + got[&(FIRST + 2)] + got[&(FIRST + 3)], 0);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_paused_campaign_resumes_where_it_stopped_and_a_cancelled_one_sends_no_more() {
    let (shop, users) = shop_with(60).await;
    let root = admin(&shop);
    let broadcasts = &shop.services.broadcasts;
    let worker = shop.broadcast_worker();

    let paused = start(&shop, "Pause test").await;
    worker.run_once(Duration::from_millis(300)).await.unwrap();
    broadcasts.pause(root, paused.id).await.unwrap();
    let at_pause = campaign(&shop, paused.id).await;
    assert!(at_pause.counts.sent > 0 && at_pause.counts.pending > 0, "{at_pause:?}");
    let run = worker.run_once(Duration::from_secs(5)).await.unwrap();
    assert_eq!((run.running, run.sent), (0, 0), "a paused campaign sends nothing");
    assert_eq!(campaign(&shop, paused.id).await.counts, at_pause.counts);
    broadcasts.resume(root, paused.id).await.unwrap();
    worker.run_once(Duration::from_secs(30)).await.unwrap();
    let done = campaign(&shop, paused.id).await;
    assert_eq!((done.status, done.counts.sent), (CampaignStatus::Finished, 61));
    assert!(received(&users, "Pause test").values().all(|n| *n == 1));

    let cancelled = start(&shop, "Cancel test").await;
    worker.run_once(Duration::from_millis(300)).await.unwrap();
    broadcasts.cancel(root, cancelled.id).await.unwrap();
    let at_cancel = campaign(&shop, cancelled.id).await;
    worker.run_once(Duration::from_secs(5)).await.unwrap();
    let after = campaign(&shop, cancelled.id).await;
    assert_eq!(after.status, CampaignStatus::Cancelled);
    assert_eq!(after.counts, at_cancel.counts, "nothing sent after the cancel");
    assert!(after.counts.pending > 0);
    let mut everyone = users.clone();
    everyone.push(shop.user(0).sim.clone());
    let got: usize = received(&everyone, "Cancel test").values().sum();
    assert_eq!(got as u64, after.counts.sent, "exactly the ones counted got it");
    assert!(
        broadcasts.resume(root, cancelled.id).await.is_err(),
        "cancelled for good"
    );
    shop.close().await;
}

/// The benchmark of docs/benchmarks.md: 10,000 users, Telegram's flood limits on in the fake
/// and in the bot, 50 users who block the bot and 20 who delete their account during the
/// run, the real job runner; a customer taps /menu every 200 ms meanwhile. Run with
/// `cargo test -p moonvpn --test app broadcasts:: -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "a benchmark: about six minutes (10,000 messages at Telegram's 30/s)"]
async fn ten_thousand_users_at_telegrams_limit_with_menus_responsive() {
    const USERS: i64 = 10_000;
    let shop = TestShop::init()
        .with_flood_limits()
        .with_user(0)
        .as_admin()
        .with_user(0)
        .start()
        .await;
    let mut users = Vec::new();
    for t in FIRST..FIRST + USERS {
        users.push(shop.fake.started_user(t));
        store::testing::insert_user(&shop.store, t).await;
    }
    let campaign_started = start(&shop, "Benchmark news").await;
    let id = campaign_started.id;
    let total = campaign_started.counts.total();
    for user in users.iter().skip(100).step_by(200).take(50) {
        user.block_bot();
    }
    for user in users.iter().skip(151).step_by(450).take(20) {
        user.delete_account();
    }

    let began = Instant::now();
    let jobs = runner(&shop, "bench").start(vec![job(&shop)]);
    let tapper = shop.user(1).sim.clone();
    let mut taps = Vec::new();
    loop {
        let c = campaign(&shop, id).await;
        if c.status == CampaignStatus::Finished {
            break;
        }
        assert!(began.elapsed() < Duration::from_secs(900), "gave up: {c:?}");
        // The tapper is in the audience too: only the menu's answers count.
        let menus = || {
            tapper
                .bot_messages()
                .iter()
                .filter(|m| !m.text_or_empty().contains("Benchmark news"))
                .count()
        };
        let before = menus();
        let tapped = Instant::now();
        tapper.send_text("/menu");
        while menus() == before {
            assert!(tapped.elapsed() < Duration::from_secs(30), "the menu never came");
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        taps.push(tapped.elapsed());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let took = began.elapsed();
    jobs.stop(moonvpn::app::JOBS_GRACE).await;

    let done = campaign(&shop, id).await;
    let got = received(&users, "Benchmark news");
    let once = got.values().filter(|n| **n == 1).count();
    let twice = got.values().filter(|n| **n > 1).count();
    let mut blocked_marked = 0;
    for user in users.iter().skip(100).step_by(200).take(50) {
        if testshop::stored_user(&shop.store, user.id()).await.unwrap().bot_blocked {
            blocked_marked += 1;
        }
    }
    let sends = shop.fake.calls_to("sendMessage").len();
    let refused = shop.fake.flood_refusals();
    taps.sort_unstable();
    let pick = |q: f64| taps[((taps.len() as f64 * q).ceil() as usize).clamp(1, taps.len()) - 1];
    let rate = done.counts.done() as f64 / took.as_secs_f64();
    println!(
        "recipients {total}: sent {} · failed {} · blocked {} · left {} in {:.1} s = {rate:.1} msg/s",
        done.counts.sent,
        done.counts.failed,
        done.counts.blocked,
        done.counts.left,
        took.as_secs_f64()
    );
    println!(
        "sendMessage calls {sends}, answered 429: {refused} ({:.3}%)",
        refused as f64 * 100.0 / sends.max(1) as f64
    );
    println!(
        "menu taps {}: p50 {:?} · p99 {:?} · max {:?}",
        taps.len(),
        pick(0.5),
        pick(0.99),
        taps.last().unwrap()
    );
    println!(
        "users with exactly one message: {once}; with more than one: {twice}; blocked marked: {blocked_marked}/50"
    );

    assert_eq!(done.counts.pending, 0);
    assert_eq!(twice, 0, "nobody got it twice");
    assert_eq!(once as u64 + 70, USERS as u64, "everyone reachable got it once");
    assert_eq!((done.counts.blocked, done.counts.left), (50, 20));
    assert_eq!(blocked_marked, 50);
    assert!(rate >= 27.0, "sustained {rate:.1} msg/s");
    assert!(
        (refused as f64) < sends as f64 * 0.01,
        "{refused} of {sends} calls were 429s"
    );
    shop.close().await;
}
