//! Backups end to end with the real binary: `moonvpn backup` taken while the bot serves
//! purchases restores (`moonvpn restore`) to a database where every balance equals its
//! ledger sum; the daily job sends the backup to the superadmin as a document, once.
//!
//! The shop runs on SQLite; with `MOONVPN_TEST_POSTGRES_URL` set the same story also runs on
//! PostgreSQL (`.ci/run` runs it there).

use crate::e2e_support;

use std::collections::HashMap;
use std::process::{Output, Stdio};

use e2e_support::{ADMIN, E2e, KEY, fake_panel, wait_until};
use kernel::Secret;
use sea_orm::EntityTrait;
use serde_json::Value;
use store::Store;
use store::entity::{members::user, wallet::transaction};
use store::testing::{Backend, TestDb};
use testkit::telegram::EntryKind;

const USERS: [i64; 4] = [2001, 2002, 2003, 2004];

/// `moonvpn args…` with the database at `url` instead of the shop's.
async fn cli_on(shop: &E2e, url: &str, args: &[&str]) -> Output {
    let mut cmd = shop.command();
    cmd.env("MOONVPN_DATABASE__URL", url).args(args).stdin(Stdio::null());
    tokio::task::spawn_blocking(move || cmd.output().expect("the moonvpn binary runs"))
        .await
        .expect("join")
}

