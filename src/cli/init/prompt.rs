//! Asking for what the flags did not give, on a terminal: one question per value, the
//! default in brackets (Enter keeps it), and a refused answer asked again with the reason.

use std::io::{BufRead, Write};

use super::answers::Answers;

/// Why the questions stopped without complete answers.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    /// The input ended (Ctrl-D) before every required value was given.
    #[error("input ended before every value was given; nothing was written")]
    Ended,
    /// Reading or writing the terminal failed.
    #[error("cannot talk to the terminal: {0}")]
    Io(#[from] std::io::Error),
}

/// Asks for every value missing from `answers`: the token, the superadmin ids, then the
/// currency and language when no flag gave them. Each answer is checked with `secret_key`
/// like the finished file will be.
pub fn ask_missing(
    answers: &mut Answers,
    secret_key: &str,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> Result<(), PromptError> {
    if answers.token.is_none() {
        writeln!(
            out,
            "Bot token: create a bot with @BotFather in Telegram and paste its token."
        )?;
        ask(answers, secret_key, input, out, "Bot token", None, |a, text| {
            a.token = Some(text.to_owned());
            Ok(())
        })?;
    }
    if answers.superadmins.is_empty() {
        writeln!(
            out,
            "Superadmins: your numeric Telegram user id (@userinfobot tells you); several ids \
             separated by commas."
        )?;
        ask(answers, secret_key, input, out, "Superadmin ids", None, |a, text| {
            a.superadmins = parse_ids(text)?;
            Ok(())
        })?;
    }
    if answers.currency.is_none() {
        let codes = kernel::Currency::SUPPORTED
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(", ");
        ask(
            answers,
            secret_key,
            input,
            out,
            &format!("Currency ({codes})"),
            Some("IRT"),
            |a, text| {
                a.currency = Some(text.to_owned());
                Ok(())
            },
        )?;
    }
    if answers.language.is_none() {
        let currency = answers.currency.as_deref().unwrap_or("IRT");
        let suggested = kernel::Currency::from_code(currency)
            .map_or(crate::config::Language::En, crate::config::default_language_for)
            .code();
        ask(
            answers,
            secret_key,
            input,
            out,
            "Bot language for new users (en, fa, ru)",
            Some(suggested),
            |a, text| {
                a.language = Some(text.to_owned());
                Ok(())
            },
        )?;
    }
    Ok(())
}

/// Asks one question until `apply` takes the answer and the result passes the check.
fn ask(
    answers: &mut Answers,
    secret_key: &str,
    input: &mut impl BufRead,
    out: &mut impl Write,
    question: &str,
    default: Option<&str>,
    apply: impl Fn(&mut Answers, &str) -> Result<(), String>,
) -> Result<(), PromptError> {
    loop {
        let text = read_answer(input, out, question, default)?;
        let mut candidate = answers.clone();
        if let Err(problem) = apply(&mut candidate, &text) {
            writeln!(out, "{problem}")?;
            continue;
        }
        match candidate.check(secret_key) {
            Ok(_) => {
                *answers = candidate;
                return Ok(());
            }
            Err(e) => writeln!(out, "{e}")?,
        }
    }
}

/// Prints `question [default]: ` and reads a non-empty line (the default for an empty one).
fn read_answer(
    input: &mut impl BufRead,
    out: &mut impl Write,
    question: &str,
    default: Option<&str>,
) -> Result<String, PromptError> {
    loop {
        match default {
            Some(default) => write!(out, "{question} [{default}]: ")?,
            None => write!(out, "{question}: ")?,
        }
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Err(PromptError::Ended);
        }
        let line = line.trim();
        match (line.is_empty(), default) {
            (false, _) => return Ok(line.to_owned()),
            (true, Some(default)) => return Ok(default.to_owned()),
            (true, None) => writeln!(out, "An answer is needed.")?,
        }
    }
}

/// `123, 456` → the ids.
fn parse_ids(line: &str) -> Result<Vec<i64>, String> {
    line.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse::<i64>()
                .map_err(|_| format!("{part:?} is not a numeric Telegram user id"))
        })
        .collect::<Result<Vec<_>, _>>()
        .and_then(|ids| {
            if ids.is_empty() {
                Err("at least one id is needed".to_owned())
            } else {
                Ok(ids)
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef";

    fn run(answers: &mut Answers, typed: &str) -> (Result<(), PromptError>, String) {
        let mut input = typed.as_bytes();
        let mut out = Vec::new();
        let result = ask_missing(answers, KEY, &mut input, &mut out);
        (result, String::from_utf8(out).unwrap())
    }

    #[test]
    fn every_missing_value_is_asked_and_defaults_are_kept_on_enter() {
        let mut answers = Answers::default();
        let (result, shown) = run(&mut answers, "123456:AAbb\n42, 43\n\nfa\n");
        result.unwrap();
        assert_eq!(answers.token.as_deref(), Some("123456:AAbb"));
        assert_eq!(answers.superadmins, [42, 43]);
        assert_eq!(answers.currency.as_deref(), Some("IRT"));
        assert_eq!(answers.language.as_deref(), Some("fa"));
        assert!(shown.contains("Currency (IRT, IRR, USD, EUR, RUB, TRY, AED, USDT, XTR) [IRT]: "));
    }

    #[test]
    fn the_suggested_language_is_persian_for_toman_and_rial_and_english_otherwise() {
        for (currency, language) in [("", "fa"), ("IRR", "fa"), ("USD", "en")] {
            let mut answers = Answers::default();
            let (result, shown) = run(&mut answers, &format!("123456:AAbb\n42\n{currency}\n\n"));
            result.unwrap();
            assert_eq!(answers.language.as_deref(), Some(language), "{currency:?}");
            assert!(shown.contains(&format!("(en, fa, ru) [{language}]: ")), "{shown}");
        }
    }

    #[test]
    fn a_refused_answer_is_asked_again_with_the_reason() {
        let mut answers = Answers::default();
        let (result, shown) = run(&mut answers, "hello\n123456:AAbb\nme\n42\nGBP\nusd\nen\n");
        result.unwrap();
        assert!(shown.contains("telegram.token is invalid"), "{shown}");
        assert!(shown.contains("\"me\" is not a numeric Telegram user id"), "{shown}");
        assert!(shown.contains("unknown currency \"GBP\""), "{shown}");
        assert_eq!(answers.currency.as_deref(), Some("usd"));
    }

    #[test]
    fn values_given_by_flags_are_not_asked() {
        let mut answers = Answers {
            token: Some("123456:AAbb".to_owned()),
            superadmins: vec![7],
            currency: Some("USD".to_owned()),
            language: Some("ru".to_owned()),
            database_url: None,
        };
        let (result, shown) = run(&mut answers, "");
        result.unwrap();
        assert_eq!(shown, "");
    }

    #[test]
    fn input_ending_early_stops_with_an_error() {
        let mut answers = Answers::default();
        let (result, _) = run(&mut answers, "123456:AAbb\n");
        assert!(matches!(result, Err(PromptError::Ended)));
    }
}
