//! Inventory storage: locations, encrypted panel credentials, inbound sync and capacity,
//! client-name numbering under concurrency, accounts and transfers.

use std::collections::BTreeSet;

use inventory::{
    AccountRepo, AccountStatus, Allocation, CertPin, ClientEmail, ClientLimits, ClientName, DisplayName, FleetRepo,
    InboundSpec, InboundStatus, InboundSync, LocationPrefix, NewClientAccount, NewInbound, NewLocation, NewPanel,
    NewTransfer, PanelUrl, PlacementRepo, Protocol, Provisioned,
};
use kernel::{InboundId, LocationId, PanelId, Secret, StorageError, UserId};
use sea_orm::EntityTrait;
use store::Store;
use store::entity::inventory::panel;
use store::store_test;
use store::testing::insert_user;
use time::OffsetDateTime;
use time::macros::datetime;

const AT: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

async fn add_location(store: &Store, name: &str, prefix: &str) -> LocationId {
    let new = NewLocation {
        name: DisplayName::new(name).unwrap(),
        prefix: LocationPrefix::new(prefix).unwrap(),
    };
    store.add_location(&new).await.unwrap().id
}

fn new_panel(location: LocationId, host: &str) -> NewPanel {
    NewPanel {
        name: DisplayName::new(host).unwrap(),
        url: PanelUrl::new(&format!("https://{host}:2053/base")).unwrap(),
        username: "admin".into(),
        password: Secret::new("s3cret-panel-pass"),
        api_token: Some(Secret::new("tok-0123456789")),
        two_factor_secret: None,
        allow_insecure_tls: true,
        location,
    }
}

pub(super) fn spec(port: u16, remark: &str) -> InboundSpec {
    InboundSpec {
        tag: format!("inbound-{port}"),
        protocol: Protocol::Vless,
        port,
        remark: remark.into(),
        settings: r#"{"decryption":"none"}"#.into(),
        stream_settings: r#"{"network":"tcp","security":"reality"}"#.into(),
        sniffing: r#"{"enabled":false}"#.into(),
    }
}

pub(super) fn added(remote_id: i64, port: u16, clients: u32) -> NewInbound {
    NewInbound {
        remote_id,
        spec: spec(port, "r"),
        client_count: clients,
        status: InboundStatus::Active,
    }
}

/// A location `FR` with one panel and inbounds with the given client counts (remote ids 1..).
pub(super) async fn setup(store: &Store, counts: &[u32]) -> (LocationId, PanelId, Vec<InboundId>) {
    let location = add_location(store, "France", "FR").await;
    let panel = store
        .add_panel(&new_panel(location, "fr1.example.com"), AT)
        .await
        .unwrap()
        .id;
    let sync = InboundSync {
        added: counts
            .iter()
            .enumerate()
            .map(|(i, c)| added(i as i64 + 1, 1000 + i as u16, *c))
            .collect(),
        ..Default::default()
    };
    store.apply_inbound_sync(panel, &sync, AT).await.unwrap();
    let inbounds = store
        .inbounds_of_panel(panel)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    (location, panel, inbounds)
}

pub(super) fn new_account(
    user: UserId,
    inbound: InboundId,
    location: LocationId,
    prefix: &str,
    n: u32,
) -> NewClientAccount {
    let name = ClientName::new(&LocationPrefix::new(prefix).unwrap(), &kernel::ShopName::default(), n).unwrap();
    NewClientAccount {
        user,
        allocation: Allocation {
            inbound,
            location,
            email: ClientEmail::from(&name),
            name,
            client_uuid: "0b1c2d3e-0000-4000-8000-000000000001".into(),
            sub_id: format!("sub{n}"),
        },
        limits: ClientLimits {
            total_bytes: kernel::ByteLimit::upto(50_000_000_000).unwrap(),
            expires_at: Some(datetime!(2026-04-01 0:00 UTC)),
            ip_limit: kernel::CountLimit::upto(2).unwrap(),
        },
        provisioned: Provisioned {
            config_url: format!("vless://x@h:443#{prefix}{n}"),
            subscription_url: Some(format!("https://h/sub/sub{n}")),
        },
        created_at: AT,
    }
}

