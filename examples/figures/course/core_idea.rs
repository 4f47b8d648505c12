//! Notebook 01: the seed's three pictures (the z → G → D pipeline, D's step, G's step through
//! a frozen D) as diagrams, and the 1-D game of the notebook: its loss curves, and G's spread
//! with equal constant rates against the defaults.

use crate::common;
use adversarial::datasets::gaussian_1d;
use adversarial::gan::{Gan, GanConfig, GanLoss, Schedule};
use adversarial::plot::{
    diagram, line_plot, Block, Colour, Diagram, LineFigure, ReferenceLine, Series, GRADIENT_RED,
};
use std::path::Path;

/// Box fills: data and noise, the generator, the discriminator, a network that does not
/// change in the step, and a loss.
const DATA: Colour = Colour::rgb(238, 238, 238);
const GENERATOR: Colour = Colour::rgb(204, 224, 255);
const DISCRIMINATOR: Colour = Colour::rgb(255, 224, 190);
const FIXED: Colour = Colour::rgb(215, 215, 215);
const LOSS: Colour = Colour::rgb(255, 246, 200);

/// The seed's first picture: noise through G to a fake sample; D scores fakes and real samples.
pub fn pipeline(path: &Path) -> common::Result {
    let mut picture = Diagram::new(
        "Two players: G turns noise into samples, D scores a sample as real (1) or fake (0)",
        960,
        400,
    );
    let size = (180, 74);
    let z = picture.block(Block::new("z ~ N(0, 1)\nnoise", (110, 290), size).fill(DATA));
    let g = picture.block(Block::new("G\ngenerator network", (330, 290), size).fill(GENERATOR));
    let fake = picture.block(Block::new("x = G(z)\na fake sample", (550, 290), size).fill(DATA));
    let real = picture.block(Block::new("x ~ p_data\na real sample", (550, 110), size).fill(DATA));
    let d =
        picture.block(Block::new("D\ndiscriminator network", (780, 200), size).fill(DISCRIMINATOR));
    let score = picture.block(Block::new("D(x) ∈ (0, 1)", (780, 340), (180, 50)).fill(LOSS));
    picture.arrow(z, g, "");
    picture.arrow(g, fake, "");
    picture.arrow(fake, d, "");
    picture.arrow(real, d, "");
    picture.arrow(d, score, "");
    diagram(path, &picture)?;
    Ok(())
}

/// The seed's second picture: D's step. Fakes labelled 0 and real samples labelled 1 train D;
/// G only supplies samples (they enter D's tape as constants, so no gradient reaches G).
pub fn training_d(path: &Path) -> common::Result {
    let mut picture = Diagram::new(
        "D's step: real samples labelled 1, fakes labelled 0; only D's weights change",
        960,
        440,
    );
    let size = (180, 74);
    let z = picture.block(Block::new("z ~ N(0, 1)", (110, 300), (150, 54)).fill(DATA));
    let g = picture.block(
        Block::new("G\nnot updated", (310, 300), (150, 74))
            .fill(FIXED)
            .dashed(),
    );
    let fake = picture.block(Block::new("G(z)\nlabel 0", (520, 300), (150, 74)).fill(DATA));
    let real = picture.block(Block::new("x ~ p_data\nlabel 1", (520, 110), (150, 74)).fill(DATA));
    let d = picture.block(Block::new("D\nupdated", (760, 205), size).fill(DISCRIMINATOR));
    let loss = picture
        .block(Block::new("L_D = −log D(x)\n− log(1 − D(G(z)))", (760, 370), (230, 74)).fill(LOSS));
    picture.arrow(z, g, "");
    picture.arrow(g, fake, "");
    picture.arrow(fake, d, "");
    picture.arrow(real, d, "");
    picture.arrow(d, loss, "");
    picture.gradient(loss, d, "∂L_D/∂θ_D");
    picture.note(
        "the fakes are constants of D's tape:\nno gradient reaches G",
        (340, 390),
        GRADIENT_RED,
    );
    diagram(path, &picture)?;
    Ok(())
}

