//! `kesher playbook acknowledge | reply`.

use crate::cases;
use clap::{Args, Subcommand};
use kesher::playbook::{acknowledgement, ReplyTemplate};
use kesher::{Channel, Language, Priority};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub(crate) enum PlaybookCommand {
    /// The acknowledgement for a request received now: the promised answer time computed on
    /// the contract's calendar. One JSON object (text, promised_by, within_seconds, time).
    Acknowledge(AcknowledgeArgs),
    /// A reply from a template (built-in `reply` or `delay`, or a template JSON file) with the
    /// variables given as --var name=value. Prints the text.
    Reply(ReplyArgs),
}

#[derive(Debug, Args)]
pub(crate) struct AcknowledgeArgs {
    /// The contracts file.
    #[arg(long)]
    contracts: PathBuf,
    /// The contract by name (default: the one selected for the channel and priority).
    #[arg(long)]
    contract: Option<String>,
    /// When the request arrived (RFC 3339).
    #[arg(long)]
    received: String,
    /// The channel it came on.
    #[arg(long, default_value = "email")]
    channel: String,
    /// Its priority.
    #[arg(long, default_value = "normal")]
    priority: String,
    /// he or en.
    #[arg(long, default_value = "en")]
    lang: String,
}

#[derive(Debug, Args)]
pub(crate) struct ReplyArgs {
    /// A built-in template name (`reply`, `delay`) or a template JSON file.
    #[arg(long)]
    template: String,
    /// he or en (for built-in templates).
    #[arg(long, default_value = "en")]
    lang: String,
    /// A variable, name=value (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
}

pub(crate) fn run(command: &PlaybookCommand) -> ExitCode {
    let result = match command {
        PlaybookCommand::Acknowledge(a) => acknowledge(a),
        PlaybookCommand::Reply(a) => reply(a),
    };
    match result {
        Ok(text) => {
            let mut out = io::stdout().lock();
            match writeln!(out, "{text}").and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => cases::output_failed(&mut io::stderr(), &e),
            }
        }
        Err(message) => {
            eprintln!("kesher: {message}");
            ExitCode::from(2)
        }
    }
}

fn from_str_value<T: serde::de::DeserializeOwned>(flag: &str, text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|e| format!("{flag} `{text}`: {e}"))
}

fn acknowledge(args: &AcknowledgeArgs) -> Result<String, String> {
    let set = cases::read_contracts(&args.contracts)?;
    let lang: Language = args
        .lang
        .parse()
        .map_err(|e: kesher::Error| e.to_string())?;
    let priority: Priority = from_str_value("--priority", &args.priority)?;
    let channel: Channel = from_str_value("--channel", &args.channel)?;
    let received = cases::parse_now(Some(&args.received))
        .map_err(|e| e.replace("--now", "--received"))?
        .ok_or("--received is required")?;
    let contract = match &args.contract {
        Some(name) => set
            .contracts()
            .iter()
            .find(|c| &c.name == name)
            .ok_or_else(|| format!("--contract `{name}`: no contract with this name"))?,
        None => set
            .select(&channel, priority, &Default::default())
            .ok_or_else(|| {
                format!(
                    "no contract covers channel `{}` at priority `{priority}`",
                    channel.name()
                )
            })?,
    };
    let ack = acknowledgement(contract, priority, received, lang).map_err(|e| e.to_string())?;
    serde_json::to_string(&ack).map_err(|e| e.to_string())
}

fn reply(args: &ReplyArgs) -> Result<String, String> {
    let lang: Language = args
        .lang
        .parse()
        .map_err(|e: kesher::Error| e.to_string())?;
    let template = match ReplyTemplate::built_in(&args.template, lang) {
        Some(t) => t,
        None => {
            let text = std::fs::read_to_string(&args.template).map_err(|e| {
                format!(
                    "--template `{}`: not a built-in (reply, delay) and not a readable file: {e}",
                    args.template
                )
            })?;
            ReplyTemplate::from_json(&text).map_err(|e| format!("`{}`: {e}", args.template))?
        }
    };
    let mut vars = BTreeMap::new();
    for spec in &args.vars {
        let (name, value) = spec
            .split_once('=')
            .ok_or_else(|| format!("--var `{spec}`: expected NAME=VALUE"))?;
        vars.insert(name.to_string(), value.to_string());
    }
    template.render(&vars).map_err(|e| e.to_string())
}
