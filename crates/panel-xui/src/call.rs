//! One operation against a panel, whatever it takes: detect the generation, log in, send
//! the generation's request, log in again once when the session is gone, re-detect once
//! when the panel seems to have changed version, retry what is safe to retry.

use inventory::{ApiGeneration, PanelConnection, PanelError};
use serde_json::Value;

use crate::answer::{Answer, classify, refusal, server_error};
use crate::driver::XuiDriver;
use crate::generation;
use crate::http::SendError;
use crate::routes::{Op, requests};
use crate::session::{self, LoginError, Session};
use crate::state::{Slot, credentials_of};
use crate::totp::TwoFactor;

/// Whether an operation may be sent twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Reads and writes whose repetition changes nothing (reset, restart): retried with
    /// backoff whenever they fail in passing.
    Repeatable,
    /// Writes that must not be sent twice blindly: retried only when they never left;
    /// a lost answer is reported with `maybe_applied` so the caller re-reads first.
    Once,
}

/// What one attempt gave.
enum Step {
    /// The panel answered.
    Answer(Answer),
    /// The transport failed.
    Transient(CallError),
}

/// A failed call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CallError {
    /// What went wrong.
    pub error: PanelError,
    /// Whether the panel may have done it anyway (answer lost, or 5xx on a write).
    pub maybe_applied: bool,
}

impl CallError {
    fn definite(error: PanelError) -> Self {
        Self {
            error,
            maybe_applied: false,
        }
    }
}

impl From<CallError> for PanelError {
    fn from(e: CallError) -> Self {
        e.error
    }
}

impl XuiDriver {
    /// The two-factor login for `conn`: an override set with [`XuiDriver::set_two_factor`],
    /// else the connection's TOTP secret.
    fn two_factor(conn: &PanelConnection, slot: &Slot) -> Option<TwoFactor> {
        slot.with(|s| s.two_factor.clone())
            .or_else(|| session::two_factor_of(conn))
    }

    /// The generation to use, detecting it if nothing is known (one detection at a time).
    pub(crate) async fn generation(&self, conn: &PanelConnection, slot: &Slot) -> Result<ApiGeneration, PanelError> {
        if let Some(g) = slot.with(|s| s.generation()) {
            return Ok(g);
        }
        let _guard = slot.login.lock().await;
        if let Some(g) = slot.with(|s| s.generation()) {
            return Ok(g);
        }
        self.detect_into(conn, slot).await
    }

    /// Detects now and remembers the result (and any login made on the way).
    pub(crate) async fn detect_into(&self, conn: &PanelConnection, slot: &Slot) -> Result<ApiGeneration, PanelError> {
        let two_factor = Self::two_factor(conn, slot);
        let (found, session) = generation::detect(&self.http, conn, two_factor.as_ref(), &*self.clock).await?;
        slot.with(|s| {
            if s.detected != Some(found) {
                s.routes.clear();
            }
            s.detected = Some(found);
            s.session = None;
            let usable = s.generation() == Some(found);
            if let Some(session) = session.filter(|x| usable && !x.is_bearer()) {
                s.store_session(session, credentials_of(conn));
            }
        });
        Ok(found)
    }

    /// The credentials for `generation`: the API token on v3 when set, else the cookie
    /// session, logging in if there is none (one login at a time). `true` with a login made
    /// just now.
    async fn session(
        &self,
        conn: &PanelConnection,
        slot: &Slot,
        generation: ApiGeneration,
    ) -> Result<(Session, bool), LoginError> {
        let v3 = generation >= ApiGeneration::C;
        if let (true, Some(token)) = (v3, session::api_token(conn)) {
            return Ok((Session::bearer(token), false));
        }
        let credentials = credentials_of(conn);
        if let Some(s) = slot.with(|s| s.session_for(credentials)) {
            return Ok((s, false));
        }
        let _guard = slot.login.lock().await;
        if let Some(s) = slot.with(|s| s.session_for(credentials)) {
            return Ok((s, true));
        }
        let two_factor = Self::two_factor(conn, slot);
        let fresh = session::login(
            &self.http,
            conn,
            v3,
            two_factor.as_ref(),
            &*self.clock,
            Session::anonymous(),
        )
        .await?;
        Ok((slot.with(|s| s.store_session(fresh, credentials)), true))
    }

    /// Forgets the generation once per call, if the operation and the pin allow it.
    fn redetect(slot: &Slot, op: &Op<'_>, done: &mut bool) -> bool {
        if *done || !op.may_redetect() || slot.with(|s| s.pinned.is_some()) {
            return false;
        }
        *done = true;
        slot.with(|s| s.forget_generation());
        tracing::info!("panel answered like another API generation; detecting again");
        true
    }

