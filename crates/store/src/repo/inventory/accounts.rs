//! `client_account` rows, including the two steps the order saga runs in its own transaction.

use inventory::{AccountStatus, ClientAccount, ClientLimits, NewClientAccount, Provisioned};
use kernel::{ClientAccountId, OrderId, StorageError, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, NotSet,
    QueryFilter, QueryOrder, Set,
};
use time::OffsetDateTime;

use super::convert::to_i64;
use crate::entity::inventory::client_account;
use crate::error::db_err;
use crate::time_ms::to_ms;

/// Stores a new Active client account inside the caller's transaction. `Conflict` if its
/// name or email is taken.
pub(crate) async fn insert_client_account(
    txn: &DatabaseTransaction,
    account: &NewClientAccount,
) -> Result<ClientAccount, StorageError> {
    insert_on(txn, account, None).await
}

/// [`insert_client_account`], recording the order that created the account.
pub(crate) async fn insert_client_account_for_order(
    txn: &DatabaseTransaction,
    account: &NewClientAccount,
    order: OrderId,
) -> Result<ClientAccount, StorageError> {
    insert_on(txn, account, Some(order.get())).await
}

/// Renewal: stores `limits` on the account inside the caller's transaction and makes it Active
/// again, only while it still holds the traffic total and expiry of `snapshot` (the account the
/// limits were computed from; one conditional UPDATE). Returns `false` when another renewal
/// changed it meanwhile (nothing written). `Conflict` if it was Switched.
pub(crate) async fn renew_client_limits(
    txn: &DatabaseTransaction,
    snapshot: &ClientAccount,
    limits: &ClientLimits,
    at: OffsetDateTime,
) -> Result<bool, StorageError> {
    let current = find(txn, snapshot.id).await?;
    if current.status == AccountStatus::Switched.as_str() {
        return Err(StorageError::Conflict(format!(
            "client account {} was moved to another location",
            snapshot.id
        )));
    }
    let expires = match snapshot.expires_at {
        Some(at) => client_account::Column::ExpiresAt.eq(to_ms(at)),
        None => client_account::Column::ExpiresAt.is_null(),
    };
    let stored = client_account::Entity::update_many()
        .col_expr(
            client_account::Column::TrafficLimitBytes,
            Expr::value(to_i64(crate::repo::limit_column::bytes(limits.total_bytes))),
        )
        .col_expr(
            client_account::Column::ExpiresAt,
            Expr::value(limits.expires_at.map(to_ms)),
        )
        .col_expr(
            client_account::Column::IpLimit,
            Expr::value(i64::from(crate::repo::limit_column::count(limits.ip_limit))),
        )
        .col_expr(
            client_account::Column::Status,
            Expr::value(AccountStatus::Active.as_str()),
        )
        .col_expr(client_account::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(client_account::Column::Id.eq(snapshot.id.get()))
        .filter(
            client_account::Column::TrafficLimitBytes
                .eq(to_i64(crate::repo::limit_column::bytes(snapshot.traffic_limit_bytes))),
        )
        .filter(expires)
        .exec(txn)
        .await
        .map_err(db_err)?;
    if stored.rows_affected == 1 {
        return Ok(true);
    }
    // MySQL counts changed rows only: a renewal that leaves the limits as they were
    // (unlimited, never expiring) matched the snapshot but changed nothing.
    let unchanged = |traffic: i64, expires: Option<i64>| {
        traffic == to_i64(crate::repo::limit_column::bytes(snapshot.traffic_limit_bytes))
            && expires == snapshot.expires_at.map(to_ms)
    };
    let now = find(txn, snapshot.id).await?;
    Ok(unchanged(now.traffic_limit_bytes, now.expires_at)
        && unchanged(
            to_i64(crate::repo::limit_column::bytes(limits.total_bytes)),
            limits.expires_at.map(to_ms),
        ))
}

pub(super) async fn insert_on<C: ConnectionTrait>(
    conn: &C,
    a: &NewClientAccount,
    order: Option<i64>,
) -> Result<ClientAccount, StorageError> {
    let at = to_ms(a.created_at);
    client_account::ActiveModel {
        id: NotSet,
        user_id: Set(a.user.get()),
        inbound_id: Set(a.allocation.inbound.get()),
        location_id: Set(a.allocation.location.get()),
        order_id: Set(order),
        name: Set(a.allocation.name.as_str().to_owned()),
        email: Set(a.allocation.email.as_str().to_owned()),
        client_uuid: Set(a.allocation.client_uuid.clone()),
        sub_id: Set(a.allocation.sub_id.clone()),
        traffic_limit_bytes: Set(to_i64(crate::repo::limit_column::bytes(a.limits.total_bytes))),
        traffic_used_bytes: Set(0),
        ip_limit: Set(i64::from(crate::repo::limit_column::count(a.limits.ip_limit))),
        expires_at: Set(a.limits.expires_at.map(to_ms)),
        status: Set(AccountStatus::Active.as_str().to_owned()),
        config_url: Set(a.provisioned.config_url.clone()),
        subscription_url: Set(a.provisioned.subscription_url.clone()),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(conn)
    .await
    .map_err(db_err)?
    .try_into()
}

pub(super) async fn find<C: ConnectionTrait>(
    db: &C,
    id: ClientAccountId,
) -> Result<client_account::Model, StorageError> {
    client_account::Entity::find_by_id(id.get())
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| StorageError::NotFound(format!("client account {id}")))
}

pub(super) async fn of_user(db: &DatabaseConnection, user: UserId) -> Result<Vec<ClientAccount>, StorageError> {
    client_account::Entity::find()
        .filter(client_account::Column::UserId.eq(user.get()))
        .order_by_desc(client_account::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(ClientAccount::try_from)
        .collect()
}

pub(super) async fn record_usage(
    db: &DatabaseConnection,
    id: ClientAccountId,
    used: u64,
    status: AccountStatus,
    at: OffsetDateTime,
) -> Result<ClientAccount, StorageError> {
    client_account::Entity::update_many()
        .col_expr(client_account::Column::TrafficUsedBytes, Expr::value(to_i64(used)))
        .col_expr(client_account::Column::Status, Expr::value(status.as_str()))
        .col_expr(client_account::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(client_account::Column::Id.eq(id.get()))
        .exec(db)
        .await
        .map_err(db_err)?;
    find(db, id).await?.try_into()
}

/// Stores a rekeyed client's new key and links.
pub(super) async fn replace_key(
    db: &DatabaseConnection,
    id: ClientAccountId,
    client_uuid: &str,
    links: &Provisioned,
    at: OffsetDateTime,
) -> Result<ClientAccount, StorageError> {
    let updated = client_account::Entity::update_many()
        .col_expr(client_account::Column::ClientUuid, Expr::value(client_uuid))
        .col_expr(
            client_account::Column::ConfigUrl,
            Expr::value(links.config_url.as_str()),
        )
        .col_expr(
            client_account::Column::SubscriptionUrl,
            Expr::value(links.subscription_url.clone()),
        )
        .col_expr(client_account::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(client_account::Column::Id.eq(id.get()))
        .exec(db)
        .await
        .map_err(db_err)?;
    if updated.rows_affected == 0 {
        return Err(StorageError::NotFound(format!("client account {id}")));
    }
    find(db, id).await?.try_into()
}

pub(super) async fn set_status(
    db: &DatabaseConnection,
    id: ClientAccountId,
    status: AccountStatus,
    at: OffsetDateTime,
) -> Result<ClientAccount, StorageError> {
    client_account::Entity::update_many()
        .col_expr(client_account::Column::Status, Expr::value(status.as_str()))
        .col_expr(client_account::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(client_account::Column::Id.eq(id.get()))
        .exec(db)
        .await
        .map_err(db_err)?;
    find(db, id).await?.try_into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::inventory::transfers;
    use crate::testing::insert_user;
    use inventory::{
        AccountRepo, Allocation, ClientEmail, ClientName, DisplayName, FleetRepo, InboundStatus, InboundSync,
        LocationPrefix, NewInbound, NewLocation, NewPanel, NewTransfer, PanelUrl, PlacementRepo, Protocol, Provisioned,
    };
    use kernel::{LocationId, Secret};
    use sea_orm::TransactionTrait;
    use time::macros::datetime;

    const AT: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

    /// One location, panel and inbound; returns a new account for `user` numbered `n` there.
    async fn place(store: &crate::Store, user: UserId, n: u32) -> NewClientAccount {
        let prefix = LocationPrefix::new("FR").unwrap();
        let location = match store.locations().await.unwrap().first() {
            Some(l) => l.id,
            None => {
                let new = NewLocation {
                    name: DisplayName::new("France").unwrap(),
                    prefix: prefix.clone(),
                };
                store.add_location(&new).await.unwrap().id
            }
        };
        let inbound = match store.panels().await.unwrap().first() {
            Some(p) => store.inbounds_of_panel(p.id).await.unwrap()[0].id,
            None => add_panel_with_inbound(store, location).await,
        };
        let name = ClientName::new(&prefix, &kernel::ShopName::default(), n).unwrap();
        NewClientAccount {
            user,
            allocation: Allocation {
                inbound,
                location,
                email: ClientEmail::from(&name),
                name,
                client_uuid: "uuid".into(),
                sub_id: format!("sub{n}"),
            },
            limits: ClientLimits {
                total_bytes: kernel::ByteLimit::upto(1_000).unwrap(),
                expires_at: None,
                ip_limit: kernel::CountLimit::upto(1).unwrap(),
            },
            provisioned: Provisioned {
                config_url: "vless://x".into(),
                subscription_url: None,
            },
            created_at: AT,
        }
    }

    async fn add_panel_with_inbound(store: &crate::Store, location: LocationId) -> kernel::InboundId {
        let panel = NewPanel {
            name: DisplayName::new("p").unwrap(),
            url: PanelUrl::new("https://p.example.com").unwrap(),
            username: "u".into(),
            password: Secret::new("pw"),
            api_token: None,
            two_factor_secret: None,
            allow_insecure_tls: false,
            location,
        };
        let panel = store.add_panel(&panel, AT).await.unwrap().id;
        let spec = inventory::InboundSpec {
            tag: "inbound-443".into(),
            protocol: Protocol::Vless,
            port: 443,
            remark: String::new(),
            settings: "{}".into(),
            stream_settings: "{}".into(),
            sniffing: "{}".into(),
        };
        let sync = InboundSync {
            added: vec![NewInbound {
                remote_id: 1,
                spec,
                client_count: 0,
                status: InboundStatus::Active,
            }],
            ..Default::default()
        };
        store.apply_inbound_sync(panel, &sync, AT).await.unwrap();
        store.inbounds_of_panel(panel).await.unwrap()[0].id
    }

    crate::store_test!(renewal_stores_new_limits_and_reactivates_the_account, |store| {
        let user = insert_user(&store, 7).await;
        let new = place(&store, user, 1001).await;
        let txn = store.db().begin().await.unwrap();
        let account = insert_client_account_for_order(&txn, &new, OrderId::new(42))
            .await
            .unwrap();
        txn.commit().await.unwrap();
        store
            .record_usage(account.id, 1_000, AccountStatus::Expired, AT)
            .await
            .unwrap();

        let limits = ClientLimits {
            total_bytes: kernel::ByteLimit::upto(9_000).unwrap(),
            expires_at: Some(datetime!(2026-05-01 0:00 UTC)),
            ip_limit: kernel::CountLimit::upto(3).unwrap(),
        };
        let snapshot = store.account(account.id).await.unwrap();
        let txn = store.db().begin().await.unwrap();
        assert!(renew_client_limits(&txn, &snapshot, &limits, AT).await.unwrap());
        txn.commit().await.unwrap();
        let renewed = store.account(account.id).await.unwrap();

        let txn = store.db().begin().await.unwrap();
        assert!(
            !renew_client_limits(&txn, &snapshot, &limits, AT).await.unwrap(),
            "a renewal computed from the old limits is refused once they changed"
        );
        drop(txn);

        assert_eq!(renewed.status, AccountStatus::Active);
        assert_eq!(
            (renewed.traffic_limit_bytes, renewed.expires_at),
            (kernel::ByteLimit::upto(9_000).unwrap(), limits.expires_at)
        );
        assert_eq!(store.account_ip_limit(account.id).await.unwrap().amount(), Some(3));
        assert_eq!(find(store.db(), account.id).await.unwrap().order_id, Some(42));
    });

    crate::store_test!(
        a_moved_account_cannot_be_renewed_and_its_successor_keeps_the_order,
        |store| {
            let user = insert_user(&store, 8).await;
            let first = place(&store, user, 1001).await;
            let txn = store.db().begin().await.unwrap();
            let old = insert_client_account_for_order(&txn, &first, OrderId::new(5))
                .await
                .unwrap();
            txn.commit().await.unwrap();
            let to_account = place(&store, user, 1002).await;
            let (_, new) = transfers::complete(
                store.db(),
                &NewTransfer {
                    from_account: old.id,
                    to_account,
                },
            )
            .await
            .unwrap();

            let txn = store.db().begin().await.unwrap();
            let snapshot = find(&txn, old.id).await.unwrap().try_into().unwrap();
            let refused = renew_client_limits(&txn, &snapshot, &first.limits, AT).await;
            assert!(matches!(refused, Err(StorageError::Conflict(_))));
            assert_eq!(find(&txn, new.id).await.unwrap().order_id, Some(5));
        }
    );

    crate::store_test!(a_new_key_and_its_links_replace_the_old_ones, |store| {
        let user = insert_user(&store, 9).await;
        let new = place(&store, user, 1001).await;
        let account = store.insert_account(&new).await.unwrap();
        let links = Provisioned {
            config_url: "vless://fresh@host:443#FR-MoonVPN-1001".into(),
            subscription_url: Some("https://sub.example.com/sub/sub1001".into()),
        };

        let rekeyed = store
            .replace_account_key(account.id, "fresh-key", &links, AT)
            .await
            .unwrap();

        assert_eq!(rekeyed.client_uuid, "fresh-key");
        assert_eq!(rekeyed.config_url, links.config_url);
        assert_eq!(rekeyed.subscription_url, links.subscription_url);
        assert_eq!((rekeyed.name, rekeyed.sub_id), (account.name, account.sub_id));
        let missing = store
            .replace_account_key(ClientAccountId::new(999_999), "k", &links, AT)
            .await;
        assert!(matches!(missing, Err(StorageError::NotFound(_))));
    });
}
