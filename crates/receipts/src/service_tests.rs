//! Unit tests of [`ReceiptService`] and [`BankCardService`] against mocked ports.

use std::sync::Arc;

use kernel::{BankCardId, FixedClock, Money, PageRequest, ReceiptId, StorageError, TrackingKind, UserId};
use members::{AccessError, MockAuthorizer, Role};
use notify::{Notice, Recipient};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::card_number::tests::VALID;
use crate::receipt::tests::pending;
use crate::{
    BankCard, BankCardService, BankCardUpdate, CardLoad, CardNumber, DecisionOutcome, Label, MockBankCardRepo,
    MockReceiptRepo, NewBankCard, Receipt, ReceiptConfig, ReceiptError, ReceiptProof, ReceiptService, ReceiptStatus,
    ReceiptText, RejectReason, Rotation,
};

const NOW: OffsetDateTime = datetime!(2026-11-21 12:10 UTC);
const ADMIN: UserId = UserId::new(1);
const PAYER: UserId = UserId::new(2);

fn member(id: UserId, role: Role) -> members::User {
    members::User {
        id,
        telegram_id: kernel::TelegramId::new(100 + id.get()).unwrap(),
        username: None,
        first_name: members::FirstName::new("T"),
        language: members::Language::En,
        role,
        status: members::UserStatus::Active,
        bot_blocked: false,
        created_at: datetime!(2026-11-01 0:00 UTC),
    }
}

/// Admin 1 is an admin, everyone else a plain active user.
fn access() -> MockAuthorizer {
    let mut a = MockAuthorizer::new();
    a.expect_require().returning(|id, role| {
        if id == ADMIN || role <= Role::User {
            Ok(member(id, Role::Admin))
        } else {
            Err(AccessError::Forbidden { needed: role })
        }
    });
    a.expect_ensure_active().returning(|id| Ok(member(id, Role::User)));
    a
}

fn card(id: i64, rotation: Rotation, current: bool) -> BankCard {
    BankCard {
        id: BankCardId::new(id),
        holder: Label::new("Ali Rezaei").unwrap(),
        bank: Label::new("Melli").unwrap(),
        number: CardNumber::parse(VALID).unwrap(),
        owner: ADMIN,
        channel_id: None,
        rotation,
        active: true,
        current,
        created_at: datetime!(2026-11-01 0:00 UTC),
    }
}

fn service_with(receipts: MockReceiptRepo, cards: MockBankCardRepo, access: MockAuthorizer) -> ReceiptService {
    ReceiptService::new(
        Arc::new(receipts),
        Arc::new(cards),
        Arc::new(access),
        Arc::new(FixedClock::new(NOW)),
        ReceiptConfig::default(),
    )
}

fn service(receipts: MockReceiptRepo) -> ReceiptService {
    service_with(receipts, MockBankCardRepo::new(), access())
}

fn with(status: ReceiptStatus) -> Receipt {
    let mut r = pending(7);
    r.status = status;
    r
}

fn text_proof() -> ReceiptProof {
    ReceiptProof::new(ReceiptText::new("paid 10:05").unwrap(), None).unwrap()
}

fn repo_holding(receipt: Receipt) -> MockReceiptRepo {
    let mut repo = MockReceiptRepo::new();
    repo.expect_get().returning(move |_| Ok(Some(receipt.clone())));
    repo
}

/// A repo with a known card 1 and no pending receipts.
fn submit_repos() -> (MockReceiptRepo, MockBankCardRepo) {
    let mut receipts = MockReceiptRepo::new();
    receipts.expect_list().returning(|_, _| {
        Ok(kernel::Page {
            items: vec![],
            total: 0,
        })
    });
    let mut cards = MockBankCardRepo::new();
    cards
        .expect_get()
        .returning(|id| Ok((id == BankCardId::new(1)).then(|| card(1, Rotation::Manual, true))));
    (receipts, cards)
}

