#!/usr/bin/env bash
# Own-markup HTML validity: every page in the nav and a sample of detail pages, in English and Chinese, checked by the
# Nu HTML Checker (vnu-jar). Errors are split into this project's markup and MudBlazor's; the exit code is 1 while any of
# ours remains.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash tests/perf/htmlcheck.sh [--port 5096] [--no-build] [--verbose]

Builds src/LlmWatch.Web (Release; --no-build reuses the last one), starts it on 127.0.0.1 in Production with a fresh
SQLite file of its own (the seed imported on start), fetches every page in the nav plus a profile, a person, a model, the
source, /camps, /compare (empty and with two organisations), /changes, /camps/diff, a company diff and the sign-in page,
in English and in Chinese, and runs the Nu HTML Checker on the saved HTML. Prints per page the errors that come from
our markup and those MudBlazor's components emit (told apart by the element the error names: a `mud-` class and no `lw-`
class of ours on it), then every distinct error of each kind. --verbose prints each error with its extract.
Installs what is missing: Java (apt-get install -y default-jre-headless) and vnu-jar (npm, into tests/perf/.cache,
git-ignored). Loopback only; about 2 minutes with a build, 1 without. Pages: tests/perf/out/html/. Exit: 0 no error of
ours, 1 some, 64 usage.
EOF
}

port=5096; build=1; verbose=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --verbose) verbose=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done

cd "$(dirname "$0")/../.."
repo=$(pwd); out=$repo/tests/perf/out; pages=$out/html; cache=$repo/tests/perf/.cache
work=$(mktemp -d); app=""
source tests/perf/lib.sh
trap 'perf_stop; rm -rf "$work"' EXIT

if ! command -v java >/dev/null; then
  echo "installing Java (default-jre-headless) ..." >&2
  apt-get install -y -qq default-jre-headless >/dev/null
fi
vnu=$cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$vnu" ]; then
  echo "installing vnu-jar into $cache/vnu ..." >&2
  mkdir -p "$cache/vnu"
  npm install --silent --no-audit --no-fund --prefix "$cache/vnu" vnu-jar >/dev/null
fi

mkdir -p "$out"
built=$repo/src/LlmWatch.Web/bin/Release/net10.0
if [ "$build" = 1 ] || [ ! -f "$built/LlmWatch.Web.dll" ]; then
  dotnet build "$repo/src/LlmWatch.Web" -c Release -v quiet -nologo > "$out/htmlcheck-build.log" 2>&1 ||
    { echo "the build failed; see $out/htmlcheck-build.log" >&2; exit 1; }
fi

mkdir -p "$out"; rm -rf "$pages"; mkdir -p "$pages"
(cd "$built" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
  ConnectionStrings__LlmWatch="Data Source=$work/htmlcheck.db" Data__Directory="$repo/data" Hosting__HttpsRedirection=false \
  StaticAssets__ServeBuildOutput=true "${perf_unlimited[@]}" Serilog__MinimumLevel__Default=Warning \
  "Serilog__WriteTo__1__Args__path=$work/logs/llmwatch-.log" dotnet LlmWatch.Web.dll) > "$out/htmlcheck-app.log" 2>&1 &
app=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the app did not become healthy; see $out/htmlcheck-app.log" >&2; exit 1; }

paths=(/ /companies /camps /funding /valuations /timeline /models /people /compare "/compare?c=zhipu-ai,minimax"
  /companies/zhipu-ai /people/wang-xiaochuan /models/chatglm2-6b /sources/huxiu-2023-08-02 /changes /camps/diff
  /companies/zhipu-ai/diff /account/login)
for lang in en zh-CN; do
  jar=$work/cookies-$lang
  curl -s -o /dev/null -c "$jar" "http://127.0.0.1:$port/culture/set?culture=$lang&redirectUri=/"
  for path in "${paths[@]}"; do
    name=$(printf '%s' "$path" | sed -e 's|^/$|overview|' -e 's|^/||' -e 's|[/?=,&]|_|g')
    status=$(curl -s -b "$jar" -o "$pages/$lang--$name.html" -w '%{http_code}' --max-time 60 "http://127.0.0.1:$port$path")
    [ "$status" = 200 ] || { echo "$lang $path answered $status" >&2; exit 1; }
  done
