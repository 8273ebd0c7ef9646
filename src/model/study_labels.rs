//! The labels that tell a project's studies apart. Author–date styles give
//! works by the same authors in the same year a letter after the year
//! (`Community Network (2020a)`, `(2020b)`, …); so does causal-web, wherever
//! it names a study, so that no two studies of a web read alike.

use std::collections::HashMap;

use super::Study;

/// Each study's label, by id: its short label, lettered where several
/// studies share it.
#[derive(Debug, Clone, Default)]
pub struct StudyLabels {
    by_id: HashMap<String, String>,
}

impl StudyLabels {
    /// The labels of `studies`.
    pub fn new(studies: &[Study]) -> Self {
        let mut alike: HashMap<String, Vec<&Study>> = HashMap::new();
        for s in studies {
            alike.entry(s.short_label()).or_default().push(s);
        }
        let mut by_id = HashMap::with_capacity(studies.len());
        for (label, group) in alike {
            for (id, lettered) in lettered_labels(label, group) {
                by_id.insert(id, lettered);
            }
        }
        StudyLabels { by_id }
    }

    /// The label of the study with this id, if it is one of them.
    pub fn get(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(String::as_str)
    }

    /// The label of the study with this id, or the id itself (a citation of
    /// a study not in the library).
    pub fn of(&self, id: &str) -> String {
        self.get(id).unwrap_or(id).to_string()
    }
}

/// The label of the study `id` among `studies`: as [`StudyLabels`] would
/// give it, without labelling the others; `None` if there is no such study.
pub(super) fn study_label(studies: &[Study], id: &str) -> Option<String> {
    let study = studies.iter().find(|s| s.id == id)?;
    let label = study.short_label();
    let group: Vec<&Study> = studies
        .iter()
        .filter(|s| s.short_label() == label)
        .collect();
    lettered_labels(label, group)
        .into_iter()
        .find(|(found, _)| found == id)
        .map(|(_, lettered)| lettered)
}

/// The studies of `group`, which share the short `label`, each with its own
/// label: `label` itself for a study alone; otherwise, for studies with
/// authors, lettered in the order of their titles, then ids. Studies named by
/// title or id (no authors) keep that name.
fn lettered_labels(label: String, mut group: Vec<&Study>) -> Vec<(String, String)> {
    if group.len() == 1 || group.iter().any(|s| s.authors.is_empty()) {
        return group
            .into_iter()
            .map(|s| (s.id.clone(), label.clone()))
            .collect();
    }
    group.sort_by(|a, b| (a.title.as_str(), a.id.as_str()).cmp(&(b.title.as_str(), b.id.as_str())));
    group
        .into_iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), s.lettered_label(&letter(i))))
        .collect()
}

/// The letter of the `index`th work (from 0): a to z, then aa, ab, ….
fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study(id: &str, authors: &[&str], year: Option<i32>, title: &str) -> Study {
        Study {
            authors: authors.iter().map(|a| a.to_string()).collect(),
            year,
            title: title.to_string(),
            ..Study::new(id)
        }
    }

    #[test]
    fn studies_that_read_alike_get_letters_in_the_order_of_their_ids() {
        // As in Table 1 of the bundled example: five reports of one year.
        let studies: Vec<Study> = ["2020d", "2020e", "2020b", "2020a", "2020c"]
            .iter()
            .map(|y| {
                study(
                    &format!("communitynetwork{y}"),
                    &["Community Network"],
                    Some(2020),
                    "",
                )
            })
            .chain([study("shaw2002", &["Shaw, S."], Some(2002), "")])
            .collect();
        let labels = StudyLabels::new(&studies);
        for y in ["2020a", "2020b", "2020c", "2020d", "2020e"] {
            assert_eq!(
                labels.get(&format!("communitynetwork{y}")),
                Some(format!("Community Network ({y})").as_str())
            );
        }
        assert_eq!(labels.get("shaw2002"), Some("Shaw (2002)"));
        assert_eq!(labels.get("nobody"), None);
        assert_eq!(labels.of("nobody"), "nobody");
        for s in &studies {
            assert_eq!(study_label(&studies, &s.id).as_deref(), labels.get(&s.id));
        }
    }

    #[test]
    fn a_project_names_and_finds_its_studies_by_their_lettered_labels() {
        let project = crate::model::Project {
            studies: vec![
                study("cn2020b", &["Community Network"], Some(2020), ""),
                study("cn2020a", &["Community Network"], Some(2020), ""),
            ],
            ..Default::default()
        };
        assert_eq!(project.study_label("cn2020b"), "Community Network (2020b)");
        assert_eq!(project.study_label("missing"), "missing");
        let found = |key: &str| project.find_study(key).map(|s| s.id.as_str());
        assert_eq!(found("community network (2020b)"), Some("cn2020b"));
        assert_eq!(found(" Community Network (2020a) "), Some("cn2020a"));
        // The short label both share finds the first, as before.
        assert_eq!(found("Community Network (2020)"), Some("cn2020b"));
    }

    #[test]
    fn titles_order_the_letters_and_undated_works_read_n_d() {
        let studies = vec![
            study("b", &["Lewis"], Some(2005), "Partnerships in practice"),
            study("a", &["Lewis"], Some(2005), "Trust between agencies"),
            study("x", &["Idel"], None, ""),
            study("y", &["Idel"], None, ""),
        ];
        let labels = StudyLabels::new(&studies);
        assert_eq!(labels.of("b"), "Lewis (2005a)");
        assert_eq!(labels.of("a"), "Lewis (2005b)");
        assert_eq!(labels.of("x"), "Idel (n.d.-a)");
        assert_eq!(labels.of("y"), "Idel (n.d.-b)");
    }

    #[test]
    fn studies_named_by_title_keep_it_and_letters_go_on_past_z() {
        let untitled = vec![
            study("ref1", &[], None, "A report"),
            study("ref2", &[], None, "A report"),
        ];
        let labels = StudyLabels::new(&untitled);
        assert_eq!(labels.of("ref1"), "A report");
        assert_eq!(labels.of("ref2"), "A report");
        assert_eq!(letter(0), "a");
        assert_eq!(letter(25), "z");
        assert_eq!(letter(26), "aa");
        assert_eq!(letter(27), "ab");
        assert_eq!(letter(26 + 26 * 26), "aaa");
    }
}