fn stored(new: &crate::NewReceipt) -> Receipt {
    Receipt {
        id: ReceiptId::new(7),
        user: new.user,
        card: new.card,
        amount: new.amount,
        proof: new.proof.clone(),
        status: ReceiptStatus::Pending,
        tracking: new.tracking.clone(),
        submitted_at: new.submitted_at,
        expires_at: new.expires_at,
        decided_by: None,
        decided_at: None,
        reject_reason: None,
    }
}

// ---- showing a card ----

#[tokio::test]
async fn payers_are_shown_the_card_chosen_by_the_policy() {
    let mut cards = MockBankCardRepo::new();
    cards
        .expect_list()
        .returning(|| Ok(vec![card(1, Rotation::Manual, false), card(2, Rotation::Manual, true)]));
    let s = service_with(MockReceiptRepo::new(), cards, access());
    assert_eq!(s.card_for_payment(PAYER).await.unwrap().id, BankCardId::new(2));
}

#[tokio::test]
async fn load_balancing_counts_receipts_of_the_last_day() {
    let mut cards = MockBankCardRepo::new();
    cards.expect_list().returning(|| {
        Ok(vec![
            card(1, Rotation::LoadBalance, true),
            card(2, Rotation::Manual, false),
        ])
    });
    let mut receipts = MockReceiptRepo::new();
    receipts
        .expect_card_loads()
        .withf(|since| *since == NOW - Duration::hours(24))
        .times(1)
        .returning(|_| {
            Ok(vec![CardLoad {
                card: BankCardId::new(1),
                pending: 3,
                recent: 9,
            }])
        });
    let s = service_with(receipts, cards, access());
    assert_eq!(s.card_for_payment(PAYER).await.unwrap().id, BankCardId::new(2));
}

#[tokio::test]
async fn without_an_active_card_payers_are_told_card_payment_is_unavailable() {
    let mut cards = MockBankCardRepo::new();
    cards.expect_list().returning(|| {
        let mut c = card(1, Rotation::Manual, true);
        c.active = false;
        Ok(vec![c])
    });
    let s = service_with(MockReceiptRepo::new(), cards, access());
    assert!(matches!(
        s.card_for_payment(PAYER).await,
        Err(ReceiptError::NoActiveCard)
    ));
}

#[tokio::test]
async fn blocked_users_are_not_shown_a_card_and_cannot_submit() {
    let mut a = MockAuthorizer::new();
    a.expect_ensure_active().returning(|_| Err(AccessError::Blocked));
    let s = service_with(MockReceiptRepo::new(), MockBankCardRepo::new(), a);
    assert!(matches!(s.card_for_payment(PAYER).await, Err(ReceiptError::Blocked)));
    let amount = Money::from_minor(1).unwrap();
    assert!(matches!(
        s.submit(PAYER, BankCardId::new(1), amount, text_proof()).await,
        Err(ReceiptError::Blocked)
    ));
}

// ---- submitting ----

#[tokio::test]
async fn a_submitted_receipt_is_pending_with_a_receipt_tracking_code_and_a_30_minute_deadline() {
    let (mut receipts, cards) = submit_repos();
    receipts
        .expect_submit()
        .withf(|n| {
            n.user == PAYER
                && n.card == BankCardId::new(1)
                && n.amount.minor() == 250_000
                && n.tracking.kind() == TrackingKind::Receipt
                && n.submitted_at == NOW
                && n.expires_at == NOW + Duration::minutes(30)
        })
        .times(1)
        .returning(|n| Ok(stored(n)));
    let s = service_with(receipts, cards, access());
    let r = s
        .submit(
            PAYER,
            BankCardId::new(1),
            Money::from_minor(250_000).unwrap(),
            text_proof(),
        )
        .await
        .unwrap();
    assert_eq!(r.status, ReceiptStatus::Pending);
}

