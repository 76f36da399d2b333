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

# The class path of the sandbox, the chaos run and the benchmark (tests' class path: src/embedded and its deps).
test_classpath() {
  echo "target/test-classes:target/classes:$(cat target/test-classpath.txt)"
}
