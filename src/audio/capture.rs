//! Input devices through cpal: listing them with their default formats, opening the default or a
//! named one, and the capture stream itself.
//!
//! The audio callback is the only real-time code in the program. It converts whatever sample
//! format the device offers to `f32`, copies the interleaved samples into fixed-capacity blocks
//! taken from a pre-filled pool, and hands full blocks to the consumer over a bounded channel.
//! It never does file I/O, never takes a lock and never allocates: when the consumer falls so
//! far behind that the pool is empty, the block is overwritten and counted as dropped instead.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{Sample, SampleFormat, SizedSample, I24, U24};
use serde::Serialize;

/// Frames per block handed to the consumer: about 21 ms at 48 kHz, small enough for a lively
/// level meter, large enough that the channel is not busy.
pub const BLOCK_FRAMES: usize = 1024;

/// Blocks in the pool. With `BLOCK_FRAMES` at 48 kHz this lets the consumer stall for about
/// five seconds (a slow disk during a flush) before any audio is dropped.
pub const POOL_BLOCKS: usize = 256;

/// Why capture could not start or went wrong. Messages are one line and name the fix.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    #[error("no input device available ({reason}); connect or unmute a microphone, see `rehearse devices`")]
    NoDevice { reason: String },
    #[error("no input device named '{name}'; see `rehearse devices` for the names")]
    UnknownDevice { name: String },
    #[error("input device '{name}' is ambiguous (matches {matches}); use the exact name from `rehearse devices`")]
    AmbiguousDevice { name: String, matches: String },
    #[error("input device '{name}' cannot record ({reason}); choose another with --device, see `rehearse devices`")]
    DeviceUnusable { name: String, reason: String },
    #[error("input device '{name}' uses sample format {format}, which cannot be recorded; choose another with --device")]
    UnsupportedFormat { name: String, format: String },
    #[error("cannot list audio devices ({0}); check that the sound system (ALSA) is installed")]
    Host(String),
}

/// A device's default capture format, as the device offers it (before any conversion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputFormat {
    /// cpal's name for the sample format: "i16", "i24", "f32", …
    pub sample_format: String,
    pub channels: u16,
    pub sample_rate: u32,
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {} ch, {} Hz",
            self.sample_format, self.channels, self.sample_rate
        )
    }
}

/// One row of `rehearse devices`.
#[derive(Debug, Clone, Serialize)]
pub struct InputDeviceInfo {
    /// What `--device` accepts (the host's device id, e.g. ALSA's "default" or "hw:CARD=0,DEV=0").
    pub name: String,
    /// The human description the host gives, if any.
    pub description: String,
    pub is_default: bool,
    /// None when the device cannot capture right now (then `error` says why).
    pub default_format: Option<InputFormat>,
    pub error: Option<String>,
}

