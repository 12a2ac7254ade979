//! Receipts storage: encrypted cards, submission, approve-exactly-once under races, rejection
//! and expiry, card loads.

use std::collections::BTreeSet;
use std::sync::Arc;

use kernel::{
    BankCardId, Clock, FixedClock, Money, PageRequest, StorageError, TelegramId, TrackingCode, TrackingKind, UserId,
};
use members::{AuditLog, AuditQuery, AuditTarget, Language, MemberService, MembersConfig, TelegramProfile};
use notify::{Notice, Recipient};
use receipts::{
    ApproveReceipt, BankCardRepo, BankCardService, BankCardUpdate, CardNumber, DecisionOutcome, Label, NewBankCard,
    NewReceipt, ReceiptConfig, ReceiptError, ReceiptProof, ReceiptQuery, ReceiptRepo, ReceiptService, ReceiptStatus,
    ReceiptText, RejectReason, Rotation,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use store::Store;
use store::entity::notify::notification_log;
use store::entity::receipts::bank_card;
use store::entity::wallet::transaction;
use store::store_test;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use wallet::WalletRepo;

const ROOT_TG: i64 = 1000;
const NUMBER: &str = "6037991234561235";
const T0: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);

fn money(m: i64) -> Money {
    Money::from_minor(m).unwrap()
}

/// Services wired on `store`, with a clock the test moves.
struct Shop {
    store: Store,
    clock: Arc<FixedClock>,
    members: Arc<MemberService>,
}

impl Shop {
    fn new(store: &Store) -> Self {
        let clock = Arc::new(FixedClock::new(T0));
        let members = Arc::new(MemberService::new(
            Arc::new(store.clone()),
            clock.clone(),
            MembersConfig {
                superadmins: BTreeSet::from([TelegramId::new(ROOT_TG).unwrap()]),
                default_language: Language::En,
            },
        ));
        Self {
            store: store.clone(),
            clock,
            members,
        }
    }

    async fn user(&self, telegram_id: i64) -> UserId {
        let profile = TelegramProfile::new(TelegramId::new(telegram_id).unwrap(), None, "U", None);
        self.members.register(profile).await.unwrap().user.id
    }

    fn receipts(&self) -> ReceiptService {
        ReceiptService::new(
            Arc::new(self.store.clone()),
            Arc::new(self.store.clone()),
            self.members.clone(),
            self.clock.clone(),
            ReceiptConfig::default(),
        )
    }

    fn cards(&self) -> BankCardService {
        BankCardService::new(Arc::new(self.store.clone()), self.members.clone(), self.clock.clone())
    }

    /// The superadmin (an admin), a payer, and one active card owned by the admin.
    async fn setup(&self) -> (UserId, UserId, BankCardId) {
        let admin = self.user(ROOT_TG).await;
        let payer = self.user(5).await;
        let card = self.cards().add(admin, new_card(admin, NUMBER)).await.unwrap();
        (admin, payer, card.id)
    }

    async fn submit(&self, payer: UserId, card: BankCardId, amount: i64) -> receipts::Receipt {
        let proof = ReceiptProof::new(ReceiptText::new("paid at 11:58").unwrap(), None).unwrap();
        self.receipts().submit(payer, card, money(amount), proof).await.unwrap()
    }
}

fn new_card(owner: UserId, number: &str) -> NewBankCard {
    NewBankCard {
        holder: Label::new("Ali Rezaei").unwrap(),
        bank: Label::new("Melli").unwrap(),
        number: CardNumber::parse(number).unwrap(),
        owner,
        channel_id: Some(-1001234567890),
        rotation: Rotation::Manual,
    }
}

async fn ledger_rows(store: &Store) -> Vec<transaction::Model> {
    transaction::Entity::find().all(store.db()).await.unwrap()
}

async fn notices_of_kind(store: &Store, kind: &str) -> Vec<notify::NewNotice> {
    notification_log::Entity::find()
        .filter(notification_log::Column::Kind.eq(kind))
        .all(store.db())
        .await
        .unwrap()
        .into_iter()
        .map(|row| serde_json::from_str(&row.payload).unwrap())
        .collect()
}

