//! Reverse-mode automatic differentiation on an arena tape.
//!
//! Every operation appends a [`Var`] to a [`Tape`]; nodes are stored in creation order,
//! which is a topological order, so [`Tape::backward`] is one walk over the nodes in
//! reverse: seed `∂L/∂L = 1`, then each node adds `∂L/∂input = ∂L/∂output · ∂output/∂input`
//! into the gradients of its inputs (always *added*: a variable used twice receives both
//! contributions). [`Tape::gradient`] records a gradient as tape ops instead, so it can be
//! differentiated again (second order: the WGAN-GP penalty on `∇ₓD`). Each op lives in its own file under [`ops`], forward and backward side
//! by side with the derivative in the doc comment and a finite-difference check below it.
//!
//! Notebook: `notebooks-md/00_autograd.md`.
//!
//! ```
//! use adversarial::autograd::Tape;
//! use ndarray::array;
//!
//! let tape = Tape::<f64>::new();
//! let x = tape.variable(&array![[3.0]]);
//! let y = x * x + x; // y = x² + x, dy/dx = 2x + 1
//! let grads = tape.backward(y);
//! assert_eq!(grads.wrt(x).unwrap()[[0, 0]], 7.0);
//! ```

mod grad;
mod gradcheck;
mod gradients;
mod hessian_check;
mod leaves;
pub mod ops;
mod pool;
mod record;
mod tape;

pub use gradcheck::{gradcheck, GradcheckReport, STEP};
pub use gradients::Gradients;
pub use hessian_check::{hessian_vector_check, SecondOrderReport};
pub use leaves::ParamId;
pub use tape::{Tape, Var};
