//! Words for counts in messages and panels: "1 citation", "2 citations".

/// `one` when `n` is 1, else `many`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// `n` and the word for it: `counted(1, "citation", "citations")` is
/// "1 citation".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// `items` joined by commas, at most `most` of them, then how many more:
/// "a, b, c and 4 more".
pub fn listed(items: &[String], most: usize) -> String {
    if items.len() <= most {
        return items.join(", ");
    }
    format!(
        "{} and {} more",
        items[..most].join(", "),
        items.len() - most
    )
}

/// Where in a study a citation is, as written after its quote: a bare page
/// number or range gets "p." ("p. 12", "p. 3–4"); a location written out
/// ("p. 12 ff", "Table 2", "pp. 3-4") is shown as it is.
pub fn page_reference(page: &str) -> String {
    let page = page.trim();
    if page.starts_with(|c: char| c.is_ascii_digit()) {
        format!("p. {page}")
    } else {
        page.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "citation", "citations"), "1 citation");
        assert_eq!(counted(0, "citation", "citations"), "0 citations");
        assert_eq!(counted(2, "study", "studies"), "2 studies");
    }

    #[test]
    fn only_a_bare_page_number_gets_p() {
        assert_eq!(page_reference("12"), "p. 12");
        assert_eq!(page_reference(" 3–4 "), "p. 3–4");
        assert_eq!(page_reference("p. 12 ff"), "p. 12 ff");
        assert_eq!(page_reference("Table 2"), "Table 2");
    }

    #[test]
    fn long_lists_name_the_first_and_count_the_rest() {
        let items: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(listed(&items, 3), "a, b, c");
        assert_eq!(listed(&items, 2), "a, b and 1 more");
    }
}
