//! A project file's fields that this version does not know: found when the
//! file is read (known fields are skipped, not built), and put back, after
//! the known ones, when it is written.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::model::{Evidence, Fields, UnknownFields};

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
                    let id = object
                        .get("id")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    if let Some(extra) = by_id.get(&id) {
                        add_missing(object, extra);
                    }
                    if let Some(Value::Array(citations)) = object.get_mut("evidence") {
                        let owner = UnknownFields::citation_owner(list, &id);
                        for citation in citations {
                            if let Value::Object(fields) = citation {
                                let key = (owner.clone(), cited(fields));
                                if let Some(extra) = unknown.citations.get(&key) {
                                    add_missing(fields, extra);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    add_missing(top, &unknown.project);
}

/// What a citation's fields cite.
fn cited(fields: &Fields) -> Evidence {
    let text = |key: &str| {
        fields
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    Evidence {
        study: text("study"),
        quote: text("quote"),
        page: text("page"),
        cmoc: text("cmoc"),
    }
}

/// Adds the fields of `extra` that `object` lacks, at its end.
fn add_missing(object: &mut Fields, extra: &Fields) {
    for (key, value) in extra {
        if !object.contains_key(key) {
            object.insert(key.clone(), value.clone());
        }
    }
}

/// A field's name, borrowed from the text unless it holds an escape.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit)
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
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let known = PROJECT_FIELDS.contains(&key.as_ref());
            let list = match key.as_ref() {
                "studies" => Some((STUDY_FIELDS, &mut unknown.studies)),
                "nodes" => Some((NODE_FIELDS, &mut unknown.nodes)),
                "links" => Some((LINK_FIELDS, &mut unknown.links)),
                _ => None,
            };
            match list {
                Some((fields, by_id)) => {
                    for found in map.next_value_seed(Each(Object(fields)))? {
                        if !found.fields.is_empty() {
                            by_id.insert(found.id.clone(), found.fields);
                        }
                        for (evidence, extra) in found.citations {
                            let owner = UnknownFields::citation_owner(&key, &found.id);
                            unknown.citations.insert((owner, evidence), extra);
                        }
                    }
                }
                None if known => {
                    map.next_value::<IgnoredAny>()?;
                }
                None => {
                    let value = map.next_value::<Value>()?;
                    unknown.project.insert(key.into_owned(), value);
                }
            }
        }
        Ok(unknown)
    }
}

/// A study, node or link with unknown fields of its own or of its
/// citations.
struct Found {
    id: String,
    fields: Fields,
    citations: Vec<(Evidence, Fields)>,
}

/// A list read element by element with the seed `S`, keeping what it
/// finds (studies, nodes or links; citations).
struct Each<S>(S);

impl<'de, S, T> DeserializeSeed<'de> for Each<S>
where
    S: DeserializeSeed<'de, Value = Option<T>> + Copy,
{
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S, T> Visitor<'de> for Each<S>
where
    S: DeserializeSeed<'de, Value = Option<T>> + Copy,
{
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut found = Vec::new();
        while let Some(element) = seq.next_element_seed(self.0)? {
            found.extend(element);
        }
        Ok(found)
    }
}

/// One study, node or link with these known fields: its id, unknown
/// fields and citations with unknown fields, if it has any of them.
#[derive(Clone, Copy)]
struct Object(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Object {
    type Value = Option<Found>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Object {
    type Value = Option<Found>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let (mut id, mut fields, mut citations) = (None, Fields::new(), Vec::new());
        while let Some(Key(key)) = map.next_key::<Key>()? {
            if key == "id" {
                id = map.next_value::<Value>()?.as_str().map(str::to_string);
            } else if key == "evidence" && self.0.contains(&"evidence") {
                citations = map.next_value_seed(Each(Citation))?;
            } else if self.0.contains(&key.as_ref()) {
                map.next_value::<IgnoredAny>()?;
            } else {
                let value = map.next_value::<Value>()?;
                fields.insert(key.into_owned(), value);
            }
        }
        let any = !fields.is_empty() || !citations.is_empty();
        Ok(id.filter(|_| any).map(|id| Found {
            id,
            fields,
            citations,
        }))
    }
}

/// One citation: what it cites, with its unknown fields if it has any.
#[derive(Clone, Copy)]
struct Citation;

impl<'de> DeserializeSeed<'de> for Citation {
    type Value = Option<(Evidence, Fields)>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Citation {
    type Value = Option<(Evidence, Fields)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a citation")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let (mut evidence, mut extra) = (Evidence::default(), Fields::new());
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let slot = match key.as_ref() {
                "study" => &mut evidence.study,
                "quote" => &mut evidence.quote,
                "page" => &mut evidence.page,
                "cmoc" => &mut evidence.cmoc,
                _ => {
                    let value = map.next_value::<Value>()?;
                    extra.insert(key.into_owned(), value);
                    continue;
                }
            };
            *slot = map.next_value::<String>()?;
        }
        Ok((!extra.is_empty()).then_some((evidence, extra)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_found_where_they_are_even_with_escaped_names() {
        let text = r#"{"format": "causal-web", "version": 1, "lic\u0065nse": "CC0",
            "nodes": [{"id": "a", "label": "A", "kind": "context", "x": 1, "y": 2, "colour": "red",
                       "evidence": [{"study": "s", "cmoc": "C1", "checked": true}, {"study": "t"}]},
                      {"id": "b", "label": "B", "kind": "context"}],
            "links": [{"id": "l", "source": "a", "target": "b", "note": "n"}]}"#;
        let u = unknown_fields(text);
        assert_eq!(u.project.get("license"), Some(&Value::from("CC0")));
        assert_eq!(u.nodes.len(), 1);
        assert_eq!(u.nodes["a"].get("colour"), Some(&Value::from("red")));
        assert!(u.links.is_empty() && u.studies.is_empty());
        let cited = Evidence {
            study: "s".into(),
            cmoc: "C1".into(),
            ..Evidence::default()
        };
        assert_eq!(u.citations.len(), 1);
        assert_eq!(
            u.citations[&("nodes/a".to_string(), cited)].get("checked"),
            Some(&Value::from(true))
        );
        assert!(unknown_fields(r#"{"format": "causal-web", "version": 1}"#).is_empty());
    }
}
