//! `--lang` and `--messages`: the language of the texts a command writes, and a host's own
//! messages (Project Fluent's FTL) that reword them or add a language, without a new release.

use crate::cases::Stop;
use kesher::catalogue::{Catalogue, Wording};
use kesher::Language;
use std::path::PathBuf;

/// The language of the texts a command writes.
#[derive(clap::Args, Debug)]
pub(crate) struct LanguageArgs {
    /// The language: en, he (right to left), ar (right to left) or ru; or the language a
    /// --messages file adds.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// A Fluent (FTL) file of your own messages in --lang: they replace kesher's of the same
    /// id, or add --lang as a new language (which then needs every message).
    #[arg(long, value_name = "FILE.ftl")]
    pub messages: Option<PathBuf>,
}

/// The words a command writes in: the built-in catalogue, or it with the host's messages.
pub(crate) struct Words {
    catalogue: Option<Catalogue>,
    lang: String,
}

impl LanguageArgs {
    /// Reads the --messages file, if any, over the built-in catalogue.
    pub(crate) fn words(&self) -> Result<Words, Stop> {
        let catalogue = match &self.messages {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("--messages: cannot read `{}`: {e}", path.display()))?;
                let words = Catalogue::built_in()
                    .with_messages(&self.lang, &text)
                    .map_err(|e| format!("--messages `{}`: {e}", path.display()))?;
                Some(words)
            }
            None => None,
        };
        Ok(Words {
            catalogue,
            lang: self.lang.clone(),
        })
    }
}

impl Words {
    /// The wording to write in; a language neither built in nor added is a usage error.
    pub(crate) fn wording(&self) -> Result<Wording<'_>, Stop> {
        let wording = match &self.catalogue {
            Some(c) => Wording::new(c, &self.lang),
            None => self.lang.parse::<Language>().map(Wording::from),
        };
        wording.map_err(|e| format!("--lang: {e}").into())
    }
}
