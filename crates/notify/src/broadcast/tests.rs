//! The use cases and the worker on an in-memory repository: roles, transitions, pauses
//! between messages, resuming without resending, blocked users, interrupted tries.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use kernel::{CampaignId, CampaignRecipientId, Clock, FixedClock, StorageError, TelegramId, UserId};
use members::{AccessError, Language, MockAuthorizer, NewAuditEntry, Role, User, UserStatus};
use time::macros::datetime;

use super::*;

/// Recipient rows: (campaign, user, state, claimed_at).
#[derive(Default)]
struct Memory {
    campaigns: BTreeMap<i64, Campaign>,
    rows: Vec<(i64, i64, &'static str, Option<time::OffsetDateTime>)>,
    users: Vec<i64>,
    unreachable: Vec<i64>,
    audit: Vec<String>,
}

#[derive(Default, Clone)]
struct FakeRepo(Arc<Mutex<Memory>>);

impl FakeRepo {
    fn with_users(n: i64) -> Self {
        let repo = Self::default();
        repo.0.lock().unwrap().users = (1..=n).collect();
        repo
    }

    fn counts(m: &Memory, id: i64) -> Counts {
        let mut c = Counts::default();
        for (_, _, state, _) in m.rows.iter().filter(|r| r.0 == id) {
            match *state {
                "pending" | "sending" => c.pending += 1,
                "sent" => c.sent += 1,
                "failed" => c.failed += 1,
                "blocked" => c.blocked += 1,
                _ => c.left += 1,
            }
        }
        c
    }