store_test!(panel_credentials_are_not_readable_in_the_raw_row, |store| {
    let location = add_location(&store, "France", "FR").await;
    let added = store
        .add_panel(&new_panel(location, "fr1.example.com"), AT)
        .await
        .unwrap();

    let raw = panel::Entity::find_by_id(added.id.get())
        .one(store.db())
        .await
        .unwrap()
        .unwrap();
    assert!(
        !raw.password_enc.contains("s3cret"),
        "password stored in clear: {}",
        raw.password_enc
    );
    let token = raw.api_token_enc.unwrap();
    assert!(!token.contains("tok-0123"), "token stored in clear: {token}");

    let read = store.panel(added.id).await.unwrap();
    assert_eq!(read.password.expose(), "s3cret-panel-pass");
    assert_eq!(read.api_token.unwrap().expose(), "tok-0123456789");
    assert_eq!(read.url.as_str(), "https://fr1.example.com:2053/base");
    assert!(read.allow_insecure_tls && read.active);
    assert_eq!(read.created_at, AT);
});

store_test!(
    a_two_factor_secret_is_stored_encrypted_read_back_and_can_be_removed,
    |store| {
        let location = add_location(&store, "France", "FR").await;
        let mut new = new_panel(location, "fr1.example.com");
        new.two_factor_secret = Some(Secret::new("JBSWY3DPEHPK3PXP"));

        let added = store.add_panel(&new, AT).await.unwrap();

        let raw = panel::Entity::find_by_id(added.id.get())
            .one(store.db())
            .await
            .unwrap()
            .unwrap();
        let stored = raw.two_factor_secret_enc.expect("the secret is stored");
        assert!(!stored.contains("JBSWY3DP"), "secret stored in clear: {stored}");
        let read = store.panel(added.id).await.unwrap();
        assert_eq!(
            read.two_factor_secret.as_ref().map(Secret::expose),
            Some("JBSWY3DPEHPK3PXP")
        );
        assert!(!format!("{read:?}").contains("JBSWY3DP"), "the secret is never printed");

        let mut edited = read.clone();
        edited.two_factor_secret = None;
        let saved = store.update_panel(&edited, AT).await.unwrap();

        assert!(saved.two_factor_secret.is_none());
        assert!(store.panel(added.id).await.unwrap().two_factor_secret.is_none());
        let without = store
            .add_panel(&new_panel(location, "fr2.example.com"), AT)
            .await
            .unwrap();
        assert!(without.two_factor_secret.is_none());
    }
);

store_test!(
    a_certificate_pin_is_stored_read_back_kept_by_edits_and_removable,
    |store| {
        let location = add_location(&store, "France", "FR").await;
        let added = store
            .add_panel(&new_panel(location, "fr1.example.com"), AT)
            .await
            .unwrap();
        assert_eq!(added.tls_pin, None);
        let pin = CertPin::from_digest([0xC3; 32]);

        let pinned = store.set_panel_tls_pin(added.id, Some(pin)).await.unwrap();
        let again = store.set_panel_tls_pin(added.id, Some(pin)).await.unwrap();

        assert_eq!(pinned.tls_pin, Some(pin));
        assert_eq!(again.tls_pin, Some(pin), "setting the same pin twice is not an error");
        let raw = panel::Entity::find_by_id(added.id.get())
            .one(store.db())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(raw.tls_pin.as_deref(), Some(pin.to_string().as_str()));
        let mut renamed = store.panel(added.id).await.unwrap();
        renamed.name = DisplayName::new("Paris").unwrap();
        assert_eq!(store.update_panel(&renamed, AT).await.unwrap().tls_pin, Some(pin));
        renamed.tls_pin = None;
        assert_eq!(store.update_panel(&renamed, AT).await.unwrap().tls_pin, None);
        assert!(matches!(
            store.set_panel_tls_pin(PanelId::new(9_999), Some(pin)).await,
            Err(StorageError::NotFound(_))
        ));
    }
);

