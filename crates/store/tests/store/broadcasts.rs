//! Broadcasts: audiences as the store reads them, recipients fixed at confirm time, one
//! claim per recipient (never while paused, never twice), unreachable users marked and left
//! out of the next campaign, status changes guarded and audited.

use inventory::{AccountRepo, AccountStatus};
use kernel::{CampaignId, LocationId, UserId};
use members::{AuditAction, AuditLog, AuditQuery, AuditTarget, Language, NewAuditEntry};
use notify::broadcast::{
    Audience, BroadcastText, CampaignAction, CampaignRepo, CampaignStatus, Content, NewCampaign, RecipientState,
};
use orders::Pricing;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use store::Store;
use store::entity::members::user;
use store::entity::orders::order;
use store::store_test;
use store::testing::insert_user;
use time::OffsetDateTime;

use crate::inventory::new_account;
use crate::orders::{place, world};

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn audit(admin: UserId, action: &'static str) -> NewAuditEntry {
    about(admin, action, "new")
}

fn about(admin: UserId, action: &'static str, campaign: impl std::fmt::Display) -> NewAuditEntry {
    NewAuditEntry::by(
        admin,
        AuditAction::new(action),
        AuditTarget::new("campaign", campaign),
        serde_json::json!({}),
        now(),
    )
}

async fn draft(store: &Store, admin: UserId, audience: Audience) -> CampaignId {
    let content = Content::new(BroadcastText::parse("News").unwrap(), None, None).unwrap();
    let new = NewCampaign {
        content,
        audience,
        created_by: admin,
        at: now(),
    };
    store
        .insert_draft(&new, &audit(admin, "broadcast.create"))
        .await
        .unwrap()
        .id
}

async fn start(store: &Store, admin: UserId, id: CampaignId) -> Option<u64> {
    let campaign = store.get(id).await.unwrap().unwrap();
    let change = campaign.decide(CampaignAction::Start, now()).unwrap();
    store
        .start(&change, &about(admin, "broadcast.start", id))
        .await
        .unwrap()
}

async fn set_language(store: &Store, id: UserId, lang: Language) {
    user::Entity::update_many()
        .col_expr(user::Column::Language, Expr::value(lang.code()))
        .filter(user::Column::Id.eq(id.get()))
        .exec(store.db())
        .await
        .unwrap();
}

store_test!(
    audiences_name_the_right_users_and_never_one_who_blocked_the_bot,
    |store| {
        let w = world(&store).await;
        let admin = insert_user(&store, 900).await;
        // active: a service running; expired: only an expired one; test_only: a free test
        // (never bought); fresh: nothing; blocked: active but blocked the bot.
        let active = insert_user(&store, 901).await;
        let expired = insert_user(&store, 902).await;
        let fresh = insert_user(&store, 903).await;
        let blocked = insert_user(&store, 904).await;
        for (n, user) in [(1, active), (2, expired), (3, blocked)] {
            let account = store
                .insert_account(&new_account(user, w.inbound, w.location, "FR", 1000 + n))
                .await
                .unwrap();
            if user == expired {
                store
                    .set_account_status(account.id, AccountStatus::Expired, now())
                    .await
                    .unwrap();
            }
            let placed = place(&store, user, &w, Pricing::full(kernel::Money::ZERO)).await;
            order::Entity::update_many()
                .col_expr(order::Column::Status, Expr::value("fulfilled"))
                .filter(order::Column::Id.eq(placed.id.get()))
                .exec(store.db())
                .await
                .unwrap();
        }
        set_language(&store, fresh, Language::Fa).await;
        members::MemberRepo::set_bot_blocked(&store, blocked, true)
            .await
            .unwrap();

        let names = |audience| {
            let store = store.clone();
            async move { store.count_audience(audience).await.unwrap() }
        };
        assert_eq!(names(Audience::All).await, 4, "admin, active, expired, fresh");
        assert_eq!(names(Audience::Active).await, 1);
        assert_eq!(names(Audience::Expired).await, 1);
        assert_eq!(names(Audience::Location(w.location)).await, 1);
        assert_eq!(
            names(Audience::Location(LocationId::new(w.location.get() + 100))).await,
            0
        );
        assert_eq!(names(Audience::NeverBought).await, 2, "admin and fresh");
        assert_eq!(names(Audience::Language(Language::Fa)).await, 1);

        let id = draft(&store, admin, Audience::Active).await;
        assert_eq!(start(&store, admin, id).await, Some(1));
        let pending = store.pending(id, 10).await.unwrap();
        assert_eq!(pending.iter().map(|r| r.user).collect::<Vec<_>>(), [active]);
    }
);

