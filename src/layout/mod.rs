//! Layouts of the web, as pure functions of its nodes, links and each
//! node's drawn size (from [`crate::figure::node_shape`]):
//!
//! - [`force_layout`] / [`ForceLayout`]: size-aware force-directed
//!   (Barnes–Hut repulsion, O(n log n) per step), starting from the current
//!   positions, pinned nodes fixed, runnable in time-boxed steps;
//! - [`layered_layout`]: the causal reading order, contexts first, its
//!   shapes then moved within their layers where the drawn links cross less.
//!
//! Both end with an overlap removal: no two shapes (their bounding boxes)
//! closer than the margin, except two pinned shapes the user put there.
//! Coordinates are shape centres; y grows downward.

mod force;
mod graph;
mod layered;
mod overlap_removal;
mod placement;
mod quadtree;
mod quality;
pub(crate) mod rng;
mod spatial_grid;
mod untangle;

pub use force::{force_layout, ForceLayout, ForceSettings};
pub use graph::{apply_positions, LayoutGraph, LayoutNode};
pub use layered::{layered_layout, Direction, LayeredSettings};
pub use overlap_removal::nearest_free_place;
pub use quality::{
    crossing_count, links_behind_shapes, overlapping_pairs, segment_crossings, shapes_extent,
};
