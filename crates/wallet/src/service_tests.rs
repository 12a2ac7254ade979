//! Wallet service rules, with the repository mocked.

use std::sync::{Arc, Mutex};

use kernel::{FixedClock, IdempotencyKey, LedgerEntryId, Money, StorageError, TrackingCode, UserId};
use members::{AccessError, MockAuthorizer, Role};
use notify::Notice;
use time::macros::datetime;

use crate::ports::MockWalletRepo;
use crate::{Direction, LedgerEntry, LedgerKind, Movement, MovementOutcome, WalletError, WalletService};

fn money(m: i64) -> Money {
    Money::from_minor(m).unwrap()
}

fn entry_for(m: &Movement, tracking: &TrackingCode) -> LedgerEntry {
    LedgerEntry {
        id: LedgerEntryId::new(1),
        user: m.user(),
        kind: m.kind(),
        direction: m.direction(),
        amount: m.amount(),
        balance_after: m.amount(),
        key: m.key().clone(),
        tracking: tracking.clone(),
        note: m.note().map(str::to_owned),
        created_at: datetime!(2026-11-21 10:00 UTC),
    }
}

fn admin_check(allowed: bool) -> MockAuthorizer {
    let mut auth = MockAuthorizer::new();
    auth.expect_require().returning(move |actor, role| {
        assert_eq!(role, Role::Admin);
        if allowed {
            Ok(members_user(actor))
        } else {
            Err(AccessError::Forbidden { needed: Role::Admin })
        }
    });
    auth
}

fn members_user(id: UserId) -> members::User {
    members::User {
        id,
        telegram_id: kernel::TelegramId::new(100 + id.get()).unwrap(),
        username: None,
        first_name: members::FirstName::new("Ann"),
        language: members::Language::En,
        role: Role::Admin,
        status: members::UserStatus::Active,
        bot_blocked: false,
        created_at: datetime!(2026-11-21 10:00 UTC),
    }
}

fn service_with(repo: MockWalletRepo, auth: MockAuthorizer) -> WalletService {
    WalletService::new(
        Arc::new(repo),
        Arc::new(FixedClock::new(datetime!(2026-11-21 10:00 UTC))),
    )
    .with_authorizer(Arc::new(auth))
}

fn service(repo: MockWalletRepo) -> WalletService {
    service_with(repo, admin_check(true))
}

const ADMIN: UserId = UserId::new(1);

#[tokio::test]
async fn a_deposit_carries_a_notice_with_the_rows_tracking_code() {
    let mut repo = MockWalletRepo::new();
    repo.expect_apply().times(1).returning(|m, tracking, _, notices, _| {
        assert_eq!(notices.len(), 1);
        assert_eq!(
            notices[0].notice,
            Notice::WalletCredited {
                amount: m.amount(),
                tracking: tracking.as_str().to_owned()
            }
        );
        assert!(tracking.as_str().starts_with("TX-261121-"));
        Ok(MovementOutcome::Applied(entry_for(m, tracking)))
    });
    let out = service(repo)
        .deposit(UserId::new(7), money(500), IdempotencyKey::new("gw:1").unwrap(), None)
        .await
        .unwrap();
    assert!(out.is_applied());
    assert_eq!(
        (out.entry().kind, out.entry().direction),
        (LedgerKind::Deposit, Direction::Credit)
    );
}

#[tokio::test]
async fn a_conflict_is_retried_with_a_fresh_tracking_code() {
    let seen = Arc::new(Mutex::new(Vec::<TrackingCode>::new()));
    let mut repo = MockWalletRepo::new();
    let log = seen.clone();
    repo.expect_apply().times(2).returning(move |m, tracking, _, _, _| {
        let mut log = log.lock().unwrap();
        log.push(tracking.clone());
        if log.len() == 1 {
            Err(WalletError::Storage(StorageError::Conflict("tracking".into())))
        } else {
            Ok(MovementOutcome::Applied(entry_for(m, tracking)))
        }
    });
    service(repo)
        .deposit(UserId::new(7), money(500), IdempotencyKey::new("gw:2").unwrap(), None)
        .await
        .unwrap();
    let seen = seen.lock().unwrap();
    assert_ne!(seen[0], seen[1]);
}

