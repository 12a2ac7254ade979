//! `moonvpn order list` and `moonvpn order override` through the real binary (#10): a paid
//! order that was never delivered is listed by the buyer's Telegram id and by its tracking
//! code, refunded once with a reason (`--json` read back), the money is back, a second
//! override is refused and both are in the audit log; a bad reason or tracking code exits 2.

use std::path::Path;
use std::process::Output;

use inventory::{DisplayName, LocationPrefix, NewLocation, PlacementRepo};
use kernel::{Money, Secret, TelegramId, TrackingCode, TrackingKind};
use orders::{FixedTerms, NewOrder, NewPlan, OrderKind, OrderRepo, PlanKind, PlanName, PlanRepo, Pricing, RenewalRule};
use serde_json::Value;
use store::Store;

use crate::cli_support;

fn moonvpn(dir: &Path, args: &[&str]) -> Output {
    cli_support::output(cli_support::moonvpn(dir).args(args))
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = moonvpn(dir, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", cli_support::stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// A buyer (Telegram 5001) who paid a 1,000 order that was never delivered; its tracking code.
async fn stuck_order(dir: &Path) -> String {
    let store = Store::connect(&cli_support::sqlite_url(dir), &Secret::new(cli_support::KEY))
        .await
        .expect("open");
    let location = PlacementRepo::add_location(
        &store,
        &NewLocation {
            name: DisplayName::new("France").unwrap(),
            prefix: LocationPrefix::new("FR").unwrap(),
        },
    )
    .await
    .unwrap()
    .id;
    let plan = store
        .insert_plan(
            &NewPlan {
                name: PlanName::parse("Gold").unwrap(),
                description: None,
                kind: PlanKind::Fixed(
                    FixedTerms::new(
                        kernel::ByteLimit::upto(50 << 30).unwrap(),
                        30,
                        Money::from_minor(1_000).unwrap(),
                    )
                    .unwrap(),
                ),
                locations: [location].into(),
                is_test: false,
                renewal: RenewalRule::AddToRemaining,
                ip_limit: kernel::CountLimit::Unlimited,
                active: true,
            },
            None,
        )
        .await
        .unwrap();
    let buyer = store::testing::insert_user(&store, 5001).await;
    store.close().await.ok();
    // The money comes in as a seller would put it there: through the CLI's wallet use case.
    json(
        dir,
        &[
            "user",
            "adjust-balance",
            "5001",
            "--credit",
            "1500",
            "--reason",
            "float",
            "--json",
        ],
    );
    let store = Store::connect(&cli_support::sqlite_url(dir), &Secret::new(cli_support::KEY))
        .await
        .expect("open again");
    let now = time::OffsetDateTime::now_utc();
    let order = store
        .insert_order(&NewOrder {
            tracking: TrackingCode::random(TrackingKind::Order, now),
            user: buyer,
            telegram_id: TelegramId::new(5001).unwrap(),
            plan: plan.id,
            location,
            kind: OrderKind::Purchase,
            is_test: false,
            quote: plan.quote(None).unwrap(),
            ip_limit: kernel::CountLimit::Unlimited,
            pricing: Pricing::full(Money::from_minor(1_000).unwrap()),
            created_at: now,
        })
        .await
        .unwrap();
    store.apply(&order.pay(now, None).unwrap()).await.unwrap();
    store.close().await.ok();
    order.tracking.as_str().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stuck_order_is_listed_refunded_once_and_audited() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(moonvpn(dir.path(), &["migrate"]).status.code(), Some(0));
    let tracking = stuck_order(dir.path()).await;

    let listed = json(dir.path(), &["order", "list", "5001", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["tracking"], tracking.as_str());
    assert_eq!(listed[0]["status"], "paid");
    assert_eq!(listed[0]["amount_minor"], 1_000);
    assert_eq!(listed[0]["delivery_attempts"], 0);
    assert_eq!(
        json(dir.path(), &["order", "list", &tracking, "--json"]),
        listed,
        "the same orders by an order's tracking code"
    );
    let text = moonvpn(dir.path(), &["order", "list", "@nobody_here"]);
    assert_eq!(text.status.code(), Some(1), "{}", cli_support::stderr(&text));

    let done = json(
        dir.path(),
        &[
            "order",
            "override",
            &tracking,
            "refund",
            "--reason",
            "Panel down all day",
            "--json",
        ],
    );
    assert_eq!(done["decision"], "refund");
    assert_eq!(done["outcome"], "refunded");
    assert_eq!(done["order"]["status"], "failed");
    assert_eq!(done["order"]["failure"], "Panel down all day");
    let buyer = json(dir.path(), &["user", "find", "5001", "--json"]);
    assert_eq!(buyer["balance_minor"], 1_500, "the money is back");

    let again = moonvpn(
        dir.path(),
        &["order", "override", &tracking, "refund", "--reason", "again"],
    );
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        cli_support::stderr(&again),
        "error: the order is failed; only a paid order that was not delivered can be refunded or retried; nothing was changed\n"
    );
    assert_eq!(
        json(dir.path(), &["user", "find", "5001", "--json"])["balance_minor"],
        1_500,
        "credited once"
    );

    let audited = json(dir.path(), &["audit", "--action", "order.override", "--json"]);
    let outcomes: Vec<_> = audited
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"]["outcome"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(outcomes, ["refused", "refunded"], "newest first");
    assert_eq!(audited[1]["detail"]["reason"], "Panel down all day");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_reason_or_tracking_code_exits_2_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(moonvpn(dir.path(), &["migrate"]).status.code(), Some(0));
    let tracking = stuck_order(dir.path()).await;
    let long = "x".repeat(501);
    for (args, error) in [
        (
            vec!["order", "override", tracking.as_str(), "refund", "--reason", "  "],
            "error: --reason: the reason is empty\n".to_owned(),
        ),
        (
            vec![
                "order",
                "override",
                tracking.as_str(),
                "retry",
                "--reason",
                long.as_str(),
            ],
            "error: --reason: the reason is 501 characters long; at most 500 fit\n".to_owned(),
        ),
    ] {
        let out = moonvpn(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(cli_support::stderr(&out), error, "{args:?}");
    }
    let out = moonvpn(dir.path(), &["order", "override", "OR-nope", "refund", "--reason", "x"]);
    assert_eq!(out.status.code(), Some(2), "{}", cli_support::stderr(&out));
    let listed = json(dir.path(), &["order", "list", "5001", "--json"]);
    assert_eq!(listed[0]["status"], "paid", "nothing changed");
    assert_eq!(
        json(dir.path(), &["audit", "--action", "order.override", "--json"]),
        serde_json::json!([])
    );
}
