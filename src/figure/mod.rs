//! The one description of what is drawn: shapes, sizes, wrapped labels,
//! link geometry, colours, legend and title. The canvas, the layout and
//! every exporter take their geometry from here, so that the export looks
//! like the screen.
//!
//! [`Figure::build`] computes the whole [`Figure`] of a project from a
//! [`FigureStyle`] and the node positions.

mod arrival_spread;
mod description;
mod end_spread;
mod font;
mod geometry;
mod grid_cells;
mod legend;
mod line_grid;
mod lines_together;
mod link_figure;
mod link_geometry;
mod link_routing;
mod mark_placement;
mod node_figure;
mod node_geometry;
mod route_separation;
mod shape_grid;
mod style;
mod text_line;

pub use description::Figure;
pub use end_spread::EndSpreader;
pub use font::{LabelFont, FONT_BYTES, FONT_FAMILY};
pub use geometry::{Point, Rect};
pub use legend::{Legend, LegendArrangement, LegendEntry, LegendSample};
pub use line_grid::LinkLines;
pub use lines_together::{
    link_ends_together, links_drawn_together, marks_on_other_links, EndsTogether,
};
pub use link_figure::{FigureLink, PolarityMark};
pub use link_geometry::{
    drawn_link_geometry, inside, link_geometry, routed_link_geometry, Arrowhead, LinkEnd,
    LinkGeometry, LinkPath, LinkShapeStyle, PathPiece, CORNER_RADIUS,
};
pub use link_routing::{LinkRouter, Route, RouteRequest, MOST_ROUTED_SHAPES, ROUTE_CLEARANCE};
pub use mark_placement::{mark_place, placed_mark, MarkRequest, PlacedMarks};
pub use node_figure::FigureNode;
pub use node_geometry::{node_shape, node_shapes, LabelStyle, NodeShape};
pub use shape_grid::ShapeGrid;
pub use style::{FigureStyle, KindStyle, Rgba};
pub use text_line::TextLine;