    fn with_counts(m: &Memory, c: &Campaign) -> Campaign {
        Campaign {
            counts: Self::counts(m, c.id.get()),
            ..c.clone()
        }
    }
}

#[async_trait]
impl CampaignRepo for FakeRepo {
    async fn insert_draft(&self, draft: &NewCampaign, audit: &NewAuditEntry) -> Result<Campaign, StorageError> {
        let mut m = self.0.lock().unwrap();
        let id = m.campaigns.len() as i64 + 1;
        let campaign = Campaign {
            id: CampaignId::new(id),
            content: draft.content.clone(),
            audience: draft.audience,
            status: CampaignStatus::Draft,
            counts: Counts::default(),
            created_by: draft.created_by,
            created_at: draft.at,
            started_at: None,
            done_at_start: 0,
            ended_at: None,
            progress_message: None,
        };
        m.campaigns.insert(id, campaign.clone());
        m.audit.push(audit.action.to_string());
        Ok(campaign)
    }
    async fn update_draft(&self, id: CampaignId, content: &Content, audience: Audience) -> Result<bool, StorageError> {
        let mut m = self.0.lock().unwrap();
        let c = m.campaigns.get_mut(&id.get()).unwrap();
        c.content = content.clone();
        c.audience = audience;
        Ok(true)
    }
    async fn get(&self, id: CampaignId) -> Result<Option<Campaign>, StorageError> {
        let m = self.0.lock().unwrap();
        Ok(m.campaigns.get(&id.get()).map(|c| Self::with_counts(&m, c)))
    }
    async fn list(&self, _limit: u64) -> Result<Vec<Campaign>, StorageError> {
        let m = self.0.lock().unwrap();
        Ok(m.campaigns.values().rev().map(|c| Self::with_counts(&m, c)).collect())
    }
    async fn running(&self) -> Result<Vec<Campaign>, StorageError> {
        let m = self.0.lock().unwrap();
        Ok(m.campaigns
            .values()
            .filter(|c| c.status == CampaignStatus::Running)
            .map(|c| Self::with_counts(&m, c))
            .collect())
    }
    async fn count_audience(&self, _audience: Audience) -> Result<u64, StorageError> {
        let m = self.0.lock().unwrap();
        Ok(m.users.iter().filter(|u| !m.unreachable.contains(u)).count() as u64)
    }
    async fn start(&self, change: &StatusChange, audit: &NewAuditEntry) -> Result<Option<u64>, StorageError> {
        let mut m = self.0.lock().unwrap();
        if m.campaigns[&change.campaign.get()].status != change.from {
            return Ok(None);
        }
        let users: Vec<i64> = m.users.iter().copied().filter(|u| !m.unreachable.contains(u)).collect();
        for u in &users {
            m.rows.push((change.campaign.get(), *u, "pending", None));
        }
        let c = m.campaigns.get_mut(&change.campaign.get()).unwrap();
        c.status = change.to;
        c.started_at = Some(change.at);
        m.audit.push(audit.action.to_string());
        Ok(Some(users.len() as u64))
    }
    async fn apply(&self, change: &StatusChange, audit: Option<NewAuditEntry>) -> Result<bool, StorageError> {
        let mut m = self.0.lock().unwrap();
        let c = m.campaigns.get_mut(&change.campaign.get()).unwrap();
        if c.status != change.from {
            return Ok(false);
        }
        c.status = change.to;
        if let Some(a) = audit {
            m.audit.push(a.action.to_string());
        }
        Ok(true)
    }
    async fn set_progress_message(&self, id: CampaignId, message: ProgressMessage) -> Result<(), StorageError> {
        self.0
            .lock()
            .unwrap()
            .campaigns
            .get_mut(&id.get())
            .unwrap()
            .progress_message = Some(message);
        Ok(())
    }
    async fn pending(&self, id: CampaignId, limit: u64) -> Result<Vec<CampaignRecipient>, StorageError> {
        let m = self.0.lock().unwrap();
        Ok(m.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.0 == id.get() && r.2 == "pending")
            .take(limit as usize)
            .map(|(i, r)| CampaignRecipient {
                id: CampaignRecipientId::new(i as i64),
                user: UserId::new(r.1),
                telegram_id: TelegramId::new(1000 + r.1).unwrap(),
                language: Language::En,
            })
            .collect())
    }
    async fn claim(&self, recipient: CampaignRecipientId, at: time::OffsetDateTime) -> Result<bool, StorageError> {
        let mut m = self.0.lock().unwrap();
        let campaign = m.rows[recipient.get() as usize].0;
        if m.campaigns[&campaign].status != CampaignStatus::Running || m.rows[recipient.get() as usize].2 != "pending" {
            return Ok(false);
        }
        let row = &mut m.rows[recipient.get() as usize];
        row.2 = "sending";
        row.3 = Some(at);
        Ok(true)
    }
    async fn settle(
        &self,
        recipient: CampaignRecipientId,
        state: RecipientState,
        _error: Option<String>,
        _at: time::OffsetDateTime,
    ) -> Result<(), StorageError> {
        let mut m = self.0.lock().unwrap();
        let row = &mut m.rows[recipient.get() as usize];
        assert_eq!(row.2, "sending", "only a claimed recipient is settled");
        row.2 = state.code();
        let user = row.1;
        if state.unreachable() {
            m.unreachable.push(user);
        }
        Ok(())
    }
    async fn release(&self, recipient: CampaignRecipientId) -> Result<(), StorageError> {
        self.0.lock().unwrap().rows[recipient.get() as usize].2 = "pending";
        Ok(())
    }
    async fn fail_interrupted(&self, id: CampaignId, before: time::OffsetDateTime) -> Result<u64, StorageError> {
        let mut m = self.0.lock().unwrap();
        let mut n = 0;
        for row in m.rows.iter_mut().filter(|r| r.0 == id.get() && r.2 == "sending") {
            if row.3.is_some_and(|at| at < before) {
                row.2 = "failed";
                n += 1;
            }
        }
        Ok(n)
    }
    async fn in_flight(&self, id: CampaignId) -> Result<u64, StorageError> {
        let m = self.0.lock().unwrap();
        Ok(m.rows.iter().filter(|r| r.0 == id.get() && r.2 == "sending").count() as u64)
    }
}

/// Called with the number of messages delivered so far, after each one.
type OnMessage = Box<dyn FnMut(usize) + Send>;

/// Delivers to everyone but the users it was told blocked the bot or left; records who got
/// what; can pause the campaign after a given number of messages.
#[derive(Default)]
struct Transport {
    delivered: Mutex<Vec<i64>>,
    blocked: Vec<i64>,
    left: Vec<i64>,
    progress: Mutex<Vec<Counts>>,
    on_message: Mutex<Option<OnMessage>>,
}

#[async_trait]
impl BroadcastSender for Transport {
    async fn send(&self, recipient: &CampaignRecipient, _content: &Content) -> SendOutcome {
        let user = recipient.user.get();
        if self.blocked.contains(&user) {
            return SendOutcome::Blocked;
        }
        if self.left.contains(&user) {
            return SendOutcome::Left;
        }
        let count = {
            let mut delivered = self.delivered.lock().unwrap();
            delivered.push(user);
            delivered.len()
        };
        if let Some(hook) = self.on_message.lock().unwrap().as_mut() {
            hook(count);
        }
        SendOutcome::Sent
    }
    async fn progress(&self, campaign: &Campaign) {
        self.progress.lock().unwrap().push(campaign.counts);
    }
}

