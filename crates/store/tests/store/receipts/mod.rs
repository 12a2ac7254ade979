//! Receipts storage and use cases on every backend: cards (encrypted, caps, removal),
//! requests with unique amounts and flags, decisions applied exactly once under races,
//! expiry, overrides, and bank notification matching.

mod cards;
mod decisions;
mod matching;
mod requests;

use std::collections::BTreeSet;
use std::sync::Arc;

use kernel::{BankCardId, FixedClock, Money, TelegramId, UserId};
use members::{Language, MemberService, MembersConfig, Role, TelegramProfile};
use receipts::{
    BankCardService, CardNumber, Label, NewBankCard, PhotoFileId, Receipt, ReceiptConfig, ReceiptProof, ReceiptService,
    ReceiptText, Rotation,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use store::Store;
use store::entity::members::audit_log;
use store::entity::notify::notification_log;
use store::entity::wallet::transaction;
use time::OffsetDateTime;
use time::macros::datetime;

const ROOT_TG: i64 = 1000;
const NUMBER: &str = "6037991234561235";
const OTHER_NUMBER: &str = "4111111111111111";
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

    /// A second admin (not a superadmin), promoted by the superadmin `root`.
    async fn admin(&self, root: UserId, telegram_id: i64) -> UserId {
        let id = self.user(telegram_id).await;
        self.members.set_role(root, id, Role::Admin).await.unwrap();
        id
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

    /// The superadmin (root), a payer, and one active card owned by root.
    async fn setup(&self) -> (UserId, UserId, BankCardId) {
        let root = self.user(ROOT_TG).await;
        let payer = self.user(5).await;
        let card = self.cards().add(root, new_card(root, NUMBER)).await.unwrap();
        (root, payer, card.id)
    }

    /// A request for `amount` with a text proof.
    async fn submit(&self, payer: UserId, amount: i64) -> Receipt {
        let receipts = self.receipts();
        let request = receipts.open_request(payer, money(amount)).await.unwrap();
        receipts
            .attach_proof(payer, request.id, text("paid at 11:58"), None, None)
            .await
            .unwrap()
    }
}

fn text(t: &str) -> ReceiptProof {
    ReceiptProof::new(ReceiptText::new(t).unwrap(), None).unwrap()
}

fn photo(id: &str) -> ReceiptProof {
    ReceiptProof::new(None, Some(PhotoFileId::new(id).unwrap())).unwrap()
}

fn new_card(owner: UserId, number: &str) -> NewBankCard {
    NewBankCard {
        holder: Label::new("Ali Rezaei").unwrap(),
        bank: Label::new("Melli").unwrap(),
        number: CardNumber::parse(number).unwrap(),
        owner,
        channel_id: Some(-1001234567890),
        rotation: Rotation::Manual,
        daily_cap: None,
        monthly_cap: None,
        sms_pattern: None,
        auto_approve: false,
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

async fn audited(store: &Store, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(store.db())
        .await
        .unwrap()
}
