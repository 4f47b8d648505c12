//! The page in a real browser (Debian's chromium, driven through chromedriver by WebDriver):
//! it loads with no console error; its canvases draw; frames change while playing and stop
//! on pause; "step G" advances the step counter by exactly one; changing the objective
//! restarts the run; a bad parameter shows the server's own message; the 1-D view draws.
//! Screenshots go to `out/lab.png` and `out/lab_1d.png`; the page's frames/s is printed.
//! Every wait is bounded. Without a browser the test says so loudly and passes, except
//! under CI (`CI` set), where `.ci/run` installs one and its absence fails.

mod common;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Ends chromedriver (and with it the browser) however the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// `expression`'s value once it is truthy; panics naming `what` after `seconds`.
async fn wait_for(client: &Client, what: &str, expression: &str, seconds: u64) -> Value {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let script = format!("return ({expression});");
    loop {
        let value = client
            .execute(&script, vec![])
            .await
            .expect("the script runs");
        let truthy = match &value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => n.as_f64() != Some(0.0),
            Value::String(s) => !s.is_empty(),
            _ => true,
        };
        if truthy {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "waited {seconds} s for {what}: {expression}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn eval(client: &Client, expression: &str) -> Value {
    client
        .execute(&format!("return ({expression});"), vec![])
        .await
        .expect("the script runs")
}

/// Pixels of canvas `id` that are not white, and a checksum of all of them.
async fn canvas(client: &Client, id: &str) -> (u64, u64) {
    let script = "const c = document.getElementById(arguments[0]);
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0, sum = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250) ink++;
          sum = (sum * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) % 1000000007;
        }
        return [ink, sum];";
    let v = client
        .execute(script, vec![json!(id)])
        .await
        .expect("a canvas");
    (v[0].as_u64().unwrap(), v[1].as_u64().unwrap())
}