store_test!(recipients_are_fixed_at_confirm_and_each_is_claimed_once, |store| {
    let admin = insert_user(&store, 900).await;
    let mut users = vec![admin];
    for t in 1..=4 {
        users.push(insert_user(&store, 910 + t).await);
    }
    let id = draft(&store, admin, Audience::All).await;
    assert!(
        store.pending(id, 10).await.unwrap().is_empty(),
        "a draft has no recipients"
    );
    let confirm = store
        .get(id)
        .await
        .unwrap()
        .unwrap()
        .decide(CampaignAction::Start, now())
        .unwrap();
    let by = about(admin, "broadcast.start", id);
    assert_eq!(store.start(&confirm, &by).await.unwrap(), Some(5));
    assert_eq!(
        store.start(&confirm, &by).await.unwrap(),
        None,
        "a second confirm adds nobody"
    );
    // A user registering after the confirmation is not added.
    insert_user(&store, 999).await;
    let campaign = store.get(id).await.unwrap().unwrap();
    assert_eq!((campaign.status, campaign.counts.total()), (CampaignStatus::Running, 5));

    let batch = store.pending(id, 10).await.unwrap();
    assert_eq!(batch.len(), 5);
    // Two runs race for the same recipient: one wins.
    let (a, b) = tokio::join!(store.claim(batch[0].id, now()), store.claim(batch[0].id, now()));
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(), 1);
    assert_eq!(store.in_flight(id).await.unwrap(), 1);
    store
        .settle(batch[0].id, RecipientState::Sent, None, now())
        .await
        .unwrap();
    assert!(store.claim(batch[1].id, now()).await.unwrap());
    store
        .settle(batch[1].id, RecipientState::Blocked, None, now())
        .await
        .unwrap();
    assert!(store.claim(batch[2].id, now()).await.unwrap());
    store
        .settle(batch[2].id, RecipientState::Left, None, now())
        .await
        .unwrap();
    assert!(store.claim(batch[3].id, now()).await.unwrap());
    store.release(batch[3].id).await.unwrap();

    // Paused: nobody can be claimed; the change is audited.
    let campaign = store.get(id).await.unwrap().unwrap();
    let pause = campaign.decide(CampaignAction::Pause, now()).unwrap();
    assert!(
        store
            .apply(&pause, Some(about(admin, "broadcast.pause", id)))
            .await
            .unwrap()
    );
    assert!(
        !store.apply(&pause, None).await.unwrap(),
        "a change decided on a stale status is refused"
    );
    assert!(!store.claim(batch[3].id, now()).await.unwrap(), "no claim while paused");
    let paused = store.get(id).await.unwrap().unwrap();
    assert_eq!(paused.status, CampaignStatus::Paused);
    assert_eq!(
        (
            paused.counts.sent,
            paused.counts.blocked,
            paused.counts.left,
            paused.counts.pending
        ),
        (1, 1, 1, 2)
    );

    // The blocked and the departed user are marked and left out of the next campaign.
    let marked: Vec<bool> = user::Entity::find()
        .filter(user::Column::Id.is_in([batch[1].user.get(), batch[2].user.get()]))
        .all(store.db())
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.bot_blocked)
        .collect();
    assert_eq!(marked, [true, true]);
    let next = draft(&store, admin, Audience::All).await;
    assert_eq!(start(&store, admin, next).await, Some(4), "6 users, 2 unreachable");

    let audited: Vec<String> = AuditLog::list(
        &store,
        AuditQuery {
            actor: Some(admin),
            target: Some(AuditTarget::new("campaign", id)),
            ..AuditQuery::default()
        },
        kernel::PageRequest::new(0, 10),
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .map(|e| e.action.to_string())
    .collect();
    assert_eq!(audited, ["broadcast.pause", "broadcast.start", "broadcast.create"]);

    // A recipient claimed by a run that died is failed after the hold, not sent again.
    let resume = paused.decide(CampaignAction::Resume, now()).unwrap();
    assert!(store.apply(&resume, None).await.unwrap());
    let left = store.pending(id, 10).await.unwrap();
    assert!(
        store
            .claim(left[0].id, now() - time::Duration::minutes(10))
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .fail_interrupted(id, now() - time::Duration::minutes(5))
            .await
            .unwrap(),
        1
    );
    assert_eq!(store.get(id).await.unwrap().unwrap().counts.failed, 1);

    let listed = CampaignRepo::list(&store, 10).await.unwrap();
    assert_eq!(listed.iter().map(|c| c.id).collect::<Vec<_>>(), [next, id]);
});
