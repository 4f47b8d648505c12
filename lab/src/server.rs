//! The HTTP side: the page (embedded in the binary), the frame stream (Server-Sent Events)
//! and the controls. Every bad request is a 4xx whose body is one sentence; an unknown path
//! is a 404; nothing a request holds can panic the server or end the stream.
//!
//! | route | what |
//! |---|---|
//! | `GET /`, `/lab.js`, `/lab.css` | the page |
//! | `GET /events` | frames as SSE, the newest first |
//! | `GET /api/frame` | the newest frame (JSON) |
//! | `GET /api/options` | objectives, priors, data sets, defaults |
//! | `POST /api/run?name=value…` | restart with these settings ([`Settings::from_pairs`]) |
//! | `POST /api/reset` | restart with the current settings |
//! | `POST /api/play`, `/api/pause` | |
//! | `POST /api/step?kind=d\|g\|full` | one update (D only, G only, or k D + 1 G) |
//! | `POST /api/speed?value=max\|N` | at most N steps/s |

use crate::runner::{Command, Runner};
use crate::session::{self, Session, StepKind};
use crate::settings::{self, BadRequest, Settings};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};

const INDEX: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/lab.js");
const STYLE: &str = include_str!("page/lab.css");

/// The shared state of the handlers.
struct Lab {
    runner: Runner,
    settings: Mutex<Settings>,
}

type Shared = State<Arc<Lab>>;
type Pairs = Query<Vec<(String, String)>>;

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        let mut response = (StatusCode::BAD_REQUEST, self.message).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }
}

/// The lab's routes, training `settings` (paused until the page says play).
///
/// # Errors
/// A [`BadRequest`] if the crate refuses the settings.
pub fn router(settings: Settings) -> Result<Router, BadRequest> {
    let session = Session::new(&settings)?;
    let lab = Arc::new(Lab {
        runner: Runner::start(session),
        settings: Mutex::new(settings),
    });
    Ok(Router::new()
        .route(
            "/",
            get(|| async { page("text/html; charset=utf-8", INDEX) }),
        )
        .route(
            "/lab.js",
            get(|| async { page("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/lab.css",
            get(|| async { page("text/css; charset=utf-8", STYLE) }),
        )
        .route("/events", get(events))
        .route("/api/frame", get(frame))
        .route("/api/options", get(options))
        .route("/api/run", post(run))
        .route("/api/reset", post(reset))
        .route(
            "/api/play",
            post(|s: Shared| async move { command(&s, Command::Play) }),
        )
        .route(
            "/api/pause",
            post(|s: Shared| async move { command(&s, Command::Pause) }),
        )
        .route("/api/step", post(step))
        .route("/api/speed", post(speed))
        .fallback(not_found)
        .with_state(lab))
}

fn page(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn not_found(uri: Uri) -> Response {
    (
        StatusCode::NOT_FOUND,
        format!("no such page: {}", uri.path()),
    )
        .into_response()
}

fn command(lab: &Lab, command: Command) -> StatusCode {
    lab.runner.send(command);
    StatusCode::NO_CONTENT
}

/// The newest frame, then each new one; a client that reads slowly skips frames.
async fn events(State(lab): Shared) -> impl IntoResponse {
    let receiver = lab.runner.frames();
    let stream = futures_util::stream::unfold((receiver, true), |(mut rx, first)| async move {
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let json = Arc::clone(&rx.borrow_and_update());
        Some((
            Ok::<_, Infallible>(Event::default().data(&*json)),
            (rx, false),
        ))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn frame(State(lab): Shared) -> Response {
    let json = lab.runner.latest();
    (
        [(header::CONTENT_TYPE, "application/json")],
        json.to_string(),
    )
        .into_response()
}

async fn options() -> Response {
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let body = serde_json::json!({
        "objectives": session::OBJECTIVES.iter().map(|&o| session::objective_name(o)).collect::<Vec<_>>(),
        "priors": names(session::PRIORS),
        "datasets": { "1": names(settings::DATASETS_1D), "2": names(settings::DATASETS_2D) },
        "defaults": { "1": Settings::defaults(1).to_string(), "2": Settings::defaults(2).to_string() },
        "view2d": settings::VIEW_2D,
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn run(State(lab): Shared, Query(pairs): Pairs) -> Result<StatusCode, BadRequest> {
    let settings = Settings::from_pairs(&pairs)?;
    restart(&lab, settings)
}

async fn reset(State(lab): Shared) -> Result<StatusCode, BadRequest> {
    let settings = lab.settings.lock().expect("settings").clone();
    restart(&lab, settings)
}

fn restart(lab: &Lab, settings: Settings) -> Result<StatusCode, BadRequest> {
    let session = Session::new(&settings)?;
    *lab.settings.lock().expect("settings") = settings;
    Ok(command(lab, Command::Restart(Box::new(session))))
}

/// The value of the only parameter `name` of a request.
fn only<'a>(pairs: &'a [(String, String)], name: &str) -> Result<&'a str, BadRequest> {
    match pairs {
        [(n, v)] if n == name => Ok(v),
        _ => Err(BadRequest::new(format!("expected one parameter, {name}"))),
    }
}

async fn step(State(lab): Shared, Query(pairs): Pairs) -> Result<StatusCode, BadRequest> {
    let kind = match only(&pairs, "kind")? {
        "d" => StepKind::Discriminator,
        "g" => StepKind::Generator,
        "full" => StepKind::Full,
        other => {
            return Err(BadRequest::new(format!(
                "kind = {other:?}: must be d, g or full"
            )))
        }
    };
    Ok(command(&lab, Command::Step(kind)))
}

async fn speed(State(lab): Shared, Query(pairs): Pairs) -> Result<StatusCode, BadRequest> {
    let speed = match only(&pairs, "value")? {
        "max" => None,
        v => match v.parse::<f64>() {
            Ok(s) if s.is_finite() && s >= 0.1 => Some(s),
            _ => {
                return Err(BadRequest::new(format!(
                    "speed = {v:?}: must be max or a number of steps per second ≥ 0.1"
                )))
            }
        },
    };
    Ok(command(&lab, Command::Speed(speed)))
}
