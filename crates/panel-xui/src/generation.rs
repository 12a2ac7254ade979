//! Which API generation a panel speaks (reference §0): `GET csrf-token` tells v2 from v3;
//! on v2 an anonymous API call tells A (307/401) from B (404); on v3, after logging in,
//! `clients/list` tells C (no such route) from D. Since 2.8.5 a missing route and a refused
//! session both answer an empty 404, so on v3 the login is first proven on `server/status`.

use inventory::{ApiGeneration, PanelConnection, PanelError};
use kernel::Clock;

use crate::answer::{Answer, classify};
use crate::http::{Http, Req};
use crate::session::{self, LoginError, Session};
use crate::totp::TwoFactor;

/// Detects the generation. On v3 this logs in (or uses the API token) and returns that
/// session for reuse.
pub(crate) async fn detect(
    http: &Http,
    conn: &PanelConnection,
    two_factor: Option<&TwoFactor>,
    clock: &dyn Clock,
) -> Result<(ApiGeneration, Option<Session>), PanelError> {
    let mut probe = Session::anonymous();
    let generation = match session::fetch_csrf(http, conn, &mut probe).await {
        Ok(()) => detect_v3(http, conn, two_factor, clock, probe).await?,
        Err(LoginError::Mismatch) => (detect_v2(http, conn).await?, None),
        Err(LoginError::Refused) => return Err(PanelError::LoginRefused),
        Err(LoginError::Failed(e)) => return Err(e),
    };
    tracing::info!(panel = %conn.url, generation = %generation.0, "panel API generation detected");
    Ok(generation)
}

async fn detect_v2(http: &Http, conn: &PanelConnection) -> Result<ApiGeneration, PanelError> {
    let resp = http
        .send_repeatable(conn, &Req::get("panel/api/inbounds/list"), &Session::anonymous())
        .await?;
    match (resp.status, classify(&resp)) {
        (401 | 300..=399, _) => Ok(ApiGeneration::A),
        (_, Answer::AuthLost | Answer::EmptyNotFound | Answer::Done(_) | Answer::Refused(_)) => Ok(ApiGeneration::B),
        (_, Answer::RouteMissing) => Err(PanelError::BadResponse(
            "no 3x-ui panel answers at this URL; check the address and its base path".into(),
        )),
        (_, Answer::ServerError(status)) => Err(crate::answer::server_error(status)),
        (_, Answer::Garbage(what)) => Err(PanelError::BadResponse(what)),
    }
}

async fn detect_v3(
    http: &Http,
    conn: &PanelConnection,
    two_factor: Option<&TwoFactor>,
    clock: &dyn Clock,
    probe: Session,
) -> Result<(ApiGeneration, Option<Session>), PanelError> {
    let session = match session::api_token(conn) {
        Some(token) => Session::bearer(token),
        None => session::login(http, conn, true, two_factor, clock, probe)
            .await
            .map_err(|e| match e {
                LoginError::Refused => PanelError::LoginRefused,
                LoginError::Mismatch => PanelError::BadResponse("the panel refused its own CSRF token".into()),
                LoginError::Failed(e) => e,
            })?,
    };
    let resp = http
        .send_repeatable(conn, &Req::get("panel/api/clients/list"), &session)
        .await?;
    let generation = match classify(&resp) {
        Answer::Done(_) | Answer::Refused(_) => ApiGeneration::D,
        Answer::RouteMissing | Answer::EmptyNotFound | Answer::AuthLost => {
            let proof = http
                .send_repeatable(conn, &Req::get("panel/api/server/status"), &session)
                .await?;
            match classify(&proof) {
                Answer::Done(_) | Answer::Refused(_) => ApiGeneration::C,
                Answer::ServerError(status) => return Err(crate::answer::server_error(status)),
                Answer::Garbage(what) => return Err(PanelError::BadResponse(what)),
                _ => return Err(PanelError::LoginRefused),
            }
        }
        Answer::ServerError(status) => return Err(crate::answer::server_error(status)),
        Answer::Garbage(what) => return Err(PanelError::BadResponse(what)),
    };
    Ok((generation, Some(session)))
}