/// The seed's third picture: G's step. Fakes labelled 1 go through D, whose weights enter as
/// constants (frozen); the error flows back through D into G, and only G's weights change.
pub fn training_g(path: &Path) -> common::Result {
    let mut picture = Diagram::new(
        "G's step: fakes labelled 1, the error passed back through a frozen D into G",
        1160,
        360,
    );
    let z = picture.block(Block::new("z ~ N(0, 1)", (90, 170), (140, 54)).fill(DATA));
    let g = picture.block(Block::new("G\nupdated", (320, 170), (160, 74)).fill(GENERATOR));
    let fake = picture.block(Block::new("x = G(z)\nlabel 1", (550, 170), (150, 74)).fill(DATA));
    let d = picture.block(
        Block::new("D\nfrozen: weights\nare constants", (790, 170), (170, 90))
            .fill(FIXED)
            .dashed(),
    );
    let loss = picture.block(Block::new("L_G =\n−log D(G(z))", (1040, 170), (170, 74)).fill(LOSS));
    picture.arrow(z, g, "");
    picture.arrow(g, fake, "");
    picture.arrow(fake, d, "");
    picture.arrow(d, loss, "");
    picture.gradient(loss, d, "");
    picture.gradient(d, fake, "∂L_G/∂x");
    picture.gradient(fake, g, "∂L_G/∂θ_G");
    picture.note(
        "D's weights get no gradient and do not change: only the error passes through D",
        (580, 320),
        GRADIENT_RED,
    );
    diagram(path, &picture)?;
    Ok(())
}

/// The 1-D game of notebook 01 §5 (defaults, seed 0, 5,000 steps): both losses, with their
/// values at the equilibrium, ln 4 for D and ln 2 for G.
pub fn loss_curves(path: &Path) -> common::Result {
    let config = GanConfig {
        seed: 0,
        ..GanConfig::default()
    };
    let mut gan = Gan::<f32>::new(config, 1)?;
    let history = gan.train(&gaussian_1d(), |_| {})?;
    history.write_loss_curves(path, GanLoss::NonSaturating)?;
    Ok(())
}

/// G's spread over the data's (the standard deviation of 2,000 samples over 1.25) after every
/// 100 steps, seed 1: with equal constant rates (D's 10⁻³ for both, notebook 01 §4) and with
/// the defaults (D 5× faster than G, both decaying linearly to 0).
pub fn spread(path: &Path) -> common::Result {
    let data = gaussian_1d();
    let defaults = GanConfig {
        seed: 1,
        ..GanConfig::default()
    };
    let mut equal = GanConfig {
        schedule: Schedule::Constant,
        ..defaults.clone()
    };
    equal.generator_optimizer = equal.discriminator_optimizer;
    let mut figure = LineFigure::new(
        "G's spread over the data's, 1-D game, seed 1",
        "step",
        "std of G's samples / 1.25",
    );
    let runs = [
        ("equal constant rates (10⁻³)", equal, Colour::RED),
        (
            "defaults: D's rate 5× G's, both decaying",
            defaults,
            Colour::BLUE,
        ),
    ];
    for (name, config, colour) in runs {
        let mut gan = Gan::<f32>::new(config, 1)?;
        let mut points = Vec::new();
        for hundreds in 1..=50 {
            gan.train_until(&data, 100 * hundreds, |_| {})?;
            let samples = gan.sample(2000, 5).mapv(f64::from);
            points.push(((100 * hundreds) as f64, samples.std(0.0) / 1.25));
        }
        let late: Vec<f64> = points
            .iter()
            .filter(|p| p.0 > 2000.0)
            .map(|p| p.1)
            .collect();
        let low = late.iter().copied().fold(f64::INFINITY, f64::min);
        let high = late.iter().copied().fold(0.0, f64::max);
        println!("  {name}: spread {low:.3}–{high:.3} of the data's from step 2,100 on");
        figure = figure.series(Series::new(name, points).colour(colour));
    }
    let figure = figure.reference(ReferenceLine::new("the data's spread", 1.0));
    line_plot(path, &figure)?;
    Ok(())
}
