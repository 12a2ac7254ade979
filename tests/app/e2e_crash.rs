//! The real binary killed with SIGKILL between a buyer's debit and the panel's answer: after a
//! restart the order is fulfilled or refunded by the recovery job, every balance equals its
//! ledger sum, and the panel holds no client that no fulfilled order owns.
//!
//! Slow (the checkout's delivery lease of 3 minutes must run out before recovery may take the
//! order over), so it is ignored by default:
//! `cargo test --test app e2e_crash:: -- --ignored`.

use crate::e2e_support;

use std::time::Duration;

use e2e_support::{E2e, fake_panel, wait_until};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use testkit::fake_panel::Fault;

/// The buyer's balance, after checking that every user's balance equals their ledger sum.
async fn buyer_balance(db: &DatabaseConnection) -> i64 {
    let all = balances(db).await;
    for (who, balance, ledger) in &all {
        assert_eq!(balance, ledger, "user {who}: balance != sum(ledger)");
    }
    all.iter().find(|(who, _, _)| *who == 1001).expect("the buyer").1
}

/// `(telegram id, balance, ledger sum)` of every user.
async fn balances(db: &DatabaseConnection) -> Vec<(i64, i64, i64)> {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT u.telegram_id, u.balance, \
             (SELECT COALESCE(SUM(t.amount), 0) FROM \"transaction\" t WHERE t.user_id = u.id) \
             FROM user u ORDER BY u.id",
        ))
        .await
        .expect("balances");
    rows.iter()
        .map(|r| {
            (
                r.try_get_by_index(0).unwrap(),
                r.try_get_by_index(1).unwrap(),
                r.try_get_by_index(2).unwrap(),
            )
        })
        .collect()
}

/// `(status, client email, client uuid)` of every order.
async fn orders(db: &DatabaseConnection) -> Vec<(String, Option<String>, Option<String>)> {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT status, client_email, client_uuid FROM \"order\" ORDER BY id",
        ))
        .await
        .expect("orders");
    rows.iter()
        .map(|r| {
            (
                r.try_get_by_index(0).unwrap(),
                r.try_get_by_index(1).unwrap(),
                r.try_get_by_index(2).unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "slow: waits out the 3-minute delivery lease of the killed process"]
async fn a_purchase_killed_between_debit_and_panel_is_settled_after_a_restart() {
    let mut shop = E2e::new().await;
    let panel = fake_panel(443).await;
    shop.add_panel(&panel, "France", "FR").await;
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
        "250000",
        "--reason",
        "cash at the shop",
    ])
    .await;
    let db = Database::connect(shop.db_url())
        .await
        .expect("the shop's database opens");

    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("Buy a plan");
    shop.idle().await;
    user.tap_button("France");
    shop.idle().await;
    user.tap_button("Silver");
    shop.idle().await;
    panel.set_fault(Some(Fault::Slow(Duration::from_secs(600))));
    user.tap_button("Pay");
    for _ in 0..300 {
        if orders(&db).await.first().is_some_and(|(status, _, _)| status == "paid") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(orders(&db).await[0].0, "paid", "the buyer was debited");
    assert_eq!(buyer_balance(&db).await, 150_000);
    // Let the saga reach the panel, which never answers, then kill the process mid-call.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (status, _) = shop.stop_with("KILL").await;
    assert!(!status.success(), "killed: {status}");

    panel.set_fault(None);
    shop.start().await;
    let mut settled = None;
    for _ in 0..(6 * 60) {
        let now = orders(&db).await;
        if now[0].0 != "paid" {
            settled = Some(now[0].clone());
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let (status, email, uuid) = settled.expect("the recovery job settled the order within 6 minutes");
    match status.as_str() {
        "fulfilled" => {
            let email = email.expect("a fulfilled order names its client");
            assert_eq!(panel.client_emails(), vec![email.clone()], "exactly the sold client");
            let on_panel = panel.client(&email).expect("the client is on the panel");
            assert_eq!(on_panel["id"].as_str(), uuid.as_deref(), "with the order's key");
            assert_eq!(buyer_balance(&db).await, 150_000);
            wait_until(30, "the buyer hears the service is ready", || {
                user.bot_messages()
                    .iter()
                    .any(|m| m.text_or_empty().contains("is ready"))
            })
            .await;
        }
        "failed" => {
            assert!(
                panel.client_emails().is_empty(),
                "no orphan client: {:?}",
                panel.client_emails()
            );
            assert_eq!(buyer_balance(&db).await, 250_000, "refunded");
        }
        other => panic!("the order ended {other}"),
    }
    shop.stop().await;
}
