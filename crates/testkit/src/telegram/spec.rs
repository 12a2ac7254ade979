//! The Bot API as published: methods, their parameters and the types they nest, read from
//! the machine-readable spec (`crates/testkit/spec/telegram-botapi-spec.json`, Bot API 10.1,
//! a verbatim copy of `shared/reference/telegram-botapi-spec.json`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The spec text, compiled in so the fake needs no files at run time.
const SPEC_JSON: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/telegram-botapi-spec.json"));

/// One type a parameter or field accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TypeRef {
    Integer,
    Float,
    String,
    Boolean,
    InputFile,
    /// A named object type (possibly one with subtypes, e.g. `InputMedia`).
    Named(String),
    Array(Box<TypeRef>),
}

impl TypeRef {
    fn parse(text: &str) -> TypeRef {
        if let Some(inner) = text.strip_prefix("Array of ") {
            return TypeRef::Array(Box::new(TypeRef::parse(inner)));
        }
        match text {
            "Integer" | "Int" => TypeRef::Integer,
            "Float" | "Float number" => TypeRef::Float,
            "String" => TypeRef::String,
            "Boolean" | "True" | "False" => TypeRef::Boolean,
            "InputFile" => TypeRef::InputFile,
            other => TypeRef::Named(other.to_owned()),
        }
    }

    /// How the spec spells this type (`Array of InlineKeyboardButton`).
    pub(crate) fn describe(&self) -> String {
        match self {
            TypeRef::Integer => "Integer".to_owned(),
            TypeRef::Float => "Float".to_owned(),
            TypeRef::String => "String".to_owned(),
            TypeRef::Boolean => "Boolean".to_owned(),
            TypeRef::InputFile => "InputFile".to_owned(),
            TypeRef::Named(name) => name.clone(),
            TypeRef::Array(inner) => format!("Array of {}", inner.describe()),
        }
    }
}

/// A parameter of a method or a field of a type.
#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) types: Vec<TypeRef>,
    pub(crate) required: bool,
    /// For a subtype's discriminator (`type`, `source`, `status`): the one value it takes.
    pub(crate) constant: Option<String>,
}

/// A method of the Bot API.
#[derive(Clone, Debug)]
pub(crate) struct Method {
    /// The canonical spelling (`sendMessage`); lookups ignore case like the real server.
    pub(crate) name: String,
    pub(crate) fields: Vec<Field>,
    pub(crate) returns: Vec<TypeRef>,
}

/// An object type (with fields) or an abstract type (with subtypes).
#[derive(Clone, Debug)]
pub(crate) struct Type {
    pub(crate) name: String,
    pub(crate) fields: Vec<Field>,
    pub(crate) subtypes: Vec<String>,
}

/// The whole spec, indexed.
#[derive(Debug)]
pub(crate) struct Spec {
    methods: HashMap<String, Method>,
    types: HashMap<String, Type>,
}

#[derive(Deserialize)]
struct RawSpec {
    methods: HashMap<String, RawEntry>,
    types: HashMap<String, RawEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    name: String,
    #[serde(default)]
    fields: Vec<RawField>,
    #[serde(default)]
    returns: Vec<String>,
    #[serde(default)]
    subtypes: Vec<String>,
}

#[derive(Deserialize)]
struct RawField {
    name: String,
    types: Vec<String>,
    required: bool,
    #[serde(default)]
    description: String,
}

impl Spec {
    /// The parsed spec; parsed once per test process (it is immutable).
    pub(crate) fn get() -> &'static Spec {
        static SPEC: OnceLock<Spec> = OnceLock::new();
        SPEC.get_or_init(|| match serde_json::from_str::<RawSpec>(SPEC_JSON) {
            Ok(raw) => Spec::from_raw(raw),
            Err(e) => panic!("FakeTelegram: the bundled Bot API spec does not parse: {e}"),
        })
    }

    fn from_raw(raw: RawSpec) -> Spec {
        let methods = raw
            .methods
            .into_values()
            .map(|m| {
                let method = Method {
                    fields: m.fields.into_iter().map(field).collect(),
                    returns: m.returns.iter().map(|r| TypeRef::parse(r)).collect(),
                    name: m.name,
                };
                (method.name.to_ascii_lowercase(), method)
            })
            .collect();
        let types = raw
            .types
            .into_values()
            .map(|t| {
                let ty = Type {
                    fields: t.fields.into_iter().map(field).collect(),
                    subtypes: t.subtypes,
                    name: t.name,
                };
                (ty.name.clone(), ty)
            })
            .collect();
        Spec { methods, types }
    }

    /// The method with this name, ignoring ASCII case as the real server does.
    pub(crate) fn method(&self, name: &str) -> Option<&Method> {
        self.methods.get(&name.to_ascii_lowercase())
    }

    /// The type with this exact name.
    pub(crate) fn type_named(&self, name: &str) -> Option<&Type> {
        self.types.get(name)
    }
}

fn field(raw: RawField) -> Field {
    let constant = matches!(raw.name.as_str(), "type" | "source" | "status")
        .then(|| discriminator(&raw.description))
        .flatten();
    Field {
        types: raw.types.iter().map(|t| TypeRef::parse(t)).collect(),
        required: raw.required,
        name: raw.name,
        constant,
    }
}

/// `Type of the result, must be photo` / `always "user"` → the constant value.
fn discriminator(description: &str) -> Option<String> {
    let tail = description
        .rsplit_once("always ")
        .or_else(|| description.rsplit_once("must be "))?
        .1;
    let value: String = tail
        .trim_start_matches(['"', '“', '*'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_knows_send_message_and_its_required_parameters() {
        let spec = Spec::get();
        let method = spec.method("SENDMESSAGE").expect("sendMessage");
        assert_eq!(method.name, "sendMessage");
        let required: Vec<&str> = method
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(required, ["chat_id", "text"]);
    }

    #[test]
    fn subtype_discriminators_are_read_from_descriptions() {
        let spec = Spec::get();
        let photo = spec.type_named("InputMediaPhoto").expect("InputMediaPhoto");
        let ty = photo.fields.iter().find(|f| f.name == "type").expect("type field");
        assert_eq!(ty.constant.as_deref(), Some("photo"));
        let member = spec.type_named("ChatMemberBanned").expect("ChatMemberBanned");
        let status = member.fields.iter().find(|f| f.name == "status").expect("status");
        assert_eq!(status.constant.as_deref(), Some("kicked"));
    }

    #[test]
    fn nested_array_types_parse() {
        assert_eq!(
            TypeRef::parse("Array of Array of InlineKeyboardButton"),
            TypeRef::Array(Box::new(TypeRef::Array(Box::new(TypeRef::Named(
                "InlineKeyboardButton".to_owned()
            )))))
        );
    }
}
