//! Reading Project Fluent's FTL syntax: the part kesher's catalogues use.
//!
//! Why not the `fluent-bundle` crate: it brings CLDR plural rules for every locale and a
//! language-identifier parser, 45 KB gzipped in the WebAssembly package (measured 2026-12-04),
//! for four languages whose plural rules fit in a screen (`plural.rs`). This reader takes the
//! same syntax for what catalogues need, and a test formats every built-in message with both
//! and compares (`tests/core/catalogue.rs`).
//!
//! Read: comments (`#`, `##`, `###`), messages (`id = pattern`), terms (`-id = pattern`),
//! patterns on one line or on indented lines after it (the common indentation removed, lines
//! joined by a line feed), placeables holding a variable (`{ $name }`), a term (`{ -name }`),
//! a string literal (`{ "{" }`, with `\\"`, `\\\\` and `\\uXXXX`), a number literal, or a select
//! expression on a variable with variants (`[one]`, `[2]`, `*[other]`). Not read (an error
//! naming the line): attributes, message references, functions, term arguments.

use std::collections::BTreeMap;

/// A parsed resource: messages and terms by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Resource {
    pub(crate) messages: BTreeMap<String, Pattern>,
    pub(crate) terms: BTreeMap<String, Pattern>,
}

/// A pattern: text and placeables in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pattern(pub(crate) Vec<Element>);

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Element {
    Text(String),
    Placeable(Expression),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expression {
    Variable(String),
    Term(String),
    Literal(String),
    Number(String),
    Select {
        on: String,
        variants: Vec<(VariantKey, Pattern)>,
        default: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum VariantKey {
    Name(String),
    Number(i64),
}

/// Why a resource did not read: the line (1-based) and what was wrong.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SyntaxError {
    pub(crate) line: usize,
    pub(crate) reason: String,
}

type Parsed<T> = Result<T, SyntaxError>;

/// Reads an FTL resource.
pub(crate) fn parse(text: &str) -> Parsed<Resource> {
    let lines: Vec<&str> = text.lines().collect();
    let mut resource = Resource::default();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        if line.trim().is_empty() || line.starts_with('#') {
            i += 1;
            continue;
        }
        let at = i + 1;
        let fail = |reason: &str| SyntaxError {
            line: at,
            reason: reason.to_string(),
        };
        if line.starts_with(' ') || line.starts_with('\t') {
            return Err(fail("an indented line outside a message"));
        }
        let (head, first) = line
            .split_once('=')
            .ok_or_else(|| fail("expected `id = value`"))?;
        let head = head.trim_end();
        let (is_term, id) = match head.strip_prefix('-') {
            Some(id) => (true, id),
            None => (false, head),
        };
        if !is_identifier(id) {
            return Err(fail(&format!("`{head}` is not an identifier")));
        }
        let mut body = vec![first.to_string()];
        i += 1;
        while let Some(next) = lines.get(i) {
            // A value goes on while lines are indented, blank, or (inside a select) start
            // with a variant or the closing brace.
            if next.starts_with([' ', '}', '[', '*']) || next.trim().is_empty() {
                body.push((*next).to_string());
                i += 1;
            } else {
                break;
            }
        }
        while body.last().is_some_and(|l| l.trim().is_empty()) {
            body.pop();
        }
        let pattern = Reader::new(&body, at).pattern_block()?;
        let map = if is_term {
            &mut resource.terms
        } else {
            &mut resource.messages
        };
        if map.insert(id.to_string(), pattern).is_some() {
            return Err(fail(&format!("`{head}` is defined twice")));
        }
    }
    Ok(resource)
}

fn is_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A message's text: its first line after `=` and its indented lines, read as one pattern.
struct Reader {
    /// The pattern's text with the common indentation removed, lines joined by `\n`.
    text: Vec<char>,
    pos: usize,
    /// The line of the message, for errors.
    line: usize,
}

impl Reader {
    fn new(body: &[String], line: usize) -> Reader {
        let first = body.first().map(|l| l.trim_start()).unwrap_or_default();
        let rest = body.get(1..).unwrap_or_default();
        let indent = rest
            .iter()
            .filter(|l| !l.trim().is_empty())
            .filter(|l| l.starts_with(' '))
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .min()
            .unwrap_or(0);
        let mut lines: Vec<String> = Vec::new();
        if !first.is_empty() {
            lines.push(first.to_string());
        }
        for l in rest {
            let cut = if l.starts_with(' ') { indent } else { 0 };
            lines.push(l.get(cut..).unwrap_or("").to_string());
        }
        let text = lines.join("\n");
        Reader {
            text: text.trim_end().chars().collect(),
            pos: 0,
            line,
        }
    }

    fn fail<T>(&self, reason: &str) -> Parsed<T> {
        let line = self.line
            + self
                .text
                .iter()
                .take(self.pos)
                .filter(|c| **c == '\n')
                .count();
        Err(SyntaxError {
            line,
            reason: reason.to_string(),
        })
    }

    fn peek(&self) -> Option<char> {
        self.text.get(self.pos).copied()
    }

    fn skip_blank(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// The whole text as a pattern.
    fn pattern_block(mut self) -> Parsed<Pattern> {
        let pattern = self.pattern(false)?;
        if self.pos < self.text.len() {
            return self.fail("unexpected text after the value");
        }
        if pattern.0.is_empty() {
            return self.fail("a message needs a value");
        }
        Ok(pattern)
    }

    /// Text and placeables up to the end, or (in a variant) up to the next variant line.
    fn pattern(&mut self, in_variant: bool) -> Parsed<Pattern> {
        let mut elements = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '{' => {
                    self.pos += 1;
                    if !text.is_empty() {
                        elements.push(Element::Text(std::mem::take(&mut text)));
                    }
                    let expression = self.expression()?;
                    elements.push(Element::Placeable(expression));
                }
                '}' => return self.fail("an unmatched `}`"),
                '\n' if in_variant && self.next_line_ends_variant() => break,
                _ => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        if in_variant {
            let trimmed = text.trim_end().len();
            text.truncate(trimmed);
        }
        if !text.is_empty() {
            elements.push(Element::Text(text));
        }
        Ok(Pattern(elements))
    }

    /// Whether the line after the current line feed starts a variant or closes the select.
    fn next_line_ends_variant(&self) -> bool {
        let rest = self.text.get(self.pos + 1..).unwrap_or_default();
        let first = rest.iter().find(|c| !c.is_whitespace());
        matches!(first, Some('[') | Some('*') | Some('}'))
            || rest
                .iter()
                .take_while(|c| **c != '\n')
                .all(|c| c.is_whitespace())
    }

    /// After `{`: the expression and its closing `}`.
    fn expression(&mut self) -> Parsed<Expression> {
        self.skip_blank();
        let inline = self.inline()?;
        self.skip_blank();
        if self.peek() == Some('}') {
            self.pos += 1;
            return Ok(inline);
        }
        if self.peek() == Some('-') && self.text.get(self.pos + 1) == Some(&'>') {
            self.pos += 2;
            let Expression::Variable(on) = inline else {
                return self.fail("a select expression selects on a variable");
            };
            let select = self.variants(on)?;
            self.skip_blank();
            if self.peek() != Some('}') {
                return self.fail("expected `}` after the variants");
            }
            self.pos += 1;
            return Ok(select);
        }
        self.fail("expected `}`")
    }

    fn inline(&mut self) -> Parsed<Expression> {
        match self.peek() {
            Some('$') => {
                self.pos += 1;
                Ok(Expression::Variable(self.identifier()?))
            }
            Some('-')
                if self
                    .text
                    .get(self.pos + 1)
                    .is_some_and(char::is_ascii_alphabetic) =>
            {
                self.pos += 1;
                Ok(Expression::Term(self.identifier()?))
            }
            Some('"') => self.literal(),
            Some(c) if c.is_ascii_digit() || c == '-' => {
                let start = self.pos;
                self.pos += 1;
                while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
                    self.pos += 1;
                }
                Ok(Expression::Number(
                    self.text
                        .get(start..self.pos)
                        .unwrap_or_default()
                        .iter()
                        .collect(),
                ))
            }
            _ => self.fail(
                "expected a variable, a term, a string or a number (message references, \
                 functions and attributes are not read)",
            ),
        }
    }

    fn identifier(&mut self) -> Parsed<String> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            self.pos += 1;
        }
        let id: String = self
            .text
            .get(start..self.pos)
            .unwrap_or_default()
            .iter()
            .collect();
        if is_identifier(&id) {
            Ok(id)
        } else {
            self.fail("expected an identifier")
        }
    }

    fn literal(&mut self) -> Parsed<Expression> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None | Some('\n') => return self.fail("an unterminated string literal"),
                Some('"') => {
                    self.pos += 1;
                    return Ok(Expression::Literal(out));
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some('"') => out.push('"'),
                        Some('\\') => out.push('\\'),
                        Some('u') => {
                            let hex: String = self
                                .text
                                .get(self.pos + 1..self.pos + 5)
                                .unwrap_or_default()
                                .iter()
                                .collect();
                            let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                            let Some(c) = c.filter(|_| hex.len() == 4) else {
                                return self.fail("expected four hex digits after `\\u`");
                            };
                            out.push(c);
                            self.pos += 4;
                        }
                        _ => return self.fail("an unknown escape in a string literal"),
                    }
                    self.pos += 1;
                }
                Some(c) => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    /// After `->`: variants, one per line, exactly one marked default with `*`.
    fn variants(&mut self, on: String) -> Parsed<Expression> {
        let mut variants = Vec::new();
        let mut default = None;
        loop {
            self.skip_blank();
            let is_default = self.peek() == Some('*');
            if is_default {
                self.pos += 1;
            }
            if self.peek() != Some('[') {
                break;
            }
            self.pos += 1;
            self.skip_blank();
            let key = if self.peek().is_some_and(|c| c.is_ascii_digit() || c == '-') {
                let Expression::Number(n) = self.inline()? else {
                    return self.fail("expected a variant key");
                };
                match n.parse::<i64>() {
                    Ok(n) => VariantKey::Number(n),
                    Err(_) => return self.fail("a numeric variant key is a whole number"),
                }
            } else {
                VariantKey::Name(self.identifier()?)
            };
            self.skip_blank();
            if self.peek() != Some(']') {
                return self.fail("expected `]`");
            }
            self.pos += 1;
            while self.peek() == Some(' ') {
                self.pos += 1;
            }
            let pattern = self.pattern(true)?;
            if is_default {
                if default.is_some() {
                    return self.fail("a select expression has one default variant");
                }
                default = Some(variants.len());
            }
            variants.push((key, pattern));
        }
        match default {
            Some(default) => Ok(Expression::Select {
                on,
                variants,
                default,
            }),
            None => self.fail("a select expression needs a default variant (`*[...]`)"),
        }
    }
}
