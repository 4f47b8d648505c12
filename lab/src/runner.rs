//! The two threads behind the page: the trainer steps the [`Session`] as fast as it can (or
//! at the speed asked), and every [`FRAME_INTERVAL`] leaves a [`Snapshot`] in a one-place
//! slot; the drawer turns the newest snapshot into a frame's JSON and publishes it on a
//! `watch` channel the event streams read. Training never waits for drawing or for a client:
//! a snapshot not yet drawn is replaced by the next, a slow client skips frames.
//!
//! Each thread runs in its own one-thread rayon pool, so the trainer keeps one core and the
//! drawer and server the other (the results do not depend on the thread count: `linalg`).

use crate::session::{Session, Snapshot, StepKind};
use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// At most one snapshot per this interval (≈ 30 frames/s).
pub const FRAME_INTERVAL: Duration = Duration::from_millis(33);

/// What the page asks of the trainer.
pub enum Command {
    /// Replace the run (new settings, or reset).
    Restart(Box<Session>),
    Play,
    Pause,
    /// One update, then paused.
    Step(StepKind),
    /// At most this many steps per second (`None`: as fast as it goes).
    Speed(Option<f64>),
}

/// The run-level fields of a frame.
struct Header {
    run: u64,
    settings: String,
    playing: bool,
    steps_per_second: f64,
    speed: Option<f64>,
    error: Option<String>,
}

/// The newest snapshot not yet drawn.
type Slot = Arc<(Mutex<Option<(Snapshot, Header)>>, Condvar)>;

/// Handle to the trainer and the drawer.
pub struct Runner {
    commands: mpsc::Sender<Command>,
    frames: watch::Receiver<Arc<str>>,
}

impl Runner {
    /// Starts both threads on `session`, paused.
    pub fn start(mut session: Session) -> Runner {
        let (commands, inbox) = mpsc::channel();
        let header = Header {
            run: 0,
            settings: session.settings().to_string(),
            playing: false,
            steps_per_second: 0.0,
            speed: None,
            error: None,
        };
        let (publish, frames) = watch::channel(render(&session.snapshot(), header));
        let slot: Slot = Arc::new((Mutex::new(None), Condvar::new()));
        let drawer_slot = Arc::clone(&slot);
        spawn_in_pool("lab-drawer", move || draw(&drawer_slot, &publish));
        spawn_in_pool("lab-trainer", move || {
            Trainer::new(session, slot).run(&inbox);
        });
        Runner { commands, frames }
    }

    /// Sends a command (ignored once the trainer has stopped, which it does only at exit).
    pub fn send(&self, command: Command) {
        let _ = self.commands.send(command);
    }

    /// A receiver of the frames' JSON.
    pub fn frames(&self) -> watch::Receiver<Arc<str>> {
        self.frames.clone()
    }

    /// The newest frame's JSON.
    pub fn latest(&self) -> Arc<str> {
        Arc::clone(&self.frames.borrow())
    }
}

fn spawn_in_pool(name: &str, f: impl FnOnce() + Send + 'static) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name({
            let name = name.to_owned();
            move |_| name.clone()
        })
        .build()
        .expect("a one-thread pool");
    std::thread::Builder::new()
        .name(format!("{name}-main"))
        .spawn(move || pool.install(f))
        .expect("a thread");
}

/// Draws each snapshot left in the slot and publishes its JSON; ends when nobody listens.
fn draw(slot: &Slot, publish: &watch::Sender<Arc<str>>) {
    let (lock, ready) = &**slot;
    loop {
        let (snapshot, header) = {
            let mut pending = lock.lock().expect("slot");
            while pending.is_none() {
                pending = ready.wait(pending).expect("slot");
            }
            pending.take().expect("checked")
        };
        if publish.send(render(&snapshot, header)).is_err() {
            return;
        }
    }
}