fn json(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Every user's balance, after checking it equals the sum of their ledger rows.
async fn balances_matching_ledger(url: &str) -> HashMap<i64, i64> {
    let store = Store::connect(url, &Secret::new(KEY))
        .await
        .expect("open the restored database");
    let users = user::Entity::find().all(store.db()).await.unwrap();
    let rows = transaction::Entity::find().all(store.db()).await.unwrap();
    let mut sums: HashMap<i64, i64> = HashMap::new();
    for row in &rows {
        *sums.entry(row.user_id).or_default() += row.amount;
    }
    let mut balances = HashMap::new();
    for u in users {
        assert_eq!(
            u.balance,
            sums.get(&u.id).copied().unwrap_or(0),
            "user {} has a balance that is not its ledger sum",
            u.telegram_id
        );
        balances.insert(u.telegram_id, u.balance);
    }
    store.close().await.ok();
    balances
}

/// A shop on `shop_url` (the SQLite default when `None`), users with money, a backup taken
/// while they all pay at once and one after; each restored into a new database made by
/// `target` and checked.
async fn backups_while_serving(shop_url: Option<&str>, mut target: impl AsyncFnMut() -> (String, Option<TestDb>)) {
    let mut shop = E2e::new().await;
    if let Some(url) = shop_url {
        shop.env("MOONVPN_DATABASE__URL", url);
    }
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
    let mut users = Vec::new();
    for id in USERS {
        let user = shop.customer(id).await;
        shop.cli_json(&[
            "user",
            "adjust-balance",
            &id.to_string(),
            "--credit",
            "250000",
            "--reason",
            "cash",
        ])
        .await;
        users.push(user);
    }
    for user in &users {
        user.send_text("/menu");
        shop.idle().await;
        for button in ["Buy a plan", "France", "Silver"] {
            user.tap_button(button);
            shop.idle().await;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let during = dir.path().join("during.jsonl.gz");
    for user in &users {
        user.tap_button("Pay");
    }
    let taken = shop.cli_json(&["backup", "--out", during.to_str().unwrap()]).await;
    assert!(taken["rows"].as_u64().unwrap() > 0, "{taken}");
    shop.idle().await;
    wait_until(20, "every purchase is delivered", || {
        users
            .iter()
            .all(|u| u.bot_messages().iter().any(|m| m.text_or_empty().contains("is ready")))
    })
    .await;
    let after = dir.path().join("after.jsonl.gz");
    shop.cli_json(&["backup", "--out", after.to_str().unwrap()]).await;
    shop.stop().await;

    for file in [&during, &after] {
        let (url, _keep) = target().await;
        let restored = json(&cli_on(&shop, &url, &["restore", file.to_str().unwrap(), "--json"]).await);
        assert_eq!(restored["replaced"], false);
        let balances = balances_matching_ledger(&url).await;
        assert!(USERS.iter().all(|id| balances.contains_key(id)), "{balances:?}");
        if file == &after {
            for id in USERS {
                assert_eq!(balances[&id], 150_000, "user {id} paid 100,000 of 250,000");
            }
        }
    }

    // A restore into a database that has rows is refused without --yes, and changes nothing.
    let (url, _keep) = target().await;
    json(&cli_on(&shop, &url, &["restore", after.to_str().unwrap(), "--json"]).await);
    let refused = cli_on(&shop, &url, &["restore", during.to_str().unwrap()]).await;
    assert_eq!(refused.status.code(), Some(2));
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(error.contains("not empty") && error.contains("--yes"), "{error}");
    let balances = balances_matching_ledger(&url).await;
    assert!(USERS.iter().all(|id| balances[id] == 150_000), "{balances:?}");
    let replaced = json(&cli_on(&shop, &url, &["restore", during.to_str().unwrap(), "--yes", "--json"]).await);
    assert_eq!(replaced["replaced"], true);
    balances_matching_ledger(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_the_bot_sells_restores_with_balances_equal_to_the_ledger_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    backups_while_serving(None, async || {
        n += 1;
        let path = dir.path().join(format!("restored-{n}.db"));
        (format!("sqlite://{}?mode=rwc", path.display()), None)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_the_bot_sells_restores_with_balances_equal_to_the_ledger_on_postgres() {
    let Some(shop_db) = TestDb::unmigrated(Backend::Postgres).await else {
        return;
    };
    backups_while_serving(Some(shop_db.url()), async || {
        let db = TestDb::unmigrated(Backend::Postgres).await.expect("postgres");
        (db.url().to_owned(), Some(db))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn files_that_are_not_backups_are_refused_with_a_clear_line() {
    let shop = E2e::new().await;
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "shopping list\n").unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("fresh.db").display());
    let out = cli_on(&shop, &url, &["restore", junk.to_str().unwrap()]).await;
    assert_eq!(out.status.code(), Some(2));
    let error = String::from_utf8_lossy(&out.stderr);
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(error.starts_with("error: this is not a MoonVPN backup"), "{error}");
    assert!(
        !dir.path().join("fresh.db").exists(),
        "a refused file touched the database"
    );
    let missing = cli_on(&shop, &url, &["restore", "no-such-file.gz"]).await;
    assert_eq!(missing.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_daily_backup_reaches_the_superadmin_once_as_a_document() {
    let mut shop = E2e::new().await;
    shop.env("MOONVPN_JOBS__BACKUP_TO_TELEGRAM", "true");
    let admin = shop.fake.user(ADMIN);
    admin.send_text("/start");
    shop.start().await;
    wait_until(30, "the backup document reaches the superadmin", || {
        admin
            .bot_messages()
            .iter()
            .any(|m| matches!(m.kind, EntryKind::Document { .. }))
    })
    .await;
    let documents = |admin: &testkit::telegram::SimUser| {
        admin
            .bot_messages()
            .into_iter()
            .filter_map(|m| match &m.kind {
                EntryKind::Document { file_id, file_name } => Some((file_id.clone(), file_name.clone(), m.clone())),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let sent = documents(&admin);
    let (file_id, file_name, message) = &sent[0];
    let file_name = file_name.clone().unwrap_or_default();
    assert!(
        file_name.starts_with("moonvpn-backup-") && file_name.ends_with(".jsonl.gz"),
        "{file_name}"
    );
    // The job may run before the superadmin's /start is handled (then the caption is in the
    // shop's default language), so the check is on what every language's caption holds.
    assert!(message.text_or_empty().contains("moonvpn restore FILE"), "{message:?}");
    let bytes = shop.fake.file_bytes(file_id).expect("the document's bytes");
    shop.stop().await;

    // A restart within the day sends no second backup.
    shop.start().await;
    shop.idle().await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(documents(&admin).len(), 1, "a restart sent another backup");
    shop.stop().await;

    // The file restores like one from `moonvpn backup`, and the audit log has it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(&file_name);
    std::fs::write(&file, bytes).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("restored.db").display());
    let restored = json(&cli_on(&shop, &url, &["restore", file.to_str().unwrap(), "--json"]).await);
    // Taken at start, maybe before the superadmin's /start was stored: every table, rows or not.
    assert_eq!(restored["tables"], store::backup::tables().len(), "{restored}");
    let audit = shop.cli_json(&["audit", "--action", "backup.create"]).await;
    let entries = audit.as_array().unwrap();
    assert_eq!(entries.len(), 1, "{audit}");
    assert_eq!(entries[0]["detail"]["scheduled"], true);
    assert_eq!(entries[0]["detail"]["delivered"], 1);
    let restored_audit = json(&cli_on(&shop, &url, &["audit", "--action", "backup.restore", "--json"]).await);
    assert_eq!(restored_audit.as_array().unwrap().len(), 1, "{restored_audit}");
}
