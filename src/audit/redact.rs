//! Keeps secrets out of the usage history.

use serde_json::Value;

/// Replaces the value of every key that names a secret, at any depth.
pub fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if is_secret(key) {
                    *inner = Value::String("[REDACTED]".into());
                } else {
                    redact(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

fn is_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["password", "token", "secret"]
        .iter()
        .any(|word| key.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_at_any_depth() {
        let mut value = serde_json::json!({
            "input": {"email": "a@b.co", "password": "x", "nested": [{"refreshToken": "y"}]},
            "currentPassword": "z"
        });
        redact(&mut value);
        assert_eq!(value["input"]["email"], "a@b.co");
        assert_eq!(value["input"]["password"], "[REDACTED]");
        assert_eq!(value["input"]["nested"][0]["refreshToken"], "[REDACTED]");
        assert_eq!(value["currentPassword"], "[REDACTED]");
    }
}
