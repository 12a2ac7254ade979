//! Wallet storage: the ledger, balances, idempotency and the money invariant under races.

use std::collections::HashMap;
use std::sync::Arc;

use kernel::{
    IdempotencyKey, Money, PageRequest, StorageError, SystemClock, TelegramId, TrackingCode, TrackingKind, UserId,
};
use members::{AuditLog, AuditQuery, AuditTarget, Language, MemberService, MembersConfig};
use notify::{NewNotice, Notice, OutboxRepo};
use sea_orm::{EntityTrait, QuerySelect};
use store::Store;
use store::entity::{members::user, wallet::transaction};
use store::store_test;
use store::testing::insert_user;
use time::OffsetDateTime;
use wallet::{Movement, MovementOutcome, WalletError, WalletRepo, WalletService};

fn money(m: i64) -> Money {
    Money::from_minor(m).unwrap()
}

fn key(k: &str) -> IdempotencyKey {
    IdempotencyKey::new(k).unwrap()
}

/// The Telegram id the test config makes superadmin.
const SUPERADMIN_TG: i64 = 999;

fn service(store: &Store) -> WalletService {
    let config = MembersConfig {
        superadmins: [TelegramId::new(SUPERADMIN_TG).unwrap()].into_iter().collect(),
        default_language: Language::En,
    };
    let members = MemberService::new(Arc::new(store.clone()), Arc::new(SystemClock), config);
    WalletService::new(Arc::new(store.clone()), Arc::new(SystemClock)).with_authorizer(Arc::new(members))
}

async fn apply(store: &Store, m: &Movement) -> Result<MovementOutcome, WalletError> {
    let now = OffsetDateTime::now_utc();
    store
        .apply(m, &TrackingCode::random(TrackingKind::Transaction, now), now, &[], None)
        .await
}

/// `user.balance == SUM(ledger)` and `>= 0` for every user; returns the balances.
pub async fn assert_ledger_invariant(store: &Store) -> HashMap<i64, i64> {
    let rows = transaction::Entity::find().all(store.db()).await.unwrap();
    let mut sums: HashMap<i64, i64> = HashMap::new();
    for r in &rows {
        *sums.entry(r.user_id).or_default() += r.amount;
    }
    let users = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Balance)
        .into_tuple::<(i64, i64)>()
        .all(store.db())
        .await
        .unwrap();
    for (id, balance) in &users {
        assert!(*balance >= 0, "user {id} has a negative balance {balance}");
        assert_eq!(
            *balance,
            sums.get(id).copied().unwrap_or(0),
            "user {id}: balance != sum(ledger)"
        );
    }
    users.into_iter().collect()
}

store_test!(a_new_wallet_is_empty, |store| {
    let user = insert_user(&store, 1).await;
    assert_eq!(service(&store).balance(user).await.unwrap(), Money::ZERO);
    let page = service(&store).history(user, PageRequest::default()).await.unwrap();
    assert_eq!((page.items.len(), page.total), (0, 0));
});

store_test!(a_deposit_moves_the_balance_and_appends_one_row, |store| {
    let user = insert_user(&store, 1).await;
    let out = service(&store)
        .deposit(user, money(1500), key("gw:1"), Some("card".into()))
        .await
        .unwrap();
    assert!(out.is_applied());
    assert_eq!(out.entry().balance_after, money(1500));
    assert_eq!(service(&store).balance(user).await.unwrap(), money(1500));
    let found = store.find_by_tracking(&out.entry().tracking).await.unwrap().unwrap();
    assert_eq!(&found, out.entry());
    assert_ledger_invariant(&store).await;
});

store_test!(replaying_a_key_changes_nothing, |store| {
    let user = insert_user(&store, 1).await;
    let first = service(&store)
        .deposit(user, money(700), key("receipt:9:approve"), None)
        .await
        .unwrap();
    let again = service(&store)
        .deposit(user, money(700), key("receipt:9:approve"), None)
        .await
        .unwrap();
    assert!(matches!(again, MovementOutcome::Replayed(ref e) if e == first.entry()));
    assert_eq!(service(&store).balance(user).await.unwrap(), money(700));
    assert_eq!(
        service(&store)
            .history(user, PageRequest::default())
            .await
            .unwrap()
            .total,
        1
    );
    let due = store.due(OffsetDateTime::now_utc(), 10).await.unwrap();
    assert_eq!(due.len(), 1, "a replay must not notify twice");
});

