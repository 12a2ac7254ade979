//! Secrets at rest and the database's own guard on balances: a ciphertext moved to another
//! row does not decrypt, `rotate_secrets` moves every secret to a new key (and a wrong old
//! key changes nothing), values from before the HKDF change are read and upgraded, and
//! PostgreSQL and MySQL/MariaDB refuse a negative balance.

use inventory::{DisplayName, FleetRepo, LocationPrefix, NewLocation, NewPanel, PanelUrl, PlacementRepo};
use kernel::{LocationId, Secret};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use store::entity::inventory::panel;
use store::entity::members::user;
use store::store_test;
use store::testing::insert_user;
use store::{Cipher, SecretColumn, Store, rotate_secrets};
use time::OffsetDateTime;
use time::macros::datetime;

const AT: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

/// The key `store::testing` opens every test store with.
fn test_key() -> Secret {
    Secret::new(store::testing::TEST_SECRET_KEY)
}

async fn location(store: &Store) -> LocationId {
    let new = NewLocation {
        name: DisplayName::new("France").unwrap(),
        prefix: LocationPrefix::new("FR").unwrap(),
    };
    store.add_location(&new).await.unwrap().id
}

fn new_panel(location: LocationId, host: &str, password: &str) -> NewPanel {
    NewPanel {
        name: DisplayName::new(host).unwrap(),
        url: PanelUrl::new(&format!("https://{host}:2053/base")).unwrap(),
        username: "admin".into(),
        password: Secret::new(password),
        api_token: Some(Secret::new("tok-0123456789")),
        two_factor_secret: Some(Secret::new("JBSWY3DPEHPK3PXP")),
        allow_insecure_tls: false,
        location,
    }
}

async fn rows(store: &Store) -> Vec<panel::Model> {
    panel::Entity::find().all(store.db()).await.unwrap()
}

store_test!(a_password_copied_into_another_panel_row_does_not_decrypt, |store| {
    let location = location(&store).await;
    let one = store
        .add_panel(&new_panel(location, "a.example.com", "pass-one"), AT)
        .await
        .unwrap();
    let two = store
        .add_panel(&new_panel(location, "b.example.com", "pass-two"), AT)
        .await
        .unwrap();
    let stolen = panel::Entity::find_by_id(one.id.get())
        .one(store.db())
        .await
        .unwrap()
        .unwrap();
    assert!(stolen.password_enc.starts_with("v2:"));
    assert!(!stolen.password_enc.contains("pass-one"));
    panel::Entity::update_many()
        .col_expr(panel::Column::PasswordEnc, Expr::value(stolen.password_enc.clone()))
        .filter(panel::Column::Id.eq(two.id.get()))
        .exec(store.db())
        .await
        .unwrap();
    let err = store.panel(two.id).await.unwrap_err();
    assert!(err.to_string().contains("unreadable"), "{err}");
    assert_eq!(store.panel(one.id).await.unwrap().password.expose(), "pass-one");
});

store_test!(rotation_moves_every_secret_to_the_new_key, |store| {
    let location = location(&store).await;
    let added = store
        .add_panel(&new_panel(location, "a.example.com", "pass-one"), AT)
        .await
        .unwrap();
    let old = Cipher::new(&test_key());
    let new_key = Secret::new("a-brand-new-secret-key-of-32-chars!!");
    let new = Cipher::new(&new_key);
    let report = rotate_secrets(store.db(), &old, &new).await.unwrap();
    assert_eq!((report.panels, report.cards, report.upgraded), (1, 0, 0));
    let rotated = Store::from_connection(store.db().clone(), &new_key);
    let panel = rotated.panel(added.id).await.unwrap();
    assert_eq!(panel.password.expose(), "pass-one");
    assert_eq!(panel.two_factor_secret.unwrap().expose(), "JBSWY3DPEHPK3PXP");
    assert!(store.panel(added.id).await.is_err(), "the old key no longer opens them");
});

store_test!(rotation_with_a_wrong_old_key_changes_nothing, |store| {
    let location = location(&store).await;
    store
        .add_panel(&new_panel(location, "a.example.com", "pass-one"), AT)
        .await
        .unwrap();
    store
        .add_panel(&new_panel(location, "b.example.com", "pass-two"), AT)
        .await
        .unwrap();
    let before = rows(&store).await;
    let wrong = Cipher::new(&Secret::new("not-the-key-not-the-key-not-the-key"));
    let new = Cipher::new(&Secret::new("a-brand-new-secret-key-of-32-chars!!"));
    assert!(rotate_secrets(store.db(), &wrong, &new).await.is_err());
    assert_eq!(rows(&store).await, before);
});

store_test!(values_from_before_hkdf_are_read_and_upgraded_by_rotation, |store| {
    let location = location(&store).await;
    let added = store
        .add_panel(&new_panel(location, "a.example.com", "x"), AT)
        .await
        .unwrap();
    let cipher = Cipher::new(&test_key());
    let mut row = panel::Entity::find_by_id(added.id.get())
        .one(store.db())
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.password_enc = Set(cipher.encrypt_legacy_for_tests("legacy-pass"));
    row.update(store.db()).await.unwrap();
    assert_eq!(store.panel(added.id).await.unwrap().password.expose(), "legacy-pass");
    let report = rotate_secrets(store.db(), &cipher, &cipher).await.unwrap();
    assert_eq!(report.upgraded, 1);
    let stored = rows(&store).await.remove(0).password_enc;
    assert!(stored.starts_with("v2:"), "{stored}");
    let again = cipher
        .decrypt(SecretColumn::PANEL_PASSWORD, added.id.get(), &stored)
        .unwrap();
    assert_eq!(again.expose(), "legacy-pass");
});

store_test!(the_database_itself_refuses_a_negative_balance, |store| {
    let id = insert_user(&store, 1).await;
    let set = |balance: i64| {
        user::Entity::update_many()
            .col_expr(user::Column::Balance, Expr::value(balance))
            .filter(user::Column::Id.eq(id.get()))
            .exec(store.db())
    };

    // PostgreSQL and MySQL/MariaDB: CHECK (balance >= 0); SQLite: the triggers of 000022.
    let below = set(-1).await;

    assert!(
        below.is_err(),
        "{:?}: a negative balance was stored",
        store.db().get_database_backend()
    );
    let row = user::Entity::find_by_id(id.get())
        .one(store.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.balance, 0, "the refused statement changed nothing");
    assert!(set(5).await.is_ok(), "a positive balance is still accepted");
});