// ---- cards ----

store_test!(card_numbers_are_stored_encrypted_and_read_back_whole, |store| {
    let shop = Shop::new(&store);
    let (admin, _, card) = shop.setup().await;
    let row = bank_card::Entity::find_by_id(card.get())
        .one(store.db())
        .await
        .unwrap()
        .unwrap();
    assert!(
        !row.number_enc.contains(NUMBER),
        "the number must not be stored in clear"
    );
    assert_eq!(row.last4, "1235");
    let read = BankCardRepo::get(&store, card).await.unwrap().unwrap();
    assert_eq!(read.number.digits(), NUMBER);
    assert_eq!(read.owner, admin);
    assert_eq!(read.channel_id, Some(-1001234567890));
    assert!(read.active && read.current, "the first card is active and current");
    let log = AuditLog::list(
        &store,
        AuditQuery {
            actor: None,
            target: Some(AuditTarget::bank_card(card)),
        },
        PageRequest::default(),
    )
    .await
    .unwrap();
    assert_eq!(log.total, 1, "the audit entry names the new card");
    assert_eq!(log.items[0].detail["number"], "6037-99**-****-1235");
});

store_test!(making_a_card_current_clears_the_others_and_changes_are_kept, |store| {
    let shop = Shop::new(&store);
    let (admin, _, first) = shop.setup().await;
    let second = shop
        .cards()
        .add(admin, new_card(admin, "4111111111111111"))
        .await
        .unwrap();
    assert!(!second.current);
    let cards = shop.cards();
    cards
        .update(admin, second.id, BankCardUpdate::MakeCurrent)
        .await
        .unwrap();
    let every = Rotation::interval(Duration::hours(6)).unwrap();
    cards
        .update(admin, second.id, BankCardUpdate::SetRotation(every))
        .await
        .unwrap();
    cards.update(admin, first, BankCardUpdate::Deactivate).await.unwrap();
    cards
        .update(admin, first, BankCardUpdate::SetHolder(Label::new("Reza A").unwrap()))
        .await
        .unwrap();
    let all = cards.list(admin).await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(!all[0].current && !all[0].active && all[0].holder.as_str() == "Reza A");
    assert!(all[1].current && all[1].rotation == every);
    assert!(matches!(
        cards
            .update(admin, BankCardId::new(404), BankCardUpdate::Activate)
            .await,
        Err(ReceiptError::UnknownCard(_))
    ));
    assert!(matches!(
        cards.add(admin, new_card(admin, NUMBER)).await,
        Err(ReceiptError::DuplicateCard(id)) if id == first
    ));
});

// ---- submitting ----

store_test!(a_submitted_receipt_is_stored_pending_and_the_admins_are_told, |store| {
    let shop = Shop::new(&store);
    let (_, payer, card) = shop.setup().await;
    let receipt = shop.submit(payer, card, 250_000).await;
    assert_eq!(receipt.status, ReceiptStatus::Pending);
    assert_eq!(receipt.expires_at, T0 + Duration::minutes(30));
    assert_eq!(ReceiptRepo::get(&store, receipt.id).await.unwrap().unwrap(), receipt);
    assert_eq!(
        ReceiptRepo::find_by_tracking(&store, &receipt.tracking)
            .await
            .unwrap()
            .unwrap(),
        receipt
    );
    let told = notices_of_kind(&store, "receipt_submitted").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].recipient, Recipient::Admins);
    assert_eq!(
        told[0].notice,
        Notice::ReceiptSubmitted {
            receipt: receipt.id,
            tracking: receipt.tracking.to_string(),
            amount: money(250_000)
        }
    );
});

store_test!(a_taken_tracking_code_is_a_conflict, |store| {
    let shop = Shop::new(&store);
    let (_, payer, card) = shop.setup().await;
    let first = shop.submit(payer, card, 10).await;
    let again = NewReceipt {
        user: payer,
        card,
        amount: money(20),
        proof: first.proof.clone(),
        tracking: first.tracking.clone(),
        submitted_at: T0,
        expires_at: T0 + Duration::minutes(30),
    };
    assert!(matches!(store.submit(&again).await, Err(StorageError::Conflict(_))));
});

