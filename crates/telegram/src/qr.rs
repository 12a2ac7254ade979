//! QR codes of config and subscription links, as PNG images Telegram accepts as photos.

use fast_qr::{ECL, QRBuilder, QRCode};

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
    let code = encode(link)?;
    let modules = u32::try_from(code.size).map_err(|_| QrError::TooLong(link.len()))?;
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
                && is_dark(&code, mx - BORDER, my - BORDER);
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

/// `link` as a QR code with medium error correction, the mask chosen by the standard's
/// penalty rules.
fn encode(link: &str) -> Result<QRCode, QrError> {
    QRBuilder::new(link)
        .ecl(ECL::M)
        .build()
        .map_err(|_| QrError::TooLong(link.len()))
}

/// Whether the module in column `x`, row `y` of `code` is dark.
fn is_dark(code: &QRCode, x: u32, y: u32) -> bool {
    code[y as usize][x as usize].value()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str =
        "vless://3f1c2b7e-1111-4a2b-9c3d-aaaaaaaaaaaa@fr1.example.com:443?type=tcp&security=reality#FR-MoonVPN-1001";

    /// A Reality link as 3x-ui builds them: the longest links a sale gives.
    const REALITY: &str = "vless://3f1c2b7e-1111-4a2b-9c3d-aaaaaaaaaaaa@fr1.example.com:443?type=tcp&security=reality\
        &pbk=Z84J2IelR9ch3k8VtlVhhs5ycBUlXA7wHBWcBrjqnAw&fp=chrome&sni=www.speedtest.net&sid=6ba85179e30d4fc2\
        &spx=%2F&flow=xtls-rprx-vision#FR-MoonVPN-1001-silver";

    fn dimensions(png: &[u8]) -> (u32, u32) {
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        (w, h)
    }

    /// The PNG's pixels, one byte per pixel (0 black, 255 white), and its side.
    fn pixels(png: Vec<u8>) -> (Vec<u8>, u32) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        let mut buf = vec![0; decoder.output_buffer_size().unwrap()];
        let info = decoder.next_frame(&mut buf).unwrap();
        assert_eq!(info.width, info.height, "a QR image is square");
        let side = info.width;
        let white = |x: u32, y: u32| buf[y as usize * info.line_size + (x / 8) as usize] & (0x80 >> (x % 8)) != 0;
        let grey = (0..side)
            .flat_map(|y| (0..side).map(move |x| (x, y)))
            .map(|(x, y)| if white(x, y) { 255 } else { 0 })
            .collect();
        (grey, side)
    }

    #[test]
    fn a_config_link_becomes_a_png() {
        let png = qr_png(LINK).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        let side = (encode(LINK).unwrap().size as u32 + 2 * BORDER) * SCALE;
        assert_eq!(dimensions(&png), (side, side));
        assert!(png.len() < 20_000, "a QR PNG should be small, got {} bytes", png.len());
    }

    #[test]
    fn a_scanner_reads_the_link_back_from_the_image() {
        for link in [LINK, REALITY, "https://sub.example.com:2096/sub/k3j4h5g6f7d8s9a0"] {
            let (grey, side) = pixels(qr_png(link).unwrap());
            let side = side as usize;
            let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| grey[y * side + x]);
            let grids = image.detect_grids();
            assert_eq!(grids.len(), 1, "one QR code in the image of {link}");
            let (_, text) = grids[0].decode().expect("the code decodes");
            assert_eq!(text, link);
        }
    }

    #[test]
    fn the_image_decodes_to_the_codes_modules() {
        let (grey, side) = pixels(qr_png("hello").unwrap());
        let code = encode("hello").unwrap();
        let white = |x: u32, y: u32| grey[(y * side + x) as usize] == 255;
        assert!(white(0, 0), "the quiet zone is white");
        let modules = code.size as u32;
        assert_eq!(side, (modules + 2 * BORDER) * SCALE);
        for my in 0..modules {
            for mx in 0..modules {
                // Every pixel of the module, corners included, has the module's colour.
                for (px, py) in [(0, 0), (SCALE - 1, 0), (0, SCALE - 1), (SCALE - 1, SCALE - 1)] {
                    let (x, y) = ((BORDER + mx) * SCALE + px, (BORDER + my) * SCALE + py);
                    assert_eq!(
                        !white(x, y),
                        is_dark(&code, mx, my),
                        "module ({mx},{my}), pixel ({x},{y})"
                    );
                }
            }
        }
        assert!(white(side - 1, side - 1), "the far quiet zone is white");
    }

    #[test]
    fn a_link_too_long_for_any_qr_code_is_refused() {
        let long = "a".repeat(5000);
        assert!(matches!(qr_png(&long), Err(QrError::TooLong(5000))));
    }
}