#[tokio::test]
async fn endless_conflicts_give_up_after_three_attempts() {
    let mut repo = MockWalletRepo::new();
    repo.expect_apply()
        .times(WalletService::ATTEMPTS)
        .returning(|_, _, _, _, _| Err(WalletError::Storage(StorageError::Conflict("x".into()))));
    let err = service(repo)
        .deposit(UserId::new(7), money(5), IdempotencyKey::new("gw:3").unwrap(), None)
        .await
        .unwrap_err();
    assert!(matches!(err, WalletError::Storage(StorageError::Conflict(_))));
}

#[tokio::test]
async fn a_short_balance_is_reported_not_retried() {
    let mut repo = MockWalletRepo::new();
    repo.expect_apply().times(1).returning(|_, _, _, _, _| {
        Err(WalletError::InsufficientFunds {
            needed: money(900),
            balance: money(100),
        })
    });
    let err = service(repo)
        .adjust(
            ADMIN,
            UserId::new(7),
            -900,
            IdempotencyKey::new("adj:1").unwrap(),
            "chargeback",
        )
        .await
        .unwrap_err();
    assert!(matches!(err, WalletError::InsufficientFunds { .. }));
}

#[tokio::test]
async fn an_adjustment_without_a_reason_never_reaches_storage() {
    let repo = MockWalletRepo::new();
    let err = service(repo)
        .adjust(ADMIN, UserId::new(7), 100, IdempotencyKey::new("adj:2").unwrap(), " ")
        .await
        .unwrap_err();
    assert!(matches!(err, WalletError::InvalidMovement(_)));
}

#[tokio::test]
async fn an_adjustment_tells_the_user_the_signed_change_and_reason() {
    let mut repo = MockWalletRepo::new();
    repo.expect_apply().times(1).returning(|m, tracking, _, notices, _| {
        assert!(matches!(&notices[0].notice, Notice::BalanceAdjusted { delta_minor: -250, reason, .. } if reason == "duplicate top-up"));
        Ok(MovementOutcome::Applied(entry_for(m, tracking)))
    });
    service(repo)
        .adjust(
            ADMIN,
            UserId::new(7),
            -250,
            IdempotencyKey::new("adj:3").unwrap(),
            "duplicate top-up",
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn only_admins_may_adjust_a_balance() {
    let repo = MockWalletRepo::new();
    let err = service_with(repo, admin_check(false))
        .adjust(
            UserId::new(9),
            UserId::new(7),
            100,
            IdempotencyKey::new("adj:4").unwrap(),
            "gift",
        )
        .await
        .unwrap_err();
    assert!(matches!(err, WalletError::Access(AccessError::Forbidden { .. })));
}

#[tokio::test]
async fn an_adjustment_is_audited_with_the_actor_and_reason() {
    let mut repo = MockWalletRepo::new();
    repo.expect_apply().times(1).returning(|m, tracking, _, _, audit| {
        let audit = audit.as_ref().expect("an admin adjustment carries an audit entry");
        assert_eq!(audit.actor, Some(ADMIN));
        assert_eq!(audit.action, WalletService::ADJUST_ACTION);
        assert_eq!(audit.target, members::AuditTarget::user(UserId::new(7)));
        assert_eq!(audit.detail["reason"], "goodwill");
        Ok(MovementOutcome::Applied(entry_for(m, tracking)))
    });
    service(repo)
        .adjust(
            ADMIN,
            UserId::new(7),
            100,
            IdempotencyKey::new("adj:5").unwrap(),
            "goodwill",
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_deposit_is_not_audited() {
    let mut repo = MockWalletRepo::new();
    repo.expect_apply().times(1).returning(|m, tracking, _, _, audit| {
        assert!(audit.is_none());
        Ok(MovementOutcome::Applied(entry_for(m, tracking)))
    });
    service_with(repo, MockAuthorizer::new())
        .deposit(UserId::new(7), money(5), IdempotencyKey::new("gw:9").unwrap(), None)
        .await
        .unwrap();
}

#[tokio::test]
async fn without_an_authorizer_adjustments_fail_closed() {
    let svc = WalletService::new(
        Arc::new(MockWalletRepo::new()),
        Arc::new(FixedClock::new(datetime!(2026-11-21 10:00 UTC))),
    );
    let err = svc
        .adjust(
            ADMIN,
            UserId::new(7),
            100,
            IdempotencyKey::new("adj:6").unwrap(),
            "gift",
        )
        .await
        .unwrap_err();
    assert!(matches!(err, WalletError::Access(AccessError::Forbidden { .. })));
}