store_test!(receipts_are_listed_newest_first_and_filtered, |store| {
    let shop = Shop::new(&store);
    let (_, payer, card) = shop.setup().await;
    let other = shop.user(6).await;
    let a = shop.submit(payer, card, 10).await;
    let b = shop.submit(payer, card, 20).await;
    shop.submit(other, card, 30).await;
    let mine = ReceiptQuery {
        user: Some(payer),
        ..ReceiptQuery::default()
    };
    let page = ReceiptRepo::list(&store, mine, PageRequest::default()).await.unwrap();
    assert_eq!(page.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![b.id, a.id]);
    let pending = ReceiptQuery {
        status: Some(ReceiptStatus::Pending),
        card: Some(card),
        user: None,
    };
    assert_eq!(
        ReceiptRepo::list(&store, pending, PageRequest::new(0, 1))
            .await
            .unwrap()
            .total,
        3
    );
});

// ---- approving ----

store_test!(approving_credits_the_wallet_once_and_tells_the_payer, |store| {
    let shop = Shop::new(&store);
    let (admin, payer, card) = shop.setup().await;
    let receipt = shop.submit(payer, card, 250_000).await;
    shop.clock.advance(Duration::minutes(5));
    let approved = shop.receipts().approve(admin, receipt.id).await.unwrap();
    assert_eq!(approved.status, ReceiptStatus::Approved);
    assert_eq!(approved.decided_by, Some(admin));
    assert_eq!(approved.decided_at, Some(T0 + Duration::minutes(5)));
    assert_eq!(store.balance(payer).await.unwrap(), money(250_000));
    let rows = ledger_rows(&store).await;
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].kind.as_str(), rows[0].amount), ("deposit", 250_000));
    assert_eq!(rows[0].idempotency_key, format!("receipt:{}:approve", receipt.id));
    let told = notices_of_kind(&store, "receipt_approved").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].recipient, Recipient::User(payer));
    let log = AuditLog::list(
        &store,
        AuditQuery {
            actor: None,
            target: Some(AuditTarget::receipt(receipt.id)),
        },
        PageRequest::default(),
    )
    .await
    .unwrap();
    assert_eq!(log.total, 1);
    assert_eq!(log.items[0].action.as_str(), "receipt.approve");

    let twice = shop.receipts().approve(admin, receipt.id).await;
    assert!(matches!(
        twice,
        Err(ReceiptError::AlreadyDecided {
            status: ReceiptStatus::Approved
        })
    ));
    assert_eq!(store.balance(payer).await.unwrap(), money(250_000));
    assert_eq!(ledger_rows(&store).await.len(), 1);
});

store_test!(sixteen_racing_approvals_of_one_receipt_credit_exactly_once, |store| {
    let shop = Shop::new(&store);
    let (admin, payer, card) = shop.setup().await;
    let receipt = shop.submit(payer, card, 777).await;
    let command = ApproveReceipt {
        receipt: receipt.id,
        admin,
        at: T0 + Duration::minutes(1),
        key: ReceiptService::approval_key(receipt.id).unwrap(),
        notices: vec![notify::NewNotice::to_user(
            payer,
            Notice::ReceiptApproved {
                receipt: receipt.id,
                amount: money(777),
            },
        )],
        audit: members::NewAuditEntry::by(
            admin,
            ReceiptService::APPROVE,
            AuditTarget::receipt(receipt.id),
            serde_json::Value::Null,
            T0,
        ),
    };
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (store, command) = (store.clone(), command.clone());
            tokio::spawn(async move { store.approve(&command).await })
        })
        .collect();
    let (mut applied, mut refused) = (0, 0);
    for task in tasks {
        match task.await.unwrap().unwrap() {
            DecisionOutcome::Applied(_) => applied += 1,
            DecisionOutcome::Refused(r) => {
                assert_eq!(r.status, ReceiptStatus::Approved);
                refused += 1;
            }
            DecisionOutcome::NotFound => panic!("the receipt exists"),
        }
    }
    assert_eq!((applied, refused), (1, 15));
    assert_eq!(ledger_rows(&store).await.len(), 1, "one ledger row");
    assert_eq!(store.balance(payer).await.unwrap(), money(777), "balance == amount");
    assert_eq!(notices_of_kind(&store, "receipt_approved").await.len(), 1);
    let audited = store::entity::members::audit_log::Entity::find()
        .count(store.db())
        .await
        .unwrap();
    assert_eq!(audited, 2, "the card's addition and one approval");
});

