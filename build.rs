// The bundled content is embedded with include_dir, which tracks the files it
// saw but not files added later: rebuild when either folder changes.
fn main() {
    println!("cargo:rerun-if-changed=exercises");
    println!("cargo:rerun-if-changed=quizzes");
    println!("cargo:rerun-if-changed=build.rs");
}
