//! QR codes of config and subscription links, as PNG images Telegram accepts as photos.

use qrcodegen::{QrCode, QrCodeEcc};

/// Pixels per QR module.
pub const SCALE: u32 = 8;
/// Quiet zone around the code, in modules (the QR standard asks for 4).
pub const BORDER: u32 = 4;

/// Why a QR image could not be made.
#[derive(Debug, thiserror::Error)]
pub enum QrError {
    /// The text does not fit in the largest QR code (about 2,300 bytes at this error level).
    #[error("the link is too long for a QR code ({0} bytes)")]
    TooLong(usize),
    /// Encoding the PNG failed.
    #[error("could not encode the QR image: {0}")]
    Png(#[from] png::EncodingError),
}

/// A black-on-white PNG of `link` as a QR code (medium error correction), 8 px per module
/// with a 4-module quiet zone: a 2 KB link gives a ~1,000 px square, well within Telegram's
/// photo limits.
pub fn qr_png(link: &str) -> Result<Vec<u8>, QrError> {
    let code = QrCode::encode_text(link, QrCodeEcc::Medium).map_err(|_| QrError::TooLong(link.len()))?;
    let modules = u32::try_from(code.size()).map_err(|_| QrError::TooLong(link.len()))?;
    let side = (modules + 2 * BORDER) * SCALE;
    let row_bytes = side.div_ceil(8) as usize;
    // Each module row is SCALE identical pixel rows: draw it once, then repeat it.
    let mut pixels = Vec::with_capacity(row_bytes * side as usize);
    let mut row = vec![0u8; row_bytes];
    for my in 0..modules + 2 * BORDER {
        row.fill(0);
        for x in 0..side {
            let mx = x / SCALE;
            let dark = (BORDER..BORDER + modules).contains(&mx)
                && (BORDER..BORDER + modules).contains(&my)
                && code.get_module((mx - BORDER) as i32, (my - BORDER) as i32);
            if !dark {
                row[(x / 8) as usize] |= 0x80 >> (x % 8);
            }
        }
        for _ in 0..SCALE {
            pixels.extend_from_slice(&row);
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        // fdeflate, tuned for PNG: a fraction of the default's CPU on every sale, and
        // two-colour rows repeated SCALE times still compress to a few kilobytes.
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&pixels)?;
        writer.finish()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str =
        "vless://3f1c2b7e-1111-4a2b-9c3d-aaaaaaaaaaaa@fr1.example.com:443?type=tcp&security=reality#FR-MoonVPN-1001";

    fn dimensions(png: &[u8]) -> (u32, u32) {
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        (w, h)
    }

    #[test]
    fn a_config_link_becomes_a_png() {
        let png = qr_png(LINK).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        let code = QrCode::encode_text(LINK, QrCodeEcc::Medium).unwrap();
        let side = (code.size() as u32 + 2 * BORDER) * SCALE;
        assert_eq!(dimensions(&png), (side, side));
        assert!(png.len() < 20_000, "a QR PNG should be small, got {} bytes", png.len());
    }

    #[test]
    fn the_image_decodes_to_the_codes_modules() {
        let png = qr_png("hello").unwrap();
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        let mut buf = vec![0; decoder.output_buffer_size().unwrap()];
        let info = decoder.next_frame(&mut buf).unwrap();
        let code = QrCode::encode_text("hello", QrCodeEcc::Medium).unwrap();
        let row = info.line_size;
        let pixel_is_white = |x: u32, y: u32| buf[y as usize * row + (x / 8) as usize] & (0x80 >> (x % 8)) != 0;
        assert!(pixel_is_white(0, 0), "the quiet zone is white");
        let modules = code.size() as u32;
        for my in 0..modules {
            for mx in 0..modules {
                // Every pixel of the module, corners included, has the module's colour.
                for (px, py) in [(0, 0), (SCALE - 1, 0), (0, SCALE - 1), (SCALE - 1, SCALE - 1)] {
                    let (x, y) = ((BORDER + mx) * SCALE + px, (BORDER + my) * SCALE + py);
                    assert_eq!(
                        !pixel_is_white(x, y),
                        code.get_module(mx as i32, my as i32),
                        "module ({mx},{my}), pixel ({x},{y})"
                    );
                }
            }
        }
        let side = (modules + 2 * BORDER) * SCALE;
        assert!(pixel_is_white(side - 1, side - 1), "the far quiet zone is white");
    }

    #[test]
    fn a_link_too_long_for_any_qr_code_is_refused() {
        let long = "a".repeat(5000);
        assert!(matches!(qr_png(&long), Err(QrError::TooLong(5000))));
    }
}
