//! Certificate pinning for self-signed panels: a rustls verifier that accepts exactly the
//! pinned certificate (by SHA-256 of its DER bytes) and one that reads the certificate a
//! panel presents so it can be pinned on first use. Both still check the handshake
//! signatures, so the panel must hold the certificate's private key.

use std::sync::{Arc, Mutex};

use inventory::CertPin;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, OtherError, SignatureScheme};
use sha2::{Digest, Sha256};

/// The pin of a certificate.
pub(crate) fn pin_of(cert: &CertificateDer<'_>) -> CertPin {
    CertPin::from_digest(Sha256::digest(cert.as_ref()).into())
}

/// The panel presented another certificate than the pinned one; carried inside rustls'
/// `CertificateError::Other` so the driver can tell the admin both fingerprints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("certificate {presented} is not the pinned {pinned}")]
pub(crate) struct PinMismatch {
    /// The fingerprint trusted.
    pub pinned: CertPin,
    /// The fingerprint presented.
    pub presented: CertPin,
}

/// What a [`PinVerifier`] does with the certificate a panel presents.
#[derive(Debug)]
enum Check {
    /// Accept exactly this pinned certificate, whatever its issuer, dates or host names.
    Pinned(CertPin),
    /// Accept any certificate and remember its pin (to pin it on first use).
    Record(Arc<Mutex<Option<CertPin>>>),
}

/// The verifier of a self-signed panel's certificate; the handshake signatures are checked
/// either way.
#[derive(Debug)]
struct PinVerifier {
    check: Check,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for PinVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let presented = pin_of(end_entity);
        match &self.check {
            Check::Pinned(pin) if *pin == presented => Ok(ServerCertVerified::assertion()),
            Check::Pinned(pin) => {
                let mismatch = PinMismatch {
                    pinned: *pin,
                    presented,
                };
                Err(rustls::Error::InvalidCertificate(CertificateError::Other(OtherError(
                    Arc::new(mismatch),
                ))))
            }
            Check::Record(seen) => {
                *seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(presented);
                Ok(ServerCertVerified::assertion())
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

fn config(check: Check) -> Result<rustls::ClientConfig, rustls::Error> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier = Arc::new(PinVerifier {
        check,
        provider: provider.clone(),
    });
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

/// A TLS configuration that trusts exactly the certificate pinned as `pin`.
pub(crate) fn pinned_config(pin: CertPin) -> Result<rustls::ClientConfig, rustls::Error> {
    config(Check::Pinned(pin))
}

/// A TLS configuration that accepts any certificate (after the handshake signature checks)
/// and stores the pin of the one presented in `seen`: only for reading a certificate to pin,
/// never for sending credentials.
pub(crate) fn recording_config(seen: Arc<Mutex<Option<CertPin>>>) -> Result<rustls::ClientConfig, rustls::Error> {
    config(Check::Record(seen))
}

/// The pin mismatch behind a failed request, looking through the `io::Error`s hyper and
/// tokio-rustls wrap the handshake error in.
pub(crate) fn mismatch_in(err: &(dyn std::error::Error + 'static)) -> Option<PinMismatch> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(rustls::Error::InvalidCertificate(CertificateError::Other(other))) =
            e.downcast_ref::<rustls::Error>()
            && let Some(found) = other.0.downcast_ref::<PinMismatch>()
        {
            return Some(*found);
        }
        if let Some(inner) = e.downcast_ref::<std::io::Error>().and_then(std::io::Error::get_ref)
            && let Some(found) = mismatch_in(inner)
        {
            return Some(found);
        }
        current = e.source();
    }
    None
}
