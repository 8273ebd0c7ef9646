//! A project file's fields that this version does not know: found when the
//! file is read (known fields are skipped, not built), and put back, after
//! the known ones, when it is written.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::model::{Fields, UnknownFields};

const PROJECT_FIELDS: &[&str] = &[
    "format",
    "version",
    "title",
    "description",
    "studies",
    "nodes",
    "links",
    "view",
];
const STUDY_FIELDS: &[&str] = &[
    "id",
    "authors",
    "year",
    "title",
    "container",
    "doi",
    "url",
    "attributes",
];
const NODE_FIELDS: &[&str] = &[
    "id",
    "label",
    "kind",
    "description",
    "x",
    "y",
    "pinned",
    "attributes",
    "evidence",
];
const LINK_FIELDS: &[&str] = &["id", "source", "target", "polarity", "note", "evidence"];

/// The unknown fields of the project file `text`, which has been read
/// without error; none if it cannot be scanned.
pub(super) fn unknown_fields(text: &str) -> UnknownFields {
    let mut de = serde_json::Deserializer::from_str(text);
    Top.deserialize(&mut de).unwrap_or_default()
}

/// Adds `unknown`'s fields to `file`, the project as a JSON value: each
/// after the known fields of its object (a study, node or link found by
/// its id, or the top level).
pub(super) fn put_back(file: &mut Value, unknown: &UnknownFields) {
    let Value::Object(top) = file else {
        return;
    };
    for (list, by_id) in [
        ("studies", &unknown.studies),
        ("nodes", &unknown.nodes),
        ("links", &unknown.links),
    ] {
        if let Some(Value::Array(items)) = top.get_mut(list) {
            for item in items {
                if let Value::Object(object) = item {
                    let id = object.get("id").and_then(Value::as_str).unwrap_or("");
                    if let Some(extra) = by_id.get(id) {
                        add_missing(object, extra);
                    }
                }
            }
        }
    }
    add_missing(top, &unknown.project);
}

/// Adds the fields of `extra` that `object` lacks, at its end.
fn add_missing(object: &mut Fields, extra: &Fields) {
    for (key, value) in extra {
        if !object.contains_key(key) {
            object.insert(key.clone(), value.clone());
        }
    }
}

/// The top-level object.
struct Top;

impl<'de> DeserializeSeed<'de> for Top {
    type Value = UnknownFields;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<UnknownFields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top {
    type Value = UnknownFields;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a project object")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<UnknownFields, M::Error> {
        let mut unknown = UnknownFields::default();
        while let Some(key) = map.next_key::<String>()? {
            let known = PROJECT_FIELDS.contains(&key.as_str());
            let list = match key.as_str() {
                "studies" => Some((STUDY_FIELDS, &mut unknown.studies)),
                "nodes" => Some((NODE_FIELDS, &mut unknown.nodes)),
                "links" => Some((LINK_FIELDS, &mut unknown.links)),
                _ => None,
            };
            match list {
                Some((fields, by_id)) => {
                    for (id, extra) in map.next_value_seed(List(fields))? {
                        by_id.insert(id, extra);
                    }
                }
                None if known => {
                    map.next_value::<IgnoredAny>()?;
                }
                None => {
                    let value = map.next_value::<Value>()?;
                    unknown.project.insert(key, value);
                }
            }
        }
        Ok(unknown)
    }
}

/// A list of studies, nodes or links with these known fields: the unknown
/// fields of each that has any, with its id.
struct List(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for List {
    type Value = Vec<(String, Fields)>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for List {
    type Value = Vec<(String, Fields)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of objects")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut found = Vec::new();
        while let Some((id, extra)) = seq.next_element_seed(Object(self.0))? {
            if let (Some(id), false) = (id, extra.is_empty()) {
                found.push((id, extra));
            }
        }
        Ok(found)
    }
}

/// One study, node or link: its id and its unknown fields.
struct Object(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Object {
    type Value = (Option<String>, Fields);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Object {
    type Value = (Option<String>, Fields);
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let (mut id, mut extra) = (None, Fields::new());
        while let Some(key) = map.next_key::<String>()? {
            if key == "id" {
                id = map.next_value::<Value>()?.as_str().map(str::to_string);
            } else if self.0.contains(&key.as_str()) {
                map.next_value::<IgnoredAny>()?;
            } else {
                let value = map.next_value::<Value>()?;
                extra.insert(key, value);
            }
        }
        Ok((id, extra))
    }
}
