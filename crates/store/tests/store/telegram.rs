//! Telegram adapter storage: conversation state with compare-and-set, and update ids taken
//! exactly once even when two instances race.

use std::sync::Arc;

use store::store_test;
use telegram_state::{ChatKey, ConversationRepo, ReceiptPost, ReceiptPostRepo, SaveOutcome, UpdateClaim, UpdateLog};
use time::OffsetDateTime;
use time::macros::datetime;

const AT: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);
const CHAT: ChatKey = ChatKey::new(424_242);

store_test!(a_chat_without_state_loads_nothing, |store| {
    assert_eq!(ConversationRepo::load(&store, CHAT).await.unwrap(), None);
});

store_test!(saved_state_is_loaded_back_with_its_version, |store| {
    let saved = store.save(CHAT, r#"{"s":"amount"}"#, None, AT).await.unwrap();
    assert_eq!(saved, SaveOutcome::Saved(1));
    let loaded = ConversationRepo::load(&store, CHAT).await.unwrap().unwrap();
    assert_eq!(loaded.state, r#"{"s":"amount"}"#);
    assert_eq!(loaded.version, 1);
    assert_eq!(loaded.updated_at, AT);

    let later = AT + time::Duration::minutes(1);
    assert_eq!(
        store.save(CHAT, r#"{"s":"code"}"#, Some(1), later).await.unwrap(),
        SaveOutcome::Saved(2)
    );
    let loaded = ConversationRepo::load(&store, CHAT).await.unwrap().unwrap();
    assert_eq!(
        (loaded.state.as_str(), loaded.version, loaded.updated_at),
        (r#"{"s":"code"}"#, 2, later)
    );
});

store_test!(a_save_based_on_an_old_version_changes_nothing, |store| {
    store.save(CHAT, "first", None, AT).await.unwrap();
    store.save(CHAT, "second", Some(1), AT).await.unwrap();
    assert_eq!(store.save(CHAT, "late", Some(1), AT).await.unwrap(), SaveOutcome::Stale);
    assert_eq!(store.save(CHAT, "again", None, AT).await.unwrap(), SaveOutcome::Stale);
    let loaded = ConversationRepo::load(&store, CHAT).await.unwrap().unwrap();
    assert_eq!((loaded.state.as_str(), loaded.version), ("second", 2));
});

store_test!(clearing_forgets_the_state_and_is_harmless_twice, |store| {
    store.save(CHAT, "x", None, AT).await.unwrap();
    store.save(ChatKey::new(7), "other", None, AT).await.unwrap();
    store.clear(CHAT).await.unwrap();
    store.clear(CHAT).await.unwrap();
    assert_eq!(ConversationRepo::load(&store, CHAT).await.unwrap(), None);
    assert!(ConversationRepo::load(&store, ChatKey::new(7)).await.unwrap().is_some());
    assert_eq!(
        store.save(CHAT, "fresh", None, AT).await.unwrap(),
        SaveOutcome::Saved(1)
    );
});

store_test!(an_update_is_claimed_once, |store| {
    assert_eq!(store.claim(900, AT).await.unwrap(), UpdateClaim::First);
    assert_eq!(store.claim(900, AT).await.unwrap(), UpdateClaim::Duplicate);
    assert_eq!(store.claim(901, AT).await.unwrap(), UpdateClaim::First);
});

store_test!(racing_claims_of_one_update_let_exactly_one_through, |store| {
    let store = Arc::new(store);
    let claims = (0..8).map(|_| {
        let store = Arc::clone(&store);
        tokio::spawn(async move { store.claim(5_000, AT).await.unwrap() })
    });
    let mut firsts = 0;
    for claim in claims {
        if claim.await.unwrap() == UpdateClaim::First {
            firsts += 1;
        }
    }
    assert_eq!(firsts, 1);
});

store_test!(
    a_batch_of_updates_is_claimed_in_order_skipping_ids_taken_before,
    |store| {
        use UpdateClaim::{Duplicate, First};
        assert_eq!(store.claim(902, AT).await.unwrap(), First);
        assert_eq!(
            store.claim_all(&[901, 902, 903, 903], AT).await.unwrap(),
            vec![First, Duplicate, First, Duplicate]
        );
        assert_eq!(store.claim(901, AT).await.unwrap(), Duplicate);
        assert_eq!(store.claim_all(&[], AT).await.unwrap(), vec![]);
    }
);

store_test!(racing_batches_of_the_same_updates_let_each_through_once, |store| {
    // Two instances handed the same batch (a webhook retried while polling, a restart).
    let ids: Vec<i64> = (7_000..7_020).collect();
    let batches = (0..4).map(|_| {
        let store = store.clone();
        let ids = ids.clone();
        tokio::spawn(async move { store.claim_all(&ids, AT).await.unwrap() })
    });
    let mut firsts = vec![0; ids.len()];
    for batch in batches {
        for (n, claim) in batch.await.unwrap().into_iter().enumerate() {
            if claim == UpdateClaim::First {
                firsts[n] += 1;
            }
        }
    }
    assert_eq!(firsts, vec![1; ids.len()]);
});

store_test!(pruning_forgets_only_old_update_ids, |store| {
    let old = AT - time::Duration::days(3);
    store.claim(1, old).await.unwrap();
    store.claim(2, AT).await.unwrap();
    assert_eq!(store.prune(AT - time::Duration::days(1)).await.unwrap(), 1);
    assert_eq!(store.claim(1, AT).await.unwrap(), UpdateClaim::First);
    assert_eq!(store.claim(2, AT).await.unwrap(), UpdateClaim::Duplicate);
});

store_test!(
    receipt_posts_are_remembered_per_channel_and_a_repost_replaces_the_old_one,
    |store| {
        let receipt = kernel::ReceiptId::new(7);
        let post = |chat: i64, message_id: i32| ReceiptPost {
            receipt,
            chat: ChatKey::new(chat),
            message_id,
        };
        assert!(store.posts(receipt).await.unwrap().is_empty());
        store.record(post(-1001, 10), AT).await.unwrap();
        store.record(post(-1002, 4), AT).await.unwrap();
        store.record(post(-1001, 12), AT).await.unwrap();
        assert_eq!(
            store.posts(receipt).await.unwrap(),
            vec![post(-1001, 12), post(-1002, 4)]
        );
        assert!(store.posts(kernel::ReceiptId::new(8)).await.unwrap().is_empty());
    }
);

store_test!(a_session_is_the_sender_with_their_chat_state_in_one_read, |store| {
    use telegram_state::SessionRepo;
    let sender = kernel::TelegramId::new(CHAT.get()).unwrap();
    assert_eq!(store.open(sender, CHAT).await.unwrap(), None, "nobody registered yet");

    let id = store::testing::insert_user(&store, CHAT.get()).await;
    let fresh = store.open(sender, CHAT).await.unwrap().expect("registered");
    assert_eq!((fresh.user.id, fresh.user.telegram_id), (id, sender));
    assert_eq!(fresh.conversation, None);

    store.save(CHAT, r#"{"s":"amount"}"#, None, AT).await.unwrap();
    store
        .save(ChatKey::new(7), r#"{"s":"other chat"}"#, None, AT)
        .await
        .unwrap();
    let waiting = store.open(sender, CHAT).await.unwrap().expect("registered");
    assert_eq!(waiting.user, fresh.user);
    assert_eq!(
        waiting.conversation,
        ConversationRepo::load(&store, CHAT).await.unwrap(),
        "the same state the conversation read gives"
    );
    assert_eq!(
        waiting.conversation.map(|c| (c.state, c.version)),
        Some((r#"{"s":"amount"}"#.to_owned(), 1))
    );
});
