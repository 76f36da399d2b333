# Shared by bench/*.sh: a JDK >= 21, the compiled code and the class paths Maven writes to target/.
# shellcheck shell=bash

# The first java of JAVA_HOME, PATH, ~/.m2/toolchains.xml and /usr/lib/jvm that is version 21 or newer.
find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  if [ -f "$HOME/.m2/toolchains.xml" ]; then
    while IFS= read -r home; do candidates+=("$home/bin/java"); done \
      < <(sed -n 's:.*<jdkHome>\(.*\)</jdkHome>.*:\1:p' "$HOME/.m2/toolchains.xml")
  fi
  for home in /usr/lib/jvm/*; do candidates+=("$home/bin/java"); done
  local java version
  for java in "${candidates[@]}"; do
    [ -x "$java" ] || continue
    version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$java"
      return 0
    fi
  done
  echo "bench: no JDK 21 or newer found (set JAVA_HOME)" >&2
  return 1
}

# Compiles main and test code (src/embedded) and writes target/runtime-classpath.txt and target/test-classpath.txt.
build() {
  if ! mvn -o -q -B test-compile; then
    echo "bench: offline build failed; trying online" >&2
    mvn -q -B test-compile
  fi
}

# Copies the compiled code and the class path files to $1 (e.g. target/bench/code), so that a build running
# meanwhile (mvn verify in the same working tree) cannot change the classes under a running orchestrator.
# Orchestrators are started from there (-Dringback.target=$1).
snapshot() {
  rm -rf "$1"
  mkdir -p "$1"
  cp -r target/classes target/test-classes target/runtime-classpath.txt target/test-classpath.txt "$1"/
}

# The class path of the sandbox, the chaos run and the benchmark (tests' class path: src/embedded and its deps),
# in the directory of compiled code $1 (default target).
test_classpath() {
  local dir=${1:-target}
  echo "$dir/test-classes:$dir/classes:$(cat "$dir/test-classpath.txt")"
}