store_test!(a_key_reused_for_another_movement_is_refused, |store| {
    let user = insert_user(&store, 1).await;
    service(&store)
        .deposit(user, money(700), key("gw:7"), None)
        .await
        .unwrap();
    let err = service(&store)
        .deposit(user, money(701), key("gw:7"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, WalletError::KeyReused(_)));
    assert_eq!(service(&store).balance(user).await.unwrap(), money(700));
});

store_test!(a_debit_beyond_the_balance_is_refused_and_changes_nothing, |store| {
    let user = insert_user(&store, 1).await;
    service(&store)
        .deposit(user, money(300), key("gw:1"), None)
        .await
        .unwrap();
    let buy = Movement::purchase(user, money(301), key("order:1:debit"), None).unwrap();
    let err = apply(&store, &buy).await.unwrap_err();
    assert!(
        matches!(err, WalletError::InsufficientFunds { needed, balance } if needed == money(301) && balance == money(300))
    );
    assert_eq!(service(&store).balance(user).await.unwrap(), money(300));
    let exact = Movement::purchase(user, money(300), key("order:2:debit"), None).unwrap();
    assert_eq!(apply(&store, &exact).await.unwrap().entry().balance_after, Money::ZERO);
    assert_ledger_invariant(&store).await;
});

store_test!(an_unknown_user_is_reported, |store| {
    let ghost = UserId::new(424242);
    assert!(matches!(service(&store).balance(ghost).await, Err(WalletError::UnknownUser(u)) if u == ghost));
    let err = service(&store)
        .deposit(ghost, money(5), key("gw:x"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, WalletError::UnknownUser(_)), "{err:?}");
});

store_test!(history_pages_newest_first, |store| {
    let user = insert_user(&store, 1).await;
    for i in 1..=5 {
        service(&store)
            .deposit(user, money(i * 100), key(&format!("gw:{i}")), None)
            .await
            .unwrap();
    }
    let svc = service(&store);
    let first = svc.history(user, PageRequest::new(0, 2)).await.unwrap();
    assert_eq!(first.total, 5);
    assert_eq!(
        first.items.iter().map(|e| e.amount.minor()).collect::<Vec<_>>(),
        vec![500, 400]
    );
    let last = svc.history(user, PageRequest::new(2, 2)).await.unwrap();
    assert_eq!(
        last.items.iter().map(|e| e.amount.minor()).collect::<Vec<_>>(),
        vec![100]
    );
    assert!(!last.has_more(PageRequest::new(2, 2)));
});

store_test!(recent_movements_are_the_newest_and_say_whether_more_exist, |store| {
    let user = insert_user(&store, 1).await;
    let other = insert_user(&store, 2).await;
    let svc = service(&store);
    assert_eq!(svc.recent(user, 3).await.unwrap(), wallet::Recent::default());
    assert_eq!(svc.balance(user).await.unwrap(), Money::ZERO);
    for i in 1..=3 {
        svc.deposit(user, money(i * 100), key(&format!("gw:{i}")), None)
            .await
            .unwrap();
    }
    svc.deposit(other, money(9), key("gw:other"), None).await.unwrap();
    let amounts = |r: &wallet::Recent| r.entries.iter().map(|e| e.amount.minor()).collect::<Vec<_>>();
    let exactly = svc.recent(user, 3).await.unwrap();
    assert_eq!((amounts(&exactly), exactly.more), (vec![300, 200, 100], false));
    let fewer = svc.recent(user, 2).await.unwrap();
    assert_eq!((amounts(&fewer), fewer.more), (vec![300, 200], true));
    assert_eq!(fewer.balance, money(600));
    let spent = Movement::purchase(user, money(250), key("order:1:pay"), None).unwrap();
    apply(&store, &spent).await.unwrap();
    let after = svc.recent(user, 2).await.unwrap();
    assert_eq!(amounts(&after), vec![250, 300]);
    assert_eq!(after.balance, money(350));
    assert_eq!(after.balance, svc.balance(user).await.unwrap());
});