#[tokio::test]
async fn the_review_deadline_is_configurable() {
    let (mut receipts, cards) = submit_repos();
    receipts
        .expect_submit()
        .withf(|n| n.expires_at == NOW + Duration::hours(2))
        .times(1)
        .returning(|n| Ok(stored(n)));
    let s = ReceiptService::new(
        Arc::new(receipts),
        Arc::new(cards),
        Arc::new(access()),
        Arc::new(FixedClock::new(NOW)),
        ReceiptConfig {
            ttl: Duration::hours(2),
            ..ReceiptConfig::default()
        },
    );
    s.submit(PAYER, BankCardId::new(1), Money::from_minor(5).unwrap(), text_proof())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_zero_amount_is_refused() {
    let (receipts, cards) = submit_repos();
    let s = service_with(receipts, cards, access());
    assert!(matches!(
        s.submit(PAYER, BankCardId::new(1), Money::ZERO, text_proof()).await,
        Err(ReceiptError::ZeroAmount)
    ));
}

#[tokio::test]
async fn a_receipt_for_an_unknown_card_is_refused() {
    let (receipts, cards) = submit_repos();
    let s = service_with(receipts, cards, access());
    assert!(matches!(
        s.submit(PAYER, BankCardId::new(9), Money::from_minor(5).unwrap(), text_proof()).await,
        Err(ReceiptError::UnknownCard(id)) if id == BankCardId::new(9)
    ));
}

#[tokio::test]
async fn a_payer_with_too_many_receipts_waiting_must_wait() {
    let mut receipts = MockReceiptRepo::new();
    receipts
        .expect_list()
        .withf(|q, _| q.user == Some(PAYER) && q.status == Some(ReceiptStatus::Pending))
        .returning(|_, _| {
            Ok(kernel::Page {
                items: vec![],
                total: 3,
            })
        });
    let (_, cards) = submit_repos();
    let s = service_with(receipts, cards, access());
    assert!(matches!(
        s.submit(PAYER, BankCardId::new(1), Money::from_minor(5).unwrap(), text_proof())
            .await,
        Err(ReceiptError::TooManyPending(3))
    ));
}

#[tokio::test]
async fn a_taken_tracking_code_is_replaced_by_a_fresh_one() {
    let (mut receipts, cards) = submit_repos();
    let mut seq = mockall::Sequence::new();
    receipts
        .expect_submit()
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| Err(StorageError::Conflict("receipt_log.tracking".into())));
    receipts
        .expect_submit()
        .times(1)
        .in_sequence(&mut seq)
        .returning(|n| Ok(stored(n)));
    let s = service_with(receipts, cards, access());
    s.submit(PAYER, BankCardId::new(1), Money::from_minor(5).unwrap(), text_proof())
        .await
        .unwrap();
}

#[tokio::test]
async fn tracking_collisions_give_up_after_three_tries() {
    let (mut receipts, cards) = submit_repos();
    receipts
        .expect_submit()
        .times(3)
        .returning(|_| Err(StorageError::Conflict("receipt_log.tracking".into())));
    let s = service_with(receipts, cards, access());
    assert!(matches!(
        s.submit(PAYER, BankCardId::new(1), Money::from_minor(5).unwrap(), text_proof())
            .await,
        Err(ReceiptError::Storage(StorageError::Conflict(_)))
    ));
}

// ---- approving ----

#[tokio::test]
async fn approving_credits_once_under_the_receipt_key_tells_the_payer_and_audits() {
    let mut repo = repo_holding(pending(7));
    repo.expect_approve()
        .withf(|c| {
            c.receipt == ReceiptId::new(7)
                && c.admin == ADMIN
                && c.at == NOW
                && c.key.as_str() == "receipt:7:approve"
                && c.notices.len() == 1
                && c.notices[0].recipient == Recipient::User(PAYER)
                && c.notices[0].notice
                    == Notice::ReceiptApproved {
                        receipt: ReceiptId::new(7),
                        amount: Money::from_minor(500_000).unwrap(),
                    }
                && c.audit.actor == Some(ADMIN)
                && c.audit.action == ReceiptService::APPROVE
                && c.audit.target.as_str() == "receipt:7"
                && c.audit.detail["amount"] == 500_000
        })
        .times(1)
        .returning(|_| Ok(DecisionOutcome::Applied(with(ReceiptStatus::Approved))));
    let r = service(repo).approve(ADMIN, ReceiptId::new(7)).await.unwrap();
    assert_eq!(r.status, ReceiptStatus::Approved);
}