store_test!(locations_round_trip_and_names_and_prefixes_are_unique, |store| {
    let fr = add_location(&store, "France", "FR").await;
    add_location(&store, "Germany", "DE").await;

    let dup_prefix = NewLocation {
        name: DisplayName::new("Paris").unwrap(),
        prefix: LocationPrefix::new("FR").unwrap(),
    };
    assert!(matches!(
        store.add_location(&dup_prefix).await,
        Err(StorageError::Conflict(_))
    ));
    let dup_name = NewLocation {
        name: DisplayName::new("France").unwrap(),
        prefix: LocationPrefix::new("FRA").unwrap(),
    };
    assert!(matches!(
        store.add_location(&dup_name).await,
        Err(StorageError::Conflict(_))
    ));

    let off = store.set_location_active(fr, false).await.unwrap();
    assert!(!off.active);
    let names: Vec<String> = store
        .locations()
        .await
        .unwrap()
        .iter()
        .map(|l| l.name.to_string())
        .collect();
    assert_eq!(names, ["France", "Germany"]);
    assert!(matches!(
        store.location(LocationId::new(999)).await,
        Err(StorageError::NotFound(_))
    ));
});

store_test!(a_panel_url_can_be_added_only_once, |store| {
    let location = add_location(&store, "France", "FR").await;
    store
        .add_panel(&new_panel(location, "fr1.example.com"), AT)
        .await
        .unwrap();
    let again = store.add_panel(&new_panel(location, "fr1.example.com"), AT).await;
    assert!(matches!(again, Err(StorageError::Conflict(_))));
    let nowhere = store
        .add_panel(&new_panel(LocationId::new(999), "x.example.com"), AT)
        .await;
    assert!(matches!(nowhere, Err(StorageError::NotFound(_))));
});

store_test!(client_numbers_are_unique_under_concurrency, |store| {
    let location = add_location(&store, "France", "FR").await;
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.next_client_number(location).await })
        })
        .collect();
    let mut numbers = BTreeSet::new();
    for t in tasks {
        numbers.insert(t.await.unwrap().unwrap());
    }
    assert_eq!(numbers, (1001..=1016).collect::<BTreeSet<u32>>());
    assert_eq!(store.next_client_number(location).await.unwrap(), 1017);
});

store_test!(inbound_sync_adds_refreshes_and_disables_without_deleting, |store| {
    let (_, panel, ids) = setup(&store, &[3, 7]).await;
    assert_eq!(ids.len(), 2);

    let first = store.inbound(ids[0]).await.unwrap();
    assert_eq!(first.spec, spec(1000, "r"));
    assert_eq!(
        (first.client_count, first.max_clients, first.status),
        (3, kernel::CountLimit::Unlimited, InboundStatus::Active)
    );

    let second_sync = InboundSync {
        added: vec![added(1, 1000, 4)],
        refreshed: vec![inventory::InboundRefresh {
            id: ids[1],
            spec: spec(2443, "renamed"),
            client_count: 9,
            status: InboundStatus::Active,
        }],
        vanished: vec![ids[0]],
    };
    store.apply_inbound_sync(panel, &second_sync, AT).await.unwrap();

    let all = store.inbounds_of_panel(panel).await.unwrap();
    assert_eq!(all.len(), 2, "a re-added remote id updates the existing row");
    let second = store.inbound(ids[1]).await.unwrap();
    assert_eq!(
        (second.spec.port, second.spec.remark.as_str(), second.client_count),
        (2443, "renamed", 9)
    );
    assert_eq!(store.inbound(ids[0]).await.unwrap().status, InboundStatus::Disabled);
});