/// The JSON of a snapshot's frame with the run-level fields.
fn render(snapshot: &Snapshot, header: Header) -> Arc<str> {
    let mut frame = snapshot.frame();
    frame.run = header.run;
    frame.settings = header.settings;
    frame.playing = header.playing;
    frame.steps_per_second = header.steps_per_second;
    frame.speed = header.speed;
    frame.error = header.error;
    Arc::from(serde_json::to_string(&frame).expect("a frame serialises"))
}

struct Trainer {
    session: Session,
    slot: Slot,
    run: u64,
    playing: bool,
    speed: Option<f64>,
    error: Option<String>,
    last_publish: Option<Instant>,
    next_step: Instant,
    /// Steps/s over windows of at least half a second.
    window: (Instant, usize),
    steps_per_second: f64,
}

impl Trainer {
    fn new(session: Session, slot: Slot) -> Trainer {
        let now = Instant::now();
        Trainer {
            session,
            slot,
            run: 0,
            playing: false,
            speed: None,
            error: None,
            last_publish: None,
            next_step: now,
            window: (now, 0),
            steps_per_second: 0.0,
        }
    }

    /// Until the server drops the sender: handle commands; while playing, step and publish.
    fn run(mut self, inbox: &mpsc::Receiver<Command>) {
        loop {
            let running = self.playing && self.error.is_none();
            let command = if !running {
                self.publish();
                match inbox.recv() {
                    Ok(c) => Some(c),
                    Err(_) => return,
                }
            } else if let Some(wait) = self.next_step.checked_duration_since(Instant::now()) {
                match inbox.recv_timeout(wait) {
                    Ok(c) => Some(c),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match inbox.try_recv() {
                    Ok(c) => Some(c),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => return,
                }
            };
            match command {
                Some(c) => self.handle(c),
                None => self.play_one(),
            }
        }
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Restart(session) => {
                self.session = *session;
                self.run += 1;
                self.error = None;
                self.reset_rate();
            }
            Command::Play => {
                self.playing = true;
                self.reset_rate();
            }
            Command::Pause => {
                self.playing = false;
                self.steps_per_second = 0.0;
            }
            Command::Step(kind) => {
                self.playing = false;
                self.steps_per_second = 0.0;
                if self.error.is_none() {
                    if let Err(e) = self.session.step(kind) {
                        self.error = Some(e);
                    }
                }
            }
            Command::Speed(speed) => {
                self.speed = speed;
                self.reset_rate();
            }
        }
        self.last_publish = None; // show the change at once
    }

    fn play_one(&mut self) {
        if let Err(e) = self.session.step(StepKind::Full) {
            self.error = Some(e);
            self.playing = false;
            self.publish();
            return;
        }
        self.window.1 += 1;
        let now = Instant::now();
        if let Some(speed) = self.speed {
            self.next_step = (self.next_step + Duration::from_secs_f64(1.0 / speed)).max(now);
        }
        if self.last_publish.is_none_or(|t| now - t >= FRAME_INTERVAL) {
            self.publish();
        }
    }

    fn reset_rate(&mut self) {
        let now = Instant::now();
        self.window = (now, 0);
        self.next_step = now;
    }

    /// Leaves a snapshot for the drawer (replacing one it has not drawn yet).
    fn publish(&mut self) {
        let now = Instant::now();
        let seconds = (now - self.window.0).as_secs_f64();
        if self.playing && seconds >= 0.5 {
            self.steps_per_second = self.window.1 as f64 / seconds;
            self.window = (now, 0);
        }
        let header = Header {
            run: self.run,
            settings: self.session.settings().to_string(),
            playing: self.playing,
            steps_per_second: self.steps_per_second,
            speed: self.speed,
            error: self.error.clone(),
        };
        let snapshot = self.session.snapshot();
        let (lock, ready) = &*self.slot;
        *lock.lock().expect("slot") = Some((snapshot, header));
        ready.notify_one();
        self.last_publish = Some(now);
    }
}