#[tokio::test]
async fn non_admins_cannot_approve() {
    let s = service(MockReceiptRepo::new());
    assert!(matches!(
        s.approve(PAYER, ReceiptId::new(7)).await,
        Err(ReceiptError::Forbidden { needed: Role::Admin })
    ));
}

#[tokio::test]
async fn approving_a_decided_receipt_says_it_was_already_decided() {
    let s = service(repo_holding(with(ReceiptStatus::Approved)));
    assert!(matches!(
        s.approve(ADMIN, ReceiptId::new(7)).await,
        Err(ReceiptError::AlreadyDecided {
            status: ReceiptStatus::Approved
        })
    ));
    let s = service(repo_holding(with(ReceiptStatus::Rejected)));
    assert!(matches!(
        s.approve(ADMIN, ReceiptId::new(7)).await,
        Err(ReceiptError::AlreadyDecided {
            status: ReceiptStatus::Rejected
        })
    ));
}

#[tokio::test]
async fn the_loser_of_two_racing_approvals_is_told_it_was_already_approved() {
    let mut repo = repo_holding(pending(7));
    repo.expect_approve()
        .returning(|_| Ok(DecisionOutcome::Refused(with(ReceiptStatus::Approved))));
    assert!(matches!(
        service(repo).approve(ADMIN, ReceiptId::new(7)).await,
        Err(ReceiptError::AlreadyDecided {
            status: ReceiptStatus::Approved
        })
    ));
}

#[tokio::test]
async fn an_overdue_receipt_cannot_be_approved() {
    let mut late = pending(7);
    late.expires_at = NOW;
    let s = service(repo_holding(late));
    assert!(matches!(
        s.approve(ADMIN, ReceiptId::new(7)).await,
        Err(ReceiptError::Expired)
    ));
    let s = service(repo_holding(with(ReceiptStatus::Expired)));
    assert!(matches!(
        s.approve(ADMIN, ReceiptId::new(7)).await,
        Err(ReceiptError::AlreadyDecided {
            status: ReceiptStatus::Expired
        })
    ));
}

#[tokio::test]
async fn approving_an_unknown_receipt_says_so() {
    let mut repo = MockReceiptRepo::new();
    repo.expect_get().returning(|_| Ok(None));
    assert!(matches!(
        service(repo).approve(ADMIN, ReceiptId::new(8)).await,
        Err(ReceiptError::UnknownReceipt(_))
    ));
}

#[tokio::test]
async fn a_refusal_for_a_still_decidable_receipt_is_a_storage_fault() {
    let mut repo = repo_holding(pending(7));
    repo.expect_approve()
        .returning(|_| Ok(DecisionOutcome::Refused(pending(7))));
    assert!(matches!(
        service(repo).approve(ADMIN, ReceiptId::new(7)).await,
        Err(ReceiptError::Storage(StorageError::Other(_)))
    ));
}

// ---- rejecting ----

#[tokio::test]
async fn rejecting_tells_the_payer_why_and_audits() {
    let mut repo = repo_holding(pending(7));
    repo.expect_reject()
        .withf(|c| {
            c.reason.as_str() == "amount does not match"
                && c.notices[0].recipient == Recipient::User(PAYER)
                && c.notices[0].notice
                    == Notice::ReceiptRejected {
                        receipt: ReceiptId::new(7),
                        reason: "amount does not match".into(),
                    }
                && c.audit.action == ReceiptService::REJECT
                && c.audit.detail["reason"] == "amount does not match"
        })
        .times(1)
        .returning(|_| Ok(DecisionOutcome::Applied(with(ReceiptStatus::Rejected))));
    let reason = RejectReason::new("amount does not match").unwrap();
    let r = service(repo).reject(ADMIN, ReceiptId::new(7), reason).await.unwrap();
    assert_eq!(r.status, ReceiptStatus::Rejected);
}

