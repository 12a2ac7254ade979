//! Unit tests of `find.rs`: each way of naming a user reaches the same use case.

use std::sync::Arc;

use kernel::{TelegramId, TrackingCode, UserId};
use mockall::predicate::eq;

use crate::service_tests::{repo_with, service, user};
use crate::{MockTrackingOwners, Role, UserRef, Username};

fn named(text: &str) -> UserRef {
    UserRef::parse(text).unwrap()
}

#[tokio::test]
async fn a_user_is_found_by_id_telegram_id_username_and_tracking_code() {
    let mut sara = user(7, 5007, Role::User);
    sara.username = Some(Username::parse("sara_k").unwrap());
    let mut repo = repo_with(vec![sara.clone()]);
    let by_tg = sara.clone();
    repo.expect_find_by_telegram()
        .with(eq(TelegramId::new(5007).unwrap()))
        .returning(move |_| Ok(Some(by_tg.clone())));
    let by_name = sara.clone();
    repo.expect_find_by_username()
        .returning(move |name| Ok((name.as_str() == "sara_k").then(|| by_name.clone())));
    let code = TrackingCode::parse("TX-261207-7KQ2M").unwrap();
    let mut owners = MockTrackingOwners::new();
    owners
        .expect_owner_of()
        .returning(move |c| Ok((c.as_str() == "TX-261207-7KQ2M").then_some(UserId::new(7))));
    let members = service(repo).with_tracking_owners(Arc::new(owners));

    for text in ["#7", "5007", "@sara_k", code.as_str()] {
        let found = members.find(&named(text)).await.unwrap();
        assert_eq!(found.map(|u| u.id), Some(UserId::new(7)), "{text}");
    }
}

#[tokio::test]
async fn nobody_matches_is_none_not_an_error() {
    let mut repo = repo_with(vec![]);
    repo.expect_find_by_telegram().returning(|_| Ok(None));
    repo.expect_find_by_username().returning(|_| Ok(None));
    let mut owners = MockTrackingOwners::new();
    owners.expect_owner_of().returning(|_| Ok(None));
    let members = service(repo).with_tracking_owners(Arc::new(owners));
    for text in ["#8", "5008", "@nobody_here", "TX-261207-7KQ2M"] {
        assert!(members.find(&named(text)).await.unwrap().is_none(), "{text}");
    }
}

#[tokio::test]
async fn without_the_ledger_a_tracking_code_finds_nobody() {
    let members = service(repo_with(vec![user(7, 5007, Role::User)]));
    assert!(members.find(&named("TX-261207-7KQ2M")).await.unwrap().is_none());
}
