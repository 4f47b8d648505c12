//! Load, loopback only and bounded: 1,000 rapid bad requests and 20 concurrent page loads
//! while the lab trains; each gets its answer, and training goes on.

mod common;

use common::{frame, http, start_server};
use std::time::{Duration, Instant};

#[test]
fn a_thousand_bad_requests_and_twenty_page_loads_leave_the_lab_training() {
    let address = start_server();
    assert_eq!(http(address, "POST", "/api/play").unwrap().0, 204);
    let started = Instant::now();
    let before = wait_for_step(address, 1);
    let bad: [(&str, &str, u16, &str); 5] = [
        (
            "POST",
            "/api/run?lr_g=abc",
            400,
            "lr_g = \"abc\": a learning rate must be",
        ),
        (
            "POST",
            "/api/run?width=0",
            400,
            "width = \"0\": must be a whole number from 1",
        ),
        (
            "POST",
            "/api/step?kind=z",
            400,
            "kind = \"z\": must be d, g or full",
        ),
        ("GET", "/no/such/page", 404, "no such page: /no/such/page"),
        (
            "POST",
            "/api/speed?value=-1",
            400,
            "speed = \"-1\": must be max",
        ),
    ];
    for i in 0..1000 {
        let (method, path, status, message) = bad[i % bad.len()];
        let (got, body) = http(address, method, path).unwrap();
        assert_eq!(
            (got, body.as_str()),
            (status, body.as_str()),
            "{method} {path}"
        );
        assert!(body.starts_with(message), "{method} {path}: {body}");
    }
    let loads: Vec<_> = (0..20)
        .map(|_| std::thread::spawn(move || http(address, "GET", "/")))
        .collect();
    for load in loads {
        let (status, body) = load.join().unwrap().unwrap();
        assert_eq!(status, 200);
        assert!(body.contains("<canvas id=\"view2d\""));
    }
    // Training went on through it and goes on after it.
    let after = wait_for_step(address, before + 1);
    assert!(after > before, "{before} → {after}");
    assert!(frame(address)["playing"].as_bool().unwrap());
    assert!(frame(address)["error"].is_null());
    println!(
        "1,000 bad requests and 20 page loads in {:.1} s; training went from step {before} to {after}",
        started.elapsed().as_secs_f64()
    );
    assert!(started.elapsed() < Duration::from_secs(120));
}

/// Waits (at most 30 s) until the step counter reaches `least`; returns it.
fn wait_for_step(address: std::net::SocketAddr, least: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let step = frame(address)["step"].as_u64().unwrap();
        if step >= least {
            return step;
        }
        assert!(Instant::now() < deadline, "training stalled at step {step}");
        std::thread::sleep(Duration::from_millis(20));
    }
}