/// Lists the input devices with their default formats. The default device comes first and is
/// always listed, even when it cannot record (so the listing shows why recording would fail).
pub fn list_input_devices() -> Result<Vec<InputDeviceInfo>, CaptureError> {
    quiet_alsa();
    let host = cpal::default_host();
    let default_id = host.default_input_device().map(|d| device_name(&d));
    let devices = host
        .devices()
        .map_err(|e| CaptureError::Host(e.to_string()))?;

    let mut rows = Vec::new();
    if let Some(dev) = host.default_input_device() {
        rows.push(describe(&dev, true));
    }
    for dev in devices {
        let name = device_name(&dev);
        if Some(&name) == default_id.as_ref() || !may_capture(&dev) {
            continue;
        }
        let row = describe(&dev, false);
        // Devices that cannot capture at all (playback-only PCMs listed as duplex by ALSA hints)
        // would only clutter the listing.
        if row.default_format.is_some() {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// Prints the listing: a JSON array, or one line per device with `*` marking the default.
pub fn print_devices(
    devices: &[InputDeviceInfo],
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, devices).map_err(io::Error::other)?;
        return writeln!(out);
    }
    if devices.is_empty() {
        return writeln!(out, "no input devices found");
    }
    let width = devices
        .iter()
        .map(|d| d.name.chars().count())
        .max()
        .unwrap_or(0);
    for d in devices {
        let mark = if d.is_default { '*' } else { ' ' };
        let format = match (&d.default_format, &d.error) {
            (Some(f), _) => f.to_string(),
            (None, Some(e)) => format!("unavailable: {e}"),
            (None, None) => "unavailable".to_string(),
        };
        let fwidth = 22;
        writeln!(
            out,
            "{mark} {:width$}  {format:fwidth$}  {}",
            d.name, d.description
        )?;
    }
    writeln!(out, "(* = default; pass a name to --device)")
}

/// An input device chosen and checked, ready to build a stream on.
pub struct InputDevice {
    device: cpal::Device,
    config: cpal::SupportedStreamConfig,
    name: String,
}

impl InputDevice {
    /// Opens the default input device, or the one named (by the name `rehearse devices` shows,
    /// or its description). Never falls back to another device: ALSA's "null" device opens fine
    /// and records zeros, which would look like a muted microphone.
    pub fn open(name: Option<&str>) -> Result<Self, CaptureError> {
        quiet_alsa();
        let host = cpal::default_host();
        let device = match name {
            None => host
                .default_input_device()
                .ok_or_else(|| CaptureError::NoDevice {
                    reason: "the sound system reports no default input".to_string(),
                })?,
            Some(wanted) => find_device(&host, wanted)?,
        };
        let dev_name = device_name(&device);
        // cpal returns ALSA's "default" even when there is no sound card at all; only asking for
        // its capture configuration tells whether it can record. `supports_input()` is no help:
        // it is false for ALSA "default" even when that works.
        let config = device.default_input_config().map_err(|e| match name {
            None => CaptureError::NoDevice {
                reason: cpal_reason(&e),
            },
            Some(_) => CaptureError::DeviceUnusable {
                name: dev_name.clone(),
                reason: cpal_reason(&e),
            },
        })?;
        if config.sample_format().is_dsd() {
            return Err(CaptureError::UnsupportedFormat {
                name: dev_name,
                format: config.sample_format().to_string(),
            });
        }
        Ok(InputDevice {
            device,
            config,
            name: dev_name,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn format(&self) -> InputFormat {
        format_of(&self.config)
    }
}

fn find_device(host: &cpal::Host, wanted: &str) -> Result<cpal::Device, CaptureError> {
    if let Some(default) = host.default_input_device() {
        if device_name(&default) == wanted {
            return Ok(default);
        }
    }
    let devices: Vec<cpal::Device> = host
        .devices()
        .map_err(|e| CaptureError::Host(e.to_string()))?
        .filter(may_capture)
        .collect();
    if let Some(dev) = devices.iter().find(|d| device_name(d) == wanted) {
        return Ok(dev.clone());
    }
    // Then by description, ignoring case, as people type what they see.
    let matches: Vec<&cpal::Device> = devices
        .iter()
        .filter(|d| description_of(d).eq_ignore_ascii_case(wanted))
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(CaptureError::UnknownDevice {
            name: wanted.to_string(),
        }),
        many => Err(CaptureError::AmbiguousDevice {
            name: wanted.to_string(),
            matches: many
                .iter()
                .map(|d| device_name(d))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Hosts that know a device is playback-only say so; unknown and duplex devices might capture.
fn may_capture(dev: &cpal::Device) -> bool {
    match dev.description() {
        Ok(d) => !matches!(d.direction(), cpal::DeviceDirection::Output),
        Err(_) => true,
    }
}

fn device_name(dev: &cpal::Device) -> String {
    match dev.id() {
        Ok(id) => id.id().to_string(),
        Err(_) => dev.to_string(),
    }
}

fn description_of(dev: &cpal::Device) -> String {
    dev.description()
        .map(|d| d.name().to_string())
        .unwrap_or_default()
}

fn describe(dev: &cpal::Device, is_default: bool) -> InputDeviceInfo {
    let (default_format, error) = match dev.default_input_config() {
        Ok(c) => (Some(format_of(&c)), None),
        Err(e) => (None, Some(cpal_reason(&e))),
    };
    InputDeviceInfo {
        name: device_name(dev),
        description: description_of(dev),
        is_default,
        default_format,
        error,
    }
}

fn format_of(config: &cpal::SupportedStreamConfig) -> InputFormat {
    InputFormat {
        sample_format: config.sample_format().to_string(),
        channels: config.channels(),
        sample_rate: config.sample_rate(),
    }
}

/// alsa-lib prints its own diagnostics straight to stderr ("ALSA lib confmisc.c:855: cannot
/// find card '0'", a dozen lines when there is no sound card) before cpal returns an error that
/// we turn into one clear line, and so does the JACK library when ALSA's jack plugin tries a
/// server that is not running. Silence both, unless REHEARSE_ALSA_LOG is set for debugging.
fn quiet_alsa() {
    #[cfg(target_os = "linux")]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        if std::env::var_os("REHEARSE_ALSA_LOG").is_none() {
            ONCE.call_once(|| {
                alsa_log::silence();
                jack_log::silence();
            });
        }
    }
}

/// The JACK library is not linked by rehearse: ALSA's jack plugin (in Debian's
/// libasound2-plugins) loads it while devices are listed, and it prints "Cannot connect to
/// server socket", "jack server is not running" and, at exit, "JackShmReadWritePtr…" itself.
/// Loading the same library first (the plugin then shares this copy) lets us set its message
/// handlers to ones that say nothing. Without JACK on the machine there is nothing to do.
#[cfg(target_os = "linux")]
mod jack_log {
    use std::ffi::c_char;

    type Handler = unsafe extern "C" fn(*const c_char);
    type SetHandler = unsafe extern "C" fn(Handler);

    unsafe extern "C" fn ignore(_: *const c_char) {}

    pub(super) fn silence() {
        // SAFETY: dlopen/dlsym with NUL-terminated names; the symbols, when present, have the
        // C signature `void (*)(void (*)(const char *))` in every libjack (JACK 1 and 2). The
        // library is never closed, so the handler stays valid for the life of the process.
        unsafe {
            let lib = libc::dlopen(c"libjack.so.0".as_ptr(), libc::RTLD_NOW | libc::RTLD_GLOBAL);
            if lib.is_null() {
                return;
            }
            for name in [c"jack_set_error_function", c"jack_set_info_function"] {
                let symbol = libc::dlsym(lib, name.as_ptr());
                if !symbol.is_null() {
                    let set: SetHandler =
                        std::mem::transmute::<*mut libc::c_void, SetHandler>(symbol);
                    set(ignore);
                }
            }
        }
    }
}

#[cfg(target_os = "linux")]
mod alsa_log {
    use std::ffi::{c_char, c_int};

    // alsa-lib's handler type is C-variadic; a handler that ignores everything can be declared
    // with the fixed arguments only (the variadic tail is passed the same way and never read).
    type Handler = unsafe extern "C" fn(*const c_char, c_int, *const c_char, c_int, *const c_char);

    extern "C" {
        // In libasound, which cpal already links.
        fn snd_lib_error_set_handler(handler: Option<Handler>) -> c_int;
    }

    unsafe extern "C" fn ignore(
        _: *const c_char,
        _: c_int,
        _: *const c_char,
        _: c_int,
        _: *const c_char,
    ) {
    }

    pub(super) fn silence() {
        // SAFETY: sets a process-wide callback that does nothing; called once, before any
        // device is opened by this process.
        unsafe {
            snd_lib_error_set_handler(Some(ignore));
        }
    }
}

/// A short reason from a cpal error: its message if it has one, else its kind.
fn cpal_reason(e: &cpal::Error) -> String {
    let kind = match e.kind() {
        cpal::ErrorKind::DeviceNotAvailable => "device not available",
        cpal::ErrorKind::DeviceBusy => "device busy",
        cpal::ErrorKind::PermissionDenied => "permission denied",
        cpal::ErrorKind::UnsupportedConfig => "no usable capture format",
        _ => "",
    };
    match (e.message(), kind) {
        (Some(m), "") => m.to_string(),
        (Some(m), k) => format!("{k}: {m}"),
        (None, "") => e.to_string(),
        (None, k) => k.to_string(),
    }
}

/// Counters the callback updates and everyone else reads. Plain atomics: the callback must never
/// wait for a reader.
#[derive(Debug, Default)]
pub struct CaptureStats {
    /// Frames the device delivered (dropped ones included).
    pub frames_captured: AtomicU64,
    /// Blocks lost because the consumer fell behind (the pool was empty).
    pub dropped_blocks: AtomicU64,
    pub dropped_frames: AtomicU64,
    /// Overruns the device reported (audio lost before it reached us).
    pub overruns: AtomicU64,
    /// A fatal stream error (device unplugged…), set from cpal's error callback, which runs
    /// outside the data path and may take a lock.
    pub stream_error: Mutex<Option<String>>,
}

impl CaptureStats {
    pub fn stream_error(&self) -> Option<String> {
        self.stream_error.lock().map(|g| g.clone()).unwrap_or(None)
    }
}

/// The callback's end of the block pipe.
pub struct BlockSink {
    full_tx: SyncSender<Vec<f32>>,
    free_rx: Receiver<Vec<f32>>,
    current: Vec<f32>,
    capacity: usize,
    channels: usize,
    stats: Arc<CaptureStats>,
}

/// The consumer's end: full blocks of interleaved f32 arrive on `blocks`; give each back through
/// `recycle` when done so the callback can reuse it.
pub struct BlockSource {
    pub blocks: Receiver<Vec<f32>>,
    recycle: SyncSender<Vec<f32>>,
    pub channels: usize,
}

impl BlockSource {
    /// Returns a block to the pool. If the pool is somehow full the block is simply freed.
    pub fn recycle(&self, mut block: Vec<f32>) {
        block.clear();
        let _ = self.recycle.try_send(block);
    }
}

/// Creates the pipe between callback and consumer, with every block allocated up front.
pub fn block_pipe(channels: u16, stats: Arc<CaptureStats>) -> (BlockSink, BlockSource) {
    let channels = usize::from(channels.max(1));
    let capacity = BLOCK_FRAMES * channels;
    // The full-block channel can hold every block, so a send never fails while the pool has
    // blocks: the only place audio can be lost is an empty pool, where it is counted.
    let (full_tx, full_rx) = mpsc::sync_channel(POOL_BLOCKS + 1);
    let (free_tx, free_rx) = mpsc::sync_channel(POOL_BLOCKS + 1);
    for _ in 0..POOL_BLOCKS {
        let _ = free_tx.try_send(Vec::with_capacity(capacity));
    }
    let sink = BlockSink {
        full_tx,
        free_rx,
        current: Vec::with_capacity(capacity),
        capacity,
        channels,
        stats,
    };
    let source = BlockSource {
        blocks: full_rx,
        recycle: free_tx,
        channels,
    };
    (sink, source)
}

impl BlockSink {
    /// Called from the audio callback with interleaved samples of any format.
    pub fn push<T>(&mut self, data: &[T])
    where
        T: Sample,
        f32: cpal::FromSample<T>,
    {
        self.stats
            .frames_captured
            .fetch_add((data.len() / self.channels) as u64, Ordering::Relaxed);
        let mut rest = data;
        while !rest.is_empty() {
            let room = self.capacity - self.current.len();
            let (now, later) = rest.split_at(room.min(rest.len()));
            self.current
                .extend(now.iter().map(|s| s.to_sample::<f32>()));
            rest = later;
            if self.current.len() == self.capacity {
                self.send_current();
            }
        }
    }

    /// Sends the current block and takes a fresh one from the pool, or, if the pool is empty,
    /// drops the block's audio and reuses its buffer.
    fn send_current(&mut self) {
        match self.free_rx.try_recv() {
            Ok(next) => {
                let full = std::mem::replace(&mut self.current, next);
                if let Err(TrySendError::Full(mut back) | TrySendError::Disconnected(mut back)) =
                    self.full_tx.try_send(full)
                {
                    self.count_drop(back.len());
                    back.clear();
                    self.current = back;
                }
            }
            Err(_) => {
                self.count_drop(self.current.len());
                self.current.clear();
            }
        }
    }

    fn count_drop(&self, samples: usize) {
        self.stats.dropped_blocks.fetch_add(1, Ordering::Relaxed);
        self.stats
            .dropped_frames
            .fetch_add((samples / self.channels) as u64, Ordering::Relaxed);
    }
}

impl Drop for BlockSink {
    /// When the stream is dropped the last, partly filled block still carries audio: send it.
    /// This runs on the thread that drops the stream, not in the callback.
    fn drop(&mut self) {
        if !self.current.is_empty() {
            let last = std::mem::take(&mut self.current);
            let _ = self.full_tx.try_send(last);
        }
    }
}

/// A built (not yet started) capture stream. Dropping it stops capture and closes the pipe, which
/// tells the consumer the take is over.
pub struct CaptureStream {
    stream: cpal::Stream,
}

impl CaptureStream {
    /// Starts delivering audio (cpal 0.18 streams do not start on their own).
    pub fn play(&self) -> Result<(), CaptureError> {
        self.stream
            .play()
            .map_err(|e| CaptureError::DeviceUnusable {
                name: "input".to_string(),
                reason: cpal_reason(&e),
            })
    }
}

/// Builds the capture stream on `input`, converting its native sample format to f32 in `sink`.
pub fn build_stream(
    input: &InputDevice,
    sink: BlockSink,
    stats: Arc<CaptureStats>,
) -> Result<CaptureStream, CaptureError> {
    let config: cpal::StreamConfig = input.config.config();
    let format = input.config.sample_format();
    let stream = match format {
        SampleFormat::I8 => build::<i8>(input, config, sink, stats),
        SampleFormat::I16 => build::<i16>(input, config, sink, stats),
        SampleFormat::I24 => build::<I24>(input, config, sink, stats),
        SampleFormat::I32 => build::<i32>(input, config, sink, stats),
        SampleFormat::I64 => build::<i64>(input, config, sink, stats),
        SampleFormat::U8 => build::<u8>(input, config, sink, stats),
        SampleFormat::U16 => build::<u16>(input, config, sink, stats),
        SampleFormat::U24 => build::<U24>(input, config, sink, stats),
        SampleFormat::U32 => build::<u32>(input, config, sink, stats),
        SampleFormat::U64 => build::<u64>(input, config, sink, stats),
        SampleFormat::F32 => build::<f32>(input, config, sink, stats),
        SampleFormat::F64 => build::<f64>(input, config, sink, stats),
        other => {
            return Err(CaptureError::UnsupportedFormat {
                name: input.name.clone(),
                format: other.to_string(),
            })
        }
    }
    .map_err(|e| CaptureError::DeviceUnusable {
        name: input.name.clone(),
        reason: cpal_reason(&e),
    })?;
    Ok(CaptureStream { stream })
}

fn build<T>(
    input: &InputDevice,
    config: cpal::StreamConfig,
    mut sink: BlockSink,
    stats: Arc<CaptureStats>,
) -> Result<cpal::Stream, cpal::Error>
where
    T: SizedSample + Send + 'static,
    f32: cpal::FromSample<T>,
{
    let on_data = move |data: &[T], _: &cpal::InputCallbackInfo| sink.push(data);
    let on_error = move |err: cpal::Error| record_stream_error(&stats, err);
    input
        .device
        .build_input_stream(config, on_data, on_error, None)
}

/// cpal's error callback: overruns are counted (the take goes on), anything else is kept for the
/// session to report.
fn record_stream_error(stats: &CaptureStats, err: cpal::Error) {
    match err.kind() {
        cpal::ErrorKind::Xrun => {
            stats.overruns.fetch_add(1, Ordering::Relaxed);
        }
        cpal::ErrorKind::RealtimeDenied => {}
        _ => {
            if let Ok(mut slot) = stats.stream_error.lock() {
                slot.get_or_insert_with(|| cpal_reason(&err));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipe(channels: u16) -> (BlockSink, BlockSource, Arc<CaptureStats>) {
        let stats = Arc::new(CaptureStats::default());
        let (sink, source) = block_pipe(channels, stats.clone());
        (sink, source, stats)
    }

    #[test]
    fn converts_integer_formats_to_unit_range() {
        let (mut sink, source, _) = pipe(1);
        let mut data = vec![0i16; BLOCK_FRAMES];
        data[0] = i16::MIN;
        data[1] = 16384;
        sink.push(&data);
        let block = source.blocks.try_recv().expect("a full block");
        assert_eq!(block[0], -1.0);
        assert_eq!(block[1], 0.5);

        let mut data = vec![128u8; BLOCK_FRAMES];
        data[0] = 0;
        sink.push(&data);
        let block = source.blocks.try_recv().expect("a full block");
        assert_eq!(block[0], -1.0);
        assert_eq!(block[1], 0.0);

        let mut data = vec![I24::new(0).unwrap_or_default(); BLOCK_FRAMES];
        data[0] = I24::new(-(1 << 23)).unwrap_or_default();
        sink.push(&data);
        let block = source.blocks.try_recv().expect("a full block");
        assert_eq!(block[0], -1.0);
    }

    #[test]
    fn splits_callbacks_into_whole_blocks_and_sends_the_rest_on_drop() {
        let (mut sink, source, stats) = pipe(2);
        let data = vec![0.25f32; 2 * (BLOCK_FRAMES + 100)];
        sink.push(&data);
        let first = source.blocks.try_recv().expect("one full block");
        assert_eq!(first.len(), 2 * BLOCK_FRAMES);
        assert!(source.blocks.try_recv().is_err());
        drop(sink);
        let last = source.blocks.try_recv().expect("the partial block");
        assert_eq!(last.len(), 200);
        assert_eq!(
            stats.frames_captured.load(Ordering::Relaxed),
            (BLOCK_FRAMES + 100) as u64
        );
        assert_eq!(stats.dropped_blocks.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn counts_dropped_blocks_when_the_consumer_stalls() {
        let (mut sink, source, stats) = pipe(1);
        let block = vec![0.0f32; BLOCK_FRAMES];
        // Never recycling: the pool runs dry after POOL_BLOCKS blocks.
        for _ in 0..POOL_BLOCKS + 3 {
            sink.push(&block);
        }
        assert_eq!(stats.dropped_blocks.load(Ordering::Relaxed), 3);
        assert_eq!(
            stats.dropped_frames.load(Ordering::Relaxed),
            3 * BLOCK_FRAMES as u64
        );
        // Recycling refills the pool and the flow resumes.
        let b = source.blocks.try_recv().expect("a block");
        source.recycle(b);
        sink.push(&block);
        assert_eq!(stats.dropped_blocks.load(Ordering::Relaxed), 3);
    }
}