store_test!(
    two_admins_approving_at_once_get_one_credit_and_one_already_decided,
    |store| {
        let shop = Arc::new(Shop::new(&store));
        let (root, payer, card) = shop.setup().await;
        let second_admin = shop.user(6).await;
        shop.members
            .set_role(root, second_admin, members::Role::Admin)
            .await
            .unwrap();
        let receipt = shop.submit(payer, card, 5_000).await;
        let tasks: Vec<_> = [root, second_admin, root, second_admin]
            .into_iter()
            .map(|admin| {
                let shop = shop.clone();
                tokio::spawn(async move { shop.receipts().approve(admin, receipt.id).await })
            })
            .collect();
        let mut ok = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => ok += 1,
                Err(ReceiptError::AlreadyDecided {
                    status: ReceiptStatus::Approved,
                }) => {}
                Err(other) => panic!("unexpected answer: {other}"),
            }
        }
        assert_eq!(ok, 1);
        assert_eq!(store.balance(payer).await.unwrap(), money(5_000));
    }
);

store_test!(
    an_overdue_receipt_cannot_be_approved_even_before_the_expiry_job_runs,
    |store| {
        let shop = Shop::new(&store);
        let (admin, payer, card) = shop.setup().await;
        let receipt = shop.submit(payer, card, 100).await;
        shop.clock.advance(Duration::minutes(30));
        assert!(matches!(
            shop.receipts().approve(admin, receipt.id).await,
            Err(ReceiptError::Expired)
        ));
        // straight to the store with a stale "now" check bypassed: the row itself refuses
        let late = ApproveReceipt {
            receipt: receipt.id,
            admin,
            at: shop.clock.now(),
            key: ReceiptService::approval_key(receipt.id).unwrap(),
            notices: vec![],
            audit: members::NewAuditEntry::by(
                admin,
                ReceiptService::APPROVE,
                AuditTarget::receipt(receipt.id),
                serde_json::Value::Null,
                T0,
            ),
        };
        assert!(
            matches!(store.approve(&late).await.unwrap(), DecisionOutcome::Refused(r) if r.status == ReceiptStatus::Pending)
        );
        assert_eq!(store.balance(payer).await.unwrap(), Money::ZERO);
        assert!(ledger_rows(&store).await.is_empty());
    }
);

store_test!(approving_an_unknown_receipt_is_not_found, |store| {
    let shop = Shop::new(&store);
    let (admin, _, _) = shop.setup().await;
    let command = ApproveReceipt {
        receipt: kernel::ReceiptId::new(404),
        admin,
        at: T0,
        key: ReceiptService::approval_key(kernel::ReceiptId::new(404)).unwrap(),
        notices: vec![],
        audit: members::NewAuditEntry::by(
            admin,
            ReceiptService::APPROVE,
            AuditTarget::new("receipt", 404),
            serde_json::Value::Null,
            T0,
        ),
    };
    assert_eq!(store.approve(&command).await.unwrap(), DecisionOutcome::NotFound);
});

// ---- rejecting ----

store_test!(
    a_rejected_receipt_keeps_its_reason_and_can_no_longer_be_approved,
    |store| {
        let shop = Shop::new(&store);
        let (admin, payer, card) = shop.setup().await;
        let receipt = shop.submit(payer, card, 100).await;
        let reason = RejectReason::new("amount does not match the transfer").unwrap();
        let rejected = shop.receipts().reject(admin, receipt.id, reason.clone()).await.unwrap();
        assert_eq!(rejected.status, ReceiptStatus::Rejected);
        assert_eq!(rejected.reject_reason, Some(reason));
        assert!(matches!(
            shop.receipts().approve(admin, receipt.id).await,
            Err(ReceiptError::AlreadyDecided {
                status: ReceiptStatus::Rejected
            })
        ));
        assert_eq!(store.balance(payer).await.unwrap(), Money::ZERO);
        assert_eq!(notices_of_kind(&store, "receipt_rejected").await.len(), 1);
    }
);

