//! The admins' revenue chart: one bar per day as a PNG Telegram accepts as a photo.
//!
//! Drawn pixel by pixel with the `png` encoder the QR images already use: a chart library
//! would bring fonts (and system font lookup) for labels the photo's caption gives in the
//! reader's language anyway. The tallest bar fills the plot; grid lines mark quarters of it.

/// Width of the image, in pixels.
pub const WIDTH: u32 = 640;
/// Height of the image, in pixels.
pub const HEIGHT: u32 = 320;

const MARGIN: u32 = 16;
const BACKGROUND: [u8; 3] = [0xff, 0xff, 0xff];
const GRID: [u8; 3] = [0xe4, 0xe7, 0xec];
const AXIS: [u8; 3] = [0x5f, 0x63, 0x68];
const BAR: [u8; 3] = [0x2b, 0x6c, 0xd4];
const TODAY: [u8; 3] = [0x1b, 0x9e, 0x5a];
const LOSS: [u8; 3] = [0xd9, 0x3b, 0x3b];

/// Why the chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// There were no days to draw.
    #[error("a chart needs at least one day")]
    Empty,
    /// Encoding the PNG failed.
    #[error("could not encode the chart: {0}")]
    Png(#[from] png::EncodingError),
}

/// A bar chart of `values` (oldest first, the last one highlighted as today), `WIDTH` ×
/// `HEIGHT` RGB. Negative days (more refunded than sold) are drawn below the axis in red.
pub fn bar_chart_png(values: &[i64]) -> Result<Vec<u8>, ChartError> {
    if values.is_empty() {
        return Err(ChartError::Empty);
    }
    let mut canvas = Canvas::new(WIDTH, HEIGHT);
    let top = MARGIN;
    let bottom = HEIGHT - MARGIN;
    let max = values.iter().map(|v| v.max(&0)).max().copied().unwrap_or(0);
    let min = values.iter().map(|v| v.min(&0)).min().copied().unwrap_or(0);
    let span = (max - min).max(1) as f64;
    // The axis sits where zero is, so losses have room below it.
    let axis = bottom - ((bottom - top) as f64 * (-min as f64 / span)).round() as u32;
    let y_of = |v: i64| -> u32 {
        let offset = ((v as f64) / span * f64::from(bottom - top)).round() as i64;
        (i64::from(axis) - offset).clamp(i64::from(top), i64::from(bottom)) as u32
    };
    for quarter in 1..=4 {
        let y = y_of(max * quarter / 4);
        if max > 0 && y < axis {
            canvas.hline(MARGIN, WIDTH - MARGIN, y, GRID);
        }
    }
    let count = values.len() as u32;
    let slot = (WIDTH - 2 * MARGIN) / count;
    let gap = (slot / 5).max(1);
    for (i, value) in values.iter().enumerate() {
        let x0 = MARGIN + i as u32 * slot + gap;
        let x1 = MARGIN + (i as u32 + 1) * slot - gap;
        let color = if *value < 0 {
            LOSS
        } else if i + 1 == values.len() {
            TODAY
        } else {
            BAR
        };
        let y = y_of(*value);
        let (from, to) = if y <= axis { (y, axis) } else { (axis, y) };
        canvas.rect(x0, x1, from, to, color);
    }
    canvas.hline(MARGIN, WIDTH - MARGIN, axis, AXIS);
    canvas.vline(MARGIN, top, bottom, AXIS);
    canvas.encode()
}

struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Self {
        let pixels = BACKGROUND
            .iter()
            .copied()
            .cycle()
            .take((width * height * 3) as usize)
            .collect();
        Self { width, height, pixels }
    }

    fn set(&mut self, x: u32, y: u32, color: [u8; 3]) {
        if x < self.width && y < self.height {
            let at = ((y * self.width + x) * 3) as usize;
            self.pixels[at..at + 3].copy_from_slice(&color);
        }
    }

    fn rect(&mut self, x0: u32, x1: u32, y0: u32, y1: u32, color: [u8; 3]) {
        for y in y0..=y1 {
            for x in x0..x1 {
                self.set(x, y, color);
            }
        }
    }

    fn hline(&mut self, x0: u32, x1: u32, y: u32, color: [u8; 3]) {
        self.rect(x0, x1, y, y, color);
    }

    fn vline(&mut self, x: u32, y0: u32, y1: u32, color: [u8; 3]) {
        self.rect(x, x + 1, y0, y1, color);
    }

    fn encode(self) -> Result<Vec<u8>, ChartError> {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header()?;
            writer.write_image_data(&self.pixels)?;
            writer.finish()?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info, buf)
    }

    fn pixel(buf: &[u8], x: u32, y: u32) -> [u8; 3] {
        let at = ((y * WIDTH + x) * 3) as usize;
        [buf[at], buf[at + 1], buf[at + 2]]
    }

    #[test]
    fn thirty_days_of_sales_become_a_small_valid_png_with_bars() {
        let days: Vec<i64> = (0..30).map(|d| (d % 7) * 10_000).collect();
        let bytes = bar_chart_png(&days).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert!(bytes.len() < 50_000, "{} bytes", bytes.len());
        let (info, buf) = decode(&bytes);
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        let bar = buf.chunks(3).filter(|p| *p == BAR || *p == TODAY).count();
        let white = buf.chunks(3).filter(|p| *p == BACKGROUND).count();
        let total = (WIDTH * HEIGHT) as usize;
        assert!(bar > total / 10, "only {bar} bar pixels: the chart looks blank");
        assert!(white > total / 4, "{white} background pixels");
        // The tallest day (6 × 10 000, day 6) reaches the top margin; an empty day (day 0)
        // draws nothing above the axis.
        let slot = (WIDTH - 2 * MARGIN) / 30;
        let middle = |day: u32| MARGIN + day * slot + slot / 2;
        assert_eq!(pixel(&buf, middle(6), MARGIN + 1), BAR);
        assert_eq!(pixel(&buf, middle(0), HEIGHT / 2 + 5), BACKGROUND);
    }

    #[test]
    fn the_last_day_is_highlighted_and_losses_go_below_the_axis() {
        let bytes = bar_chart_png(&[1_000, -500, 2_000]).unwrap();
        let (_, buf) = decode(&bytes);
        assert!(buf.chunks(3).any(|p| p == TODAY));
        assert!(buf.chunks(3).any(|p| p == LOSS));
    }

    #[test]
    fn a_month_without_sales_still_draws_its_axes() {
        let bytes = bar_chart_png(&[0; 30]).unwrap();
        let (_, buf) = decode(&bytes);
        assert!(buf.chunks(3).any(|p| p == AXIS));
        assert!(matches!(bar_chart_png(&[]), Err(ChartError::Empty)));
    }
}
