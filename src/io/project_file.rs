//! The project file: JSON by `docs/file-format.md`.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::unknown_fields::{put_back, unknown_fields};
use super::{write_atomically, Problem, Problems};
use crate::model::{
    self, Link, Node, Project, Study, TextForm, BYTE_ORDER_MARK, FORMAT_NAME, FORMAT_VERSION,
};

/// What the reader looks at first: which format and version the file claims.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// The whole file, field by field.
#[derive(Deserialize)]
struct Body {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    studies: Vec<Study>,
    #[serde(default)]
    nodes: Vec<Node>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    view: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The file as written: fields in the order of the format's tables.
#[derive(Serialize)]
struct Written<'a> {
    format: &'static str,
    version: u64,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "<[Study]>::is_empty")]
    studies: &'a [Study],
    #[serde(skip_serializing_if = "<[Node]>::is_empty")]
    nodes: &'a [Node],
    #[serde(skip_serializing_if = "<[Link]>::is_empty")]
    links: &'a [Link],
    #[serde(skip_serializing_if = "view_is_empty")]
    view: &'a Option<serde_json::Map<String, serde_json::Value>>,
}

fn view_is_empty(view: &&Option<serde_json::Map<String, serde_json::Value>>) -> bool {
    view.as_ref().is_none_or(|m| m.is_empty())
}

/// Reads a project file from disk. `Err` lists every problem found, each
/// naming the file and, where it applies, the line and column.
pub fn load_project(path: &Path) -> Result<Project, Problems> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| Problems::one(Problem::in_file(&name, format!("cannot read: {e}"))))?;
    parse_project(&bytes, &name).map_err(|mut problems| {
        let is_csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if is_csv {
            problems.0.push(Problem::in_file(
                &name,
                "a CSV file is not a project file: a CMOC table is read with \
                 `causal-web import-cmocs` or, in the editor, File ▸ Import CMOC table…",
            ));
        }
        problems
    })
}

/// Reads a project from the bytes of a file called `file` (used in messages).
/// The file is accepted only if it follows every rule of the format; else all
/// problems found are returned and nothing is kept, each column counted in
/// characters, as editors count them.
pub fn parse_project(bytes: &[u8], file: &str) -> Result<Project, Problems> {
    read_project(bytes, file).map_err(|mut problems| {
        let text = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
        if let Ok(text) = std::str::from_utf8(text) {
            let lines: Vec<&str> = text.split('\n').collect();
            for (line, column) in problems.0.iter_mut().filter_map(|p| p.position.as_mut()) {
                if let Some(text) = line.checked_sub(1).and_then(|i| lines.get(i)) {
                    *column = characters_column(text, *column);
                }
            }
        }
        problems
    })
}

/// The column (from 1) in characters of the byte column `column` of `line`
/// (serde counts bytes); 0, "before the line", stays 0.
fn characters_column(line: &str, column: usize) -> usize {
    if column == 0 {
        return 0;
    }
    let mut byte = (column - 1).min(line.len());
    while !line.is_char_boundary(byte) {
        byte -= 1;
    }
    line[..byte].chars().count() + 1
}

/// [`parse_project`], with columns counted in bytes.
fn read_project(bytes: &[u8], file: &str) -> Result<Project, Problems> {
    let text_form = TextForm::of(bytes);
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_and_column(bytes, e.valid_up_to());
        Problems::one(Problem::at(file, line, column, "not valid UTF-8"))
    })?;

    if !text.trim_start().starts_with('{') {
        // Still report a syntax error first, where there is one.
        serde_json::from_str::<serde::de::IgnoredAny>(text)
            .map_err(|e| Problems::one(json_problem(file, &e, None)))?;
        return Err(Problems::one(Problem::at(
            file,
            1,
            1,
            "the top level must be a JSON object",
        )));
    }
    // The plain reader is fast. Only when it fails is the file read again:
    // first for its format and version (a newer version is refused as such,
    // whatever else it holds), then tracking the JSON path, to say where the
    // problem is.
    let body: Body = match serde_json::from_str(text) {
        Ok(body) => body,
        Err(plain) => {
            let header: Header = serde_json::from_str(text)
                .map_err(|e| Problems::one(json_problem(file, &e, None)))?;
            check_header(&header.format, &header.version, file, text)?;
            let mut problems = type_problems(text, file);
            if problems.is_empty() {
                problems.push(json_problem(file, &plain, None));
            }
            return Err(Problems(problems));
        }
    };
    check_header(&body.format, &body.version, file, text)?;
    let project = Project {
        title: body.title,
        description: body.description,
        studies: body.studies,
        nodes: body.nodes,
        links: body.links,
        view: body.view,
        unknown: unknown_fields(text),
        text_form,
    };
    let problems = model::validate(&project);
    if problems.is_empty() {
        Ok(project)
    } else {
        Err(Problems(
            problems
                .into_iter()
                .map(|p| Problem::in_file(file, p.0))
                .collect(),
        ))
    }
}