store_test!(a_slot_that_leaves_room_keeps_the_inbound_on_sale, |store| {
    let (location, _, ids) = setup(&store, &[1]).await;
    store
        .set_inbound_capacity(ids[0], kernel::CountLimit::upto(3).unwrap(), None)
        .await
        .unwrap();
    assert!(store.reserve_slot(ids[0]).await.unwrap());
    let open = store.inbound(ids[0]).await.unwrap();
    assert_eq!((open.client_count, open.status), (2, InboundStatus::Active));
    store
        .set_inbound_capacity(ids[0], kernel::CountLimit::Unlimited, None)
        .await
        .unwrap();
    assert!(store.reserve_slot(ids[0]).await.unwrap());
    let unlimited = store.inbound(ids[0]).await.unwrap();
    assert_eq!((unlimited.client_count, unlimited.status), (3, InboundStatus::Active));
    assert_eq!(store.sellable_inbounds(location).await.unwrap().len(), 1);
});

store_test!(
    reserving_the_last_slot_makes_an_inbound_full_and_releasing_reopens_it,
    |store| {
        let (location, _, ids) = setup(&store, &[1]).await;
        let inbound = store
            .set_inbound_capacity(ids[0], kernel::CountLimit::upto(2).unwrap(), None)
            .await
            .unwrap();
        assert_eq!(inbound.status, InboundStatus::Active);

        assert!(store.reserve_slot(ids[0]).await.unwrap());
        let full = store.inbound(ids[0]).await.unwrap();
        assert_eq!((full.client_count, full.status), (2, InboundStatus::Full));
        assert!(
            !store.reserve_slot(ids[0]).await.unwrap(),
            "no third client on a 2-client inbound"
        );
        assert!(store.sellable_inbounds(location).await.unwrap().is_empty());

        store.release_slot(ids[0]).await.unwrap();
        let open = store.inbound(ids[0]).await.unwrap();
        assert_eq!((open.client_count, open.status), (1, InboundStatus::Active));
        assert_eq!(store.sellable_inbounds(location).await.unwrap().len(), 1);

        assert_eq!(
            store
                .set_inbound_capacity(ids[0], kernel::CountLimit::upto(1).unwrap(), None)
                .await
                .unwrap()
                .status,
            InboundStatus::Full
        );
        assert_eq!(
            store
                .set_inbound_capacity(ids[0], kernel::CountLimit::Unlimited, None)
                .await
                .unwrap()
                .status,
            InboundStatus::Active
        );
    }
);

store_test!(
    only_active_inbounds_on_active_panels_of_the_location_are_sellable,
    |store| {
        let (location, panel, ids) = setup(&store, &[5, 2]).await;
        let de = add_location(&store, "Germany", "DE").await;
        let de_panel = store.add_panel(&new_panel(de, "de1.example.com"), AT).await.unwrap().id;
        let sync = InboundSync {
            added: vec![added(1, 443, 0)],
            ..Default::default()
        };
        store.apply_inbound_sync(de_panel, &sync, AT).await.unwrap();

        let sellable: Vec<InboundId> = store
            .sellable_inbounds(location)
            .await
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(
            sellable,
            vec![ids[1], ids[0]],
            "least loaded first, other locations excluded"
        );

        store.set_panel_active(panel, false).await.unwrap();
        assert!(store.sellable_inbounds(location).await.unwrap().is_empty());
    }
);