// ---- expiry ----

store_test!(overdue_receipts_expire_once_and_their_payers_are_told, |store| {
    let shop = Shop::new(&store);
    let (admin, payer, card) = shop.setup().await;
    let old = shop.submit(payer, card, 100).await;
    shop.clock.advance(Duration::minutes(20));
    let fresh = shop.submit(payer, card, 200).await;
    shop.clock.advance(Duration::minutes(10));

    let due = store.due_for_expiry(shop.clock.now(), 10).await.unwrap();
    assert_eq!(due.iter().map(|r| r.id).collect::<Vec<_>>(), vec![old.id]);
    let expired = shop.receipts().expire_due(10).await.unwrap();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].status, ReceiptStatus::Expired);
    assert_eq!(expired[0].decided_at, Some(shop.clock.now()));
    assert!(
        shop.receipts().expire_due(10).await.unwrap().is_empty(),
        "nothing is expired twice"
    );
    let told = notices_of_kind(&store, "receipt_expired").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].recipient, Recipient::User(payer));

    assert!(matches!(
        shop.receipts().approve(admin, old.id).await,
        Err(ReceiptError::AlreadyDecided {
            status: ReceiptStatus::Expired
        })
    ));
    // the fresh one is still pending and can be approved
    shop.receipts().approve(admin, fresh.id).await.unwrap();
    assert_eq!(store.balance(payer).await.unwrap(), money(200));
});

store_test!(a_receipt_not_yet_due_is_not_expired, |store| {
    let shop = Shop::new(&store);
    let (_, payer, card) = shop.setup().await;
    let receipt = shop.submit(payer, card, 100).await;
    let early = receipts::ExpireReceipt {
        receipt: receipt.id,
        at: T0 + Duration::minutes(29),
        notices: vec![],
    };
    assert!(
        matches!(store.expire(&early).await.unwrap(), DecisionOutcome::Refused(r) if r.status == ReceiptStatus::Pending)
    );
});

// ---- card choice ----

store_test!(load_balancing_sends_payers_to_the_least_busy_card, |store| {
    let shop = Shop::new(&store);
    let (admin, payer, first) = shop.setup().await;
    let second = shop
        .cards()
        .add(admin, new_card(admin, "4111111111111111"))
        .await
        .unwrap();
    shop.cards()
        .update(admin, first, BankCardUpdate::SetRotation(Rotation::LoadBalance))
        .await
        .unwrap();
    shop.submit(payer, first, 10).await;
    assert_eq!(shop.receipts().card_for_payment(payer).await.unwrap().id, second.id);
    let other = shop.user(6).await;
    shop.submit(other, second.id, 10).await;
    shop.submit(other, second.id, 10).await;
    assert_eq!(shop.receipts().card_for_payment(payer).await.unwrap().id, first);

    let loads = store.card_loads(T0 - Duration::hours(24)).await.unwrap();
    let by_card: Vec<_> = loads.iter().map(|l| (l.card, l.pending, l.recent)).collect();
    assert_eq!(by_card, vec![(first, 1, 1), (second.id, 2, 2)]);
    let later = store.card_loads(T0 + Duration::hours(1)).await.unwrap();
    assert!(later.iter().all(|l| l.recent == 0));
});

store_test!(tracking_codes_of_receipts_look_like_receipt_codes, |store| {
    let shop = Shop::new(&store);
    let (_, payer, card) = shop.setup().await;
    let receipt = shop.submit(payer, card, 10).await;
    assert_eq!(receipt.tracking.kind(), TrackingKind::Receipt);
    let parsed = TrackingCode::parse(&receipt.tracking.to_string().to_lowercase()).unwrap();
    assert_eq!(
        shop.receipts().find_by_tracking(payer, &parsed).await.unwrap().id,
        receipt.id
    );
});
