//! `adversarial-lab`: serves the lab on 127.0.0.1 and opens it in the browser.
//!
//! ```sh
//! cargo run --release -p adversarial-lab -- [--port 7878] [--no-open]
//! ```

use clap::Parser;
use std::process::{ExitCode, Stdio};

/// Watch and steer a GAN training live in your browser.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Port on 127.0.0.1 (the lab listens on the loopback address only).
    #[arg(long, default_value_t = 7878)]
    port: u16,
    /// Print the URL but do not open a browser.
    #[arg(long)]
    no_open: bool,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let args = Args::parse();
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], args.port));
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "adversarial-lab: cannot listen on {address} ({e}); choose another with --port N"
            );
            return ExitCode::from(2);
        }
    };
    let url = format!("http://{}/", listener.local_addr().unwrap_or(address));
    println!("adversarial-lab: serving {url} (Ctrl-C stops it)");
    if !args.no_open {
        open_browser(&url);
    }
    match adversarial_lab::serve(listener).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("adversarial-lab: the server stopped: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Asks the desktop to open `url` (`xdg-open`, else `open`); says nothing if neither works.
fn open_browser(url: &str) {
    for opener in ["xdg-open", "open"] {
        let started = std::process::Command::new(opener)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if started.is_ok() {
            return;
        }
    }
}
