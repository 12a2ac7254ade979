//! End to end through the real binary: an admin sets the shop up with the CLI (panels,
//! locations, a plan, a balance credit), `moonvpn run` serves a user who buys, renews and
//! moves a plan; the fake panels hold exactly what was sold.

use crate::e2e_support;

use std::time::{SystemTime, UNIX_EPOCH};

use e2e_support::{E2e, GB, fake_panel, limits_on, wait_until};
use testkit::telegram::EntryKind;

fn now_ms() -> i64 {
    i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis()).unwrap()
}

const DAY_MS: i64 = 24 * 3600 * 1000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_buys_renews_and_moves_a_plan_set_up_with_the_cli() {
    let mut shop = E2e::new().await;
    let france = fake_panel(443).await;
    let germany = fake_panel(8443).await;
    shop.add_panel(&france, "France", "FR").await;
    shop.add_panel(&germany, "Germany", "DE").await;
    let plan = shop
        .cli_json(&[
            "plan",
            "add",
            "--name",
            "Silver",
            "--days",
            "30",
            "--volume-gb",
            "50",
            "--price",
            "100,000",
            "--location",
            "France,Germany",
            "--ip-limit",
            "2",
        ])
        .await;
    assert_eq!(plan["plan"]["price_minor"], 100_000);
    assert_eq!(plan["plan"]["locations"], serde_json::json!(["France", "Germany"]));

    shop.start().await;
    let user = shop.customer(1001).await;
    user.tap_button("Wallet");
    shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .contains("Your wallet balance: 0 Toman"),
        "{:?}",
        user.last_bot_message()
    );

    let credit = shop
        .cli_json(&[
            "user",
            "adjust-balance",
            "1001",
            "--credit",
            "250000",
            "--reason",
            "cash at the shop",
            "--request-id",
            "till-7",
        ])
        .await;
    assert_eq!(credit["applied"], true);
    assert_eq!(credit["balance_minor"], 250_000);
    let again = shop
        .cli_json(&[
            "user",
            "adjust-balance",
            "1001",
            "--credit",
            "250000",
            "--reason",
            "cash at the shop",
            "--request-id",
            "till-7",
        ])
        .await;
    assert_eq!(again["applied"], false, "the same request id applies once");
    assert_eq!(again["balance_minor"], 250_000);
    wait_until(10, "the credit notice reaches the user", || {
        user.bot_messages().iter().any(|m| {
            m.text_or_empty()
                .contains("Your balance was increased by 250,000 Toman")
        })
    })
    .await;

    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("Buy a plan");
    shop.idle().await;
    user.tap_button("France");
    shop.idle().await;
    user.tap_button("Silver");
    shop.idle().await;
    let bought_at = now_ms();
    user.tap_button("Pay");
    shop.idle().await;
    let messages = user.bot_messages();
    let [.., photo] = messages.as_slice() else {
        panic!("{messages:?}")
    };
    // One photo carries the whole service: its caption holds the details and links.
    let details = photo;
    assert!(
        details.text_or_empty().starts_with("✅ FR-MoonVPN-1001 is ready."),
        "{details:?}"
    );
    assert!(details.text_or_empty().contains("vless://"), "{details:?}");
    let EntryKind::Photo { file_id } = &photo.kind else {
        panic!("the service comes as a QR photo: {photo:?}")
    };
    assert!(shop.fake.file_bytes(file_id).unwrap().starts_with(b"\x89PNG"));

    let client = france.client("FR-MoonVPN-1001").expect("the client is on the panel");
    assert_eq!(client["limitIp"], 2);
    let (total, expiry) = limits_on(&france, "FR-MoonVPN-1001");
    assert_eq!(total, 50 * GB);
    assert!(
        (expiry - (bought_at + 30 * DAY_MS)).abs() < 60_000,
        "30 days from the purchase: {expiry}"
    );

    // An admin resets the service's traffic from the command line (the bot's button calls the
    // same use case): the panel's counter is back at zero and the JSON says so.
    france.add_traffic("FR-MoonVPN-1001", GB.unsigned_abs(), GB.unsigned_abs());
    let reset = shop.cli_json(&["user", "reset-traffic", "1"]).await;
    assert_eq!(reset["name"], "FR-MoonVPN-1001");
    assert_eq!(reset["traffic_used_bytes"], 0);
    assert_eq!(france.traffic("FR-MoonVPN-1001"), Some((0, 0)));
    let missing = shop.cli(&["user", "reset-traffic", "99"]).await;
    assert_eq!(missing.status.code(), Some(2), "an unknown service is input to fix");

    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("My services");
    shop.idle().await;
    user.tap_button("FR-MoonVPN-1001");
    shop.idle().await;
    user.tap_button("Renew");
    shop.idle().await;
    user.tap_button("Silver");
    shop.idle().await;
    user.tap_button("Pay");
    shop.idle().await;
    let (total, renewed_expiry) = limits_on(&france, "FR-MoonVPN-1001");
    assert_eq!(total, 100 * GB, "renewal adds to what is left");
    assert_eq!(renewed_expiry, expiry + 30 * DAY_MS);
    assert_eq!(france.client_count(), 1, "the same client, renewed");

    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("My services");
    shop.idle().await;
    user.tap_button("FR-MoonVPN-1001");
    shop.idle().await;
    user.tap_button("Switch location");
    shop.idle().await;
    user.tap_button("Germany");
    shop.idle().await;
    user.tap_button("Move it");
    shop.idle().await;
    assert!(
        france.client("FR-MoonVPN-1001").is_none(),
        "the old inbound no longer has the client"
    );
    let (moved_total, moved_expiry) = limits_on(&germany, "DE-MoonVPN-1001");
    assert_eq!(moved_total, 100 * GB);
    assert_eq!(moved_expiry, renewed_expiry);
    assert!(user.unanswered_callbacks().is_empty(), "every tap was answered");

    let found = shop.cli_json(&["user", "find", "1001"]).await;
    assert_eq!(found["balance_minor"], 50_000, "250,000 − two purchases of 100,000");
    let accounts = found["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 2, "{accounts:?}");
    assert_eq!(
        (&accounts[0]["name"], &accounts[0]["status"]),
        (&"DE-MoonVPN-1001".into(), &"active".into())
    );
    assert_eq!(
        (&accounts[1]["name"], &accounts[1]["status"]),
        (&"FR-MoonVPN-1001".into(), &"switched".into())
    );

    shop.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_mistakes_are_one_line_with_exit_code_2_and_change_nothing() {
    let shop = E2e::new().await;
    let france = fake_panel(443).await;
    shop.add_panel(&france, "France", "FR").await;
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "plan",
                "add",
                "--name",
                "X",
                "--days",
                "30",
                "--volume-gb",
                "5",
                "--price",
                "12.5",
                "--location",
                "France",
            ],
            "--price",
        ),
        (
            &[
                "plan",
                "add",
                "--name",
                "X",
                "--days",
                "30",
                "--volume-gb",
                "5",
                "--price",
                "100",
                "--location",
                "Mars",
            ],
            "location \"Mars\" does not exist",
        ),
        (
            &["user", "adjust-balance", "1001", "--credit=-5", "--reason", "x"],
            "--credit",
        ),
        (
            &["user", "adjust-balance", "1001", "--credit", "5", "--reason", " "],
            "--reason",
        ),
        (&["user", "find", "not-an-id"], "is not a Telegram id"),
    ];
    for (args, says) in cases {
        let out = shop.cli(args).await;
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(shop.cli_json(&["plan", "list"]).await["plans"], serde_json::json!([]));
    let nobody = shop
        .cli(&["user", "adjust-balance", "1001", "--credit", "5", "--reason", "x"])
        .await;
    assert_eq!(
        nobody.status.code(),
        Some(1),
        "an unknown user is a failure, not bad input"
    );
}
