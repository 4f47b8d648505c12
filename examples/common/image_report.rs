//! The image metrics of `gan_digits` and `gan_mnist` (`adversarial::metrics::images`), each
//! beside its real-vs-real baseline: printed as a table and written as `metrics.csv`
//! (header `metric,generated,real`).

use adversarial::datasets::LabelledImages;
use adversarial::metrics::images::{
    label_agreement, ImageEvaluation, ImageMetrics, LabelAgreement,
};
use adversarial::metrics::{ClassifierConfig, MetricsError};
use ndarray::ArrayView2;
use std::fmt::Write as _;

/// The classifier, the real sets, and the real baselines (held-out digits, and the share of
/// them classified as their label, per class).
pub struct ImageReport {
    pub evaluation: ImageEvaluation,
    real: ImageMetrics,
    real_agreement: LabelAgreement,
}

/// One line of the table: a name, the generated images' figure, the real baseline's.
type Row = (String, f64, f64);

impl ImageReport {
    /// Trains the classifier on `data` from `seed` ([`ClassifierConfig::default`]) and
    /// measures the real baselines.
    ///
    /// # Errors
    /// Those of [`ImageEvaluation::new`].
    pub fn new(data: &LabelledImages, seed: u64) -> Result<Self, MetricsError> {
        let config = ClassifierConfig::default();
        let evaluation = ImageEvaluation::new(data, config, seed)?;
        let real = evaluation.real_baseline()?;
        // The held-out split ImageEvaluation::new made (the same fraction and seed).
        let held_out = data
            .clone()
            .with_range(0.0, 1.0)
            .split(config.held_out, seed)
            .1;
        let probabilities = evaluation
            .classifier()
            .probabilities(held_out.to_array::<f64>().view());
        let labels: Vec<usize> = held_out.labels().iter().map(|&y| usize::from(y)).collect();
        let real_agreement = label_agreement(probabilities.view(), &labels)?;
        Ok(ImageReport {
            evaluation,
            real,
            real_agreement,
        })
    }

    /// The number of images to score beside the baseline.
    pub fn sample_size(&self) -> usize {
        self.evaluation.sample_size()
    }

    /// The table and `metrics.csv` of `images` (n × pixels in `[0, 1]`), and for a conditional
    /// run the images made for each label (`by_class`, with their labels).
    ///
    /// # Errors
    /// Those of the metrics (too few images, wrong width, non-finite pixels).
    pub fn measure(
        &self,
        images: ArrayView2<'_, f32>,
        by_class: Option<(ArrayView2<'_, f32>, &[usize])>,
    ) -> Result<(String, String), MetricsError> {
        let g = self.evaluation.score(images)?;
        let r = &self.real;
        let mut rows: Vec<Row> = vec![
            (
                "inception_score".into(),
                g.inception_score,
                r.inception_score,
            ),
            (
                "frechet_distance".into(),
                g.frechet_distance,
                r.frechet_distance,
            ),
            (
                "precision".into(),
                g.precision_recall.precision,
                r.precision_recall.precision,
            ),
            (
                "recall".into(),
                g.precision_recall.recall,
                r.precision_recall.recall,
            ),
            (
                "classes_covered".into(),
                g.classes.classes_covered as f64,
                r.classes.classes_covered as f64,
            ),
            (
                "mean_confidence".into(),
                g.classes.mean_confidence,
                r.classes.mean_confidence,
            ),
            (
                "kl_to_uniform".into(),
                g.classes.kl_to_uniform,
                r.classes.kl_to_uniform,
            ),
            ("parzen_log_likelihood".into(), g.parzen.mean, r.parzen.mean),
        ];
        if let Some((images, labels)) = by_class {
            let probabilities = self.evaluation.classifier().probabilities(images);
            let a = label_agreement(probabilities.view(), labels)?;
            let real = &self.real_agreement;
            rows.push(("label_agreement".into(), a.overall, real.overall));
            rows.push((
                "label_agreement_worst_class".into(),
                a.worst(),
                real.worst(),
            ));
            for (k, (gk, rk)) in a.per_class.iter().zip(&real.per_class).enumerate() {
                let value = |x: &Option<f64>| x.unwrap_or(0.0);
                rows.push((format!("label_agreement_{k}"), value(gk), value(rk)));
            }
        }
        let mut table = format!(
            "{:<28} {:>10} {:>10}   ({} generated images; real = {} held-out digits, classifier accuracy {:.3})\n",
            "metric",
            "generated",
            "real",
            g.images,
            r.images,
            self.evaluation.classifier().held_out_accuracy()
        );
        let mut csv = String::from("metric,generated,real\n");
        for (name, generated, real) in &rows {
            let _ = writeln!(table, "{name:<28} {generated:>10.3} {real:>10.3}");
            let _ = writeln!(csv, "{name},{generated},{real}");
        }
        let _ = writeln!(
            table,
            "generated images per class 0–9: {:?}",
            g.classes.class_counts
        );
        Ok((table, csv))
    }
}

/// `per_class` real images of each class `0 … 9` in turn (class `k` in rows
/// `k·per_class ..`), in `[0, 1]`: with 10 to a line, one line per class.
///
/// # Panics
/// If a class has fewer than `per_class` images.
pub fn real_by_class(data: &LabelledImages, per_class: usize) -> ndarray::Array2<f32> {
    let picked: Vec<usize> = (0..10u8)
        .flat_map(|class| {
            let of_class = (0..data.len()).filter(move |&i| data.labels()[i] == class);
            let chosen: Vec<usize> = of_class.take(per_class).collect();
            assert_eq!(chosen.len(), per_class, "class {class} has too few images");
            chosen
        })
        .collect();
    data.clone().with_range(0.0, 1.0).select(&picked).to_array()
}

/// `samples_by_class.csv`: header `label,p0,p1,…`, one image a row after its label.
pub fn samples_by_class_csv(images: ArrayView2<'_, f32>, labels: &[usize]) -> String {
    let pixels = super::output::samples_csv(images, super::output::Columns::Pixels);
    let mut lines = pixels.lines();
    let mut csv = format!("label,{}\n", lines.next().unwrap_or(""));
    for (line, label) in lines.zip(labels) {
        let _ = writeln!(csv, "{label},{line}");
    }
    csv
}