fn admin() -> User {
    User {
        id: UserId::new(1),
        telegram_id: TelegramId::new(42).unwrap(),
        username: None,
        first_name: members::FirstName::new("Ann"),
        language: Language::En,
        role: Role::Admin,
        status: UserStatus::Active,
        bot_blocked: false,
        created_at: datetime!(2026-01-01 0:00 UTC),
    }
}

fn allow_admins() -> MockAuthorizer {
    let mut access = MockAuthorizer::new();
    access.expect_authorize().returning(|actor, _, _| {
        if actor == UserId::new(1) {
            Ok(admin())
        } else {
            Err(AccessError::Forbidden { needed: Role::Admin })
        }
    });
    access
}

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(datetime!(2026-03-01 12:00 UTC)))
}

fn hello() -> Content {
    Content::new(BroadcastText::parse("Hello").unwrap(), None, None).unwrap()
}

const A_WHILE: std::time::Duration = std::time::Duration::from_secs(60);

#[tokio::test]
async fn only_admins_compose_and_every_change_is_audited() {
    let repo = FakeRepo::with_users(3);
    let service = BroadcastService::new(Arc::new(repo.clone()), Arc::new(allow_admins()), clock());
    let refused = service
        .create_draft(UserId::new(2), hello(), Audience::All)
        .await
        .unwrap_err();
    assert!(matches!(refused, BroadcastError::Access(AccessError::Forbidden { .. })));
    assert!(repo.0.lock().unwrap().campaigns.is_empty(), "nothing stored");

    let draft = service
        .create_draft(UserId::new(1), hello(), Audience::All)
        .await
        .unwrap();
    assert_eq!(draft.status, CampaignStatus::Draft);
    assert!(matches!(
        service.pause(UserId::new(1), draft.id).await,
        Err(BroadcastError::Transition(_))
    ));
    let started = service.start(UserId::new(1), draft.id).await.unwrap();
    assert_eq!((started.status, started.counts.pending), (CampaignStatus::Running, 3));
    assert!(
        matches!(
            service.start(UserId::new(1), draft.id).await,
            Err(BroadcastError::Transition(_))
        ),
        "a second Confirm starts nothing"
    );
    service.pause(UserId::new(1), draft.id).await.unwrap();
    service.resume(UserId::new(1), draft.id).await.unwrap();
    let cancelled = service.cancel(UserId::new(1), draft.id).await.unwrap();
    assert_eq!(cancelled.status, CampaignStatus::Cancelled);
    assert!(service.resume(UserId::new(1), draft.id).await.is_err());
    assert_eq!(
        repo.0.lock().unwrap().audit,
        [
            "broadcast.create",
            "broadcast.start",
            "broadcast.pause",
            "broadcast.resume",
            "broadcast.cancel"
        ]
    );
}