#[tokio::test]
async fn a_rejected_receipt_cannot_be_rejected_or_approved_again() {
    let s = service(repo_holding(with(ReceiptStatus::Rejected)));
    let reason = RejectReason::new("dup").unwrap();
    assert!(matches!(
        s.reject(ADMIN, ReceiptId::new(7), reason).await,
        Err(ReceiptError::AlreadyDecided {
            status: ReceiptStatus::Rejected
        })
    ));
}

#[tokio::test]
async fn non_admins_cannot_reject() {
    let s = service(MockReceiptRepo::new());
    let reason = RejectReason::new("no").unwrap();
    assert!(matches!(
        s.reject(PAYER, ReceiptId::new(7), reason).await,
        Err(ReceiptError::Forbidden { .. })
    ));
}

// ---- expiry ----

#[tokio::test]
async fn overdue_receipts_expire_and_their_payers_are_told() {
    let mut repo = MockReceiptRepo::new();
    repo.expect_due_for_expiry()
        .withf(|now, limit| *now == NOW && *limit == 50)
        .returning(|_, _| Ok(vec![pending(7), pending(8)]));
    repo.expect_expire()
        .withf(|c| c.receipt == ReceiptId::new(7))
        .returning(|c| {
            assert_eq!(
                c.notices[0].notice,
                Notice::ReceiptExpired {
                    receipt: ReceiptId::new(7)
                }
            );
            assert_eq!(c.at, NOW);
            Ok(DecisionOutcome::Applied(with(ReceiptStatus::Expired)))
        });
    // receipt 8 was approved between the listing and the expiry: it is left alone
    repo.expect_expire()
        .withf(|c| c.receipt == ReceiptId::new(8))
        .returning(|_| Ok(DecisionOutcome::Refused(with(ReceiptStatus::Approved))));
    let expired = service(repo).expire_due(50).await.unwrap();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].status, ReceiptStatus::Expired);
}

// ---- lookups ----

#[tokio::test]
async fn payers_find_their_own_receipts_by_tracking_code_but_not_others() {
    let mine = pending(7);
    let code = mine.tracking.clone();
    let s = service(repo_by_tracking(mine.clone()));
    assert_eq!(s.find_by_tracking(PAYER, &code).await.unwrap(), mine);
    let s = service(repo_by_tracking(mine.clone()));
    assert!(matches!(
        s.find_by_tracking(UserId::new(3), &code).await,
        Err(ReceiptError::UnknownReceipt(_))
    ));
    let s = service(repo_by_tracking(mine.clone()));
    assert_eq!(s.find_by_tracking(ADMIN, &code).await.unwrap(), mine);
}

fn repo_by_tracking(receipt: Receipt) -> MockReceiptRepo {
    let mut repo = MockReceiptRepo::new();
    repo.expect_find_by_tracking()
        .returning(move |_| Ok(Some(receipt.clone())));
    repo
}

#[tokio::test]
async fn only_admins_see_the_review_queue() {
    let mut repo = MockReceiptRepo::new();
    repo.expect_list()
        .withf(|q, _| q.status == Some(ReceiptStatus::Pending) && q.user.is_none())
        .returning(|_, _| {
            Ok(kernel::Page {
                items: vec![pending(7)],
                total: 1,
            })
        });
    let s = service(repo);
    assert_eq!(s.pending(ADMIN, PageRequest::default()).await.unwrap().total, 1);
    assert!(matches!(
        s.pending(PAYER, PageRequest::default()).await,
        Err(ReceiptError::Forbidden { .. })
    ));
}

// ---- cards ----

fn card_service(cards: MockBankCardRepo, access: MockAuthorizer) -> BankCardService {
    BankCardService::new(Arc::new(cards), Arc::new(access), Arc::new(FixedClock::new(NOW)))
}

fn new_card(owner: UserId) -> NewBankCard {
    NewBankCard {
        holder: Label::new("Ali Rezaei").unwrap(),
        bank: Label::new("Melli").unwrap(),
        number: CardNumber::parse(VALID).unwrap(),
        owner,
        channel_id: Some(-100123),
        rotation: Rotation::Manual,
    }
}

