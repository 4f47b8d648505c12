//! The lab (issue 14): watch and steer a GAN training live in the browser, trained natively
//! by this crate's own `Gan` on a thread of its own, frames streamed to a plain HTML/canvas
//! page by Server-Sent Events.
//!
//! ```text
//! trainer thread ──snapshot every ≥ 33 ms──▶ drawer thread ──JSON──▶ watch ──▶ SSE ──▶ page
//!       ▲                                                                              │
//!       └──────────────── commands (play, pause, step, restart, speed) ◀── HTTP POST ──┘
//! ```
//! [`session`] is the only module that uses the crate's `Gan` API; [`settings`] checks every
//! request; [`estimates`] holds the JS and W₁ estimates; [`runner`] the threads; [`server`]
//! the routes.

pub mod estimates;
pub mod runner;
pub mod server;
pub mod session;
pub mod settings;

pub use server::router;
pub use settings::{BadRequest, Settings};

/// Serves the lab on `listener` (with the 2-D defaults) until the process ends.
///
/// # Errors
/// An I/O error of the listener.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let app = router(Settings::defaults(2)).expect("the default settings are valid");
    axum::serve(listener, app).await
}
