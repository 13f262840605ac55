//! The links and the script that start the page's islands, in place of
//! Leptos' `HydrationScripts`: leptos 0.8.23 writes the CSP nonce (or, with
//! none, an empty value) into the preload links' `crossorigin`, an invalid
//! value that makes Firefox leave the preload unclaimed (leptos#4843). Here
//! the module preload carries no `crossorigin` (a module script is fetched
//! in CORS mode with same-origin credentials, as the preload is), and the
//! WebAssembly preload says `anonymous`, which is how wasm-bindgen's
//! `fetch` asks for it, so both preloads are claimed. The script's text
//! is fixed for a build, so the page's CSP allows it by its hash.

use leptos::config::LeptosOptions;
use leptos::prelude::*;
use std::sync::OnceLock;

const SCRIPT: &str = include_str!("islands.js");

/// The module and WebAssembly paths of this build: hashed names when the
/// build left its hash file beside the binary, wasm-bindgen's own otherwise.
fn paths(options: &LeptosOptions) -> &'static (String, String) {
    static PATHS: OnceLock<(String, String)> = OnceLock::new();
    PATHS.get_or_init(|| {
        let name = options.output_name.to_string();
        let pkg = options.site_pkg_dir.to_string();
        let hashes = options
            .hash_files
            .then(|| {
                let exe = std::env::current_exe().ok()?;
                std::fs::read_to_string(exe.parent()?.join(options.hash_file.as_ref())).ok()
            })
            .flatten();
        let hash_of = |kind: &str| {
            hashes.as_deref().and_then(|text| {
                text.lines().find_map(|line| {
                    let (file, hash) = line.trim().split_once(':')?;
                    (file == kind).then(|| hash.trim().to_owned())
                })
            })
        };
        match (hash_of("js"), hash_of("wasm")) {
            (Some(js), Some(wasm)) => (
                format!("/{pkg}/{name}.{js}.js"),
                format!("/{pkg}/{name}.{wasm}.wasm"),
            ),
            _ => {
                if options.hash_files {
                    tracing::error!("file hashing is on but the hash file could not be read");
                }
                // cargo-leptos names the WebAssembly after the output name
                // (and says so at compile time); wasm-bindgen alone adds `_bg`.
                let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
                    name.clone()
                } else {
                    format!("{name}_bg")
                };
                (format!("/{pkg}/{name}.js"), format!("/{pkg}/{wasm}.wasm"))
            }
        }
    })
}

/// The inline script: the bootstrap, without its comments, called with
/// the two paths.
fn start_script(module: &str, wasm: &str) -> String {
    let body: Vec<&str> = SCRIPT
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect();
    format!(
        "{}({},{});",
        body.join("\n").trim(),
        serde_json::to_string(module).unwrap_or_default(),
        serde_json::to_string(wasm).unwrap_or_default()
    )
}

/// Preloads the islands' module and WebAssembly and starts them when the
/// browser is idle. Belongs in the `<head>`.
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // Outside islands the server writes no hydration markers.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let (module, wasm) = paths(&options);
    let start = start_script(module, wasm);
    view! {
        <link rel="modulepreload" href=module.clone() />
        <link
            rel="preload"
            href=wasm.clone()
            r#as="fetch"
            r#type="application/wasm"
            crossorigin="anonymous"
        />
        <script type="module">{start}</script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_script_calls_the_bootstrap_with_both_paths() {
        let options = LeptosOptions::builder()
            .output_name("gongkai")
            .site_pkg_dir("pkg")
            .hash_files(false)
            .build();
        let (module, wasm) = paths(&options);
        assert_eq!(module, "/pkg/gongkai.js");
        assert!(
            wasm == "/pkg/gongkai_bg.wasm" || wasm == "/pkg/gongkai.wasm",
            "{wasm}"
        );
        let start = start_script(module, wasm);
        assert!(start.starts_with("((moduleUrl, wasmUrl) =>"), "{start}");
        assert!(
            start.ends_with(r#"})("/pkg/gongkai.js","/pkg/gongkai_bg.wasm");"#)
                || start.ends_with(r#"})("/pkg/gongkai.js","/pkg/gongkai.wasm");"#),
            "{start}"
        );
        assert!(!start.contains("//"), "comments are left out of every page");
    }
}
