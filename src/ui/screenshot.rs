use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// `--screenshot OUT.png [--size WxH]`: save the window once the web has
/// settled, then close.
#[derive(Debug, Clone)]
pub struct ScreenshotRequest {
    pub out: PathBuf,
    /// Window size in points.
    pub size: (u32, u32),
    /// Set when the picture could not be taken or saved (the exit code).
    pub failure: Arc<Mutex<Option<String>>>,
}

/// Frames to wait after the web settles, for fonts and the fit to take.
const SETTLE_FRAMES: u32 = 3;

/// Where a screenshot run is.
#[derive(Debug)]
pub struct Screenshotter {
    request: ScreenshotRequest,
    quiet_frames: u32,
    asked: bool,
}

impl Screenshotter {
    /// A run that will save to `request.out`.
    pub fn new(request: ScreenshotRequest) -> Self {
        Screenshotter {
            request,
            quiet_frames: 0,
            asked: false,
        }
    }

    /// Called every frame: once the web has been still (`settled`) for a few
    /// frames, asks for a screenshot; when it arrives, saves it and closes.
    pub fn step(&mut self, ctx: &egui::Context, settled: bool) {
        let image = ctx.input(|i| {
            i.raw.events.iter().find_map(|e| match e {
                egui::Event::Screenshot { image, .. } => Some(image.clone()),
                _ => None,
            })
        });
        if let Some(image) = image {
            if let Err(e) = save_png(&self.request.out, &image) {
                *self
                    .request
                    .failure
                    .lock()
                    .unwrap_or_else(|p| p.into_inner()) = Some(format!(
                    "{}: cannot save the screenshot: {e}",
                    self.request.out.display()
                ));
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if self.asked {
            ctx.request_repaint();
            return;
        }
        self.quiet_frames = if settled { self.quiet_frames + 1 } else { 0 };
        if self.quiet_frames > SETTLE_FRAMES {
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(Default::default()));
            self.asked = true;
        }
        ctx.request_repaint();
    }
}

/// Writes RGBA pixels as a PNG.
fn save_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w as u32, h as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        let data: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
        writer.write_image_data(&data).map_err(|e| e.to_string())?;
    }
    crate::io::write_atomically(path, &bytes).map_err(|e| e.to_string())
}
