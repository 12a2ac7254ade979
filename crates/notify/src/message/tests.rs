//! The message use case: role, text, unreachable users, one write for the outbox row and its
//! audit entry.

use std::sync::Arc;

use kernel::{FixedClock, TelegramId, UserId};
use members::{AccessError, FirstName, Language, MockAuthorizer, MockMemberRepo, Role, User, UserStatus};
use time::macros::datetime;

use super::*;
use crate::Notice;

fn user(id: i64, bot_blocked: bool) -> User {
    User {
        id: UserId::new(id),
        telegram_id: TelegramId::new(1000 + id).unwrap(),
        username: None,
        first_name: FirstName::new("Sara"),
        language: Language::Fa,
        role: Role::User,
        status: UserStatus::Active,
        bot_blocked,
        created_at: datetime!(2026-01-01 0:00 UTC),
    }
}

fn admin(allowed: bool) -> MockAuthorizer {
    let mut access = MockAuthorizer::new();
    access
        .expect_authorize()
        .withf(|_, role, attempt| *role == Role::Admin && attempt.as_str() == "user.message")
        .returning(move |actor, _, _| {
            if allowed {
                Ok(user(actor.get(), false))
            } else {
                Err(AccessError::Forbidden { needed: Role::Admin })
            }
        });
    access
}

fn users(bot_blocked: bool) -> MockMemberRepo {
    let mut users = MockMemberRepo::new();
    users
        .expect_get()
        .returning(move |id| Ok((id.get() == 7).then(|| user(7, bot_blocked))));
    users
}

fn service(repo: MockMessageRepo, users: MockMemberRepo, access: MockAuthorizer) -> MessageService {
    MessageService::new(
        Arc::new(repo),
        Arc::new(users),
        Arc::new(access),
        Arc::new(FixedClock::new(datetime!(2026-12-07 10:00 UTC))),
    )
}

fn text(raw: &str) -> MessageText {
    MessageText::parse(raw).unwrap()
}

#[test]
fn the_text_is_trimmed_and_may_not_be_empty_or_too_long() {
    assert_eq!(text("  hello\n").as_str(), "hello");
    assert_eq!(MessageText::parse(" \n\t "), Err(MessageTextError::Empty));
    let longest = "ب".repeat(MAX_MESSAGE_CHARS);
    assert_eq!(text(&longest).chars(), MAX_MESSAGE_CHARS, "characters count, not bytes");
    assert_eq!(
        MessageText::parse(&format!("{longest}x")),
        Err(MessageTextError::TooLong {
            chars: MAX_MESSAGE_CHARS + 1
        })
    );
    // Telegram counts an emoji as two: 2,000 fit, one more does not (it would be cut).
    let emoji = "🙂".repeat(MAX_MESSAGE_CHARS / 2);
    assert_eq!(text(&emoji).chars(), MAX_MESSAGE_CHARS / 2);
    assert_eq!(
        MessageText::parse(&format!("{emoji}🙂")),
        Err(MessageTextError::TooLong {
            chars: MAX_MESSAGE_CHARS + 2
        })
    );
}

#[tokio::test]
async fn an_admin_queues_the_message_with_its_audit_entry_in_one_write() {
    let mut repo = MockMessageRepo::new();
    repo.expect_queue_message()
        .withf(|notice, audit| {
            notice.recipient == crate::Recipient::User(UserId::new(7))
                && notice.notice
                    == Notice::AdminMessage {
                        text: "سلام، سرویس شما تمدید شد".into(),
                    }
                && audit.action.as_str() == "user.message"
                && audit.actor == Some(UserId::new(1))
                && audit.target.as_str() == "user:7"
                && audit.detail == serde_json::json!({ "length": 24 })
        })
        .times(1)
        .returning(|_, _| Ok(()));
    let sent = service(repo, users(false), admin(true))
        .message_user(UserId::new(1), UserId::new(7), text(" سلام، سرویس شما تمدید شد "))
        .await
        .unwrap();
    assert_eq!(sent.id, UserId::new(7));
}

#[tokio::test]
async fn a_plain_user_is_refused_before_anything_is_read_or_stored() {
    let mut repo = MockMessageRepo::new();
    repo.expect_queue_message().never();
    let mut nobody = MockMemberRepo::new();
    nobody.expect_get().never();
    let refused = service(repo, nobody, admin(false))
        .message_user(UserId::new(2), UserId::new(7), text("hi"))
        .await;
    assert!(matches!(
        refused,
        Err(MessageError::Access(AccessError::Forbidden { needed: Role::Admin }))
    ));
}

#[tokio::test]
async fn a_user_who_blocked_the_bot_is_refused_and_nothing_is_stored() {
    let mut repo = MockMessageRepo::new();
    repo.expect_queue_message().never();
    let s = service(repo, users(true), admin(true));
    let refused = s.message_user(UserId::new(1), UserId::new(7), text("hi")).await;
    assert!(matches!(refused, Err(MessageError::BotBlocked(id)) if id == UserId::new(7)));
    assert!(matches!(
        s.recipient(UserId::new(1), UserId::new(7)).await,
        Err(MessageError::BotBlocked(_))
    ));
}

#[tokio::test]
async fn an_unknown_user_is_refused() {
    let mut repo = MockMessageRepo::new();
    repo.expect_queue_message().never();
    let refused = service(repo, users(false), admin(true))
        .message_user(UserId::new(1), UserId::new(99), text("hi"))
        .await;
    assert!(matches!(refused, Err(MessageError::UnknownUser(_))));
}