store_test!(a_taken_tracking_code_is_a_conflict_that_changes_nothing, |store| {
    let user = insert_user(&store, 1).await;
    let now = OffsetDateTime::now_utc();
    let code = TrackingCode::random(TrackingKind::Transaction, now);
    let a = Movement::deposit(user, money(10), key("gw:a"), None).unwrap();
    store.apply(&a, &code, now, &[], None).await.unwrap();
    let b = Movement::deposit(user, money(20), key("gw:b"), None).unwrap();
    let err = store.apply(&b, &code, now, &[], None).await.unwrap_err();
    assert!(
        matches!(err, WalletError::Storage(StorageError::Conflict(_))),
        "{err:?}"
    );
    assert_eq!(service(&store).balance(user).await.unwrap(), money(10));
    assert_ledger_invariant(&store).await;
});

store_test!(notices_are_written_with_the_movement, |store| {
    let user = insert_user(&store, 1).await;
    let now = OffsetDateTime::now_utc();
    let m = Movement::deposit(user, money(10), key("gw:n"), None).unwrap();
    let n = NewNotice::to_user(
        user,
        Notice::WalletCredited {
            amount: money(10),
            tracking: "TX-261121-AAAAA".into(),
        },
    );
    store
        .apply(
            &m,
            &TrackingCode::random(TrackingKind::Transaction, now),
            now,
            std::slice::from_ref(&n),
            None,
        )
        .await
        .unwrap();
    let refused = Movement::purchase(user, money(99), key("order:5:debit"), None).unwrap();
    let n2 = NewNotice::to_admins(Notice::ReceiptExpired {
        receipt: kernel::ReceiptId::new(1),
    });
    assert!(
        store
            .apply(
                &refused,
                &TrackingCode::random(TrackingKind::Transaction, now),
                now,
                &[n2],
                None
            )
            .await
            .is_err()
    );
    let due = store.due(now, 10).await.unwrap();
    assert_eq!(
        due.iter().map(|e| e.notice.clone()).collect::<Vec<_>>(),
        vec![n],
        "a refused movement leaves no notice"
    );
});

/// Money keyed by `k`: the same key always means the same user, kind and amount, so reusing
/// it is a genuine replay.
fn movement_for(users: &[UserId], k: u32) -> Movement {
    let user = users[(k % users.len() as u32) as usize];
    let amount = money(i64::from(k * 37 % 500 + 1));
    match k % 3 {
        0 => Movement::deposit(user, amount, key(&format!("dep:{k}")), None),
        1 => Movement::purchase(user, amount, key(&format!("buy:{k}")), None),
        _ => Movement::refund(user, amount, key(&format!("ref:{k}")), None),
    }
    .unwrap()
}

store_test!(racing_movements_keep_every_balance_equal_to_its_ledger, |store| {
    let users = vec![
        insert_user(&store, 1).await,
        insert_user(&store, 2).await,
        insert_user(&store, 3).await,
    ];
    let mut tasks = Vec::new();
    for t in 0..16u64 {
        let (store, users) = (store.clone(), users.clone());
        tasks.push(tokio::spawn(async move {
            let mut applied: Vec<String> = Vec::new();
            let mut seed = 0x9E37_79B9_7F4A_7C15u64 ^ (t + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            for _ in 0..20 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let m = movement_for(&users, (seed % 60) as u32);
                let mut outcome = apply(&store, &m).await;
                for _ in 0..5 {
                    if matches!(outcome, Err(WalletError::Storage(StorageError::Conflict(_)))) {
                        outcome = apply(&store, &m).await;
                    }
                }
                match outcome {
                    Ok(MovementOutcome::Applied(e)) => applied.push(e.key.as_str().to_owned()),
                    Ok(MovementOutcome::Replayed(_)) | Err(WalletError::InsufficientFunds { .. }) => {}
                    Err(e) => panic!("unexpected error under contention: {e:?}"),
                }
            }
            applied
        }));
    }
    let mut applied_per_key: HashMap<String, usize> = HashMap::new();
    for t in tasks {
        for k in t.await.unwrap() {
            *applied_per_key.entry(k).or_default() += 1;
        }
    }
    assert!(
        applied_per_key.values().all(|&n| n == 1),
        "a key took effect twice: {applied_per_key:?}"
    );
    let rows = transaction::Entity::find().all(store.db()).await.unwrap();
    assert_eq!(
        rows.len(),
        applied_per_key.len(),
        "every applied key has exactly one row"
    );
    for r in &rows {
        assert_eq!(applied_per_key.get(&r.idempotency_key), Some(&1));
    }
    assert_ledger_invariant(&store).await;
});

