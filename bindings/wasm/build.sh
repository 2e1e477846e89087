#!/usr/bin/env bash
# Builds the npm package `kesher` into bindings/wasm/pkg (or $KESHER_WASM_OUT) on a fresh machine:
#   - adds the wasm32-unknown-unknown target (rustup);
#   - installs wasm-bindgen-cli of exactly the version Cargo.lock pins for the crate (cargo install);
#   - compiles the crate for WebAssembly and generates the JavaScript glue (--target web, used by
#     both the browser entry index.js and the Node.js entry node.js);
#   - copies the hand-written API (js/) and prints the gzipped size of the .wasm.
# The package has two entries: `kesher` (pkg/: calendars, SLAs, cases, journeys, patterns,
# reading text, the playbook; the cargo features none) and `kesher/full` (pkg/full/: the
# importers, the report, insight and live cases too; the feature `full`). Both install the text
# scorer's model from pkg/text/ in init(). Functions an entry leaves out throw a KesherError of
# kind `unsupported`. Time zones come from the host's `Intl` (js/zones.js).
# `KESHER_WASM_FEATURES=a,b` makes one entry of those features instead (`none`: no feature), e.g.
# `full,tzdb` (the IANA database compiled in, about 130 KB more, gzipped) or `full,text-model`.
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

out="${KESHER_WASM_OUT:-pkg}"
rm -rf "$out"

# Panic locations name their source files. Written without this machine's folders (the checkout,
# the cargo registry), the package is the same bytes, and so the same size against its budget,
# wherever it is built (a clean clone in a longer path was a few bytes larger).
root=$(cd ../.. && pwd)
remap="--remap-path-prefix=$root=kesher"
for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  [ -d "$dir" ] && remap="$remap --remap-path-prefix=${dir%/}=crates"
done
export RUSTFLAGS="${RUSTFLAGS:-} $remap"

# One build into a folder, with its budget (bytes gzipped) and cargo features.
build() {
  local dir=$1 budget=$2
  shift 2
  cargo build --release --target wasm32-unknown-unknown --no-default-features "$@"
  wasm-bindgen --target web --weak-refs --remove-name-section --remove-producers-section --out-dir "$dir" --out-name kesher_wasm \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/kesher_wasm.wasm"
  # No wasm-opt: on this code Debian's binaryen (108) makes the gzipped .wasm larger (wasm-bindgen's
  # output 564 KB gzipped, after `wasm-opt -Oz` 674 KB; binaryen 132 from npm likewise) and breaks
  # the externref table the glue sets up. `KESHER_WASM_OPT=1` runs it anyway, to compare.
  if [ "${KESHER_WASM_OPT:-0}" = 1 ] && command -v wasm-opt >/dev/null 2>&1; then
    wasm-opt -Oz --all-features "$dir/kesher_wasm_bg.wasm" -o "$dir/kesher_wasm_bg.wasm"
  fi
  rm -f "$dir/.gitignore"
  python3 scripts/size.py "$dir/kesher_wasm_bg.wasm" --budget "$budget" --report-only
}

case "${KESHER_WASM_FEATURES:-default}" in
  # The package: the default entry, and everything in full/ (`kesher/full`).
  default)
    build "$out" 350000
    build "$out/full" 535000 --features full
    cp js/api.js js/index.d.ts js/node.d.ts "$out/full/"
    # The full entry's loaders find the shared text model one folder up.
    sed 's#"\./text/#"../text/#g' js/index.js >"$out/full/index.js"
    sed 's#"\./text/#"../text/#g' js/node.js >"$out/full/node.js"
    ;;
  none) build "$out" 350000 ;;
  *) build "$out" 535000 --features "$KESHER_WASM_FEATURES" ;;
esac

cp js/api.js js/index.js js/node.js js/index.d.ts js/node.d.ts js/package.json js/README.md "$out/"
# The text scorer's lexicon and model, installed by init() (see kesher::text::install_model).
mkdir -p "$out/text"
cp ../../crates/kesher/src/text/english.tsv ../../crates/kesher/src/text/hebrew.tsv \
  ../../crates/kesher/src/text/LICENSE-vader.txt "$out/text/"
python3 scripts/size.py --text "$out/text"
