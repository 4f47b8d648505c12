//! Training steps/s of the lab (trainer thread, frames drawn and streamed to a reader) against
//! the headless trainer (`Gan::step` in a loop) for the same settings, each on a one-thread
//! rayon pool, in alternating rounds so that a shared machine's load hits both alike.
//!
//! ```sh
//! cargo run --release -p adversarial-lab --example speed -- [ROUNDS] [SECONDS]
//! ```

use adversarial_lab::runner::{Command, Runner};
use adversarial_lab::session::{headless_steps, Session};
use adversarial_lab::Settings;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().map_or(Ok(3), |a| a.parse())?;
    let seconds: f64 = args.next().map_or(Ok(3.0), |a| a.parse())?;
    let settings = Settings::defaults(2);
    println!("settings: {settings}");
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let (mut lab_total, mut headless_total) = (0.0, 0.0);
    for round in 1..=rounds {
        let lab = lab_rate(&settings, seconds)?;
        let headless = pool.install(|| headless_steps(&settings, seconds))? as f64 / seconds;
        println!(
            "round {round}: lab {lab:.0} steps/s, headless {headless:.0} steps/s ({:.0}%)",
            100.0 * lab / headless
        );
        lab_total += lab;
        headless_total += headless;
    }
    println!(
        "mean: lab {:.0} steps/s, headless {:.0} steps/s: the lab trains at {:.0}% of headless",
        lab_total / rounds as f64,
        headless_total / rounds as f64,
        100.0 * lab_total / headless_total
    );
    Ok(())
}

/// Steps/s of a playing lab whose frames a client reads (as the page does) for `seconds`.
fn lab_rate(settings: &Settings, seconds: f64) -> Result<f64, Box<dyn std::error::Error>> {
    let runner = Runner::start(Session::new(settings)?);
    let mut frames = runner.frames();
    let reader = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let mut read = 0usize;
            while frames.changed().await.is_ok() {
                read += frames.borrow_and_update().len();
            }
            read
        })
    });
    let step = |json: &str| -> u64 {
        let frame: serde_json::Value = serde_json::from_str(json).expect("a frame");
        frame["step"].as_u64().expect("a step")
    };
    runner.send(Command::Play);
    let started = Instant::now();
    let first = step(&runner.latest());
    std::thread::sleep(Duration::from_secs_f64(seconds));
    let last = step(&runner.latest());
    let elapsed = started.elapsed().as_secs_f64();
    runner.send(Command::Pause);
    drop(runner);
    let _ = reader;
    Ok((last - first) as f64 / elapsed)
}
