//! OCOP Till: an offline-first point of sale for Vietnam's OCOP sales points.
//!
//! The folders are the architecture: [`domain`] holds pure rules, [`store`] keeps them in SQLite.

#![deny(clippy::float_arithmetic)]

pub mod config;
pub mod demo;
pub mod device;
pub mod domain;
pub mod export;
#[cfg(feature = "gui")]
pub mod gui;
#[cfg(feature = "hub")]
pub mod hub;
pub mod receipt;
pub mod setup;
pub mod store;
pub mod sync;