store_test!(an_admin_adjustment_writes_the_ledger_row_and_the_audit_entry, |store| {
    let admin = insert_user(&store, SUPERADMIN_TG).await;
    let user = insert_user(&store, 1).await;
    let out = service(&store)
        .adjust(admin, user, 2500, key("adjust:cli:1"), "goodwill credit")
        .await
        .unwrap();
    assert_eq!(out.entry().balance_after, money(2500));
    assert_eq!(out.entry().note.as_deref(), Some("goodwill credit"));
    let audit = store
        .list(
            AuditQuery {
                actor: Some(admin),
                target: Some(AuditTarget::user(user)),
                ..AuditQuery::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(audit.total, 1);
    assert_eq!(audit.items[0].action, WalletService::ADJUST_ACTION);
    assert_eq!(audit.items[0].detail["delta_minor"], 2500);
    let again = service(&store)
        .adjust(admin, user, 2500, key("adjust:cli:1"), "goodwill credit")
        .await
        .unwrap();
    assert!(!again.is_applied(), "a repeated request changes nothing");
    let audit = store.list(AuditQuery::default(), PageRequest::default()).await.unwrap();
    assert_eq!(audit.total, 1, "a replay is not audited twice");
    assert_ledger_invariant(&store).await;
});

store_test!(a_non_admin_cannot_adjust_and_nothing_changes, |store| {
    let user = insert_user(&store, 1).await;
    let other = insert_user(&store, 2).await;
    let err = service(&store)
        .adjust(other, user, 2500, key("adjust:cli:2"), "free money")
        .await
        .unwrap_err();
    assert!(matches!(err, WalletError::Access(_)), "{err:?}");
    assert_eq!(service(&store).balance(user).await.unwrap(), Money::ZERO);
    assert_eq!(
        store
            .list(AuditQuery::default(), PageRequest::default())
            .await
            .unwrap()
            .total,
        0
    );
});

store_test!(an_adjustment_cannot_take_a_balance_below_zero, |store| {
    let admin = insert_user(&store, SUPERADMIN_TG).await;
    let user = insert_user(&store, 1).await;
    service(&store)
        .adjust(admin, user, 100, key("adjust:cli:3"), "credit")
        .await
        .unwrap();
    let err = service(&store)
        .adjust(admin, user, -101, key("adjust:cli:4"), "chargeback")
        .await
        .unwrap_err();
    assert!(matches!(err, WalletError::InsufficientFunds { .. }), "{err:?}");
    assert_eq!(
        store
            .list(AuditQuery::default(), PageRequest::default())
            .await
            .unwrap()
            .total,
        1,
        "a refused adjustment is not audited"
    );
    assert_ledger_invariant(&store).await;
});

store_test!(
    a_movement_written_without_lookup_refuses_a_used_key_as_a_conflict,
    |store| {
        use sea_orm::TransactionTrait;
        use store::repo::ledger::{LedgerWriteError, write_new};
        let user = insert_user(&store, 1).await;
        let now = OffsetDateTime::now_utc();
        let paid = Movement::deposit(user, money(50), key("order:1:refund"), None).unwrap();
        apply(&store, &paid).await.unwrap();

        let txn = store.db().begin().await.unwrap();
        let again = write_new(&txn, &paid, &TrackingCode::random(TrackingKind::Transaction, now), now).await;
        assert!(
            matches!(again, Err(LedgerWriteError::Storage(StorageError::Conflict(_)))),
            "{again:?}"
        );
        txn.rollback().await.unwrap();
        assert_eq!(service(&store).balance(user).await.unwrap(), money(50), "credited once");
        assert_ledger_invariant(&store).await;

        let txn = store.db().begin().await.unwrap();
        let fresh = Movement::deposit(user, money(5), key("order:2:refund"), None).unwrap();
        let entry = write_new(&txn, &fresh, &TrackingCode::random(TrackingKind::Transaction, now), now)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        assert_eq!(entry.balance_after, money(55));
        assert_ledger_invariant(&store).await;
    }
);