async fn text(client: &Client, id: &str) -> String {
    client
        .find(Locator::Id(id))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn click(client: &Client, id: &str) {
    client
        .find(Locator::Id(id))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// The browser's console entries of level SEVERE (chromedriver's log endpoint).
async fn console_errors(client: &Client, driver_port: u16) -> Vec<String> {
    let session = client.session_id().await.unwrap().expect("a session");
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], driver_port));
    let path = format!("/session/{session}/se/log");
    let (status, json) = tokio::task::spawn_blocking(move || {
        common::request(address, "POST", &path, r#"{"type":"browser"}"#)
    })
    .await
    .unwrap()
    .expect("chromedriver answers");
    assert_eq!(status, 200, "chromedriver's log: {json}");
    let entries: Value = serde_json::from_str(&json).expect("chromedriver's log is JSON");
    entries["value"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["level"] == "SEVERE")
        .map(|e| e["message"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn out_dir() -> std::path::PathBuf {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../out");
    std::fs::create_dir_all(&out).unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_draws_plays_steps_restarts_and_shows_errors() {
    if !(std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists()) {
        let loud = "!!!!!!!! SKIPPED: the lab's browser test needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver; .ci/run does) !!!!!!!!";
        eprintln!("{loud}");
        assert!(std::env::var_os("CI").is_none(), "{loud}");
        return;
    }
    let address = common::start_server();
    let driver_port = free_port();
    let _driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let profile = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("lab-chromium-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     "--window-size=1400,1000",
                     format!("--user-data-dir={}", profile.display())],
        },
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let webdriver = format!("http://127.0.0.1:{driver_port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        let mut builder = ClientBuilder::new(connector.clone());
        builder.capabilities(capabilities.as_object().unwrap().clone());
        match builder.connect(&webdriver).await {
            Ok(c) => break c,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("no WebDriver session in 30 s: {e}"),
        }
    };

    // Loads, with no console error, and draws every canvas.
    client.goto(&format!("http://{address}/")).await.unwrap();
    wait_for(
        &client,
        "a first frame drawn",
        "window.__lab && window.__lab.framesDrawn > 0",
        30,
    )
    .await;
    assert_eq!(eval(&client, "window.__labErrors").await, json!([]));
    assert_eq!(
        console_errors(&client, driver_port).await,
        Vec::<String>::new()
    );
    for id in ["view2d", "losses", "probs", "divergences", "values"] {
        let (ink, _) = canvas(&client, id).await;
        assert!(ink > 200, "canvas {id} is blank ({ink} pixels drawn)");
    }

    // Frames change while playing.
    let (_, still) = canvas(&client, "view2d").await;
    click(&client, "play").await;
    wait_for(
        &client,
        "playing",
        "window.__lab.frame.playing && window.__lab.frame.step > 20",
        30,
    )
    .await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while canvas(&client, "view2d").await.1 == still {
        assert!(
            Instant::now() < deadline,
            "the 2-D view did not change while playing"
        );
    }
    // ... and stop on pause.
    click(&client, "play").await;
    wait_for(&client, "paused", "!window.__lab.frame.playing", 20).await;
    let (step, picture) = (
        text(&client, "step").await,
        canvas(&client, "view2d").await.1,
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        text(&client, "step").await,
        step,
        "the step counter moved while paused"
    );
    assert_eq!(
        canvas(&client, "view2d").await.1,
        picture,
        "the view moved while paused"
    );

    // "step G" advances the counter by exactly one (and no D update).
    let before: u64 = step.parse().unwrap();
    let d_before = text(&client, "d-steps").await;
    click(&client, "step-g").await;
    let expression = format!("document.getElementById('step').textContent !== '{before}'");
    wait_for(&client, "the step counter", &expression, 20).await;
    assert_eq!(text(&client, "step").await, (before + 1).to_string());
    assert_eq!(text(&client, "d-steps").await, d_before);

    // Changing the objective restarts the run with it.
    let run = eval(&client, "window.__lab.run").await.as_u64().unwrap();
    client
        .find(Locator::Css("#objective option[value=\"minimax\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let expression = format!(
        "window.__lab.run > {run} && window.__lab.frame.settings.includes('objective=minimax')"
    );
    wait_for(&client, "a restart with minimax", &expression, 20).await;
    assert_eq!(eval(&client, "window.__lab.frame.step").await, json!(0));
    assert_eq!(
        eval(&client, "window.__lab.frame.equilibrium[1]").await,
        json!(-std::f64::consts::LN_2)
    );

    // A bad parameter shows the server's message; fixing it goes on.
    let (status, server_says) = common::http(address, "POST", "/api/run?lr_g=abc").unwrap();
    assert_eq!(status, 400);
    let field = client.find(Locator::Id("lr_g")).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys("abc\u{E004}").await.unwrap(); // type, then Tab: a change event
    let expression = format!(
        "document.getElementById('message').textContent === {}",
        json!(server_says)
    );
    wait_for(&client, "the server's message", &expression, 20).await;
    assert_eq!(
        eval(&client, "document.getElementById('message').className").await,
        json!("error")
    );
    let run = eval(&client, "window.__lab.run").await.as_u64().unwrap();
    field.clear().await.unwrap();
    field.send_keys("0.001\u{E004}").await.unwrap();
    wait_for(
        &client,
        "a restart after the fix",
        &format!("window.__lab.run > {run}"),
        20,
    )
    .await;
    assert_eq!(text(&client, "message").await, "");

    // Frames per second of the 2-D view while training, then the screenshot.
    click(&client, "play").await;
    wait_for(
        &client,
        "two seconds of play",
        "window.__lab.frame.step > 50 && window.__lab.framesDrawn > 90",
        60,
    )
    .await;
    let rates = eval(&client, "[window.__lab.rafPerSecond, window.__lab.drawnPerSecond, window.__lab.frame.steps_per_second]").await;
    println!(
        "2-D view while training: {:.0} animation frames/s, {:.0} lab frames drawn/s, {:.0} training steps/s",
        rates[0].as_f64().unwrap(),
        rates[1].as_f64().unwrap(),
        rates[2].as_f64().unwrap()
    );
    wait_for(
        &client,
        "some training",
        "window.__lab.frame.step > 1500",
        90,
    )
    .await;
    let png = client.screenshot().await.unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    std::fs::write(out_dir().join("lab.png"), &png).unwrap();

    // The 1-D view: p_data, p_G, D and D*.
    let run = eval(&client, "window.__lab.run").await.as_u64().unwrap();
    client
        .find(Locator::Css("#dimension option[value=\"1\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let expression = format!("window.__lab.run > {run} && window.__lab.frame.view1d !== null && !document.getElementById('panel1d').hidden");
    wait_for(&client, "the 1-D view", &expression, 20).await;
    wait_for(&client, "1-D training", "window.__lab.frame.step > 500", 60).await;
    let (ink, _) = canvas(&client, "view1d").await;
    assert!(ink > 500, "the 1-D view is blank ({ink} pixels)");
    std::fs::write(
        out_dir().join("lab_1d.png"),
        client.screenshot().await.unwrap(),
    )
    .unwrap();
    assert_eq!(eval(&client, "window.__labErrors").await, json!([]));
    client.close().await.unwrap();
}