store_test!(client_account_names_and_emails_are_unique, |store| {
    let (location, _, ids) = setup(&store, &[0]).await;
    let user = insert_user(&store, 101).await;
    let stored = store
        .insert_account(&new_account(user, ids[0], location, "FR", 1001))
        .await
        .unwrap();
    assert_eq!(stored.name.as_str(), "FR-MoonVPN-1001");
    assert_eq!(stored.status, AccountStatus::Active);
    assert_eq!(stored.traffic_limit_bytes.amount(), Some(50_000_000_000));
    assert_eq!(stored.expires_at, Some(datetime!(2026-04-01 0:00 UTC)));
    assert_eq!(store.account(stored.id).await.unwrap(), stored);
    assert_eq!(store.account_ip_limit(stored.id).await.unwrap().amount(), Some(2));

    let again = store
        .insert_account(&new_account(user, ids[0], location, "FR", 1001))
        .await;
    assert!(matches!(again, Err(StorageError::Conflict(_))));

    store
        .insert_account(&new_account(user, ids[0], location, "FR", 1002))
        .await
        .unwrap();
    let mine: Vec<String> = store
        .accounts_of(user)
        .await
        .unwrap()
        .iter()
        .map(|a| a.name.to_string())
        .collect();
    assert_eq!(mine, ["FR-MoonVPN-1002", "FR-MoonVPN-1001"], "newest first");

    let used = store
        .record_usage(stored.id, 7_000, AccountStatus::Expired, AT)
        .await
        .unwrap();
    assert_eq!((used.traffic_used_bytes, used.status), (7_000, AccountStatus::Expired));
});

store_test!(a_transfer_switches_the_old_account_and_records_the_move_once, |store| {
    let (fr, _, fr_inbounds) = setup(&store, &[1]).await;
    let de = add_location(&store, "Germany", "DE").await;
    let de_panel = store.add_panel(&new_panel(de, "de1.example.com"), AT).await.unwrap().id;
    store
        .apply_inbound_sync(
            de_panel,
            &InboundSync {
                added: vec![added(1, 443, 0)],
                ..Default::default()
            },
            AT,
        )
        .await
        .unwrap();
    let de_inbound = store.inbounds_of_panel(de_panel).await.unwrap()[0].id;
    let user = insert_user(&store, 102).await;
    let old = store
        .insert_account(&new_account(user, fr_inbounds[0], fr, "FR", 1001))
        .await
        .unwrap();

    let mut to_account = new_account(user, de_inbound, de, "DE", 1001);
    to_account.limits.total_bytes = kernel::ByteLimit::upto(6_000).unwrap();
    let transfer = NewTransfer {
        from_account: old.id,
        to_account,
    };
    let (row, new) = store.complete_transfer(&transfer).await.unwrap();

    assert_eq!(store.account(old.id).await.unwrap().status, AccountStatus::Switched);
    assert_eq!(
        (new.location, new.status, new.traffic_limit_bytes.amount()),
        (de, AccountStatus::Active, Some(6_000))
    );
    assert_eq!((row.from_account, row.to_account, row.user), (old.id, new.id, user));
    assert_eq!(
        (row.from_location, row.to_location, row.carried_bytes.amount()),
        (fr, de, Some(6_000))
    );
    assert_eq!(row.expires_at, Some(datetime!(2026-04-01 0:00 UTC)));
    assert_eq!(
        store.inbound(fr_inbounds[0]).await.unwrap().client_count,
        0,
        "the old slot is given back"
    );

    let mut again = transfer.clone();
    again.to_account.allocation.name =
        ClientName::new(&LocationPrefix::new("DE").unwrap(), &kernel::ShopName::default(), 1002).unwrap();
    again.to_account.allocation.email = ClientEmail::from(&again.to_account.allocation.name);
    assert!(matches!(
        store.complete_transfer(&again).await,
        Err(StorageError::Conflict(_))
    ));
    assert_eq!(
        store.accounts_of(user).await.unwrap().len(),
        2,
        "the refused transfer left nothing behind"
    );
});

// --- switch cleanup (#4): transfers whose old client is still on its panel ---