#[tokio::test]
async fn the_first_card_becomes_current_and_its_audit_shows_only_the_masked_number() {
    let mut cards = MockBankCardRepo::new();
    cards.expect_list().returning(|| Ok(vec![]));
    cards
        .expect_add()
        .withf(|_, current, at, audit| {
            let detail = audit.detail.to_string();
            *current
                && *at == NOW
                && audit.action == BankCardService::ADD
                && detail.contains("6037-99**-****-1235")
                && !detail.contains(VALID)
        })
        .times(1)
        .returning(|_, _, _, _| Ok(card(1, Rotation::Manual, true)));
    card_service(cards, access()).add(ADMIN, new_card(ADMIN)).await.unwrap();
}

#[tokio::test]
async fn later_cards_do_not_take_over_as_current() {
    let mut cards = MockBankCardRepo::new();
    cards.expect_list().returning(|| {
        let other = card(1, Rotation::Manual, true);
        let number = CardNumber::parse("4111111111111111").unwrap();
        Ok(vec![BankCard { number, ..other }])
    });
    cards
        .expect_add()
        .withf(|_, current, _, _| !*current)
        .times(1)
        .returning(|_, _, _, _| Ok(card(2, Rotation::Manual, false)));
    card_service(cards, access()).add(ADMIN, new_card(ADMIN)).await.unwrap();
}

#[tokio::test]
async fn a_card_number_already_registered_is_refused() {
    let mut cards = MockBankCardRepo::new();
    cards
        .expect_list()
        .returning(|| Ok(vec![card(4, Rotation::Manual, true)]));
    assert!(matches!(
        card_service(cards, access()).add(ADMIN, new_card(ADMIN)).await,
        Err(ReceiptError::DuplicateCard(id)) if id == BankCardId::new(4)
    ));
}

#[tokio::test]
async fn a_card_must_belong_to_an_admin() {
    assert!(matches!(
        card_service(MockBankCardRepo::new(), access())
            .add(ADMIN, new_card(PAYER))
            .await,
        Err(ReceiptError::OwnerNotAdmin)
    ));
}

#[tokio::test]
async fn only_admins_manage_cards() {
    let s = card_service(MockBankCardRepo::new(), access());
    assert!(matches!(
        s.add(PAYER, new_card(ADMIN)).await,
        Err(ReceiptError::Forbidden { .. })
    ));
    assert!(matches!(
        s.update(PAYER, BankCardId::new(1), BankCardUpdate::Deactivate).await,
        Err(ReceiptError::Forbidden { .. })
    ));
    assert!(matches!(s.list(PAYER).await, Err(ReceiptError::Forbidden { .. })));
}

#[tokio::test]
async fn card_changes_are_audited_with_what_changed() {
    let mut cards = MockBankCardRepo::new();
    cards
        .expect_update()
        .withf(|id, u, audit| {
            *id == BankCardId::new(3)
                && matches!(u, BankCardUpdate::SetRotation(Rotation::Interval { .. }))
                && audit.action == BankCardService::UPDATE
                && audit.target.as_str() == "bank_card:3"
                && audit.detail
                    == serde_json::json!({
                        "change": "set_rotation",
                        "to": {"policy": "interval", "every_seconds": 3600}
                    })
        })
        .times(1)
        .returning(|_, _, _| Ok(card(3, Rotation::Manual, false)));
    let every = Rotation::interval(Duration::hours(1)).unwrap();
    card_service(cards, access())
        .update(ADMIN, BankCardId::new(3), BankCardUpdate::SetRotation(every))
        .await
        .unwrap();
}

#[tokio::test]
async fn changing_an_unknown_card_says_so() {
    let mut cards = MockBankCardRepo::new();
    cards
        .expect_update()
        .returning(|_, _, _| Err(StorageError::NotFound("bank_card 9".into())));
    assert!(matches!(
        card_service(cards, access())
            .update(ADMIN, BankCardId::new(9), BankCardUpdate::Activate)
            .await,
        Err(ReceiptError::UnknownCard(_))
    ));
}
