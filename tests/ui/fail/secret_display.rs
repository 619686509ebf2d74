// A token cannot be printed by accident: `Secret` has no `Display`, and its `Debug` is redacted.
use approval_api::runtime::Secret;

fn main() {
    let token: Secret<String> = Secret::from("t-123");
    println!("{token}");
}