/// Moves `n` accounts of one user from France to Germany; returns the transfers in order.
async fn transfers(store: &Store, n: u32) -> Vec<(kernel::TransferId, kernel::ClientAccountId)> {
    let (fr, _, fr_inbounds) = setup(store, &[0]).await;
    let de = add_location(store, "Germany", "DE").await;
    let de_panel = store.add_panel(&new_panel(de, "de1.example.com"), AT).await.unwrap().id;
    store
        .apply_inbound_sync(
            de_panel,
            &InboundSync {
                added: vec![added(1, 443, 0)],
                ..Default::default()
            },
            AT,
        )
        .await
        .unwrap();
    let de_inbound = store.inbounds_of_panel(de_panel).await.unwrap()[0].id;
    let user = insert_user(store, 103).await;
    let mut moved = Vec::new();
    for i in 0..n {
        let old = store
            .insert_account(&new_account(user, fr_inbounds[0], fr, "FR", 1001 + i))
            .await
            .unwrap();
        let mut to_account = new_account(user, de_inbound, de, "DE", 1001 + i);
        to_account.created_at = AT + time::Duration::minutes(i64::from(n - i));
        let (row, _) = store
            .complete_transfer(&NewTransfer {
                from_account: old.id,
                to_account,
            })
            .await
            .unwrap();
        moved.push((row.id, old.id));
    }
    moved
}

store_test!(transfers_owe_the_old_client_removal_until_it_is_marked, |store| {
    let moved = transfers(&store, 3).await;
    let oldest_first: Vec<_> = moved.iter().rev().copied().collect();

    assert_eq!(store.pending_old_client_removals(10).await.unwrap(), oldest_first);
    assert_eq!(
        store.pending_old_client_removals(2).await.unwrap(),
        oldest_first[..2].to_vec(),
        "the limit keeps the oldest"
    );

    store.mark_old_client_removed(moved[1].0, AT).await.unwrap();
    store
        .mark_old_client_removed(moved[1].0, AT + time::Duration::hours(1))
        .await
        .unwrap();

    assert_eq!(
        store.pending_old_client_removals(10).await.unwrap(),
        vec![moved[2], moved[0]],
        "a marked transfer is no longer pending"
    );
    let row = store::entity::inventory::account_transfer::Entity::find_by_id(moved[1].0.get())
        .one(store.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.old_client_removed_at,
        Some(store::time_ms::to_ms(AT)),
        "marking again keeps the first time"
    );
});

store_test!(marking_an_unknown_transfer_is_not_found, |store| {
    assert!(matches!(
        store.mark_old_client_removed(kernel::TransferId::new(999), AT).await,
        Err(StorageError::NotFound(_))
    ));
    assert!(store.pending_old_client_removals(10).await.unwrap().is_empty());
});

store_test!(
    the_cleanup_column_can_be_dropped_and_added_again_leaving_older_transfers_pending,
    |store| {
        use migration::MigratorTrait;
        let moved = transfers(&store, 2).await;
        store.mark_old_client_removed(moved[0].0, AT).await.unwrap();

        // Back to before migration 11 (the cleanup column), whatever came after it.
        let since_cleanup = u32::try_from(migration::Migrator::migrations().len() - 10).unwrap();
        migration::Migrator::down(store.db(), Some(since_cleanup))
            .await
            .unwrap();
        migration::Migrator::up(store.db(), None).await.unwrap();

        assert_eq!(
            store.pending_old_client_removals(10).await.unwrap().len(),
            2,
            "rows from before the column existed are pending"
        );
    }
);

// --- panel operations (#3): edit/remove, usage in batches, health, generation pins ---

mod panel_ops {
    use super::*;
    use inventory::{AccountCounts, ApiGeneration, HealthCheck, ServerStatus, UsageUpdate, XrayState};

    fn running(cpu: f64) -> Result<ServerStatus, String> {
        Ok(ServerStatus {
            xray: XrayState::Running,
            xray_version: Some("25.10.31".into()),
            cpu_percent: cpu,
            memory_used: 1_500_000_000,
            memory_total: 4_000_000_000,
            uptime: std::time::Duration::from_secs(86_400),
        })
    }

    fn check(panel: PanelId, result: Result<ServerStatus, String>, at: OffsetDateTime) -> HealthCheck {
        HealthCheck {
            panel,
            checked_at: at,
            latency_ms: 87,
            result,
        }
    }

