use serde::{Deserialize, Serialize};

use super::Attributes;

/// A study of the literature that the evidence cites.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Study {
    /// Unique citation key, e.g. `erens2017`.
    pub id: String,
    /// `"Family, Given"` per author, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Publication year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Journal, publisher or report series.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub container: String,
    /// Bare DOI.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doi: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// Characteristics used to filter and colour the web (country, sector, …).
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
}

impl Study {
    /// A study with only an id.
    pub fn new(id: impl Into<String>) -> Self {
        Study {
            id: id.into(),
            ..Default::default()
        }
    }

    /// The short label shown wherever a study is named: `Family (Year)`,
    /// `Family and Family (Year)`, `Family et al. (Year)`; without authors its
    /// title; without a title its id. A study without a year reads `(n.d.)`.
    /// A last author `others` (BibTeX's "and others") stands for authors not
    /// listed, so `["Erens", "others"]` reads `Erens et al. (2017)`.
    /// Studies of a web that read alike are told apart by
    /// [`Project::study_label`](super::Project::study_label).
    pub fn short_label(&self) -> String {
        self.lettered_label("")
    }

    /// The short label with `letter` after the year, as author–date styles
    /// tell apart works of the same authors and year: `Community Network
    /// (2020a)`, `Idel (n.d.-a)`. A study named by its title or id has no
    /// year to letter.
    pub(super) fn lettered_label(&self, letter: &str) -> String {
        let families: Vec<&str> = self
            .authors
            .iter()
            .map(|a| a.split(',').next().unwrap_or("").trim())
            .filter(|f| !f.is_empty())
            .collect();
        let more_unlisted = families.len() > 1
            && families
                .last()
                .is_some_and(|f| f.eq_ignore_ascii_case("others") || f.starts_with("et al"));
        let names = match families.as_slice() {
            [first, ..] if more_unlisted => format!("{first} et al."),
            [] => {
                return if self.title.trim().is_empty() {
                    self.id.clone()
                } else {
                    self.title.trim().to_string()
                }
            }
            [one] => one.to_string(),
            [a, b] => format!("{a} and {b}"),
            [a, ..] => format!("{a} et al."),
        };
        match (self.year, letter) {
            (Some(year), _) => format!("{names} ({year}{letter})"),
            (None, "") => format!("{names} (n.d.)"),
            (None, _) => format!("{names} (n.d.-{letter})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_authors(authors: &[&str], year: Option<i32>) -> Study {
        Study {
            id: "key".into(),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            year,
            ..Default::default()
        }
    }

    #[test]
    fn short_label_follows_the_number_of_authors() {
        assert_eq!(
            with_authors(&["Shaw, S."], Some(2002)).short_label(),
            "Shaw (2002)"
        );
        assert_eq!(
            with_authors(&["Dickinson, H.", "Glasby, J."], Some(2013)).short_label(),
            "Dickinson and Glasby (2013)"
        );
        assert_eq!(
            with_authors(&["Leach, B.", "Parkinson, S.", "Gkousis, E."], Some(2019)).short_label(),
            "Leach et al. (2019)"
        );
        assert_eq!(
            with_authors(&["Foundation Trust Network"], Some(2014)).short_label(),
            "Foundation Trust Network (2014)"
        );
        assert_eq!(with_authors(&["Shaw"], None).short_label(), "Shaw (n.d.)");
        assert_eq!(
            with_authors(&["Erens", "others"], Some(2017)).short_label(),
            "Erens et al. (2017)"
        );
    }

    #[test]
    fn short_label_falls_back_to_title_then_id() {
        let mut s = Study::new("ref67");
        assert_eq!(s.short_label(), "ref67");
        s.title = "Reference 67".into();
        assert_eq!(s.short_label(), "Reference 67");
    }
}
