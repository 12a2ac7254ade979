//! An admin caring for one user from the real binary while the bot serves: `moonvpn user
//! extend` (days and GB on the panel, the user told, bad amounts refused with nothing changed).

use crate::e2e_support;

use e2e_support::{E2e, GB, fake_panel, limits_on, wait_until};

const DAY_MS: i64 = 24 * 3600 * 1000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_extends_a_service_from_the_cli_and_the_user_is_told() {
    let mut shop = E2e::new().await;
    let france = fake_panel(443).await;
    shop.add_panel(&france, "France", "FR").await;
    shop.cli_json(&[
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
        "France",
    ])
    .await;
    shop.start().await;
    let user = shop.customer(1001).await;
    shop.cli_json(&[
        "user",
        "adjust-balance",
        "1001",
        "--credit",
        "100000",
        "--reason",
        "test",
    ])
    .await;
    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("Buy a plan");
    shop.idle().await;
    user.tap_button("France");
    shop.idle().await;
    user.tap_button("Silver");
    shop.idle().await;
    user.tap_button("Pay");
    wait_until(10, "the service is on the panel", || {
        france.client("FR-MoonVPN-1001").is_some()
    })
    .await;
    shop.idle().await;
    let (total, expiry) = limits_on(&france, "FR-MoonVPN-1001");
    assert_eq!(total, 50 * GB);

    let extended = shop
        .cli_json(&["user", "extend", "1", "--days", "10", "--gb", "5"])
        .await;
    assert_eq!(extended["name"], "FR-MoonVPN-1001");
    assert_eq!(
        (&extended["days_added"], &extended["gb_added"]),
        (&10.into(), &5.into())
    );
    assert_eq!(extended["traffic_limit_bytes"], 55 * GB);
    assert_eq!(extended["status"], "active");
    assert_eq!(
        limits_on(&france, "FR-MoonVPN-1001"),
        (55 * GB, expiry + 10 * DAY_MS),
        "the panel holds the new limits"
    );
    wait_until(10, "the user is told what was added", || {
        user.bot_messages().iter().any(|m| {
            m.text_or_empty()
                .contains("Support extended your service FR-MoonVPN-1001 by 10 days and 5 GB")
        })
    })
    .await;
    let found = shop.cli_json(&["user", "find", "1001"]).await;
    assert_eq!(found["accounts"][0]["traffic_limit_bytes"], 55 * GB, "and the store");

    for (args, says) in [
        (&["user", "extend", "1"][..], "add at least one day or one GB"),
        (
            &["user", "extend", "1", "--days", "0", "--gb", "0"][..],
            "add at least one day",
        ),
        (&["user", "extend", "1", "--days", "99999"][..], "at most 3650 days"),
        (&["user", "extend", "99", "--days", "1"][..], "there is no service 99"),
    ] {
        let out = shop.cli(args).await;
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(
        limits_on(&france, "FR-MoonVPN-1001"),
        (55 * GB, expiry + 10 * DAY_MS),
        "refused extensions change nothing"
    );
    shop.stop().await;
}