    /// Performs `op` and returns the panel's `obj`.
    pub(crate) async fn call(&self, conn: &PanelConnection, op: &Op<'_>, mode: Mode) -> Result<Value, CallError> {
        let slot = self.panels.slot(&conn.url);
        let (mut relogged, mut redetected, mut retries) = (false, false, 0u32);
        loop {
            let generation = self.generation(conn, &slot).await.map_err(CallError::definite)?;
            let routes = requests(generation, op);
            let remembered = slot.with(|s| s.routes.get(op.kind()).copied());
            let (Some(alternative), false) = (remembered.unwrap_or(Some(0)), routes.is_empty()) else {
                return Err(CallError::definite(PanelError::BadResponse(format!(
                    "3x-ui {} does not offer this operation",
                    generation.versions()
                ))));
            };
            let Some(req) = routes.get(alternative) else {
                slot.with(|s| s.routes.remove(op.kind()));
                continue;
            };
            let (session, fresh) = match self.session(conn, &slot, generation).await {
                Ok(s) => s,
                Err(LoginError::Refused) => return Err(CallError::definite(PanelError::LoginRefused)),
                Err(LoginError::Mismatch) if Self::redetect(&slot, op, &mut redetected) => continue,
                Err(LoginError::Mismatch) => {
                    return Err(CallError::definite(PanelError::BadResponse(format!(
                        "the panel does not log in like 3x-ui {}",
                        generation.versions()
                    ))));
                }
                Err(LoginError::Failed(e)) => return Err(CallError::definite(e)),
            };
            let step = match self.http.send(conn, req, &session).await {
                Ok(resp) => Step::Answer(classify(&resp)),
                Err(SendError::NotSent(e)) => Step::Transient(CallError::definite(e)),
                Err(SendError::Lost(e)) => Step::Transient(CallError {
                    error: e,
                    maybe_applied: mode == Mode::Once,
                }),
            };
            let failure = match step {
                Step::Answer(Answer::Done(obj)) => {
                    slot.with(|s| s.routes.insert(op.kind(), Some(alternative)));
                    return Ok(obj);
                }
                Step::Answer(Answer::Refused(message)) => {
                    slot.with(|s| s.routes.insert(op.kind(), Some(alternative)));
                    return Err(CallError::definite(refusal(&message)));
                }
                Step::Answer(Answer::AuthLost | Answer::EmptyNotFound)
                    if !relogged && !fresh && !session.is_bearer() =>
                {
                    relogged = true;
                    slot.with(|s| s.drop_session(session.epoch));
                    tracing::debug!(panel = %conn.url, "panel session gone; logging in again");
                    continue;
                }
                Step::Answer(answer @ (Answer::EmptyNotFound | Answer::RouteMissing))
                    if alternative + 1 < routes.len() =>
                {
                    tracing::debug!(panel = %conn.url, route = %req.path, ?answer, "route missing; trying the older one");
                    slot.with(|s| s.routes.insert(op.kind(), Some(alternative + 1)));
                    continue;
                }
                Step::Answer(Answer::AuthLost | Answer::EmptyNotFound | Answer::RouteMissing)
                    if Self::redetect(&slot, op, &mut redetected) =>
                {
                    continue;
                }
                Step::Answer(Answer::AuthLost) => return Err(CallError::definite(PanelError::LoginRefused)),
                Step::Answer(Answer::EmptyNotFound) if session.is_bearer() => {
                    return Err(CallError::definite(PanelError::LoginRefused));
                }
                Step::Answer(Answer::EmptyNotFound | Answer::RouteMissing) => {
                    if !op.may_redetect() {
                        slot.with(|s| s.routes.insert(op.kind(), None));
                    }
                    return Err(CallError::definite(PanelError::BadResponse(format!(
                        "the panel has no {} route; is it really 3x-ui {}?",
                        req.path,
                        generation.versions()
                    ))));
                }
                Step::Answer(Answer::ServerError(status)) => CallError {
                    error: server_error(status),
                    maybe_applied: mode == Mode::Once,
                },
                Step::Answer(Answer::Garbage(what)) => return Err(CallError::definite(PanelError::BadResponse(what))),
                Step::Transient(failure) => failure,
            };
            let hopeless = failure.error.is_certificate_refusal();
            if failure.maybe_applied || hopeless || retries >= self.http.config.retries {
                return Err(failure);
            }
            retries += 1;
            tokio::time::sleep(self.http.config.backoff_for(retries)).await;
        }
    }
}