/// Every type error of a file that is valid JSON: each top-level field, and
/// each study, node and link on its own, so that one wrong element does not
/// hide the others. Each problem names its JSON path and where it is.
fn type_problems(text: &str, file: &str) -> Vec<Problem> {
    let fields = match serde_json::from_str::<RawFields>(text) {
        Ok(RawFields(fields)) => fields,
        Err(e) => return vec![json_problem(file, &e, None)],
    };
    let mut check = TypeCheck {
        file,
        text,
        problems: Vec::new(),
    };
    for (name, raw) in &fields {
        match name.as_str() {
            "studies" => check.each::<Study>(raw, name),
            "nodes" => check.each::<Node>(raw, name),
            "links" => check.each::<Link>(raw, name),
            "title" | "description" => check.one::<String>(raw, name),
            "view" => check.one::<Option<serde_json::Map<String, serde_json::Value>>>(raw, name),
            _ => {}
        }
    }
    check.problems
}

/// The type errors found so far in the values of one file.
struct TypeCheck<'t> {
    file: &'t str,
    text: &'t str,
    problems: Vec<Problem>,
}

impl TypeCheck<'_> {
    /// Reads `raw` (a slice of the file) as a `T`; on failure notes where
    /// and why, naming the JSON path below `path`.
    fn one<T: serde::de::DeserializeOwned>(&mut self, raw: &RawValue, path: &str) {
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let Err(e) = serde_path_to_error::deserialize::<_, T>(&mut de) else {
            return;
        };
        let inner_path = e.path().to_string();
        let full_path = match inner_path.as_str() {
            "" | "." => path.to_string(),
            p if p.starts_with('[') => format!("{path}{p}"),
            p => format!("{path}.{p}"),
        };
        let e = e.into_inner();
        let problem = json_problem(self.file, &e, Some(&full_path));
        self.problems.push(if e.line() == 0 {
            problem
        } else {
            // Placed in the whole file: the value starts at `line:column`.
            let at = raw.get().as_ptr() as usize - self.text.as_ptr() as usize;
            let (line, column) = line_and_column(self.text.as_bytes(), at);
            let (line, column) = if e.line() == 1 {
                (line, column + e.column() - 1)
            } else {
                (line + e.line() - 1, e.column())
            };
            Problem::at(self.file, line, column, problem.message)
        });
    }

    /// Reads an array field element by element.
    fn each<T: serde::de::DeserializeOwned>(&mut self, raw: &RawValue, name: &str) {
        match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
            Ok(elements) => {
                for (i, element) in elements.into_iter().enumerate() {
                    self.one::<T>(element, &format!("{name}[{i}]"));
                }
            }
            Err(_) => self.one::<Vec<T>>(raw, name),
        }
    }
}

/// The top-level object's fields, in file order, each as its raw text.
struct RawFields<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for RawFields<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = RawFields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    fields.push(entry);
                }
                Ok(RawFields(fields))
            }
        }
        d.deserialize_map(Visit)
    }
}