#[tokio::test]
async fn an_empty_audience_is_refused_before_anything_starts() {
    let repo = FakeRepo::with_users(0);
    let service = BroadcastService::new(Arc::new(repo.clone()), Arc::new(allow_admins()), clock());
    let draft = service
        .create_draft(UserId::new(1), hello(), Audience::All)
        .await
        .unwrap();
    assert!(matches!(
        service.start(UserId::new(1), draft.id).await,
        Err(BroadcastError::EmptyAudience)
    ));
    assert_eq!(
        service.get(UserId::new(1), draft.id).await.unwrap().status,
        CampaignStatus::Draft
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pause_holds_between_messages_and_a_resume_sends_the_rest_once() {
    let repo = FakeRepo::with_users(10);
    let clock = clock();
    let service = Arc::new(BroadcastService::new(
        Arc::new(repo.clone()),
        Arc::new(allow_admins()),
        clock.clone(),
    ));
    let campaign = service
        .create_draft(UserId::new(1), hello(), Audience::All)
        .await
        .unwrap();
    service.start(UserId::new(1), campaign.id).await.unwrap();

    let transport = Arc::new(Transport::default());
    let pauser = service.clone();
    let id = campaign.id;
    let handle = tokio::runtime::Handle::current();
    *transport.on_message.lock().unwrap() = Some(Box::new(move |n| {
        if n == 4 {
            let pauser = pauser.clone();
            // The admin's tap lands while the fourth message is on its way.
            tokio::task::block_in_place(|| handle.block_on(pauser.pause(UserId::new(1), id))).unwrap();
        }
    }));
    let worker = BroadcastWorker::new(Arc::new(repo.clone()), transport.clone(), clock.clone());
    let run = worker.run_once(A_WHILE).await.unwrap();
    assert_eq!(run.sent, 4, "nothing after the pause");
    let paused = service.get(UserId::new(1), id).await.unwrap();
    assert_eq!(
        (paused.status, paused.counts.sent, paused.counts.pending),
        (CampaignStatus::Paused, 4, 6)
    );

    *transport.on_message.lock().unwrap() = None;
    assert_eq!(
        worker.run_once(A_WHILE).await.unwrap().sent,
        0,
        "a paused campaign waits"
    );
    service.resume(UserId::new(1), id).await.unwrap();
    let run = worker.run_once(A_WHILE).await.unwrap();
    assert_eq!((run.sent, run.finished.clone()), (6, vec![id]));
    let mut delivered = transport.delivered.lock().unwrap().clone();
    delivered.sort_unstable();
    assert_eq!(delivered, (1..=10).collect::<Vec<_>>(), "each user exactly once");
    assert_eq!(
        service.get(UserId::new(1), id).await.unwrap().status,
        CampaignStatus::Finished
    );
}

#[tokio::test]
async fn blocked_and_departed_users_are_counted_and_left_out_next_time() {
    let repo = FakeRepo::with_users(5);
    let clock = clock();
    let service = BroadcastService::new(Arc::new(repo.clone()), Arc::new(allow_admins()), clock.clone());
    let transport = Arc::new(Transport {
        blocked: vec![2],
        left: vec![4],
        ..Transport::default()
    });
    let worker = BroadcastWorker::new(Arc::new(repo.clone()), transport.clone(), clock.clone());
    let first = service
        .create_draft(UserId::new(1), hello(), Audience::All)
        .await
        .unwrap();
    service.start(UserId::new(1), first.id).await.unwrap();
    worker.run_once(A_WHILE).await.unwrap();
    let done = service.get(UserId::new(1), first.id).await.unwrap();
    assert_eq!(
        done.counts,
        Counts {
            pending: 0,
            sent: 3,
            failed: 0,
            blocked: 1,
            left: 1
        }
    );

    let second = service
        .create_draft(UserId::new(1), hello(), Audience::All)
        .await
        .unwrap();
    let second = service.start(UserId::new(1), second.id).await.unwrap();
    assert_eq!(
        second.counts.total(),
        3,
        "the unreachable users are not recipients again"
    );
}

#[tokio::test]
async fn a_try_cut_off_by_a_crash_is_never_sent_again() {
    let repo = FakeRepo::with_users(3);
    let clock = clock();
    let service = BroadcastService::new(Arc::new(repo.clone()), Arc::new(allow_admins()), clock.clone());
    let campaign = service
        .create_draft(UserId::new(1), hello(), Audience::All)
        .await
        .unwrap();
    service.start(UserId::new(1), campaign.id).await.unwrap();
    // A run claimed the first recipient and died in the middle of its call.
    let first = repo.pending(campaign.id, 1).await.unwrap().remove(0);
    assert!(repo.claim(first.id, clock.now()).await.unwrap());

    let transport = Arc::new(Transport::default());
    let worker = BroadcastWorker::new(Arc::new(repo.clone()), transport.clone(), clock.clone());
    let run = worker.run_once(A_WHILE).await.unwrap();
    assert_eq!(run.sent, 2);
    assert!(
        run.finished.is_empty(),
        "not finished while a try may still be under way"
    );

    clock.advance(BroadcastWorker::HOLD + time::Duration::seconds(1));
    let run = worker.run_once(A_WHILE).await.unwrap();
    assert_eq!((run.sent, run.finished.len()), (0, 1));
    let done = service.get(UserId::new(1), campaign.id).await.unwrap();
    assert_eq!((done.counts.sent, done.counts.failed), (2, 1));
    assert_eq!(*transport.delivered.lock().unwrap(), [2, 3]);
}

#[tokio::test]
async fn progress_is_shown_where_the_admin_watches() {
    let repo = FakeRepo::with_users(3);
    let clock = clock();
    let service = BroadcastService::new(Arc::new(repo.clone()), Arc::new(allow_admins()), clock.clone());
    let campaign = service
        .create_draft(UserId::new(1), hello(), Audience::All)
        .await
        .unwrap();
    service.start(UserId::new(1), campaign.id).await.unwrap();
    service
        .watch_in(
            UserId::new(1),
            campaign.id,
            ProgressMessage {
                chat: 42,
                message_id: 7,
            },
        )
        .await
        .unwrap();
    let transport = Arc::new(Transport::default());
    let worker = BroadcastWorker::new(Arc::new(repo.clone()), transport.clone(), clock.clone())
        .with_progress_every(std::time::Duration::ZERO);
    worker.run_once(A_WHILE).await.unwrap();
    let progress = transport.progress.lock().unwrap().clone();
    assert_eq!(progress.last().unwrap().sent, 3, "the last report shows the end");
    assert!(progress.len() >= 3, "{progress:?}");
}
