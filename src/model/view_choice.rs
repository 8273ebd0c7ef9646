//! The choices of how a web is drawn that its project keeps in its `view`
//! object (the file format's "editor state worth keeping"), so that a web
//! opens, and exports, as it was left.

use serde_json::Value;

use super::Project;

/// A choice of how the web is drawn, on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewChoice {
    /// A link with a shape in its way goes round it, on screen and in the
    /// exported figure (on unless the view says `false`).
    LinksRoundShapes,
    /// Links on the canvas are wider the more studies support them (off
    /// unless the view says `true`).
    LinkWidthByStudies,
}

impl ViewChoice {
    pub const ALL: [ViewChoice; 2] = [ViewChoice::LinksRoundShapes, ViewChoice::LinkWidthByStudies];

    /// Its key in the project's `view` object.
    pub fn key(self) -> &'static str {
        match self {
            ViewChoice::LinksRoundShapes => "links_round_shapes",
            ViewChoice::LinkWidthByStudies => "link_width_by_studies",
        }
    }

    /// Whether it is on when the project's view does not say (or says
    /// something other than `true` or `false`).
    pub fn default_setting(self) -> bool {
        match self {
            ViewChoice::LinksRoundShapes => true,
            ViewChoice::LinkWidthByStudies => false,
        }
    }
}

impl Project {
    /// Whether `choice` is on for this web: as its view says, or else the
    /// choice's default.
    pub fn view_choice(&self, choice: ViewChoice) -> bool {
        self.view
            .as_ref()
            .and_then(|view| view.get(choice.key()))
            .and_then(Value::as_bool)
            .unwrap_or(choice.default_setting())
    }

    /// Turns `choice` on or off in this web's view (the rest of the view
    /// is kept as it is).
    pub fn set_view_choice(&mut self, choice: ViewChoice, on: bool) {
        self.view
            .get_or_insert_with(Default::default)
            .insert(choice.key().to_string(), Value::Bool(on));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_read_from_the_view_or_else_its_default() {
        let mut p = Project::default();
        assert!(p.view_choice(ViewChoice::LinksRoundShapes));
        assert!(!p.view_choice(ViewChoice::LinkWidthByStudies));
        // Another editor's state, and a value of the wrong type, are kept
        // and ignored.
        let view: serde_json::Map<String, Value> = serde_json::from_str(
            r#"{"zoom": 1.5, "links_round_shapes": "no", "link_width_by_studies": true}"#,
        )
        .unwrap();
        p.view = Some(view);
        assert!(p.view_choice(ViewChoice::LinksRoundShapes));
        assert!(p.view_choice(ViewChoice::LinkWidthByStudies));
        p.set_view_choice(ViewChoice::LinksRoundShapes, false);
        assert!(!p.view_choice(ViewChoice::LinksRoundShapes));
        let view = p.view.as_ref().unwrap();
        assert_eq!(view["zoom"], serde_json::json!(1.5));
        assert_eq!(view["links_round_shapes"], Value::Bool(false));
        assert_eq!(view.len(), 3);
    }
}
