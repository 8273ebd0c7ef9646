use std::fmt;

/// One thing wrong with an input, and where: `FILE:LINE:COL: message`, or
/// `FILE: message` when no position applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line and column, when the problem has a position.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Problem {
    /// A problem with the whole file or an id in it.
    pub fn in_file(file: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            position: None,
            message: message.into(),
        }
    }

    /// A problem at a line and column.
    pub fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            position: Some((line, column)),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    /// One line: a line break in the message (a label's or id's, say) is
    /// written `\n`, so that problems stay one a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = one_line(&self.message);
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {message}", self.file),
            None => write!(f, "{}: {message}", self.file),
        }
    }
}

/// `text` with its line breaks written as `\n` and `\r`.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        text.replace('\r', "\\r").replace('\n', "\\n").into()
    } else {
        text.into()
    }
}

/// Every problem found in an input that was refused whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// A refusal for a single reason.
    pub fn one(problem: Problem) -> Self {
        Problems(vec![problem])
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_one_line_whatever_its_message_holds() {
        let p = Problem::at("t.csv", 3, 1, "row 2: 'Trust\r\nbuilding' is not a node");
        assert_eq!(
            p.to_string(),
            "t.csv:3:1: row 2: 'Trust\\r\\nbuilding' is not a node"
        );
    }
}