    /// `n` active accounts of one user on `inbound`, numbered from 1001.
    async fn sell(store: &Store, inbound: InboundId, location: LocationId, n: u32) -> Vec<inventory::ClientAccount> {
        let user = insert_user(store, 4242).await;
        let mut sold = Vec::new();
        for i in 0..n {
            let new = new_account(user, inbound, location, "FR", 1001 + i);
            sold.push(store.insert_account(&new).await.unwrap());
        }
        sold
    }

    store_test!(
        usage_of_more_accounts_than_one_batch_is_written_and_others_are_left_alone,
        |store| {
            let (location, panel, inbounds) = setup(&store, &[0]).await;
            let sold = sell(&store, inbounds[0], location, 1_203).await;
            let expires = Some(datetime!(2026-05-01 0:00 UTC));
            let updates: Vec<UsageUpdate> = sold
                .iter()
                .take(1_201)
                .enumerate()
                .map(|(i, a)| UsageUpdate {
                    account: a.id,
                    used_bytes: 1_000 + i as u64,
                    limit_bytes: kernel::ByteLimit::upto(9_000_000).unwrap(),
                    expires_at: if i % 2 == 0 { expires } else { None },
                    status: if i % 3 == 0 {
                        AccountStatus::Expired
                    } else {
                        AccountStatus::Active
                    },
                })
                .collect();
            assert!(updates.len() > 2 * store::repo::inventory::USAGE_BATCH);

            store.record_usages(&updates, AT).await.unwrap();

            let after = store.accounts_of_panel(panel).await.unwrap();
            assert_eq!(after.len(), 1_203);
            for (i, a) in after.iter().take(1_201).enumerate() {
                assert_eq!(a.traffic_used_bytes, 1_000 + i as u64);
                assert_eq!(a.traffic_limit_bytes.amount(), Some(9_000_000));
                assert_eq!(a.expires_at, if i % 2 == 0 { expires } else { None });
                let want = if i % 3 == 0 {
                    AccountStatus::Expired
                } else {
                    AccountStatus::Active
                };
                assert_eq!(a.status, want);
            }
            assert_eq!(after[1_202], sold[1_202], "an account not in the batch is untouched");
        }
    );

    store_test!(accounts_of_a_panel_and_their_counts_leave_other_panels_out, |store| {
        let (location, panel, inbounds) = setup(&store, &[0, 0]).await;
        let other = store
            .add_panel(&new_panel(location, "fr2.example.com"), AT)
            .await
            .unwrap()
            .id;
        let sold = sell(&store, inbounds[1], location, 3).await;
        store
            .set_account_status(sold[0].id, AccountStatus::Switched, AT)
            .await
            .unwrap();

        assert_eq!(store.accounts_of_panel(panel).await.unwrap().len(), 3);
        assert_eq!(
            store.panel_account_counts(panel).await.unwrap(),
            AccountCounts { live: 2, total: 3 }
        );
        assert!(store.accounts_of_panel(other).await.unwrap().is_empty());
        assert_eq!(
            store.panel_account_counts(other).await.unwrap(),
            AccountCounts::default()
        );
    });

    store_test!(a_panel_with_sold_accounts_is_never_deleted, |store| {
        let (location, panel, inbounds) = setup(&store, &[0]).await;
        sell(&store, inbounds[0], location, 1).await;

        let refused = store.delete_panel(panel).await;

        assert!(matches!(refused, Err(StorageError::Conflict(_))), "{refused:?}");
        assert_eq!(store.inbounds_of_panel(panel).await.unwrap().len(), 1);
        assert_eq!(store.accounts_of_panel(panel).await.unwrap().len(), 1);
    });

    store_test!(an_unused_panel_is_deleted_with_its_inbounds_health_and_pin, |store| {
        let (_, panel, _) = setup(&store, &[0, 0]).await;
        store.record_health(&check(panel, running(5.0), AT)).await.unwrap();
        store.set_panel_generation(panel, Some(ApiGeneration::C)).await.unwrap();

        store.delete_panel(panel).await.unwrap();

        assert!(matches!(store.panel(panel).await, Err(StorageError::NotFound(_))));
        assert!(store.inbounds_of_panel(panel).await.unwrap().is_empty());
        assert!(store.health_checks().await.unwrap().is_empty());
        assert!(store.panel_generations().await.unwrap().is_empty());
        assert!(matches!(
            store.delete_panel(panel).await,
            Err(StorageError::NotFound(_))
        ));
    });