fn check_header(
    format: &Option<serde_json::Value>,
    version: &Option<serde_json::Value>,
    file: &str,
    text: &str,
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    // A wrong value is reported where it is; a missing one in the file.
    let at = |key: &str, message: String| match top_level_value(text, key) {
        Some(offset) => {
            let (line, column) = line_and_column(text.as_bytes(), offset);
            Problem::at(file, line, column, message)
        }
        None => Problem::in_file(file, message),
    };
    match format {
        None => problems.push(Problem::in_file(
            file,
            format!("missing field `format` (expected \"{FORMAT_NAME}\")"),
        )),
        Some(serde_json::Value::String(s)) if s == FORMAT_NAME => {}
        Some(other) => problems.push(at(
            "format",
            format!("format is {other}, expected \"{FORMAT_NAME}\""),
        )),
    }
    match version {
        None => problems.push(Problem::in_file(
            file,
            format!("missing field `version` (expected {FORMAT_VERSION})"),
        )),
        Some(v) => match v.as_u64() {
            Some(FORMAT_VERSION) => {}
            Some(n) if n > FORMAT_VERSION => problems.push(at(
                "version",
                format!(
                    "the file is version {n}, newer than this causal-web reads (version {FORMAT_VERSION}); \
                     open it with a newer causal-web"
                ),
            )),
            _ => problems.push(at(
                "version",
                format!("version is {v}, expected {FORMAT_VERSION}"),
            )),
        },
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

/// The byte offset of the value of `key` in the top-level object of the
/// JSON `text` (the last one, as serde_json keeps), if it is there.
fn top_level_value(text: &str, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut i, mut found) = (0usize, 0, None);
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let name = text.get(start..i.min(bytes.len()));
                let rest = text.get(i + 1..).unwrap_or("");
                let after = rest.trim_start();
                if depth == 1 && name == Some(key) && after.starts_with(':') {
                    let value = after[1..].trim_start();
                    found = Some(text.len() - value.len());
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// A serde_json error as `FILE:LINE:COL: message`, naming the JSON path.
fn json_problem(file: &str, e: &serde_json::Error, path: Option<&str>) -> Problem {
    let full = e.to_string();
    let mut message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    if message.contains("expected struct Header") || message.contains("expected struct Body") {
        message = "the top level must be a JSON object".to_string();
    }
    // serde's word for a choice given as a number, null, list or object:
    // say what the choice is.
    if let Some(field) = path
        .filter(|_| message == "expected value")
        .and_then(|p| p.rsplit('.').next())
    {
        message = match field {
            "kind" => "must be one of \"context\", \"mechanism\", \"outcome\"".to_string(),
            "polarity" => "must be one of \"+\", \"-\", \"?\"".to_string(),
            _ => "a value of another type is expected here".to_string(),
        };
    }
    if let Some(path) = path.filter(|p| !p.is_empty() && *p != ".") {
        message = format!("{path}: {message}");
    }
    if e.line() == 0 {
        Problem::in_file(file, message)
    } else {
        Problem::at(file, e.line(), e.column(), message)
    }
}

fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// The project as the text of its file: pretty-printed with two-space
/// indentation, fields in the format's order, empty optional fields left out,
/// positions with at most two decimals, ending with a newline; with a
/// byte-order mark and CRLF line ends if the file read had them
/// ([`Project::text_form`]). The same project always gives the same bytes.
pub fn project_to_json(project: &Project) -> String {
    let written = Written {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        title: &project.title,
        description: &project.description,
        studies: &project.studies,
        nodes: &project.nodes,
        links: &project.links,
        view: &project.view,
    };
    let mut text = if project.unknown.is_empty() {
        serde_json::to_string_pretty(&written)
    } else {
        // Through a JSON value, to put the unknown fields back in place.
        let mut value = serde_json::to_value(&written).expect("a project always serializes");
        put_back(&mut value, &project.unknown);
        serde_json::to_string_pretty(&value)
    }
    .expect("a project always serializes");
    text.push('\n');
    project.text_form.apply(text)
}

/// Saves the project to `path`, replacing any old file atomically.
pub fn save_project(project: &Project, path: &Path) -> std::io::Result<()> {
    write_atomically(path, project_to_json(project).as_bytes())
}
