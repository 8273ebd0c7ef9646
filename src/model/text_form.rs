//! How a project file's text was written: with or without a byte-order
//! mark, with LF or CRLF line ends. Kept as read, so that a file another
//! tool (or another system) wrote is saved the same way and a version
//! control diff shows only what changed.

/// The form of a project file's text, apart from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextForm {
    /// The file begins with a UTF-8 byte-order mark.
    pub byte_order_mark: bool,
    /// Its lines end with CR LF (as its first line does), not LF.
    pub crlf: bool,
}

impl TextForm {
    /// The form of `bytes`, a file's whole content.
    pub fn of(bytes: &[u8]) -> TextForm {
        let byte_order_mark = bytes.starts_with(BYTE_ORDER_MARK);
        let first_end = bytes.iter().position(|&b| b == b'\n');
        TextForm {
            byte_order_mark,
            crlf: first_end.is_some_and(|i| i > 0 && bytes[i - 1] == b'\r'),
        }
    }

    /// `text` (whose lines end with LF) in this form.
    pub fn apply(self, text: String) -> String {
        let text = if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        if self.byte_order_mark {
            format!("\u{feff}{text}")
        } else {
            text
        }
    }
}

/// The UTF-8 byte-order mark.
pub const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_read_is_written_back() {
        for text in ["{\n  \"a\": 1\n}\n", "{\r\n  \"a\": 1\r\n}\r\n"] {
            for bom in [false, true] {
                let bytes = if bom {
                    [BYTE_ORDER_MARK, text.as_bytes()].concat()
                } else {
                    text.as_bytes().to_vec()
                };
                let form = TextForm::of(&bytes);
                assert_eq!(form.byte_order_mark, bom);
                assert_eq!(form.crlf, text.contains('\r'));
                let written = form.apply("{\n  \"a\": 1\n}\n".to_string());
                assert_eq!(written.as_bytes(), bytes.as_slice());
            }
        }
        // One line, no line end: LF when written.
        assert_eq!(TextForm::of(b"{}"), TextForm::default());
    }
}
