//! The main job's pictures: the README's panel and loss curves of `gan_1d` with its default
//! flags (seed 0), and the generator-cost figure (NIPS 2016 tutorial, Fig. 16) that
//! notebooks 01 and 05 show. The GAN is trained once and shared by the three.

use crate::common::{self, main_job};
use crate::figure::Figure;
use adversarial::datasets::gaussian_1d;
use adversarial::gan::{Gan, GanLoss, History, Prior};
use std::cell::OnceCell;
use std::path::Path;

/// This group's pictures.
pub fn figures() -> Vec<Figure> {
    vec![
        Figure {
            path: "docs/figures/gan_1d_panel.png",
            render: panel,
        },
        Figure {
            path: "docs/figures/gan_1d_loss_curves.png",
            render: loss_curves,
        },
        Figure {
            path: "notebooks-md/figures/generator_costs.png",
            render: generator_costs,
        },
    ]
}

/// `gan_1d`'s run with its default flags: the trained GAN, its history and 10,000 samples
/// (drawn as `gan_1d` draws them).
struct Run {
    gan: Gan<f32>,
    history: History,
    samples: Vec<f64>,
    slopes: main_job::TapeSlopes,
}

thread_local! {
    static RUN: OnceCell<Run> = const { OnceCell::new() };
}

/// Calls `f` with the main job's run, training it the first time.
fn with_run(f: impl FnOnce(&Run) -> common::Result) -> common::Result {
    RUN.with(|cell| {
        if cell.get().is_none() {
            let seed = 0;
            let config = main_job::config(Prior::Normal, main_job::default_steps(), seed);
            let mut gan = main_job::gan(config, main_job::DATA_MEAN)?;
            let (history, slopes) = main_job::train(&mut gan, &gaussian_1d(), |_| {})?;
            let samples = gan
                .sample(10_000, seed ^ 0x5eed)
                .iter()
                .map(|&x| f64::from(x))
                .collect();
            let _ = cell.set(Run {
                gan,
                history,
                samples,
                slopes,
            });
        }
        f(cell.get().expect("set above"))
    })
}

fn panel(path: &Path) -> common::Result {
    with_run(|run| {
        let title = format!("gaussian GAN after {} steps", main_job::default_steps());
        let range = (-1.0, 9.0);
        main_job::draw_panel(path, &title, &gaussian_1d(), range, &run.gan, &run.samples)
    })
}

fn loss_curves(path: &Path) -> common::Result {
    with_run(|run| {
        Ok(run
            .history
            .write_loss_curves(path, GanLoss::NonSaturating)?)
    })
}

fn generator_costs(path: &Path) -> common::Result {
    with_run(|run| Ok(main_job::draw_generator_costs(path, &run.slopes)?))
}
