#!/usr/bin/env bash
# Builds the npm package `kesher` into bindings/wasm/pkg (or $KESHER_WASM_OUT) on a fresh machine:
#   - adds the wasm32-unknown-unknown target (rustup);
#   - installs wasm-bindgen-cli of exactly the version Cargo.lock pins for the crate (cargo install);
#   - compiles the crate for WebAssembly and generates the JavaScript glue (--target web, used by
#     both the browser entry index.js and the Node.js entry node.js);
#   - copies the hand-written API (js/) and prints the gzipped size of the .wasm.
# Time zones come from the host's `Intl` (js/zones.js); `KESHER_WASM_FEATURES=import,report,insight,live,tzdb`
# compiles the IANA database in instead (about 130 KB more, gzipped). Trim the .wasm with
# `KESHER_WASM_FEATURES=none` (no importers, report or insight; or a list such as
# `KESHER_WASM_FEATURES=insight`): functions left out throw a KesherError of kind `unsupported`.
set -euo pipefail
cd "$(dirname "$0")"

if command -v rustup >/dev/null 2>&1; then
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
fi

version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$version" ]; then
  echo "installing wasm-bindgen-cli $version" >&2
  # --locked first; a registry mirror that lacks one of the CLI's locked dependencies makes it
  # fail, and then the newest compatible versions are used.
  cargo install wasm-bindgen-cli --version "$version" --locked \
    || cargo install wasm-bindgen-cli --version "$version"
fi

features=()
case "${KESHER_WASM_FEATURES:-default}" in
  default) ;;
  none) features=(--no-default-features) ;;
  *) features=(--no-default-features --features "$KESHER_WASM_FEATURES") ;;
esac
cargo build --release --target wasm32-unknown-unknown "${features[@]}"

out="${KESHER_WASM_OUT:-pkg}"
rm -rf "$out"
wasm-bindgen --target web --weak-refs --remove-name-section --remove-producers-section --out-dir "$out" --out-name kesher_wasm \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/kesher_wasm.wasm"

# No wasm-opt: on this code Debian's binaryen (108) makes the gzipped .wasm larger (wasm-bindgen's
# output 564 KB gzipped, after `wasm-opt -Oz` 674 KB; binaryen 132 from npm likewise) and breaks
# the externref table the glue sets up. `KESHER_WASM_OPT=1` runs it anyway, to compare.
if [ "${KESHER_WASM_OPT:-0}" = 1 ] && command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -Oz --all-features "$out/kesher_wasm_bg.wasm" -o "$out/kesher_wasm_bg.wasm"
fi

cp js/api.js js/index.js js/node.js js/index.d.ts js/node.d.ts js/package.json js/README.md "$out/"
rm -f "$out/.gitignore"
python3 scripts/size.py "$out/kesher_wasm_bg.wasm" --report-only
