//! The one description of what is drawn: shapes, sizes, wrapped labels.
//! The canvas, the layout and every exporter take their geometry from here,
//! so that the export looks like the screen.

mod font;
mod node_geometry;

pub use font::{LabelFont, FONT_BYTES, FONT_FAMILY};
pub use node_geometry::{node_shape, node_shapes, LabelStyle, NodeShape};
