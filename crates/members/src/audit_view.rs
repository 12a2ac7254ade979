//! The audit-log browser's use case: superadmins page through who did what, filtered by
//! actor, action (or family of actions) and time. A lower role is refused and the attempt
//! audited like any other admin action.

use kernel::{Page, PageRequest, StorageError, UserId};

use crate::{AuditAction, AuditActionFilter, AuditEntry, AuditQuery, MemberError, MemberService, Role};

impl MemberService {
    /// What a refused look at the audit log is recorded as.
    pub const AUDIT_VIEW: AuditAction = AuditAction::new("audit.view");

    /// Entries matching `query`, newest first (superadmins only).
    pub async fn audit_log(
        &self,
        actor: UserId,
        query: AuditQuery,
        page: PageRequest,
    ) -> Result<Page<AuditEntry>, MemberError> {
        self.guard(actor, Role::Superadmin, &Self::AUDIT_VIEW).await?;
        let Some(log) = &self.audit else {
            return Err(StorageError::Other("no audit log is wired".to_owned()).into());
        };
        Ok(log.list(query, page).await?)
    }

    /// What the action filter offers (superadmins only): every family of the actions the log
    /// holds (`wallet.`) and each of those actions, in name order (a family before its
    /// actions).
    pub async fn audit_actions(&self, actor: UserId) -> Result<Vec<AuditActionFilter>, MemberError> {
        self.guard(actor, Role::Superadmin, &Self::AUDIT_VIEW).await?;
        let Some(log) = &self.audit else {
            return Err(StorageError::Other("no audit log is wired".to_owned()).into());
        };
        let mut choices = std::collections::BTreeSet::new();
        for action in log.actions().await? {
            if let Some((family, _)) = action.as_str().split_once('.')
                && let Ok(filter) = AuditActionFilter::parse(&format!("{family}."))
            {
                choices.insert(filter.as_str().to_owned());
            }
            if let Ok(filter) = AuditActionFilter::parse(action.as_str()) {
                choices.insert(filter.as_str().to_owned());
            }
        }
        Ok(choices
            .into_iter()
            .filter_map(|c| AuditActionFilter::parse(&c).ok())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use kernel::{AuditEntryId, Page, PageRequest, UserId};

    use crate::audit::MockAuditLog;
    use crate::service_tests::{repo_with, service, user};
    use crate::{AuditActionFilter, AuditQuery, MemberError, MemberService, Role};

    #[tokio::test]
    async fn a_superadmin_lists_the_log_with_the_filter_given() {
        let mut log = MockAuditLog::new();
        log.expect_list()
            .withf(|q, p| q.action.as_ref().map(AuditActionFilter::as_str) == Some("member.") && p.limit() == 10)
            .returning(|_, _| {
                Ok(Page {
                    items: Vec::new(),
                    total: 0,
                })
            });
        let root = user(1, crate::service_tests::ROOT_TG, Role::User);
        let s = service(repo_with(vec![root])).with_audit_log(Arc::new(log));
        let query = AuditQuery {
            action: Some(AuditActionFilter::parse("member.").unwrap()),
            ..AuditQuery::default()
        };
        let page = s
            .audit_log(UserId::new(1), query, PageRequest::new(0, 10))
            .await
            .unwrap();
        assert!(page.items.is_empty());
    }

    #[tokio::test]
    async fn an_admin_is_refused_and_the_attempt_is_audited() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        let mut log = MockAuditLog::new();
        log.expect_list().never();
        log.expect_record().returning(move |e| {
            sink.lock().unwrap().push(e);
            Ok(AuditEntryId::new(1))
        });
        let s = service(repo_with(vec![user(2, 6, Role::Admin)])).with_audit_log(Arc::new(log));
        let refused = s
            .audit_log(UserId::new(2), AuditQuery::default(), PageRequest::new(0, 10))
            .await;
        assert!(matches!(
            refused,
            Err(MemberError::Forbidden {
                needed: Role::Superadmin
            })
        ));
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].action, MemberService::ACCESS_DENIED);
        assert_eq!(seen[0].detail["attempt"], "audit.view");
    }

    #[tokio::test]
    async fn the_action_filter_offers_the_families_and_actions_the_log_holds() {
        let mut log = MockAuditLog::new();
        log.expect_actions().returning(|| {
            Ok(["bank_card.add", "settings.set", "wallet.adjust", "wallet.refund"]
                .into_iter()
                .map(|a| crate::AuditAction::from_stored(a.to_owned()))
                .collect())
        });
        let root = user(1, crate::service_tests::ROOT_TG, Role::User);
        let s = service(repo_with(vec![root])).with_audit_log(Arc::new(log));
        let choices: Vec<String> = s
            .audit_actions(UserId::new(1))
            .await
            .unwrap()
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        assert_eq!(
            choices,
            [
                "bank_card.add",
                "settings.",
                "settings.set",
                "wallet.",
                "wallet.adjust",
                "wallet.refund"
            ],
            "no family with an underscore (it cannot be matched by prefix)"
        );
    }

    #[tokio::test]
    async fn an_admin_is_refused_the_action_filter_and_the_attempt_is_audited() {
        let mut log = MockAuditLog::new();
        log.expect_actions().never();
        log.expect_record().times(1).returning(|_| Ok(AuditEntryId::new(1)));
        let s = service(repo_with(vec![user(2, 6, Role::Admin)])).with_audit_log(Arc::new(log));
        assert!(matches!(
            s.audit_actions(UserId::new(2)).await,
            Err(MemberError::Forbidden {
                needed: Role::Superadmin
            })
        ));
    }
}