done
perf_stop

java -Xss16m -jar "$vnu" --errors-only --format json "$pages"/*.html 2> "$work/vnu.json" || true

python3 - "$work/vnu.json" "$verbose" "$pages" <<'PY'
import json, os, re, sys
from collections import Counter, defaultdict
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

class Elements(HTMLParser):
    """Every start tag's position and the element it sits in, to name the parent an error is about."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags = [], []
    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        parent = self.stack[-1] if self.stack else ("", "")
        self.tags.append((self.getpos(), tag, cls, parent))
        if tag not in VOID:
            self.stack.append((tag, cls))
    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

parsed = {}
def element_at(path, line, column):
    if path not in parsed:
        p = Elements(); p.feed(open(path, encoding="utf-8").read()); parsed[path] = p.tags
    found = None
    for pos, tag, cls, parent in parsed[path]:
        if pos <= (line, column - 1):
            found = (tag, cls, parent)
        else:
            break
    return found

def mudblazor(cls):
    # An element MudBlazor renders carries its mud- classes; one we write carries lw- classes or none.
    return re.search(r"(^|\s)mud-", cls) is not None and re.search(r"(^|\s)lw-", cls) is None

report = json.load(open(sys.argv[1]))
verbose = sys.argv[2] == "1"
pages = defaultdict(lambda: [0, 0])
for f in os.listdir(sys.argv[3]):
    pages[f.removesuffix(".html")]
kinds = {"ours": Counter(), "mud": Counter()}
examples = {}
for m in report["messages"]:
    if m.get("type") != "error":
        continue
    path = m["url"].removeprefix("file:")
    page = os.path.basename(path).removesuffix(".html")
    extract = m.get("extract", "")
    start, length = m.get("hiliteStart", 0), m.get("hiliteLength", 0)
    tag = extract[start:start + length]
    element = element_at(path, m.get("lastLine", 1), m.get("firstColumn", 1)) or ("", "", ("", ""))
    if "not allowed as child of element" in m["message"]:
        # A misplaced child is the fault of whoever wrote the parent around it.
        blamed = element[2][1]
    elif "__internal_stoppropagation" in m["message"]:
        # Blazor writes a component's @onclick:stopPropagation as this attribute when rendering statically: MudBlazor's.
        named = re.search(r"(mud-[a-z-]+)", " ".join(re.findall(r'class="([^"]*)"', tag)) or element[1])
        blamed = named.group(1) if named else "mud-component"
    elif tag.startswith("<style") or "“style” element" in m["message"]:
        blamed = ""
    else:
        blamed = element[1]
    mud = mudblazor(blamed)
    kind = "mud" if mud else "ours"
    pages[page][0 if kind == "ours" else 1] += 1
    component = re.search(r"(mud-[a-z-]+)", blamed).group(1) if mud else ""
    key = (m["message"], component)
    kinds[kind][key] += 1
    examples.setdefault((kind, key), (page, tag))
    if verbose:
        print(f"[{kind}] {page}: {m['message']}\n    {extract!r}")

print("| page | errors from our markup | errors from MudBlazor components |")
print("| --- | ---: | ---: |")
for page in sorted(pages):
    print(f"| {page} | {pages[page][0]} | {pages[page][1]} |")
ours = sum(kinds["ours"].values()); mud = sum(kinds["mud"].values())
print(f"| **all** | **{ours}** | **{mud}** |")
for kind, title in (("ours", "Our markup"), ("mud", "MudBlazor components")):
    if not kinds[kind]:
        continue
    print(f"\n{title}: distinct errors (count, message, first page, element)")
    for (message, component), n in kinds[kind].most_common():
        page, tag = examples[(kind, (message, component))]
        print(f"- {n} × {message}{' [' + component + ']' if component else ''} — {page}: {tag[:160]}")
sys.exit(1 if ours else 0)
PY