    store_test!(
        an_edited_panel_keeps_its_credentials_encrypted_and_its_url_unique,
        |store| {
            let (location, panel, _) = setup(&store, &[0]).await;
            let other = store
                .add_panel(&new_panel(location, "fr2.example.com"), AT)
                .await
                .unwrap();
            let mut edited = store.panel(panel).await.unwrap();
            edited.url = PanelUrl::new("https://fr9.example.com/new").unwrap();
            edited.password = Secret::new("n3w-pass");
            edited.api_token = None;
            edited.name = DisplayName::new("Paris 9").unwrap();

            let saved = store.update_panel(&edited, AT).await.unwrap();

            assert_eq!(saved, edited);
            assert_eq!(store.panel(panel).await.unwrap(), edited);
            let raw = panel::Entity::find_by_id(panel.get())
                .one(store.db())
                .await
                .unwrap()
                .unwrap();
            assert!(!raw.password_enc.contains("n3w-pass"));
            assert!(raw.api_token_enc.is_none());
            let mut clash = store.panel(panel).await.unwrap();
            clash.url = other.url.clone();
            assert!(matches!(
                store.update_panel(&clash, AT).await,
                Err(StorageError::Conflict(_))
            ));
        }
    );

    store_test!(the_last_health_check_replaces_the_one_before, |store| {
        let (location, panel, _) = setup(&store, &[0]).await;
        let other = store
            .add_panel(&new_panel(location, "fr2.example.com"), AT)
            .await
            .unwrap()
            .id;
        assert_eq!(store.last_health(panel).await.unwrap(), None);
        let up = check(panel, running(12.3), AT);
        store.record_health(&up).await.unwrap();
        assert_eq!(store.last_health(panel).await.unwrap(), Some(up));

        let later = AT + time::Duration::minutes(1);
        let down = check(panel, Err("the panel did not answer in time".into()), later);
        store.record_health(&down).await.unwrap();
        let stopped = check(
            other,
            Ok(ServerStatus {
                xray: XrayState::Failed("config error".into()),
                ..running(0.0).unwrap()
            }),
            later,
        );
        store.record_health(&stopped).await.unwrap();

        assert_eq!(store.last_health(panel).await.unwrap(), Some(down));
        let mut all = store.health_checks().await.unwrap();
        all.sort_by_key(|c| c.panel);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1], stopped);
    });

    store_test!(generation_pins_are_kept_per_panel_and_can_be_removed, |store| {
        let (location, panel, _) = setup(&store, &[0]).await;
        let other = store
            .add_panel(&new_panel(location, "fr2.example.com"), AT)
            .await
            .unwrap()
            .id;
        store.record_health(&check(panel, running(1.0), AT)).await.unwrap();
        store.set_panel_generation(panel, Some(ApiGeneration::A)).await.unwrap();
        store.set_panel_generation(other, Some(ApiGeneration::D)).await.unwrap();
        let mut pins = store.panel_generations().await.unwrap();
        pins.sort();
        assert_eq!(pins, vec![(panel, ApiGeneration::A), (other, ApiGeneration::D)]);
        assert!(
            store.last_health(panel).await.unwrap().is_some(),
            "pinning keeps the health"
        );

        store.set_panel_generation(panel, None).await.unwrap();

        assert_eq!(
            store.panel_generations().await.unwrap(),
            vec![(other, ApiGeneration::D)]
        );
        assert!(matches!(
            store
                .set_panel_generation(PanelId::new(999), Some(ApiGeneration::A))
                .await,
            Err(StorageError::NotFound(_))
        ));
    });
}
