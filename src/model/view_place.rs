//! Where the editor's canvas looked when the web was saved, kept in the
//! project's `view` object (the file format's "editor state worth keeping
//! (zoom, pan …)"), so that the web reopens where it was left.

use serde_json::{json, Value};

use super::Project;

/// The canvas point at the middle of the view and the zoom, in screen
/// points per canvas unit. The middle, not the corner, so that a window of
/// another size shows the same part of the web.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewPlace {
    pub centre: (f64, f64),
    pub zoom: f64,
}

impl ViewPlace {
    /// Whether the editor can look there: a finite centre and a positive
    /// finite zoom.
    fn is_usable(&self) -> bool {
        let (x, y) = self.centre;
        x.is_finite() && y.is_finite() && self.zoom.is_finite() && self.zoom > 0.0
    }
}

/// Its keys in the project's `view` object.
const CENTRE_KEY: &str = "centre";
const ZOOM_KEY: &str = "zoom";

impl Project {
    /// Where this web's view was left: `None` when its view does not say,
    /// or says it with something other than two finite numbers for the
    /// centre and a positive finite number for the zoom.
    pub fn view_place(&self) -> Option<ViewPlace> {
        let view = self.view.as_ref()?;
        let zoom = view.get(ZOOM_KEY)?.as_f64()?;
        let centre = view.get(CENTRE_KEY)?.as_array()?;
        let [x, y] = centre.as_slice() else {
            return None;
        };
        let place = ViewPlace {
            centre: (x.as_f64()?, y.as_f64()?),
            zoom,
        };
        place.is_usable().then_some(place)
    }

    /// Keeps `place` in this web's view (the rest of the view is kept as
    /// it is). Values that are not finite are not kept.
    pub fn set_view_place(&mut self, place: ViewPlace) {
        if !place.is_usable() {
            return;
        }
        let view = self.view.get_or_insert_with(Default::default);
        view.insert(
            CENTRE_KEY.to_string(),
            json!([place.centre.0, place.centre.1]),
        );
        view.insert(ZOOM_KEY.to_string(), Value::from(place.zoom));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_kept_beside_the_rest_of_the_view_and_read_back() {
        let mut p = Project::default();
        assert_eq!(p.view_place(), None);
        let view: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"links_round_shapes": false, "theme": "dark"}"#).unwrap();
        p.view = Some(view);
        let place = ViewPlace {
            centre: (120.5, -40.0),
            zoom: 0.75,
        };
        p.set_view_place(place);
        assert_eq!(p.view_place(), Some(place));
        let view = p.view.as_ref().unwrap();
        assert_eq!(view["theme"], "dark");
        assert_eq!(view["links_round_shapes"], false);
        assert_eq!(view["centre"], json!([120.5, -40.0]));
        assert_eq!(view["zoom"], 0.75);
    }

    #[test]
    fn a_place_said_otherwise_is_ignored_and_none_is_kept_from_bad_numbers() {
        let mut p = Project::default();
        for view in [
            r#"{"zoom": 0, "centre": [1, 2]}"#,
            r#"{"zoom": -2, "centre": [1, 2]}"#,
            r#"{"zoom": "1", "centre": [1, 2]}"#,
            r#"{"zoom": 1, "centre": [1]}"#,
            r#"{"zoom": 1, "centre": [1, "2"]}"#,
            r#"{"zoom": 1, "centre": {"x": 1, "y": 2}}"#,
            r#"{"zoom": 1}"#,
        ] {
            p.view = Some(serde_json::from_str(view).unwrap());
            assert_eq!(p.view_place(), None, "{view}");
        }
        let mut p = Project::default();
        p.set_view_place(ViewPlace {
            centre: (f64::NAN, 0.0),
            zoom: 1.0,
        });
        p.set_view_place(ViewPlace {
            centre: (0.0, 0.0),
            zoom: f64::INFINITY,
        });
        assert_eq!(p.view, None);
    }
}
